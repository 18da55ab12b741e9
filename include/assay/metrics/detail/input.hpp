// assay/metrics/detail/input.hpp — input handling shared by the metrics:
// ranges, label conversion, score and weight checks, label sets and the
// label -> column index map.
#pragma once

#include "../../config.hpp"
#include "../../detail/checks.hpp"
#include "../../error.hpp"
#include "../iterator_range.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Labels are carried as 64-bit signed integers inside assay (results report
/// them that way). Any integral or enum label type converts to it.
using label_type = std::int64_t;

/// A declared set of labels (an options field or argument; not a range, so
/// it is never mistaken for sample weights).
struct label_list {
    std::vector<label_type> values;
    label_list() = default;
    label_list(std::initializer_list<label_type> v) : values(v) {}
    explicit label_list(std::vector<label_type> v) : values(std::move(v)) {}
    bool empty() const noexcept { return values.empty(); }
    std::size_t size() const noexcept { return values.size(); }
};

namespace detail {
namespace metrics {

// ---------------------------------------------------------------------------
// Ranges

namespace adl {
using std::begin;
using std::end;
template <class R>
auto range_begin(R& r) -> decltype(begin(r)) {
    return begin(r);
}
template <class R>
auto range_end(R& r) -> decltype(end(r)) {
    return end(r);
}
}  // namespace adl
using adl::range_begin;
using adl::range_end;

template <class R, class = void>
struct is_range : std::false_type {};
template <class R>
struct is_range<R, std::void_t<decltype(range_begin(std::declval<const R&>())),
                               decltype(range_end(std::declval<const R&>()))>> : std::true_type {};

template <class R>
using range_value_t = std::remove_cv_t<std::remove_reference_t<decltype(*range_begin(std::declval<const R&>()))>>;

template <class R>
std::size_t range_size(const R& r) {
    return static_cast<std::size_t>(std::distance(range_begin(r), range_end(r)));
}

// ---------------------------------------------------------------------------
// Labels

template <class T>
struct label_traits {
    static_assert(std::is_integral<T>::value || std::is_enum<T>::value,
                  "assay: labels must be of an integral or enum type (encode string labels as integers first)");
    using integer = std::conditional_t<std::is_enum<T>::value, std::underlying_type<T>, std::common_type<T>>;
    using underlying = typename integer::type;
    // Unsigned 64-bit labels above INT64_MAX cannot be represented.
    static constexpr bool needs_range_check =
        std::is_unsigned<underlying>::value && sizeof(underlying) >= sizeof(label_type);
};

template <class T>
inline label_type to_label(T v) noexcept {
    return static_cast<label_type>(static_cast<typename label_traits<T>::underlying>(v));
}

/// Throws if an unsigned 64-bit label does not fit in label_type.
template <class T>
inline void check_label_value(const char* fn, const char* arg, T v, std::size_t i) {
    if constexpr (label_traits<T>::needs_range_check) {
        using U = typename label_traits<T>::underlying;
        if (ASSAY_UNLIKELY(static_cast<U>(v) > static_cast<U>(std::numeric_limits<label_type>::max()))) {
            throw_invalid_argument(fn, arg, "label at index ", i, " (", static_cast<U>(v),
                                   ") does not fit in a 64-bit signed integer");
        }
    } else {
        (void)fn, (void)arg, (void)v, (void)i;
    }
}

template <class T>
struct score_traits {
    static_assert(std::is_arithmetic<T>::value, "assay: scores, probabilities and weights must be arithmetic values");
};

/// Sorted, deduplicated copy.
inline std::vector<label_type> sorted_unique(std::vector<label_type> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

/// Sorted distinct labels of n values. A small set is kept sorted and
/// searched (O(n·log K) while K ≤ 64); beyond that the values are copied and
/// sorted (O(n log n)). Checks that each value fits in label_type.
template <class It>
std::vector<label_type> distinct_labels(const char* fn, const char* arg, It first, std::size_t n) {
    std::vector<label_type> set;
    if (n == 0) return set;
    {
        // Labels within 64 consecutive values (the usual case): a presence
        // bitmask, no branches per row.
        label_type lo = to_label(*first), hi = lo;
        It it = first;
        for (std::size_t i = 0; i < n; ++i, ++it) {
            check_label_value(fn, arg, *it, i);
            const label_type v = to_label(*it);
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        if (static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) < 64u) {
            std::uint64_t mask = 0;
            it = first;
            for (std::size_t i = 0; i < n; ++i, ++it)
                mask |= std::uint64_t{1} << (static_cast<std::uint64_t>(to_label(*it)) - static_cast<std::uint64_t>(lo));
            for (unsigned b = 0; b < 64; ++b)
                if (mask >> b & 1u) set.push_back(static_cast<label_type>(static_cast<std::uint64_t>(lo) + b));
            return set;
        }
    }
    label_type last = 0;
    bool have_last = false;
    It it = first;
    for (std::size_t i = 0; i < n; ++i, ++it) {
        check_label_value(fn, arg, *it, i);
        const label_type v = to_label(*it);
        if (have_last && v == last) continue;
        last = v;
        have_last = true;
        const auto pos = std::lower_bound(set.begin(), set.end(), v);
        if (pos != set.end() && *pos == v) continue;
        if (set.size() == 64) {
            std::vector<label_type> all;
            all.reserve(n);
            It again = first;
            for (std::size_t j = 0; j < n; ++j, ++again) {
                check_label_value(fn, arg, *again, j);
                all.push_back(to_label(*again));
            }
            return sorted_unique(std::move(all));
        }
        set.insert(pos, v);
    }
    return set;
}

/// Declared labels must be unique; returned sorted.
inline std::vector<label_type> checked_label_set(const char* fn, std::vector<label_type> v) {
    require_nonempty(fn, "labels", v.size());
    const std::size_t n = v.size();
    v = sorted_unique(std::move(v));
    require(v.size() == n, fn, "labels", "contains duplicates");
    return v;
}

// ---------------------------------------------------------------------------
// Scores and weights

/// Every score finite (NaN and +-inf rejected).
template <class It>
void check_scores(const char* fn, const char* arg, It first, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i, ++first) {
        const double v = static_cast<double>(*first);
        if (ASSAY_UNLIKELY(!std::isfinite(v))) throw_invalid_argument(fn, arg, "value at index ", i, " is ", v);
    }
}

/// Every probability finite and in [0, 1].
template <class It>
void check_probabilities(const char* fn, const char* arg, It first, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i, ++first) {
        const double v = static_cast<double>(*first);
        if (ASSAY_UNLIKELY(!(v >= 0.0 && v <= 1.0))) {
            throw_invalid_argument(fn, arg, "value at index ", i, " is ", v, ", not a probability in [0, 1]");
        }
    }
}

/// Every weight finite and non-negative.
template <class It>
void check_weights(const char* fn, It first, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i, ++first) {
        const double v = static_cast<double>(*first);
        if (ASSAY_UNLIKELY(!(v >= 0.0 && v < std::numeric_limits<double>::infinity()))) {
            throw_invalid_argument(fn, "sample_weight", "value at index ", i, " is ", v,
                                   " (weights must be finite and non-negative)");
        }
    }
}

inline void check_weight_value(const char* fn, double w) {
    if (ASSAY_UNLIKELY(!(w >= 0.0 && w < std::numeric_limits<double>::infinity()))) {
        throw_invalid_argument(fn, "sample_weight", "is ", w, " (weights must be finite and non-negative)");
    }
}

/// A constant weight of one (the unweighted overloads use it).
struct unit_weights {
    struct iterator {
        using iterator_category = std::random_access_iterator_tag;
        using value_type = double;
        using difference_type = std::ptrdiff_t;
        using pointer = const double*;
        using reference = double;
        double operator*() const noexcept { return 1.0; }
        iterator& operator++() noexcept { return *this; }
        iterator operator++(int) noexcept { return *this; }
        iterator operator+(std::ptrdiff_t) const noexcept { return *this; }
        double operator[](std::ptrdiff_t) const noexcept { return 1.0; }
    };
    iterator begin() const noexcept { return {}; }
};

// ---------------------------------------------------------------------------
// Label -> index map over a sorted label set: a dense table when the labels
// span a small range, binary search otherwise.

class label_index {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    static constexpr std::uint64_t max_dense_span = 1u << 16;

    label_index() = default;
    explicit label_index(const std::vector<label_type>& sorted_labels) { assign(sorted_labels); }

    void assign(const std::vector<label_type>& sorted_labels) {
        labels_ = &sorted_labels;
        dense_.clear();
        if (sorted_labels.empty()) return;
        lo_ = sorted_labels.front();
        const std::uint64_t span =
            static_cast<std::uint64_t>(sorted_labels.back()) - static_cast<std::uint64_t>(lo_) + 1u;
        if (span != 0 && span <= max_dense_span) {
            dense_.assign(static_cast<std::size_t>(span), static_cast<std::uint32_t>(-1));
            for (std::size_t k = 0; k < sorted_labels.size(); ++k) {
                dense_[static_cast<std::size_t>(static_cast<std::uint64_t>(sorted_labels[k]) -
                                                static_cast<std::uint64_t>(lo_))] = static_cast<std::uint32_t>(k);
            }
        }
    }

    /// Column of `v`, or npos when v is not in the set.
    std::size_t find(label_type v) const noexcept {
        if (!dense_.empty()) {
            const std::uint64_t off = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(lo_);
            if (off >= dense_.size()) return npos;
            const std::uint32_t k = dense_[static_cast<std::size_t>(off)];
            return k == static_cast<std::uint32_t>(-1) ? npos : k;
        }
        if (labels_ == nullptr) return npos;
        const auto it = std::lower_bound(labels_->begin(), labels_->end(), v);
        if (it == labels_->end() || *it != v) return npos;
        return static_cast<std::size_t>(it - labels_->begin());
    }

private:
    const std::vector<label_type>* labels_ = nullptr;
    label_type lo_ = 0;
    std::vector<std::uint32_t> dense_;
};

/// Sum with Neumaier compensation (used for totals of weights).
struct compensated_sum {
    double sum = 0.0, comp = 0.0;
    void add(double x) noexcept {
        const double t = sum + x;
        if (std::fabs(sum) >= std::fabs(x)) comp += (sum - t) + x;
        else comp += (x - t) + sum;
        sum = t;
    }
    double value() const noexcept { return sum + comp; }
};

}  // namespace metrics
}  // namespace detail

ASSAY_NAMESPACE_END
