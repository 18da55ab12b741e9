// assay/drift/batch.hpp — what a detector's batch update `update(first, last)`
// does, and the helpers its implementations share.
//
// Every detector has, beside `status update(double x)`,
//
//     std::size_t update(const double* first, const double* last);
//
// which feeds `first[0], first[1], ...` in order exactly as repeated calls of
// `update(x)` would, and stops right after the first value whose status
// differs from the status the detector was in before the call (its
// `last_status()`, taken as `stable` when that is `drift`, since the update
// after a drift starts afresh). It returns how many values it consumed: all
// of them when the status never changed; otherwise the changed status is
// `last_status()` and the caller resumes at `first + consumed`. The detector's
// state afterwards, and every status, equal those of the per-value loop bit
// for bit (tests/drift/test_batch.cpp checks it across drifts, warnings and
// checkpoints). A value `update(x)` would reject (non-finite, or not 0/1 for
// the binary detectors) makes the batch throw the same error after the values
// before it were applied, as the loop would.
//
// The batch form is where the detectors run fastest: it keeps the state in
// registers, computes the correctly rounded divisions and square roots of a
// block together (the same bits as one at a time), and skips exact
// evaluations whose outcome a cheap bound already decides.
#pragma once

#include "../config.hpp"
#include "status.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#    include <emmintrin.h>
#    define ASSAY_DRIFT_SSE2 1
#endif

ASSAY_NAMESPACE_BEGIN
namespace drift {
namespace detail {

/// Values per block of a batch update: the block's intermediate arrays stay
/// in registers or L1.
constexpr std::size_t batch_block = 64;

/// The status a batch compares each update's status with.
inline status batch_base(status last) noexcept { return last == status::drift ? status::stable : last; }

/// `v`, materialised as a rounded double. Placed around a product that River
/// rounds before adding, it keeps compilers from fusing the two into one
/// fused multiply-add (GCC contracts by default when the target has FMA),
/// so the sum rounds as River's does under any -march. Costs no instruction.
inline double rounded(double v) noexcept {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__)) && defined(__SSE2__)
    __asm__("" : "+x"(v));
#elif defined(__GNUC__) && defined(__aarch64__)
    __asm__("" : "+w"(v));
#endif
    return v;
}

/// Index of the lowest set bit of a non-zero mask.
inline unsigned lowest_bit(std::uint64_t m) noexcept {
#if defined(__GNUC__)
    return static_cast<unsigned>(__builtin_ctzll(m));
#else
    unsigned k = 0;
    while ((m & 1U) == 0) m >>= 1, ++k;
    return k;
#endif
}

/// Index of the highest set bit of a non-zero mask.
inline unsigned highest_bit(std::uint64_t m) noexcept {
#if defined(__GNUC__)
    return 63U - static_cast<unsigned>(__builtin_clzll(m));
#else
    unsigned k = 63;
    while ((m >> k) == 0) --k;
    return k;
#endif
}

/// Length of the prefix of x[0, n) made of exact 0s and 1s.
inline std::size_t binary_prefix(const double* x, std::size_t n) noexcept {
    std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
    const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1.0);
    __m128d ok = _mm_castsi128_pd(_mm_set1_epi32(-1));
    for (; k + 2 <= n; k += 2) {
        const __m128d v = _mm_loadu_pd(x + k);
        ok = _mm_and_pd(ok, _mm_or_pd(_mm_cmpeq_pd(v, zero), _mm_cmpeq_pd(v, one)));
    }
    if (_mm_movemask_pd(ok) != 3) k = 0;
#endif
    for (; k < n; ++k) {
        if (!(x[k] == 0.0 || x[k] == 1.0)) {
            // Find the first offending value (the fast scan only said "somewhere").
            std::size_t j = 0;
            while (x[j] == 0.0 || x[j] == 1.0) ++j;
            return j;
        }
    }
    return n;
}

/// Length of the prefix of x[0, n) made of finite values.
inline std::size_t finite_prefix(const double* x, std::size_t n) noexcept {
    std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
    const __m128d zero = _mm_setzero_pd();
    __m128d ok = _mm_castsi128_pd(_mm_set1_epi32(-1));
    for (; k + 2 <= n; k += 2) {
        const __m128d v = _mm_loadu_pd(x + k);
        ok = _mm_and_pd(ok, _mm_cmpeq_pd(_mm_sub_pd(v, v), zero));  // x − x is NaN for ±inf and NaN
    }
    if (_mm_movemask_pd(ok) != 3) k = 0;
#endif
    for (; k < n; ++k) {
        if (!(x[k] - x[k] == 0.0)) {
            std::size_t j = 0;
            while (x[j] - x[j] == 0.0) ++j;
            return j;
        }
    }
    return n;
}

/// Bit k set where x[k] == 1, for k < n <= 64.
inline std::uint64_t ones_mask(const double* x, std::size_t n) noexcept {
    std::uint64_t m = 0;
    std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
    const __m128d one = _mm_set1_pd(1.0);
    for (; k + 2 <= n; k += 2)
        m |= static_cast<std::uint64_t>(_mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(x + k), one))) << k;
#endif
    for (; k < n; ++k) m |= static_cast<std::uint64_t>(x[k] == 1.0) << k;
    return m;
}

/// r[k] = 1/(n0 + k + 1) for k < len, each correctly rounded (the same bits
/// as the scalar division). n0 + len must be exact (below 2^53).
inline void reciprocals(double n0, std::size_t len, double* r) noexcept {
    std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
    const __m128d one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0);
    __m128d n = _mm_set_pd(n0 + 2.0, n0 + 1.0);
    for (; k + 2 <= len; k += 2) {
        _mm_storeu_pd(r + k, _mm_div_pd(one, n));
        n = _mm_add_pd(n, two);
    }
#endif
    for (; k < len; ++k) r[k] = 1.0 / (n0 + static_cast<double>(k + 1));
}

/// 1/(n0 + 1), 1/(n0 + 2), ... two at a time, each correctly rounded (the
/// same bits as the scalar division; one division instruction per pair where
/// SSE2 is available). n0 + the count taken must stay exact (below 2^53).
class reciprocal_pairs {
public:
    explicit reciprocal_pairs(double n0) noexcept
#if defined(ASSAY_DRIFT_SSE2)
        : n_(_mm_set_pd(n0 + 2.0, n0 + 1.0)) {}
#else
        : n_(n0) {}
#endif
    void next(double& a, double& b) noexcept {
#if defined(ASSAY_DRIFT_SSE2)
        const __m128d r = _mm_div_pd(_mm_set1_pd(1.0), n_);
        n_ = _mm_add_pd(n_, _mm_set1_pd(2.0));
        a = _mm_cvtsd_f64(r);
        b = _mm_cvtsd_f64(_mm_unpackhi_pd(r, r));
#else
        a = 1.0 / (n_ + 1.0);
        b = 1.0 / (n_ + 2.0);
        n_ += 2.0;
#endif
    }

private:
#if defined(ASSAY_DRIFT_SSE2)
    __m128d n_;
#else
    double n_;
#endif
};

/// lo = min and hi = max of x[0, n), n >= 1 (finite values).
inline void min_max(const double* x, std::size_t n, double& lo, double& hi) noexcept {
    std::size_t k = 0;
    lo = hi = x[0];
#if defined(ASSAY_DRIFT_SSE2)
    // Two pairs of lanes, so that each min / max waits on one two steps back.
    __m128d l0 = _mm_set1_pd(x[0]), h0 = l0, l1 = l0, h1 = l0;
    for (; k + 4 <= n; k += 4) {
        const __m128d a = _mm_loadu_pd(x + k), b = _mm_loadu_pd(x + k + 2);
        l0 = _mm_min_pd(l0, a), h0 = _mm_max_pd(h0, a);
        l1 = _mm_min_pd(l1, b), h1 = _mm_max_pd(h1, b);
    }
    l0 = _mm_min_pd(l0, l1);
    h0 = _mm_max_pd(h0, h1);
    lo = std::min(_mm_cvtsd_f64(l0), _mm_cvtsd_f64(_mm_unpackhi_pd(l0, l0)));
    hi = std::max(_mm_cvtsd_f64(h0), _mm_cvtsd_f64(_mm_unpackhi_pd(h0, h0)));
#endif
    for (; k < n; ++k) lo = std::min(lo, x[k]), hi = std::max(hi, x[k]);
}

/// The batch update as a loop of single updates (configurations without a
/// dedicated batch kernel).
template <class Detector>
std::size_t update_each(Detector& d, const double* first, const double* last) {
    const status base = batch_base(d.last_status());
    for (const double* it = first; it != last; ++it) {
        if (d.update(*it) != base) return static_cast<std::size_t>(it - first) + 1;
    }
    return static_cast<std::size_t>(last - first);
}

}  // namespace detail
}  // namespace drift
ASSAY_NAMESPACE_END
