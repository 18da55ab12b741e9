// assay/detail/numpy.hpp — numpy's exact arithmetic for the few array
// helpers the reference libraries build their results from (bin edges,
// percentiles). Matching numpy to the last bit matters where a value that
// sits exactly on an edge must land in the same bin as in the reference.
#pragma once

#include "../config.hpp"

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

}  // namespace detail
ASSAY_NAMESPACE_END
