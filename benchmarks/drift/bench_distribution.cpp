// Feature-distribution drift statistics at serving scale: two samples of
// 1e6 values (reference N(0,1), current N(0.05, 1)). compare_scipy.py runs
// scipy on samples of the same sizes and prints both sides and the ratio.
#include <assay/drift/distribution.hpp>
#include <assay/drift/window_monitor.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

namespace {

std::vector<double> normal_sample(std::size_t n, double shift, std::uint64_t seed) {
    assay::rng g(seed);
    std::vector<double> v(n);
    for (auto& x : v) {
        const double u1 = 1.0 - assay::uniform_real(g), u2 = assay::uniform_real(g);
        x = shift + std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    return v;
}

const std::vector<double>& reference(std::size_t n) {
    static std::vector<double> v = normal_sample(1000000, 0.0, 1);
    static std::vector<double> small;
    if (n == v.size()) return v;
    small.assign(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n));
    return small;
}

const std::vector<double>& current(std::size_t n) {
    static std::vector<double> v = normal_sample(1000000, 0.05, 2);
    static std::vector<double> small;
    if (n == v.size()) return v;
    small.assign(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n));
    return small;
}

void bm_ks_2samp_asymp(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = reference(n);
    const auto b = current(n);
    assay::drift::ks_options o;
    o.method = assay::drift::ks_method::asymp;
    for (auto _ : state) benchmark::DoNotOptimize(assay::drift::ks_2samp(a, b, o).pvalue);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n));
}
BENCHMARK(bm_ks_2samp_asymp)->Arg(1000000)->Unit(benchmark::kMillisecond);

void bm_ks_2samp_exact(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = reference(n);
    const auto b = current(n);
    assay::drift::ks_options o;
    o.method = assay::drift::ks_method::exact;
    for (auto _ : state) benchmark::DoNotOptimize(assay::drift::ks_2samp(a, b, o).pvalue);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n));
}
BENCHMARK(bm_ks_2samp_exact)->Arg(10000)->Unit(benchmark::kMillisecond);

void bm_psi_quantile10(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& a = reference(n);
    const auto b = current(n);
    for (auto _ : state) benchmark::DoNotOptimize(assay::drift::psi(a, b).psi);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n));
}
BENCHMARK(bm_psi_quantile10)->Arg(1000000)->Unit(benchmark::kMillisecond);

void bm_psi_current_only(benchmark::State& state) {
    // The serving case: reference bins cut once, each live batch counted.
    const auto n = static_cast<std::size_t>(state.range(0));
    const assay::drift::reference_bins bins(reference(1000000), 10);
    const auto ref_counts = bins.count(reference(1000000));
    const auto b = current(n);
    for (auto _ : state) {
        const auto counts = bins.count(b);
        benchmark::DoNotOptimize(assay::drift::psi_from_counts(ref_counts, counts));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(bm_psi_current_only)->Arg(1000000)->Unit(benchmark::kMillisecond);

void bm_wasserstein(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto a = reference(n);
    const auto b = current(n);
    for (auto _ : state) benchmark::DoNotOptimize(assay::drift::wasserstein_distance(a, b));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(2 * n));
}
BENCHMARK(bm_wasserstein)->Arg(1000000)->Unit(benchmark::kMillisecond);

void bm_window_monitor_update(benchmark::State& state) {
    const std::size_t d = 20;
    std::vector<double> ref(20000 * d);
    const auto& src = reference(1000000);
    for (std::size_t i = 0; i < ref.size(); ++i) ref[i] = src[i];
    assay::drift::window_monitor_options o;
    o.window = 1000;
    assay::drift::window_monitor mon(assay::as_matrix_view(ref, d), o);
    const auto& live = current(1000000);
    std::size_t offset = 0;
    std::vector<double> row(d);
    for (auto _ : state) {
        for (std::size_t j = 0; j < d; ++j) row[j] = live[offset + j];
        offset = (offset + d) % (live.size() - d);
        mon.update(row);
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["features"] = static_cast<double>(d);
}
BENCHMARK(bm_window_monitor_update);

}  // namespace

BENCHMARK_MAIN();
