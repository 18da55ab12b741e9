// Splitter benchmarks. Each splitter is timed twice: building the folds (what
// iterating assay's fold views needs) and building plus materialising every
// fold's train and test index vectors (what scikit-learn's split() yields).
// compare_sklearn.py runs scikit-learn on the same data and prints ratios.
#include "data.hpp"

#include <assay/split.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

constexpr std::size_t k_folds = 5;

template <class Folds>
std::size_t materialise(const Folds& folds) {
    std::size_t total = 0;
    for (const auto& f : folds) {
        auto train = f.train.to_vector();
        auto test = f.test.to_vector();
        total += train.size() + test.size();
        benchmark::DoNotOptimize(train.data());
        benchmark::DoNotOptimize(test.data());
    }
    return total;
}

const std::vector<std::int64_t>& groups_1e7() {
    static const auto g = split_bench::groups(10000000, 100000);
    return g;
}
const std::vector<std::int64_t>& labels_1e7() {
    static const auto y = split_bench::labels(10000000);
    return y;
}
const std::vector<std::int64_t>& groups_1e6() {
    static const auto g = split_bench::groups(1000000, 100000);
    return g;
}
const std::vector<std::int64_t>& group_labels_1e6() {
    static const auto y = split_bench::group_labels(groups_1e6());
    return y;
}

void set_rows(benchmark::State& state, std::size_t n) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void stratified_group_kfold_1e6(benchmark::State& state) {
    const auto& y = group_labels_1e6();
    const auto& g = groups_1e6();
    for (auto _ : state) {
        auto folds = assay::stratified_group_kfold(y, g, k_folds);
        if (state.range(0)) benchmark::DoNotOptimize(materialise(folds));
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, y.size());
}
BENCHMARK(stratified_group_kfold_1e6)->ArgName("materialise")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void stratified_kfold_1e7(benchmark::State& state) {
    const auto& y = labels_1e7();
    for (auto _ : state) {
        auto folds = assay::stratified_kfold(y, k_folds);
        if (state.range(0)) benchmark::DoNotOptimize(materialise(folds));
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, y.size());
}
BENCHMARK(stratified_kfold_1e7)->ArgName("materialise")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void group_kfold_1e7(benchmark::State& state) {
    const auto& g = groups_1e7();
    for (auto _ : state) {
        auto folds = assay::group_kfold(g, k_folds);
        if (state.range(0)) benchmark::DoNotOptimize(materialise(folds));
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, g.size());
}
BENCHMARK(group_kfold_1e7)->ArgName("materialise")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void kfold_1e7(benchmark::State& state) {
    for (auto _ : state) {
        auto folds = assay::kfold(10000000, k_folds);
        if (state.range(0)) benchmark::DoNotOptimize(materialise(folds));
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, 10000000);
}
BENCHMARK(kfold_1e7)->ArgName("materialise")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// O(1) per fold: building and walking the fold bounds of 1e7 rows.
void time_series_split_1e7(benchmark::State& state) {
    for (auto _ : state) {
        auto folds = assay::time_series_split(10000000, k_folds);
        std::size_t s = 0;
        for (const auto& f : folds) s += f.train.size() + f.test.back();
        benchmark::DoNotOptimize(s);
    }
}
BENCHMARK(time_series_split_1e7);

}  // namespace

BENCHMARK_MAIN();
