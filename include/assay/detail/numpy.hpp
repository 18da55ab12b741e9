// assay/detail/numpy.hpp — numpy's exact arithmetic for the few array
// helpers the reference libraries build their results from (bin edges,
// percentiles). Matching numpy to the last bit matters where a value that
// sits exactly on an edge must land in the same bin as in the reference.
#pragma once

#include "../config.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// numpy.linspace(start, stop, num) with endpoint=True (numpy 1.24):
/// step = (stop − start)/(num − 1); y_i = i·step + start; the last value is
/// set to `stop` exactly. num == 1 gives {start}; num == 0 gives {}.
inline std::vector<double> linspace(double start, double stop, std::size_t num) {
    std::vector<double> y(num);
    if (num == 0) return y;
    if (num == 1) {
        y[0] = start;
        return y;
    }
    const double delta = stop - start;
    const double div = static_cast<double>(num - 1);
    const double step = delta / div;
    for (std::size_t i = 0; i < num; ++i) {
        // When the step underflows to 0 numpy divides first, then scales.
        y[i] = (step == 0.0 ? static_cast<double>(i) / div * delta : static_cast<double>(i) * step) + start;
    }
    y[num - 1] = stop;
    return y;
}

/// numpy's linear interpolation between a and b (numpy 1.24 `_lerp`): for
/// t >= 0.5 it is computed from b, which keeps it monotone and exact at t = 1.
inline double numpy_lerp(double a, double b, double t) noexcept {
    const double diff = b - a;
    return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

/// numpy.quantile(sorted, q) with the default method "linear" (numpy 1.24),
/// for data already sorted ascending (n >= 1) and q in [0, 1]: virtual index
/// (n − 1)·q, interpolated between its floor and the next element.
inline double quantile_sorted(const double* sorted, std::size_t n, double q) noexcept {
    const double vi = static_cast<double>(n - 1) * q;
    if (!(vi < static_cast<double>(n - 1))) return sorted[n - 1];
    if (vi < 0.0) return sorted[0];
    const double prev = std::floor(vi);
    const auto i = static_cast<std::size_t>(prev);
    return numpy_lerp(sorted[i], sorted[i + 1], vi - prev);
}

/// numpy.percentile(sorted, p) (p in [0, 100]): numpy divides p by 100 and
/// takes the quantile, which this reproduces operation by operation.
inline double percentile_sorted(const double* sorted, std::size_t n, double p) noexcept {
    return quantile_sorted(sorted, n, p / 100.0);
}

namespace numpy_detail {
// Places the order statistics at the sorted positions idx[lo, hi) of
// v[first, last) (positions relative to v's start), by recursive
// nth_element on the middle position.
inline void multi_select(std::vector<double>& v, std::size_t first, std::size_t last, const std::vector<std::size_t>& idx,
                         std::size_t lo, std::size_t hi) {
    if (lo >= hi || first >= last) return;
    const std::size_t mid = lo + (hi - lo) / 2;
    const std::size_t k = idx[mid];
    std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(k),
                     v.begin() + static_cast<std::ptrdiff_t>(last));
    multi_select(v, first, k, idx, lo, mid);
    multi_select(v, k + 1, last, idx, mid + 1, hi);
}
}  // namespace numpy_detail

/// numpy.percentile(v, ps) (linear method) for several percentiles of
/// unsorted data, without sorting it all: the order statistics each
/// percentile interpolates between are selected (O(n log k) for k
/// percentiles) and combined exactly as percentile_sorted does. Reorders v.
inline std::vector<double> percentiles_unsorted(std::vector<double>& v, const std::vector<double>& ps) {
    const std::size_t n = v.size();
    std::vector<std::size_t> idx;
    std::vector<double> vis(ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const double vi = static_cast<double>(n - 1) * (ps[i] / 100.0);
        vis[i] = vi;
        if (!(vi < static_cast<double>(n - 1))) {
            idx.push_back(n - 1);
        } else if (vi < 0.0) {
            idx.push_back(0);
        } else {
            const auto lo = static_cast<std::size_t>(std::floor(vi));
            idx.push_back(lo);
            idx.push_back(lo + 1);
        }
    }
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    numpy_detail::multi_select(v, 0, n, idx, 0, idx.size());
    std::vector<double> out(ps.size());
    for (std::size_t i = 0; i < ps.size(); ++i) {
        const double vi = vis[i];
        if (!(vi < static_cast<double>(n - 1))) {
            out[i] = v[n - 1];
        } else if (vi < 0.0) {
            out[i] = v[0];
        } else {
            const double prev = std::floor(vi);
            const auto lo = static_cast<std::size_t>(prev);
            out[i] = numpy_lerp(v[lo], v[lo + 1], vi - prev);
        }
    }
    return out;
}

}  // namespace detail
ASSAY_NAMESPACE_END
