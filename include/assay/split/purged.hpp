// assay/split/purged.hpp — cross-validation for samples whose labels span a
// time interval (López de Prado, "Advances in Financial Machine Learning",
// 2018, ch. 7 and 12): purged k-fold with an embargo, and combinatorial
// purged cross-validation (CPCV) with its backtest paths.
//
// Row i's label is observed over [start_i, end_i] (e.g. the bar that opens a
// position and the bar where its barrier is hit). Rows must be in time order
// (start times non-decreasing); folds are blocks of consecutive rows. For a
// test block with rows [a, b), test interval [start_a, max end over the
// block]:
// * purging: a training row whose interval overlaps the test interval is
//   dropped (its label saw test-period information, or vice versa);
// * embargo: rows after the block whose start lies within `embargo` time of
//   the test interval's end, and then the next `embargo_rows` rows, are
//   dropped too (serial correlation right after the test period).
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "detail/encode.hpp"
#include "fold.hpp"
#include "time_series.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Embargo of purged_kfold and combinatorial_purged_cv. `T` is the
/// timestamp type.
template <class T>
struct purge_options {
    /// Rows after a test block that start within this time of the test
    /// interval's end are dropped from training.
    T embargo = T{};
    /// After the rows purged or embargoed in time, the next embargo_rows rows
    /// are dropped from training (López de Prado's embargo of h = pct · rows
    /// rows after the end of the test interval).
    std::size_t embargo_rows = 0;
};

namespace detail {

template <class T>
struct purge_state {
    std::vector<T> start, end;
    std::vector<std::size_t> block_offset;  // block j = rows [block_offset[j], block_offset[j+1])
    std::vector<T> block_end;               // max end over block j
    T embargo{};
    std::size_t embargo_rows = 0;

    /// Train/test split with the given (sorted) blocks as test.
    holdout split(const std::vector<std::size_t>& test_blocks) const {
        const std::size_t n = start.size();
        std::vector<unsigned char> drop(n, 0);  // 1 = test, 2 = purged/embargoed
        for (std::size_t j : test_blocks) {
            const std::size_t a = block_offset[j], b = block_offset[j + 1];
            const T ts = start[a], te = block_end[j];
            for (std::size_t i = a; i < b; ++i) drop[i] = 1;
            // Rows before the block overlap when they end at or after ts.
            for (std::size_t i = a; i-- > 0;) {
                if (!drop[i] && !(end[i] < ts)) drop[i] = 2;
            }
            // Rows after: overlap (start <= te) or within the time embargo,
            // then the first embargo_rows rows that remain.
            std::size_t embargoed = 0;
            for (std::size_t i = b; i < n; ++i) {
                if (drop[i]) continue;
                if (!(te + embargo < start[i])) {
                    drop[i] = 2;  // overlaps the test interval or starts within the embargo
                } else if (embargoed < embargo_rows) {
                    drop[i] = 2;
                    ++embargoed;
                } else {
                    break;  // later rows start later still
                }
            }
        }
        holdout h;
        for (std::size_t i = 0; i < n; ++i) {
            if (drop[i] == 0) h.train.push_back(i);
            else if (drop[i] == 1) h.test.push_back(i);
        }
        return h;
    }
};

template <class Starts, class Ends, class T>
std::shared_ptr<purge_state<T>> make_purge_state(const char* fn, const Starts& starts, const Ends& ends,
                                                 std::size_t n_blocks, const purge_options<T>& o) {
    auto st = std::make_shared<purge_state<T>>();
    {
        auto s = numeric_column(starts, fn, "start");
        auto e = numeric_column(ends, fn, "end");
        require_same_size(fn, "start", s.size(), "end", e.size());
        require(!s.empty(), fn, "start", "is empty");
        st->start.assign(s.begin(), s.end());
        st->end.assign(e.begin(), e.end());
    }
    const std::size_t n = st->start.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (ASSAY_UNLIKELY(st->end[i] < st->start[i])) {
            throw_invalid_argument(fn, "end", "the interval of row ", i, " ends (", st->end[i], ") before it starts (",
                                   st->start[i], ")");
        }
        if (ASSAY_UNLIKELY(i > 0 && st->start[i] < st->start[i - 1])) {
            throw_invalid_argument(fn, "start", "rows must be in time order: start of row ", i, " (", st->start[i],
                                   ") is earlier than that of row ", i - 1, " (", st->start[i - 1], ")");
        }
    }
    require(!(o.embargo < T{}), fn, "embargo", "must not be negative, got ", o.embargo);
    require(n_blocks <= n, fn, "n_splits", "cannot be greater than the number of rows (", n, "), got ", n_blocks);
    st->embargo = o.embargo;
    st->embargo_rows = o.embargo_rows;
    st->block_offset.assign(n_blocks + 1, 0);
    const std::size_t base = n / n_blocks, extra = n % n_blocks;
    for (std::size_t j = 0; j < n_blocks; ++j) st->block_offset[j + 1] = st->block_offset[j] + base + (j < extra ? 1 : 0);
    st->block_end.resize(n_blocks);
    for (std::size_t j = 0; j < n_blocks; ++j) {
        T m = st->end[st->block_offset[j]];
        for (std::size_t i = st->block_offset[j]; i < st->block_offset[j + 1]; ++i) m = std::max(m, st->end[i]);
        st->block_end[j] = m;
    }
    return st;
}

}  // namespace detail

/// Purged k-fold with embargo (López de Prado 2018, §7.4): fold f tests the
/// f-th block of consecutive rows (kfold's blocks) and trains on every other
/// row except those purged (label interval overlapping the test interval)
/// or embargoed after the block. `start`/`end` are the label intervals, any
/// arithmetic type; rows in time order.
/// Throws: `assay::invalid_argument` if start and end differ in length or
/// are empty, a value is NaN, an interval ends before it starts, rows are
/// not in start order, n_splits < 2 or > rows, or the embargo is negative.
/// Complexity: O(rows) to build; O(rows) per fold.
template <class Starts, class Ends, class T = detail::range_value_t<Starts>>
holdout_folds purged_kfold(const Starts& start, const Ends& end, std::size_t n_splits,
                           const purge_options<T>& options = {}) {
    const char* fn = "purged_kfold";
    detail::require(n_splits >= 2, fn, "n_splits", "must be at least 2, got ", n_splits);
    auto st = detail::make_purge_state(fn, start, end, n_splits, options);
    return holdout_folds(n_splits, [st](std::size_t f) { return st->split({f}); });
}

/// The splits of combinatorial_purged_cv and their backtest paths.
class combinatorial_purged_folds {
public:
    using fold_type = holdout_folds::fold_type;
    using iterator = holdout_folds::iterator;

    combinatorial_purged_folds(holdout_folds folds, std::vector<std::vector<std::size_t>> combos,
                               std::size_t n_groups, std::size_t n_test_groups)
        : folds_(std::move(folds)), combos_(std::move(combos)), n_groups_(n_groups), n_test_(n_test_groups) {}

    std::size_t n_splits() const noexcept { return folds_.n_splits(); }
    std::size_t size() const noexcept { return folds_.size(); }
    holdout split(std::size_t k) const { return folds_.split(k); }
    iterator begin() const { return folds_.begin(); }
    iterator end() const { return folds_.end(); }

    /// The blocks (0..n_groups-1) tested by split k, ascending.
    const std::vector<std::size_t>& test_blocks(std::size_t k) const noexcept { return combos_[k]; }
    /// Number of backtest paths: C(N-1, k-1) = k/N · C(N, k).
    std::size_t n_paths() const noexcept { return combos_.size() * n_test_ / n_groups_; }
    /// Path p (0 <= p < n_paths): for every block j, the split whose test
    /// prediction of block j belongs to path p (the (p+1)-th split, in split
    /// order, that tests block j). Joining those predictions gives one full
    /// out-of-sample backtest.
    std::vector<std::size_t> path(std::size_t p) const {
        std::vector<std::size_t> out(n_groups_, 0), seen(n_groups_, 0);
        for (std::size_t k = 0; k < combos_.size(); ++k) {
            for (std::size_t j : combos_[k]) {
                if (seen[j]++ == p) out[j] = k;
            }
        }
        return out;
    }

private:
    holdout_folds folds_;
    std::vector<std::vector<std::size_t>> combos_;
    std::size_t n_groups_, n_test_;
};

/// Combinatorial purged cross-validation (López de Prado 2018, §12.4): the
/// rows are cut into `n_groups` blocks of consecutive rows; every
/// combination of `n_test_groups` blocks (lexicographic order) is one split's
/// test set, and training is every other row, purged and embargoed around
/// each test block as in purged_kfold. Yields C(N, k) splits and C(N-1, k-1)
/// backtest paths.
/// Throws: as purged_kfold, and if n_test_groups is 0 or >= n_groups.
/// Complexity: O(rows) to build; O(rows · k) per split.
template <class Starts, class Ends, class T = detail::range_value_t<Starts>>
combinatorial_purged_folds combinatorial_purged_cv(const Starts& start, const Ends& end, std::size_t n_groups,
                                                   std::size_t n_test_groups, const purge_options<T>& options = {}) {
    const char* fn = "combinatorial_purged_cv";
    detail::require(n_groups >= 2, fn, "n_groups", "must be at least 2, got ", n_groups);
    detail::require(n_test_groups >= 1 && n_test_groups < n_groups, fn, "n_test_groups", "must lie in [1, ",
                    n_groups, "), got ", n_test_groups);
    detail::require(n_groups <= 64, fn, "n_groups", "at most 64 blocks are supported, got ", n_groups);
    auto st = detail::make_purge_state(fn, start, end, n_groups, options);
    auto combos = std::make_shared<std::vector<std::vector<std::size_t>>>();
    std::vector<std::size_t> c(n_test_groups);
    for (std::size_t j = 0; j < n_test_groups; ++j) c[j] = j;
    for (;;) {
        combos->push_back(c);
        detail::require(combos->size() <= 1000000, fn, "n_groups", "more than 10^6 combinations");
        std::size_t j = n_test_groups;
        while (j > 0 && c[j - 1] == n_groups - n_test_groups + (j - 1)) --j;
        if (j == 0) break;
        ++c[j - 1];
        for (std::size_t m = j; m < n_test_groups; ++m) c[m] = c[m - 1] + 1;
    }
    holdout_folds folds(combos->size(), [st, combos](std::size_t k) { return st->split((*combos)[k]); });
    return combinatorial_purged_folds(std::move(folds), *combos, n_groups, n_test_groups);
}

ASSAY_NAMESPACE_END
