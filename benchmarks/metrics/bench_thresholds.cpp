// Threshold sweep, cost curve and baselines at 1e7 rows (int64 labels,
// float64 scores), against the cumulative counts they are built on
// (binary_clf_curve: radix sort + one walk).
//
// Data: when ASSAY_THRESHOLDS_BENCH_DATA names a directory, the arrays are
// read from the raw files compare_thresholds.py writes there (yb.i64,
// score.f64), so both sides measure the same data; otherwise they are
// generated here with assay::rng. Rows/s are reported as items_per_second.
#include "bench_data.hpp"

#include <assay/metrics.hpp>
#include <assay/metrics/baselines.hpp>
#include <assay/metrics/thresholds.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct dataset {
    std::vector<std::int64_t> y;
    std::vector<double> score;
};

using assay_bench::read_raw;

const dataset& data() {
    static const dataset d = [] {
        dataset r;
        if (const char* dir = std::getenv("ASSAY_THRESHOLDS_BENCH_DATA")) {
            r.y = read_raw<std::int64_t>(std::string(dir) + "/yb.i64");
            r.score = read_raw<double>(std::string(dir) + "/score.f64");
            return r;
        }
        assay::rng g(42);
        const std::size_t n = 10'000'000;
        r.y.resize(n), r.score.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            r.y[i] = assay::uniform_real(g) < 0.3 ? 1 : 0;
            r.score[i] = assay::uniform_real(g) * 2.0 - 1.0 + (r.y[i] ? 0.8 : 0.0);
        }
        return r;
    }();
    return d;
}

void set_rows(benchmark::State& st) { assay_bench::set_rows(st, data().y.size()); }

void BM_binary_clf_curve(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::binary_clf_curve(d.y, d.score));
    set_rows(st);
}
BENCHMARK(BM_binary_clf_curve)->Unit(benchmark::kMillisecond);

void BM_threshold_sweep(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::threshold_sweep(d.y, d.score));
    set_rows(st);
}
BENCHMARK(BM_threshold_sweep)->Unit(benchmark::kMillisecond);

void BM_threshold_for_precision(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st)
        benchmark::DoNotOptimize(assay::threshold_for_precision(assay::threshold_sweep(d.y, d.score), 0.8));
    set_rows(st);
}
BENCHMARK(BM_threshold_for_precision)->Unit(benchmark::kMillisecond);

void BM_cost_curve(benchmark::State& st) {
    const auto& d = data();
    const auto o = assay::cost_options().with_cost_fp(1.0).with_cost_fn(5.0).with_benefit_tp(0.5);
    for (auto _ : st) benchmark::DoNotOptimize(assay::cost_curve(d.y, d.score, o));
    set_rows(st);
}
BENCHMARK(BM_cost_curve)->Unit(benchmark::kMillisecond);

void BM_classification_baselines(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::classification_baselines(d.y));
    set_rows(st);
}
BENCHMARK(BM_classification_baselines)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
