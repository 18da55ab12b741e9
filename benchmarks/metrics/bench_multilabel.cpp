// Multilabel metrics on 1e6 rows x 20 labels (uint8 indicator matrices,
// float64 scores), plus a baseline: one sequential read of both indicator
// matrices (memory bandwidth).
//
// Data: when ASSAY_MULTILABEL_BENCH_DATA names a directory, the matrices are
// read from the raw files compare_multilabel.py writes there (y.u8, p.u8,
// s.f64, row-major, 20 columns), so both sides measure the same data;
// otherwise they are generated here with assay::rng. Rows/s are reported as
// items_per_second.
#include "bench_data.hpp"

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr std::size_t labels = 20;
constexpr std::size_t default_rows = 1'000'000;

struct dataset {
    std::vector<std::uint8_t> y, p;  // indicator matrices
    std::vector<double> s;           // scores
    std::size_t rows = 0;
};

const dataset& data() {
    static const dataset d = [] {
        dataset r;
        if (const char* dir = std::getenv("ASSAY_MULTILABEL_BENCH_DATA")) {
            const std::string base(dir);
            r.y = assay_bench::read_raw<std::uint8_t>(base + "/y.u8");
            r.p = assay_bench::read_raw<std::uint8_t>(base + "/p.u8");
            r.s = assay_bench::read_raw<double>(base + "/s.f64");
            r.rows = r.y.size() / labels;
            return r;
        }
        assay::rng g(42);
        r.rows = default_rows;
        const std::size_t n = r.rows * labels;
        r.y.resize(n), r.p.resize(n), r.s.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            // Label k is present with probability 0.05 + 0.01 k; predictions
            // flip 10% of the cells; scores separate the classes partly.
            const double prior = 0.05 + 0.01 * static_cast<double>(i % labels);
            r.y[i] = assay::uniform_real(g) < prior ? 1 : 0;
            r.p[i] = assay::uniform_real(g) < 0.9 ? r.y[i] : static_cast<std::uint8_t>(1 - r.y[i]);
            r.s[i] = assay::uniform_real(g) + (r.y[i] ? 0.5 : 0.0);
        }
        return r;
    }();
    return d;
}

assay::matrix_view<const std::uint8_t> y_true() { return {data().y.data(), data().rows, labels}; }
assay::matrix_view<const std::uint8_t> y_pred() { return {data().p.data(), data().rows, labels}; }
assay::matrix_view<const double> y_score() { return {data().s.data(), data().rows, labels}; }

void set_rows(benchmark::State& st) { assay_bench::set_rows(st, data().rows); }

// Baseline: read both indicator matrices once.
void BM_read_bandwidth(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) {
        std::uint64_t a = 0, b = 0;
        for (std::size_t i = 0; i < d.y.size(); ++i) a += d.y[i], b += d.p[i];
        benchmark::DoNotOptimize(a);
        benchmark::DoNotOptimize(b);
    }
    set_rows(st);
}

void BM_hamming_loss(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::hamming_loss(y_true(), y_pred()));
    set_rows(st);
}

void BM_subset_accuracy(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::accuracy_score(y_true(), y_pred()));
    set_rows(st);
}

void BM_f1_samples(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::f1_score(y_true(), y_pred(), assay::average::samples));
    set_rows(st);
}

void BM_f1_macro(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::f1_score(y_true(), y_pred(), assay::average::macro));
    set_rows(st);
}

void BM_lrap(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::label_ranking_average_precision_score(y_true(), y_score()));
    set_rows(st);
}

void BM_coverage_error(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::coverage_error(y_true(), y_score()));
    set_rows(st);
}

void BM_label_ranking_loss(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::label_ranking_loss(y_true(), y_score()));
    set_rows(st);
}

void BM_roc_auc_macro(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::roc_auc_score(y_true(), y_score()));
    set_rows(st);
}

void BM_roc_auc_micro(benchmark::State& st) {
    (void)data();  // generated or read once, outside the timed loop
    for (auto _ : st) benchmark::DoNotOptimize(assay::roc_auc_score(y_true(), y_score(), assay::average::micro));
    set_rows(st);
}

}  // namespace

BENCHMARK(BM_read_bandwidth)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_hamming_loss)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_subset_accuracy)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_f1_samples)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_f1_macro)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_lrap)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_coverage_error)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_label_ranking_loss)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_roc_auc_macro)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK(BM_roc_auc_micro)->Unit(benchmark::kMillisecond)->MinTime(0.3);
BENCHMARK_MAIN();
