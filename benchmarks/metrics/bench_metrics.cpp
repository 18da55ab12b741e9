// Classification metrics at 1e7 rows (int64 labels, float64 scores), plus
// the two baselines the targets are stated against: a sequential read of the
// label arrays (memory bandwidth) and the library's radix sort of the scores.
//
// Data: when ASSAY_METRICS_BENCH_DATA names a directory, the arrays are read
// from the raw files compare_sklearn.py writes there (so both sides measure
// the same data); otherwise they are generated here with assay::rng.
// Rows/s are reported as items_per_second.
#include "bench_data.hpp"

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr std::size_t default_rows = 10'000'000;

struct dataset {
    std::vector<std::int64_t> y10, p10;  // 10 classes
    std::vector<std::int64_t> yb, pb;    // binary
    std::vector<double> score;           // real-valued score for yb
    std::vector<double> prob;            // probability of class 1 for yb
    std::vector<double> conf;            // a confident model's probabilities: sigmoid(12 score)
};

using assay_bench::read_raw;

const dataset& data() {
    static const dataset d = [] {
        dataset r;
        if (const char* dir = std::getenv("ASSAY_METRICS_BENCH_DATA")) {
            const std::string base(dir);
            r.y10 = read_raw<std::int64_t>(base + "/y10.i64");
            r.p10 = read_raw<std::int64_t>(base + "/p10.i64");
            r.yb = read_raw<std::int64_t>(base + "/yb.i64");
            r.pb = read_raw<std::int64_t>(base + "/pb.i64");
            r.score = read_raw<double>(base + "/score.f64");
            r.prob = read_raw<double>(base + "/prob.f64");
            r.conf = read_raw<double>(base + "/conf.f64");
            return r;
        }
        assay::rng g(42);
        const std::size_t n = default_rows;
        r.y10.resize(n), r.p10.resize(n), r.yb.resize(n), r.pb.resize(n), r.score.resize(n), r.prob.resize(n);
        r.conf.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            r.y10[i] = static_cast<std::int64_t>(assay::uniform_index(g, 10));
            r.p10[i] = assay::uniform_real(g) < 0.7 ? r.y10[i] : static_cast<std::int64_t>(assay::uniform_index(g, 10));
            r.yb[i] = assay::uniform_real(g) < 0.3 ? 1 : 0;
            const double s = assay::uniform_real(g) * 2.0 - 1.0 + (r.yb[i] ? 0.8 : 0.0);
            r.score[i] = s;
            r.prob[i] = 1.0 / (1.0 + std::exp(-2.0 * s));
            r.conf[i] = 1.0 / (1.0 + std::exp(-12.0 * s));
            r.pb[i] = r.prob[i] >= 0.5 ? 1 : 0;
        }
        return r;
    }();
    return d;
}

using assay_bench::set_rows;

// Baseline: read both 10-class label arrays once (160 MB at 1e7 rows).
void BM_read_bandwidth(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) {
        std::int64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        const std::size_t n = d.y10.size();
        const std::int64_t* a = d.y10.data();
        const std::int64_t* b = d.p10.data();
        for (std::size_t i = 0; i + 2 <= n; i += 2) {
            s0 += a[i], s1 += a[i + 1], s2 += b[i], s3 += b[i + 1];
        }
        benchmark::DoNotOptimize(s0 + s1 + s2 + s3);
    }
    set_rows(st, d.y10.size());
    st.counters["bytes"] = static_cast<double>(2 * d.y10.size() * sizeof(std::int64_t));
}

void BM_accuracy(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::accuracy_score(d.y10, d.p10));
    set_rows(st, d.y10.size());
}

void BM_confusion_matrix_10(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) {
        auto c = assay::confusion_matrix(d.y10, d.p10);
        benchmark::DoNotOptimize(c(0, 0));
    }
    set_rows(st, d.y10.size());
}

void BM_f1_binary(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::f1_score(d.yb, d.pb));
    set_rows(st, d.yb.size());
}

void BM_f1_macro_10(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::f1_score(d.y10, d.p10, assay::average::macro));
    set_rows(st, d.y10.size());
}

// Streaming: batches of 64k rows into one accumulator with declared labels.
void BM_confusion_accumulator_batches(benchmark::State& st) {
    const auto& d = data();
    const std::size_t batch = 65536;
    assay::confusion_counts acc({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    std::vector<std::int64_t> yt(d.y10.begin(), d.y10.begin() + batch), yp(d.p10.begin(), d.p10.begin() + batch);
    for (auto _ : st) acc.update(yt, yp);
    set_rows(st, batch);
    benchmark::DoNotOptimize(acc.total());
}

void BM_log_loss(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::log_loss(d.yb, d.prob));
    set_rows(st, d.yb.size());
}

void BM_roc_auc(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::roc_auc_score(d.yb, d.score));
    set_rows(st, d.yb.size());
}

// Scores crowded near 0 and 1 (a confident model): the bucketed walk's hard case.
void BM_roc_auc_confident(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::roc_auc_score(d.yb, d.conf));
    set_rows(st, d.yb.size());
}

void BM_average_precision(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::average_precision_score(d.yb, d.score));
    set_rows(st, d.yb.size());
}

// Baseline: the library's radix sort of the scores' keys (what AUC must sort).
void BM_sort_scores(benchmark::State& st) {
    const auto& d = data();
    std::vector<std::uint64_t> keys(d.score.size());
    for (auto _ : st) {
        for (std::size_t i = 0; i < d.score.size(); ++i) keys[i] = assay::detail::ascending_key(d.score[i]);
        assay::detail::radix_sort_keys(keys);
        benchmark::DoNotOptimize(keys.data());
    }
    set_rows(st, d.score.size());
}

// Reference point: std::sort of the same keys.
void BM_std_sort_scores(benchmark::State& st) {
    const auto& d = data();
    std::vector<double> s(d.score.size());
    for (auto _ : st) {
        s = d.score;
        std::sort(s.begin(), s.end());
        benchmark::DoNotOptimize(s.data());
    }
    set_rows(st, d.score.size());
}

}  // namespace

// Whole-array benchmarks time single calls, 15 of them: compare_sklearn.py
// takes the best, as it does for scikit-learn (on a shared machine, bursts of
// interference land in a mean of many calls; a call's best is what the code
// costs).
#define ASSAY_WHOLE_ARRAY(bm) BENCHMARK(bm)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(15)
ASSAY_WHOLE_ARRAY(BM_read_bandwidth);
ASSAY_WHOLE_ARRAY(BM_accuracy);
ASSAY_WHOLE_ARRAY(BM_confusion_matrix_10);
ASSAY_WHOLE_ARRAY(BM_f1_binary);
ASSAY_WHOLE_ARRAY(BM_f1_macro_10);
BENCHMARK(BM_confusion_accumulator_batches)->Unit(benchmark::kMicrosecond);
ASSAY_WHOLE_ARRAY(BM_log_loss);
ASSAY_WHOLE_ARRAY(BM_roc_auc);
ASSAY_WHOLE_ARRAY(BM_average_precision);
ASSAY_WHOLE_ARRAY(BM_roc_auc_confident);
ASSAY_WHOLE_ARRAY(BM_sort_scores);
ASSAY_WHOLE_ARRAY(BM_std_sort_scores);

BENCHMARK_MAIN();
