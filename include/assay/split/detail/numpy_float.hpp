// assay/split/detail/numpy_float.hpp — numpy 1.24's floating-point summation
// orders, reproduced so that comparisons scikit-learn makes on floating-point
// statistics (StratifiedGroupKFold's fold evaluation) come out identical.
//
// * A reduction along a contiguous axis (`np.sum(row)`, `np.mean(v)`) is
//   numpy's pairwise summation: blocks of 8 partial sums, split in halves
//   above 128 elements.
// * A reduction along axis 0 of a C-contiguous matrix with more than one
//   column adds the rows one after another (sequential).
// Products are kept from fusing into FMAs (which would change the rounding)
// by `opaque()`.
#pragma once

#include "../../config.hpp"

#include <cmath>
#include <cstddef>

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// Returns x unchanged, but hides it from the optimiser so that a product
/// stored in it is rounded before it is used (no FMA contraction).
inline double opaque(double x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    __asm__ volatile("" : "+m"(x));
#else
    volatile double y = x;
    x = y;
#endif
    return x;
}

/// numpy's pairwise_sum over a[0], a[stride], ..., a[(n-1)*stride].
inline double numpy_pairwise_sum(const double* a, std::size_t n, std::size_t stride = 1) noexcept {
    if (n < 8) {
        double res = 0.0;
        for (std::size_t i = 0; i < n; ++i) res += a[i * stride];
        return res;
    }
    if (n <= 128) {
        double r[8];
        for (std::size_t j = 0; j < 8; ++j) r[j] = a[j * stride];
        std::size_t i = 8;
        for (; i < n - (n % 8); i += 8) {
            for (std::size_t j = 0; j < 8; ++j) r[j] += a[(i + j) * stride];
        }
        double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; ++i) res += a[i * stride];
        return res;
    }
    std::size_t n2 = n / 2;
    n2 -= n2 % 8;
    return numpy_pairwise_sum(a, n2, stride) + numpy_pairwise_sum(a + n2 * stride, n - n2, stride);
}

/// `np.std(v)` (ddof 0) of a contiguous vector v[0..n), scratch of size n.
inline double numpy_std_contiguous(const double* v, std::size_t n, double* scratch) noexcept {
    const double mean = numpy_pairwise_sum(v, n) / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double d = v[i] - mean;
        scratch[i] = opaque(d * d);
    }
    return std::sqrt(numpy_pairwise_sum(scratch, n) / static_cast<double>(n));
}

}  // namespace detail
ASSAY_NAMESPACE_END
