// assay/detail/checks.hpp — input checks shared by every function.
//
// Each check throws `assay::invalid_argument` with a message naming the
// function, the argument and the problem (see assay/error.hpp).
#pragma once

#include "../config.hpp"
#include "../error.hpp"

#include <cmath>
#include <cstddef>
#include <iterator>

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// Two inputs that must be parallel (one entry per row).
inline void require_same_size(const char* function, const char* a, std::size_t a_size, const char* b,
                              std::size_t b_size) {
    if (ASSAY_UNLIKELY(a_size != b_size)) {
        throw_invalid_argument(function, b, "has ", b_size, " elements but ", a, " has ", a_size);
    }
}

inline void require_nonempty(const char* function, const char* argument, std::size_t size) {
    if (ASSAY_UNLIKELY(size == 0)) throw_invalid_argument(function, argument, "is empty");
}

/// Every value in [first, last) is finite; reports the first offender.
template <class It>
void require_finite(const char* function, const char* argument, It first, It last) {
    std::size_t i = 0;
    for (; first != last; ++first, ++i) {
        const double v = static_cast<double>(*first);
        if (ASSAY_UNLIKELY(!std::isfinite(v))) {
            throw_invalid_argument(function, argument, "value at index ", i, " is ", v);
        }
    }
}

/// A scalar parameter that must be finite and lie in [lo, hi] (closed) or
/// (lo, hi) (open), as the name says.
inline void require_in_closed(const char* function, const char* argument, double v, double lo, double hi) {
    if (ASSAY_UNLIKELY(!(v >= lo && v <= hi))) {
        throw_invalid_argument(function, argument, "must lie in [", lo, ", ", hi, "], got ", v);
    }
}

inline void require_in_open(const char* function, const char* argument, double v, double lo, double hi) {
    if (ASSAY_UNLIKELY(!(v > lo && v < hi))) {
        throw_invalid_argument(function, argument, "must lie in (", lo, ", ", hi, "), got ", v);
    }
}

}  // namespace detail
ASSAY_NAMESPACE_END
