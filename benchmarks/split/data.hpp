// benchmarks/split/data.hpp — the benchmark data, defined by a hash of the row
// index so that compare_sklearn.py builds exactly the same arrays with numpy.
#pragma once

#include <cstdint>
#include <vector>

namespace split_bench {

/// SplitMix64's output function of x (the same as numpy code in the script).
inline std::uint64_t mix(std::uint64_t x) {
    std::uint64_t z = x + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Group of row i among n_groups.
inline std::vector<std::int64_t> groups(std::size_t n, std::uint64_t n_groups) {
    std::vector<std::int64_t> g(n);
    for (std::size_t i = 0; i < n; ++i) g[i] = static_cast<std::int64_t>(mix(i) % n_groups);
    return g;
}

/// Imbalanced labels in 3 classes (60% / 30% / 10%), independent of groups.
inline std::vector<std::int64_t> labels(std::size_t n) {
    std::vector<std::int64_t> y(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto u = mix(i ^ 0x5555555555555555ULL) % 10;
        y[i] = u < 6 ? 0 : (u < 9 ? 1 : 2);
    }
    return y;
}

/// Labels that mostly follow the group (80% of rows take their group's
/// class): the case stratified group k-fold is made for.
inline std::vector<std::int64_t> group_labels(const std::vector<std::int64_t>& g) {
    std::vector<std::int64_t> y(g.size());
    for (std::size_t i = 0; i < g.size(); ++i) {
        const auto own = mix(static_cast<std::uint64_t>(g[i]) ^ 0x3333333333333333ULL) % 3;
        const auto u = mix(i ^ 0x7777777777777777ULL);
        y[i] = static_cast<std::int64_t>((u % 10) < 8 ? own : (u >> 32) % 3);
    }
    return y;
}

}  // namespace split_bench
