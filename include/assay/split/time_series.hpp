// assay/split/time_series.hpp — forward-chaining splits for ordered data:
// time_series_split (scikit-learn's TimeSeriesSplit, on row order or on a
// timestamp column).
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "detail/encode.hpp"
#include "../detail/memory.hpp"
#include "fold.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
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
    auto order = detail::big_vector<std::size_t>(t.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return t[a] < t[b]; });
    return time_series_folds(t.size(), n_splits, ts, static_cast<std::size_t>(options.gap),
                             static_cast<std::size_t>(options.max_train_size), std::move(order));
}

/// Options of time_group_split. `T` is the timestamp type.
template <class T>
struct time_group_options {
    /// Groups per test fold; 0 = n_groups / (n_splits + 1).
    std::size_t test_groups = 0;
    /// Time that must separate the end of every training group from the
    /// start of the test fold: a training group's last timestamp + gap must
    /// be earlier than the test fold's first timestamp.
    T gap = T{};
    /// Keep only the latest max_train_groups eligible training groups (a
    /// sliding window); 0 = all.
    std::size_t max_train_groups = 0;
};

namespace detail {

template <class Range>
std::vector<range_value_t<Range>> numeric_column(const Range& r, const char* fn, const char* arg) {
    using T = range_value_t<Range>;
    static_assert(std::is_arithmetic<T>::value, "timestamps must be of an integral or floating-point type");
    std::vector<T> v(std::begin(r), std::end(r));
    if constexpr (std::is_floating_point<T>::value) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (ASSAY_UNLIKELY(std::isnan(v[i]))) throw_invalid_argument(fn, arg, "value at index ", i, " is NaN");
        }
    }
    return v;
}

template <class T>
struct time_group_state {
    std::vector<std::int32_t> codes;       // group code of every row
    std::vector<std::size_t> position;      // position of every group in start order
    std::vector<std::size_t> by_start;      // groups in start order
    std::vector<T> start, end;              // per group
    std::size_t n_groups = 0, n_splits = 0, test_groups = 0, max_train = 0;
    T gap{};

    holdout split(std::size_t f) const {
        const std::size_t s = n_groups - (n_splits - f) * test_groups;
        const T test_start = start[by_start[s]];
        // 0 = unused, 1 = train, 2 = test; per group.
        std::vector<unsigned char> side(n_groups, 0);
        for (std::size_t p = s; p < s + test_groups; ++p) side[by_start[p]] = 2;
        std::size_t kept = 0;
        for (std::size_t p = s; p-- > 0;) {
            const std::size_t j = by_start[p];
            if (end[j] + gap < test_start) {
                if (max_train && kept == max_train) break;
                side[j] = 1;
                ++kept;
            }
        }
        holdout h;
        for (std::size_t i = 0; i < codes.size(); ++i) {
            const unsigned char x = side[codes[i]];
            if (x == 1) h.train.push_back(i);
            else if (x == 2) h.test.push_back(i);
        }
        return h;
    }
};

}  // namespace detail

/// Time + group cross-validation: every group (an entity, or a period) lies
/// wholly on one side, and every test fold starts after all of its training
/// groups end, with a gap. Groups are ordered by their first timestamp; as
/// in time_series_split, the last n_splits blocks of `test_groups` groups are
/// the test folds, and fold f trains on the groups that end (last timestamp
/// + gap) strictly before the fold's first timestamp — a group that started
/// earlier but is still running is left out of that fold (neither side).
/// scikit-learn has no such splitter.
/// Throws: `assay::invalid_argument` if timestamps and groups differ in
/// length or are empty, a timestamp is NaN, n_splits < 2, gap is negative,
/// the test blocks leave no group before them, or the first fold has no
/// training group.
/// Complexity: O(rows + G log G) to build; O(rows + G) per fold.
template <class Timestamps, class Groups, class T = detail::range_value_t<Timestamps>>
holdout_folds time_group_split(const Timestamps& timestamps, const Groups& groups, std::size_t n_splits,
                               const time_group_options<T>& options = {}) {
    const char* fn = "time_group_split";
    const auto t = detail::numeric_column(timestamps, fn, "timestamps");
    detail::require_same_size(fn, "timestamps", t.size(), "groups", detail::range_size(groups));
    detail::require(!t.empty(), fn, "timestamps", "is empty");
    detail::require(n_splits >= 2, fn, "n_splits", "must be at least 2, got ", n_splits);
    detail::require(!(options.gap < T{}), fn, "gap", "must not be negative, got ", options.gap);
    auto enc = detail::encode_sorted(groups, fn, "groups");
    auto st = std::make_shared<detail::time_group_state<T>>();
    st->n_groups = enc.n_unique();
    st->n_splits = n_splits;
    st->gap = options.gap;
    st->max_train = options.max_train_groups;
    st->start.assign(st->n_groups, T{});
    st->end.assign(st->n_groups, T{});
    std::vector<char> seen(st->n_groups, 0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto j = enc.codes[i];
        if (!seen[j]) {
            seen[j] = 1;
            st->start[j] = st->end[j] = t[i];
        } else {
            st->start[j] = std::min(st->start[j], t[i]);
            st->end[j] = std::max(st->end[j], t[i]);
        }
    }
    st->by_start.resize(st->n_groups);
    std::iota(st->by_start.begin(), st->by_start.end(), std::size_t{0});
    std::stable_sort(st->by_start.begin(), st->by_start.end(), [&](std::size_t a, std::size_t b) {
        return st->start[a] < st->start[b] || (!(st->start[b] < st->start[a]) && st->end[a] < st->end[b]);
    });
    const std::size_t g = st->n_groups;
    st->test_groups = options.test_groups ? options.test_groups : g / (n_splits + 1);
    if (ASSAY_UNLIKELY(st->test_groups == 0 || st->test_groups > g / n_splits || st->test_groups * n_splits >= g)) {
        detail::throw_invalid_argument(fn, "n_splits", "too many splits (", n_splits, ") for ", g,
                                       " groups with test_groups=", st->test_groups);
    }
    st->codes = std::move(enc.codes);
    // The first fold has the earliest test start, hence the fewest groups
    // eligible for training.
    {
        const std::size_t s = g - n_splits * st->test_groups;
        const T first_test = st->start[st->by_start[s]];
        bool any = false;
        for (std::size_t p = 0; p < s && !any; ++p) any = st->end[st->by_start[p]] + st->gap < first_test;
        detail::require(any, fn, "gap", "no group ends (plus gap) before the first test fold starts");
    }
    return holdout_folds(n_splits, [st](std::size_t f) { return st->split(f); });
}

ASSAY_NAMESPACE_END
