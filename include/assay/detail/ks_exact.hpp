// assay/detail/ks_exact.hpp — exact null distribution of the two-sample
// Kolmogorov-Smirnov statistic (the p-values of drift::ks_2samp's exact
// method and of KSWIN), light enough to include anywhere.
#pragma once

#include "../config.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {

// Probability that a uniformly random lattice path from (0, 0) to (m, n)
// touches the region where `outside(x, y)` holds: the recursion
// P(x, y) = (x·P(x−1, y) + y·P(x, y−1)) / (x + y), P = 1 on the region
// (Hodges 1958; computed on probabilities rather than path counts, as
// Viehmann 2021 suggests, so it never overflows). Column by column, only
// the cells between the band limits [lo(x), hi(x)] are computed; cells
// below or above are on the region. O(Σ band width) time, O(n) memory.
template <class Lo, class Hi>
double lattice_exit_probability(std::int64_t m, std::int64_t n, Lo lo, Hi hi) {
    std::vector<double> col(static_cast<std::size_t>(n + 1), 1.0);
    std::int64_t prev_lo = 0, prev_hi = -1;
    for (std::int64_t x = 0; x <= m; ++x) {
        const std::int64_t a = std::max<std::int64_t>(lo(x), 0);
        const std::int64_t b = std::min<std::int64_t>(hi(x), n);
        if (b < a) return 1.0;  // the band closed: every path exits
        double below = 1.0;     // P(x, a − 1): on the region (or absent for a = 0)
        for (std::int64_t y = a; y <= b; ++y) {
            const auto k = static_cast<std::size_t>(y);
            const double left = (x > 0 && y >= prev_lo && y <= prev_hi) ? col[k] : 1.0;
            double p;
            if (x == 0 && y == 0) {
                p = 0.0;
            } else {
                const double from_left = x > 0 ? left * static_cast<double>(x) : 0.0;
                const double from_below = y > 0 ? below * static_cast<double>(y) : 0.0;
                p = (from_left + from_below) / static_cast<double>(x + y);
            }
            col[k] = p;
            below = p;
        }
        prev_lo = a;
        prev_hi = b;
    }
    return (n >= prev_lo && n <= prev_hi) ? col[static_cast<std::size_t>(n)] : 1.0;
}

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {  // b > 0
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// Exact p-value of the two-sample statistic D = h / lcm(n1, n2).
// Two-sided: paths leaving |n·x − m·y| < h·g; one-sided: paths reaching
// n·x − m·y >= h·g (m >= n after ordering; the one-sided law is the same for
// "less" and "greater").
inline double ks_exact_pvalue(std::int64_t n1, std::int64_t n2, std::int64_t g, std::int64_t h, bool two_sided) {
    if (n1 == n2) {
        // Equal sizes: the reflection principle gives closed forms (scipy uses
        // the same ones). One-sided: Π_{j<h} (n − j)/(n + j + 1). Two-sided:
        // alternating sum over k of such products, P = 2·Σ (−1)^k ..., computed
        // from the largest k down as P_k = p_k·(1 − P_{k+1}).
        const std::int64_t n = n1;
        if (!two_sided) {
            double p = 1.0;
            for (std::int64_t j = 0; j < h; ++j) p *= static_cast<double>(n - j) / static_cast<double>(n + j + 1);
            return p;
        }
        double P = 0.0;
        for (std::int64_t k = n / h; k >= 0; --k) {
            double p1 = 1.0;
            for (std::int64_t j = 0; j < h; ++j) {
                p1 = static_cast<double>(n - k * h - j) * p1 / static_cast<double>(n + k * h + j + 1);
            }
            P = p1 * (1.0 - P);
        }
        return 2.0 * P;
    }
    std::int64_t m = n1, n = n2;
    if (m < n) std::swap(m, n);
    const std::int64_t hg = h * g;
    // Inside the band: n·x − m·y < h·g  <=>  y > (n·x − h·g) / m.
    auto lo = [=](std::int64_t x) { return floor_div(n * x - hg, m) + 1; };
    if (two_sided) {
        // and n·x − m·y > −h·g  <=>  y < (n·x + h·g) / m.
        auto hi = [=](std::int64_t x) {
            const std::int64_t num = n * x + hg;
            return floor_div(num, m) - (num % m == 0 ? 1 : 0);
        };
        return lattice_exit_probability(m, n, lo, hi);
    }
    auto hi = [=](std::int64_t) { return n; };
    return lattice_exit_probability(m, n, lo, hi);
}

}  // namespace detail
ASSAY_NAMESPACE_END
