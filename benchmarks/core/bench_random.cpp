// Throughput of assay's portable randomness against the standard library's
// (non-portable) equivalents, measured in the same binary.
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace {

void bm_assay_rng(benchmark::State& state) {
    assay::rng g(1);
    for (auto _ : state) benchmark::DoNotOptimize(g());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_assay_rng);

void bm_std_mt19937_64(benchmark::State& state) {
    std::mt19937_64 g(1);
    for (auto _ : state) benchmark::DoNotOptimize(g());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_std_mt19937_64);

void bm_assay_uniform_index(benchmark::State& state) {
    assay::rng g(1);
    const auto n = static_cast<std::uint64_t>(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(assay::uniform_index(g, n));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_assay_uniform_index)->Arg(10)->Arg(1000003);

void bm_std_uniform_int_distribution(benchmark::State& state) {
    std::mt19937_64 g(1);
    std::uniform_int_distribution<std::uint64_t> d(0, static_cast<std::uint64_t>(state.range(0)) - 1);
    for (auto _ : state) benchmark::DoNotOptimize(d(g));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(bm_std_uniform_int_distribution)->Arg(10)->Arg(1000003);

void bm_assay_shuffle(benchmark::State& state) {
    std::vector<std::uint32_t> v(static_cast<std::size_t>(state.range(0)));
    std::iota(v.begin(), v.end(), 0u);
    assay::rng g(1);
    for (auto _ : state) {
        assay::shuffle(v.begin(), v.end(), g);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_assay_shuffle)->Arg(1 << 20);

void bm_std_shuffle(benchmark::State& state) {
    std::vector<std::uint32_t> v(static_cast<std::size_t>(state.range(0)));
    std::iota(v.begin(), v.end(), 0u);
    std::mt19937_64 g(1);
    for (auto _ : state) {
        std::shuffle(v.begin(), v.end(), g);
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_std_shuffle)->Arg(1 << 20);

}  // namespace

BENCHMARK_MAIN();
