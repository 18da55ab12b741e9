// Splitter benchmarks. Each splitter is timed three ways: building the folds
// (then:0), building plus copying every fold's train and test rows into
// vectors (then:1, what scikit-learn's split() yields), and building plus
// walking every fold's train and test rows through the views (then:2).
// compare_sklearn.py runs scikit-learn on the same data and prints ratios.
#include "data.hpp"

#include <assay/split.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

constexpr std::size_t k_folds = 5;

// Walks every fold's train and test rows through the views (no copy).
template <class Folds>
std::size_t walk(const Folds& folds) {
    std::size_t sum = 0;
    for (const auto& f : folds) {
        for (auto r : f.train) sum += r;
        for (auto r : f.test) sum += r;
    }
    return sum;
}

// What each benchmark does after building: 0 nothing, 1 copy every fold's
// train and test rows into vectors, 2 walk them through the views.
template <class Folds>
void use(benchmark::State& state, const Folds& folds);

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

template <class Folds>
void use(benchmark::State& state, const Folds& folds) {
    if (state.range(0) == 1) benchmark::DoNotOptimize(materialise(folds));
    if (state.range(0) == 2) benchmark::DoNotOptimize(walk(folds));
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
        use(state, folds);
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, y.size());
}
BENCHMARK(stratified_group_kfold_1e6)->ArgName("then")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void stratified_kfold_1e7(benchmark::State& state) {
    const auto& y = labels_1e7();
    for (auto _ : state) {
        auto folds = assay::stratified_kfold(y, k_folds);
        use(state, folds);
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, y.size());
}
BENCHMARK(stratified_kfold_1e7)->ArgName("then")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void group_kfold_1e7(benchmark::State& state) {
    const auto& g = groups_1e7();
    for (auto _ : state) {
        auto folds = assay::group_kfold(g, k_folds);
        use(state, folds);
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, g.size());
}
BENCHMARK(group_kfold_1e7)->ArgName("then")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void kfold_1e7(benchmark::State& state) {
    for (auto _ : state) {
        auto folds = assay::kfold(10000000, k_folds);
        use(state, folds);
        benchmark::DoNotOptimize(folds.assign().data());
    }
    set_rows(state, 10000000);
}
BENCHMARK(kfold_1e7)->ArgName("then")->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

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
