// assay/split/time_series.hpp — forward-chaining splits for ordered data:
// time_series_split (scikit-learn's TimeSeriesSplit, on row order or on a
// timestamp column).
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "detail/encode.hpp"
#include "fold.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <numeric>
#include <type_traits>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Options of time_series_split (scikit-learn's TimeSeriesSplit parameters).
struct time_series_options {
    /// Rows per test fold; 0 = n_rows / (n_splits + 1).
    std::int64_t test_size = 0;
    /// Rows left out between the end of train and the start of test.
    std::int64_t gap = 0;
    /// Keep only the last max_train_size training rows (a sliding window);
    /// 0 = all earlier rows (an expanding window).
    std::int64_t max_train_size = 0;
};

/// The folds of time_series_split. Each fold is two `index_view`s built in
/// O(1): plain row ranges when splitting by row order, slices of the
/// time-sorted row order when splitting by timestamps. Nothing per fold is
/// stored.
class time_series_folds {
public:
    using fold_type = fold<index_view, index_view>;
    using iterator = fold_iterator<time_series_folds>;
    using const_iterator = iterator;

    time_series_folds(std::size_t n_rows, std::size_t n_splits, std::size_t test_size, std::size_t gap,
                      std::size_t max_train_size, std::vector<std::size_t> order)
        : n_(n_rows), k_(n_splits), test_size_(test_size), gap_(gap), max_train_(max_train_size),
          order_(std::move(order)) {}

    std::size_t n_splits() const noexcept { return k_; }
    std::size_t size() const noexcept { return k_; }
    std::size_t n_rows() const noexcept { return n_; }
    std::size_t test_size() const noexcept { return test_size_; }

    /// Fold f: test positions [s, s + test_size) with s = n − (k − f)·test_size,
    /// train positions [max(0, s − gap − max_train_size), s − gap).
    fold_type operator[](std::size_t f) const noexcept {
        const std::size_t start = n_ - (k_ - f) * test_size_;
        const std::size_t train_end = start - gap_;
        const std::size_t train_begin = (max_train_ && max_train_ < train_end) ? train_end - max_train_ : 0;
        const std::size_t* base = order_.empty() ? nullptr : order_.data();
        return {f, index_view(base, train_begin, train_end), index_view(base, start, start + test_size_)};
    }
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, k_}; }

    /// Rows in time order (empty when splitting by row order).
    const std::vector<std::size_t>& order() const noexcept { return order_; }

    /// The test fold of every row (-1 for rows never tested: the first rows,
    /// which only ever train).
    std::vector<fold_id> assign() const {
        std::vector<fold_id> ids(n_, -1);
        for (std::size_t f = 0; f < k_; ++f) {
            for (std::size_t row : (*this)[f].test) ids[row] = static_cast<fold_id>(f);
        }
        return ids;
    }

private:
    std::size_t n_, k_, test_size_, gap_, max_train_;
    std::vector<std::size_t> order_;
};

namespace detail {
inline std::size_t time_series_test_size(const char* fn, std::size_t n, std::size_t k,
                                         const time_series_options& o) {
    require(k >= 2, fn, "n_splits", "must be at least 2, got ", k);
    require(n > 0, fn, "rows", "is empty");
    if (ASSAY_UNLIKELY(k + 1 > n)) {
        throw_invalid_argument(fn, "n_splits", "n_splits + 1 = ", k + 1, " folds cannot exceed the number of rows (",
                               n, ")");
    }
    require(o.test_size >= 0, fn, "test_size", "must not be negative, got ", o.test_size);
    require(o.gap >= 0, fn, "gap", "must not be negative, got ", o.gap);
    require(o.max_train_size >= 0, fn, "max_train_size", "must not be negative, got ", o.max_train_size);
    const std::size_t test_size = o.test_size ? static_cast<std::size_t>(o.test_size) : n / (k + 1);
    const auto gap = static_cast<std::size_t>(o.gap);
    // scikit-learn: n − gap − test_size·n_splits must be positive.
    const bool fits = test_size <= n / k && gap < n && test_size * k < n - gap;
    if (ASSAY_UNLIKELY(!fits)) {
        throw_invalid_argument(fn, "n_splits", "too many splits (", k, ") for ", n, " rows with test_size=", test_size,
                               " and gap=", gap);
    }
    return test_size;
}
}  // namespace detail

/// Time-series cross-validation of `n_rows` rows in time order: fold f tests
/// the f-th of n_splits consecutive blocks at the end and trains on the rows
/// before it (minus `gap`, at most `max_train_size`). Matches scikit-learn
/// 1.2.1 `TimeSeriesSplit(n_splits, max_train_size, test_size, gap)`.
/// Throws: `assay::invalid_argument` if n_splits < 2, n_rows == 0,
/// n_splits + 1 > n_rows, an option is negative, or
/// n_rows − gap − n_splits·test_size <= 0.
/// Complexity: O(1) to build and per fold; nothing materialised.
inline time_series_folds time_series_split(std::size_t n_rows, std::size_t n_splits,
                                           const time_series_options& options = {}) {
    const std::size_t t = detail::time_series_test_size("time_series_split", n_rows, n_splits, options);
    return time_series_folds(n_rows, n_splits, t, static_cast<std::size_t>(options.gap),
                             static_cast<std::size_t>(options.max_train_size), {});
}

/// Time-series cross-validation on rows ordered by `timestamps` (any
/// integral or floating-point type, any order; ties keep row order): the
/// folds of time_series_split over positions in time order, as views into
/// that order. Sizes and gap count rows.
/// Throws: as time_series_split, and if a timestamp is NaN.
/// Complexity: O(n log n) to sort; O(1) per fold.
template <class Timestamps, class = decltype(std::begin(std::declval<const Timestamps&>()))>
time_series_folds time_series_split(const Timestamps& timestamps, std::size_t n_splits,
                                    const time_series_options& options = {}) {
    using T = detail::range_value_t<Timestamps>;
    static_assert(std::is_arithmetic<T>::value, "time_series_split takes numeric timestamps");
    const char* fn = "time_series_split";
    std::vector<T> t(std::begin(timestamps), std::end(timestamps));
    if constexpr (std::is_floating_point<T>::value) {
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (ASSAY_UNLIKELY(std::isnan(t[i]))) detail::throw_invalid_argument(fn, "timestamps", "value at index ", i, " is NaN");
        }
    }
    const std::size_t ts = detail::time_series_test_size(fn, t.size(), n_splits, options);
    std::vector<std::size_t> order(t.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t[a] < t[b]; });
    return time_series_folds(t.size(), n_splits, ts, static_cast<std::size_t>(options.gap),
                             static_cast<std::size_t>(options.max_train_size), std::move(order));
}

ASSAY_NAMESPACE_END
