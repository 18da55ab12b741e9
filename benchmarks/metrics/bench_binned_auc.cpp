// Bounded-memory streaming ROC AUC (assay::binned_auc): batch update rate at
// 1e7 rows for float and double scores with uint8, int32 and int64 labels, on
// spread-out scores and on scores piled up near 0 and 1 (a confident model:
// many rows share bins). Baselines in the same binary: a plain read of the
// same arrays (memory bandwidth) and the exact full-pass roc_auc_score.
// Also the update rate of the windowed and decayed confusion counts.
//
// Data: when ASSAY_METRICS_BENCH_DATA names a directory holding the raw
// files compare_binned_auc.py writes (yb.u8, prob.f64), they are used, so
// both sides measure the same data; otherwise they are generated with
// assay::rng. Rows/s are reported as items_per_second.
#include "bench_data.hpp"

#include <assay/metrics/binned_auc.hpp>
#include <assay/metrics/curves.hpp>
#include <assay/metrics/windowed.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

constexpr std::size_t default_rows = 10'000'000;

struct dataset {
    std::vector<std::uint8_t> y8;
    std::vector<std::int32_t> y32;
    std::vector<std::int64_t> y64;
    std::vector<double> prob, sharp;  // spread-out / piled-up probabilities
    std::vector<float> prob_f, sharp_f;
};

const dataset& data() {
    static const dataset d = [] {
        dataset r;
        if (const char* dir = std::getenv("ASSAY_METRICS_BENCH_DATA")) {
            const std::string base(dir);
            r.y8 = assay_bench::read_raw<std::uint8_t>(base + "/yb.u8");
            r.prob = assay_bench::read_raw<double>(base + "/prob.f64");
        } else {
            assay::rng g(42);
            r.y8.resize(default_rows);
            r.prob.resize(default_rows);
            for (std::size_t i = 0; i < default_rows; ++i) {
                r.y8[i] = assay::uniform_real(g) < 0.3 ? 1 : 0;
                const double s = assay::uniform_real(g) * 2.0 - 1.0 + (r.y8[i] ? 0.8 : 0.0);
                r.prob[i] = 1.0 / (1.0 + std::exp(-2.0 * s));
            }
        }
        const std::size_t n = r.y8.size();
        r.y32.assign(r.y8.begin(), r.y8.end());
        r.y64.assign(r.y8.begin(), r.y8.end());
        r.sharp.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            // Logit stretched 8 times: most probabilities end within 1e-3 of 0 or 1.
            const double z = std::log(r.prob[i] / (1.0 - r.prob[i]));
            r.sharp[i] = 1.0 / (1.0 + std::exp(-8.0 * z));
        }
        r.prob_f.assign(r.prob.begin(), r.prob.end());
        r.sharp_f.assign(r.sharp.begin(), r.sharp.end());
        return r;
    }();
    return d;
}

using assay_bench::set_rows;

// Baseline: one read of the labels and the double scores (9 bytes a row).
void BM_read_bandwidth(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) {
        double s0 = 0, s1 = 0;
        std::uint64_t c = 0;
        const std::size_t n = d.prob.size();
        for (std::size_t i = 0; i + 2 <= n; i += 2) s0 += d.prob[i], s1 += d.prob[i + 1], c += d.y8[i] + d.y8[i + 1];
        benchmark::DoNotOptimize(s0 + s1 + static_cast<double>(c));
    }
    set_rows(st, data().prob.size());
}
BENCHMARK(BM_read_bandwidth)->Unit(benchmark::kMillisecond);

template <class L, class S>
void run_binned(benchmark::State& st, const std::vector<L>& y, const std::vector<S>& s) {
    assay::binned_auc acc(assay::binned_auc_options{}.with_bins(static_cast<std::size_t>(st.range(0))));
    for (auto _ : st) {
        acc.reset();
        acc.update(y, s);
        benchmark::DoNotOptimize(acc.n_samples());
    }
    st.counters["auc"] = acc.roc_auc();
    set_rows(st, y.size());
}

void BM_binned_auc_u8_f64(benchmark::State& st) { run_binned(st, data().y8, data().prob); }
void BM_binned_auc_u8_f32(benchmark::State& st) { run_binned(st, data().y8, data().prob_f); }
void BM_binned_auc_i32_f64(benchmark::State& st) { run_binned(st, data().y32, data().prob); }
void BM_binned_auc_i64_f64(benchmark::State& st) { run_binned(st, data().y64, data().prob); }
void BM_binned_auc_i32_f32(benchmark::State& st) { run_binned(st, data().y32, data().prob_f); }
void BM_binned_auc_u8_f64_piled(benchmark::State& st) { run_binned(st, data().y8, data().sharp); }
void BM_binned_auc_u8_f32_piled(benchmark::State& st) { run_binned(st, data().y8, data().sharp_f); }
BENCHMARK(BM_binned_auc_u8_f64)->Arg(4096)->Arg(256)->Arg(65536)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_u8_f32)->Arg(4096)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_i32_f64)->Arg(4096)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_i64_f64)->Arg(4096)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_i32_f32)->Arg(4096)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_u8_f64_piled)->Arg(4096)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_binned_auc_u8_f32_piled)->Arg(4096)->Unit(benchmark::kMillisecond);

// Worst case for the histogram: every score in one bin, so every increment
// hits one of two cells.
void BM_binned_auc_u8_f64_one_bin(benchmark::State& st) {
    static const std::vector<double> same(data().y8.size(), 0.5);
    run_binned(st, data().y8, same);
}
BENCHMARK(BM_binned_auc_u8_f64_one_bin)->Arg(4096)->Unit(benchmark::kMillisecond);

// Small batches (1000 rows per update call), the streaming use.
void BM_binned_auc_u8_f64_batches_of_1000(benchmark::State& st) {
    const auto& d = data();
    assay::binned_auc acc;
    const std::size_t n = d.prob.size();
    for (auto _ : st) {
        acc.reset();
        for (std::size_t i = 0; i + 1000 <= n; i += 1000)
            acc.update(d.y8.data() + i, d.y8.data() + i + 1000, d.prob.data() + i);
        benchmark::DoNotOptimize(acc.n_samples());
    }
    set_rows(st, n / 1000 * 1000);
}
BENCHMARK(BM_binned_auc_u8_f64_batches_of_1000)->Unit(benchmark::kMillisecond);

// One row per call.
void BM_binned_auc_per_row(benchmark::State& st) {
    const auto& d = data();
    assay::binned_auc acc;
    const std::size_t n = d.prob.size();
    for (auto _ : st) {
        acc.reset();
        for (std::size_t i = 0; i < n; ++i) acc.update(d.y8[i], d.prob[i]);
        benchmark::DoNotOptimize(acc.n_samples());
    }
    set_rows(st, n);
}
BENCHMARK(BM_binned_auc_per_row)->Unit(benchmark::kMillisecond);

// The value from the histogram (O(B)).
void BM_binned_auc_value(benchmark::State& st) {
    assay::binned_auc acc;
    acc.update(data().y8, data().prob);
    for (auto _ : st) benchmark::DoNotOptimize(acc.roc_auc());
}
BENCHMARK(BM_binned_auc_value);

// Baseline: the exact full pass over the same rows.
void BM_exact_roc_auc_score(benchmark::State& st) {
    const auto& d = data();
    for (auto _ : st) benchmark::DoNotOptimize(assay::roc_auc_score(d.y8, d.prob));
    set_rows(st, d.prob.size());
}
BENCHMARK(BM_exact_roc_auc_score)->Unit(benchmark::kMillisecond);

// Windowed (last 10000 rows) and decayed confusion counts of binary hard
// predictions (prob >= 0.5), one row per call and in batches.
const std::vector<std::uint8_t>& predictions() {
    static const std::vector<std::uint8_t> p = [] {
        std::vector<std::uint8_t> r(data().prob.size());
        for (std::size_t i = 0; i < r.size(); ++i) r[i] = data().prob[i] >= 0.5 ? 1 : 0;
        return r;
    }();
    return p;
}

void BM_windowed_counts_per_row(benchmark::State& st) {
    const auto& y = data().y8;
    const auto& p = predictions();
    assay::windowed_confusion_counts acc(10000);
    for (auto _ : st) {
        for (std::size_t i = 0; i < y.size(); ++i) acc.update(y[i], p[i]);
        benchmark::DoNotOptimize(acc.n_seen());
    }
    st.counters["f1"] = acc.f1();
    set_rows(st, y.size());
}
BENCHMARK(BM_windowed_counts_per_row)->Unit(benchmark::kMillisecond);

void BM_windowed_counts_batch(benchmark::State& st) {
    const auto& y = data().y8;
    const auto& p = predictions();
    assay::windowed_confusion_counts acc(10000);
    for (auto _ : st) {
        acc.update(y, p);
        benchmark::DoNotOptimize(acc.n_seen());
    }
    set_rows(st, y.size());
}
BENCHMARK(BM_windowed_counts_batch)->Unit(benchmark::kMillisecond);

void BM_decayed_counts_per_row(benchmark::State& st) {
    const auto& y = data().y8;
    const auto& p = predictions();
    auto acc = assay::decayed_confusion_counts::from_half_life(5000.0);
    for (auto _ : st) {
        for (std::size_t i = 0; i < y.size(); ++i) acc.update(y[i], p[i]);
        benchmark::DoNotOptimize(acc.n_seen());
    }
    st.counters["f1"] = acc.f1();
    set_rows(st, y.size());
}
BENCHMARK(BM_decayed_counts_per_row)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
