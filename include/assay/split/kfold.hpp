// assay/split/kfold.hpp — k-fold splitters that partition the rows:
// kfold, stratified_kfold, group_kfold, stratified_group_kfold,
// leave_one_group_out and predefined_split.
//
// Without `assay::shuffled{seed}` each equals scikit-learn 1.2.1's splitter
// of the same name exactly (same folds, same order, same test rows), checked
// on the reference cases in tests/reference/split. With a seed, rows (or
// groups) are shuffled with assay's own generator: the same seed gives the
// same folds on every platform, but not scikit-learn's folds (numpy's
// generator is a different one).
//
// Labels and groups are any range of integral, enum or string values; groups
// need not be sorted or contiguous. Classes and groups are ordered by value
// (strings byte-wise), as numpy's `np.unique` orders them.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "detail/encode.hpp"
#include "../detail/memory.hpp"
#include "detail/numpy_argsort.hpp"
#include "detail/numpy_float.hpp"
#include "fold.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <numeric>
#include <queue>
#include <string>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Asks a splitter to shuffle, with the seed of an `assay::rng`:
/// `assay::kfold(n, 5, assay::shuffled{42})`.
struct shuffled {
    std::uint64_t seed = 0;
};

namespace detail {

/// A fold id per row and the number of rows of each fold.
struct fold_assignment {
    std::vector<fold_id> ids;
    std::vector<std::size_t> sizes;
    std::shared_ptr<const std::uint32_t[]> order;  // rows by fold, when built alongside
    partition to_partition(bool sorted = false) && {
        if (order) return partition(std::move(ids), sizes, std::move(order));
        return partition(std::move(ids), sizes, sorted);
    }
};

/// Writes the rows sorted by fold while the fold ids are assigned (rows in
/// increasing order, so each fold's rows come out ascending).
class order_writer {
public:
    order_writer(const std::vector<std::size_t>& sizes, std::size_t n) : order_(new std::uint32_t[n]), cursor_(sizes.size()) {
        advise_huge_pages(order_.get(), n * sizeof(std::uint32_t));
        std::size_t at = 0;
        for (std::size_t f = 0; f < sizes.size(); ++f) {
            cursor_[f] = at;
            at += sizes[f];
        }
        out_ = order_.get();
    }
    void put(fold_id f, std::size_t row) noexcept { out_[cursor_[static_cast<std::size_t>(f)]++] = static_cast<std::uint32_t>(row); }
    std::shared_ptr<const std::uint32_t[]> release() { return std::move(order_); }

private:
    std::shared_ptr<std::uint32_t[]> order_;
    std::vector<std::size_t> cursor_;
    std::uint32_t* out_ = nullptr;
};

inline void check_n_splits(const char* fn, std::size_t n_splits, std::size_t n_rows) {
    require(n_splits >= 2, fn, "n_splits", "must be at least 2, got ", n_splits);
    require(n_rows > 0, fn, "rows", "is empty");
    if (ASSAY_UNLIKELY(n_splits > n_rows)) {
        throw_invalid_argument(fn, "n_splits", "cannot be greater than the number of rows (", n_rows, "), got ",
                               n_splits);
    }
}

/// Classes with fewer members than folds: an error when every class is that
/// small (scikit-learn raises), a warning otherwise (scikit-learn warns).
inline void check_class_counts(const char* fn, const std::vector<std::size_t>& counts, std::size_t n_splits,
                               partition* p) {
    std::size_t largest = 0, smallest = std::numeric_limits<std::size_t>::max();
    for (auto c : counts) {
        largest = std::max(largest, c);
        smallest = std::min(smallest, c);
    }
    if (ASSAY_UNLIKELY(largest < n_splits)) {
        throw_invalid_argument(fn, "n_splits", "cannot be greater than the number of members in each class (",
                               n_splits, " folds, largest class has ", largest, " members)");
    }
    if (p && smallest < n_splits) {
        p->add_warning(concat("the least populated class has only ", smallest, " members, fewer than n_splits=",
                              n_splits, ": some folds miss that class"));
    }
}

inline fold_assignment kfold_ids(std::size_t n, std::size_t k, const std::size_t* perm) {
    fold_assignment out{detail::big_vector<fold_id>(n), std::vector<std::size_t>(k), nullptr};
    const std::size_t base = n / k, extra = n % k;
    std::size_t pos = 0;
    for (std::size_t f = 0; f < k; ++f) {
        out.sizes[f] = base + (f < extra ? 1 : 0);
        const std::size_t stop = pos + out.sizes[f];
        for (; pos < stop; ++pos) out.ids[perm ? perm[pos] : pos] = static_cast<fold_id>(f);
    }
    return out;
}

/// StratifiedKFold's assignment. Classes are numbered in order of first
/// appearance (`rank`). (Consumes y: its code column becomes the fold-id
/// column.)
inline fold_assignment stratified_ids(encoded_column y, std::size_t k, rng* g) {
    const std::size_t n = y.codes.size(), n_classes = y.n_unique();
    const std::vector<std::int32_t> rank = first_appearance_ranks(y);
    // Class-sorted positions of each class (classes in first-appearance order).
    std::vector<std::size_t> cum(n_classes + 1, 0);
    for (std::size_t c = 0; c < n_classes; ++c) cum[static_cast<std::size_t>(rank[c]) + 1] = y.counts[c];
    for (std::size_t c = 0; c < n_classes; ++c) cum[c + 1] += cum[c];
    // Rows at positions f, f+k, f+2k, ... of the class-sorted labels go to
    // fold f: count of such positions below b.
    auto below = [k](std::size_t b, std::size_t f) { return b > f ? (b - f - 1) / k + 1 : 0; };
    auto share = [&](std::size_t r, std::size_t f) { return below(cum[r + 1], f) - below(cum[r], f); };
    std::vector<std::size_t> sizes(k, 0);
    for (std::size_t r = 0; r < n_classes; ++r) {
        for (std::size_t f = 0; f < k; ++f) sizes[f] += share(r, f);
    }
    std::vector<fold_id> ids = std::move(y.codes);
    if (!g) {
        // Within a class, rows in order fill fold 0's share, then fold 1's...
        // Per sorted code: the current fold and the rows it still takes.
        std::vector<fold_id> fold(n_classes, 0);
        std::vector<std::size_t> left(n_classes);
        auto advance = [&](std::size_t c) {
            const auto r = static_cast<std::size_t>(rank[c]);
            while (left[c] == 0 && static_cast<std::size_t>(fold[c]) + 1 < k) {
                left[c] = share(r, static_cast<std::size_t>(++fold[c]));
            }
        };
        for (std::size_t c = 0; c < n_classes; ++c) {
            left[c] = share(static_cast<std::size_t>(rank[c]), 0);
            advance(c);
        }
        order_writer w(sizes, n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<std::size_t>(ids[i]);
            const fold_id f = fold[c];
            ids[i] = f;
            w.put(f, i);
            if (--left[c] == 0) advance(c);
        }
        return {std::move(ids), std::move(sizes), w.release()};
    }
    // Shuffled: each class's fold sequence is shuffled, classes taken in
    // first-appearance order.
    auto seq = detail::big_vector<fold_id>(n);
    for (std::size_t r = 0; r < n_classes; ++r) {
        std::size_t pos = cum[r];
        for (std::size_t f = 0; f < k; ++f) {
            const std::size_t m = share(r, f);
            std::fill_n(seq.begin() + static_cast<std::ptrdiff_t>(pos), m, static_cast<fold_id>(f));
            pos += m;
        }
        shuffle(seq.begin() + static_cast<std::ptrdiff_t>(cum[r]), seq.begin() + static_cast<std::ptrdiff_t>(cum[r + 1]), *g);
    }
    std::vector<std::size_t> cursor(n_classes);
    for (std::size_t c = 0; c < n_classes; ++c) cursor[c] = cum[static_cast<std::size_t>(rank[c])];
    order_writer w(sizes, n);
    for (std::size_t i = 0; i < n; ++i) {
        const fold_id f = seq[cursor[static_cast<std::size_t>(ids[i])]++];
        ids[i] = f;
        w.put(f, i);
    }
    return {std::move(ids), std::move(sizes), w.release()};
}

/// Puts each weighted item, in the given order, into the currently lightest
/// bin (lowest index among ties, as np.argmin). Returns the bin of each item.
inline std::vector<fold_id> lightest_bin_fill(const std::vector<std::int64_t>& weight,
                                              const std::vector<std::size_t>& order, std::size_t k) {
    std::vector<fold_id> bin(weight.size(), 0);
    if (k <= 64) {
        std::vector<std::int64_t> load(k, 0);
        for (std::size_t item : order) {
            std::size_t best = 0;
            for (std::size_t f = 1; f < k; ++f) {
                if (load[f] < load[best]) best = f;
            }
            load[best] += weight[item];
            bin[item] = static_cast<fold_id>(best);
        }
    } else {
        using entry = std::pair<std::int64_t, std::size_t>;
        std::priority_queue<entry, std::vector<entry>, std::greater<entry>> heap;
        for (std::size_t f = 0; f < k; ++f) heap.push({0, f});
        for (std::size_t item : order) {
            entry e = heap.top();
            heap.pop();
            bin[item] = static_cast<fold_id>(e.second);
            e.first += weight[item];
            heap.push(e);
        }
    }
    return bin;
}

/// (Consumes groups: its code column becomes the fold-id column.)
inline fold_assignment group_ids(encoded_column groups, std::size_t k, rng* g) {
    const std::size_t n_groups = groups.n_unique();
    std::vector<std::int64_t> sizes(n_groups);
    for (std::size_t j = 0; j < n_groups; ++j) sizes[j] = static_cast<std::int64_t>(groups.counts[j]);
    std::vector<std::size_t> order;
    if (g) {
        // Largest groups first, ties in random order.
        order.resize(n_groups);
        std::iota(order.begin(), order.end(), std::size_t{0});
        shuffle(order.begin(), order.end(), *g);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    } else {
        // scikit-learn: np.argsort(sizes)[::-1] with numpy's unstable sort.
        order = numpy_argsort(sizes);
        std::reverse(order.begin(), order.end());
    }
    const std::vector<fold_id> group_fold = lightest_bin_fill(sizes, order, k);
    std::vector<std::size_t> fold_sizes(k, 0);
    for (std::size_t j = 0; j < n_groups; ++j) fold_sizes[static_cast<std::size_t>(group_fold[j])] += groups.counts[j];
    std::vector<fold_id> ids = std::move(groups.codes);
    order_writer w(fold_sizes, ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const fold_id f = group_fold[static_cast<std::size_t>(ids[i])];
        ids[i] = f;
        w.put(f, i);
    }
    return {std::move(ids), std::move(fold_sizes), w.release()};
}

inline bool numpy_isclose(double a, double b) noexcept {
    if (std::isfinite(a) && std::isfinite(b)) return std::abs(a - b) <= 1e-8 + 1e-5 * std::abs(b);
    return a == b;
}

/// StratifiedGroupKFold's greedy assignment (scikit-learn 1.2.1), with the
/// same floating-point evaluation so that near-ties resolve identically.
/// (Consumes groups: its code column becomes the fold-id column.)
inline fold_assignment stratified_group_ids(const encoded_column& y, encoded_column groups, std::size_t k,
                                                 rng* g) {
    const std::size_t n_classes = y.n_unique(), n_groups = groups.n_unique();
    std::vector<double> per_group(n_groups * n_classes, 0.0);
    for (std::size_t i = 0; i < y.codes.size(); ++i) per_group[groups.codes[i] * n_classes + y.codes[i]] += 1.0;

    std::vector<double> scratch(std::max(n_classes, k));
    std::vector<double> spread(n_groups);
    for (std::size_t j = 0; j < n_groups; ++j) {
        spread[j] = numpy_std_contiguous(&per_group[j * n_classes], n_classes, scratch.data());
    }
    std::vector<std::size_t> order(n_groups);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (g) shuffle(order.begin(), order.end(), *g);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return spread[a] > spread[b]; });

    std::vector<double> total(n_classes);
    for (std::size_t c = 0; c < n_classes; ++c) total[c] = static_cast<double>(y.counts[c]);
    std::vector<double> fold_counts(k * n_classes, 0.0);  // y_counts_per_fold
    std::vector<double> share(k * n_classes, 0.0);        // fold_counts / total
    std::vector<std::size_t> fold_rows(k, 0);
    std::vector<double> candidate(n_classes), std_per_class(n_classes), column(k);
    std::vector<fold_id> group_fold(n_groups, 0);
    const double kd = static_cast<double>(k);

    for (std::size_t j : order) {
        const double* add = &per_group[j * n_classes];
        std::size_t group_rows = 0;
        for (std::size_t c = 0; c < n_classes; ++c) group_rows += static_cast<std::size_t>(add[c]);
        std::size_t best = 0;
        double min_eval = std::numeric_limits<double>::infinity();
        std::size_t min_rows = 0;
        bool have_best = false;
        for (std::size_t f = 0; f < k; ++f) {
            for (std::size_t c = 0; c < n_classes; ++c) candidate[c] = (fold_counts[f * n_classes + c] + add[c]) / total[c];
            for (std::size_t c = 0; c < n_classes; ++c) {
                // np.std over axis 0 of the k x n_classes share matrix.
                for (std::size_t i = 0; i < k; ++i) column[i] = i == f ? candidate[c] : share[i * n_classes + c];
                double mean;
                if (n_classes > 1) {
                    double s = column[0];
                    for (std::size_t i = 1; i < k; ++i) s += column[i];
                    mean = s / kd;
                    double q = 0.0;
                    for (std::size_t i = 0; i < k; ++i) {
                        const double d = column[i] - mean;
                        const double sq = opaque(d * d);
                        q = i == 0 ? sq : q + sq;
                    }
                    std_per_class[c] = std::sqrt(q / kd);
                } else {
                    std_per_class[c] = numpy_std_contiguous(column.data(), k, scratch.data());
                }
            }
            const double eval = numpy_pairwise_sum(std_per_class.data(), n_classes) / static_cast<double>(n_classes);
            const std::size_t rows = fold_rows[f];
            if (!have_best || eval < min_eval || (numpy_isclose(eval, min_eval) && rows < min_rows)) {
                have_best = true;
                min_eval = eval;
                min_rows = rows;
                best = f;
            }
        }
        group_fold[j] = static_cast<fold_id>(best);
        fold_rows[best] += group_rows;
        for (std::size_t c = 0; c < n_classes; ++c) {
            fold_counts[best * n_classes + c] += add[c];
            share[best * n_classes + c] = fold_counts[best * n_classes + c] / total[c];
        }
    }
    std::vector<fold_id> ids = std::move(groups.codes);
    order_writer w(fold_rows, ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const fold_id f = group_fold[static_cast<std::size_t>(ids[i])];
        ids[i] = f;
        w.put(f, i);
    }
    return {std::move(ids), std::move(fold_rows), w.release()};
}

}  // namespace detail

/// K-fold cross-validation of `n_rows` rows: fold f tests a block of
/// consecutive rows; the first `n_rows % n_splits` folds have one row more.
/// Matches scikit-learn 1.2.1 `KFold(n_splits, shuffle=False)`.
/// Throws: `assay::invalid_argument` if n_splits < 2, n_rows == 0 or
/// n_splits > n_rows.
/// Complexity: O(n_rows) time and memory.
inline partition kfold(std::size_t n_rows, std::size_t n_splits) {
    detail::check_n_splits("kfold", n_splits, n_rows);
    return detail::kfold_ids(n_rows, n_splits, nullptr).to_partition(true);
}

/// K-fold on rows shuffled with `assay::rng(s.seed)` (Fisher-Yates): fold
/// sizes as without shuffling, rows drawn at random. Same seed, same folds on
/// every platform (scikit-learn's `KFold(shuffle=True)` semantics, its own
/// generator).
/// Throws: as the unshuffled kfold. Complexity: O(n_rows).
inline partition kfold(std::size_t n_rows, std::size_t n_splits, shuffled s) {
    detail::check_n_splits("kfold", n_splits, n_rows);
    auto perm = detail::big_vector<std::size_t>(n_rows);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    rng g(s.seed);
    shuffle(perm.begin(), perm.end(), g);
    return detail::kfold_ids(n_rows, n_splits, perm.data()).to_partition();
}

namespace detail {
template <class Labels>
partition stratified_kfold_impl(const Labels& y, std::size_t n_splits, rng* g) {
    const char* fn = "stratified_kfold";
    detail::check_n_splits(fn, n_splits, detail::range_size(y));
    auto enc = detail::encode_sorted(y, fn, "y");
    partition p;
    detail::check_class_counts(fn, enc.counts, n_splits, &p);
    partition out = detail::stratified_ids(std::move(enc), n_splits, g).to_partition();
    for (const auto& w : p.warnings()) out.add_warning(w);
    return out;
}
}  // namespace detail

/// Stratified k-fold on class labels `y`: each fold keeps the class shares of
/// the whole. Matches scikit-learn 1.2.1 `StratifiedKFold(shuffle=False)`:
/// classes taken in order of first appearance, per-class fold sizes from a
/// round robin over the class-sorted labels, and within a class the rows (in
/// their order) go to folds 0, 1, ... in blocks.
/// A class with fewer members than folds is not an error (some folds miss
/// it): it is reported in `warnings()` of the result, as scikit-learn warns.
/// Throws: `assay::invalid_argument` if n_splits < 2, y is empty, n_splits >
/// rows, or every class has fewer than n_splits members.
/// Complexity: O(rows) time and memory (O(rows log classes) for sparse
/// integer or string labels).
template <class Labels>
partition stratified_kfold(const Labels& y, std::size_t n_splits) {
    return detail::stratified_kfold_impl(y, n_splits, nullptr);
}

/// Stratified k-fold with the rows of each class shuffled (assay::rng(seed)):
/// fold sizes per class as without shuffling.
/// Throws / Complexity: as stratified_kfold.
template <class Labels>
partition stratified_kfold(const Labels& y, std::size_t n_splits, shuffled s) {
    rng g(s.seed);
    return detail::stratified_kfold_impl(y, n_splits, &g);
}

namespace detail {
template <class Groups>
partition group_kfold_impl(const Groups& groups, std::size_t n_splits, rng* g) {
    const char* fn = "group_kfold";
    detail::check_n_splits(fn, n_splits, detail::range_size(groups));
    auto enc = detail::encode_sorted(groups, fn, "groups");
    if (ASSAY_UNLIKELY(n_splits > enc.n_unique())) {
        detail::throw_invalid_argument(fn, "n_splits", "cannot be greater than the number of groups (",
                                       enc.n_unique(), "), got ", n_splits);
    }
    return detail::group_ids(std::move(enc), n_splits, g).to_partition();
}
}  // namespace detail

/// Group k-fold: every group lies wholly in one fold; folds balanced by row
/// count. Matches scikit-learn 1.2.1 `GroupKFold`: groups sorted by size,
/// largest first (the order numpy 1.24's unstable argsort gives, reversed —
/// reproduced exactly, ties included), each added to the fold with the fewest
/// rows so far (lowest index among ties).
/// Throws: `assay::invalid_argument` if n_splits < 2, groups is empty,
/// n_splits > rows or n_splits > number of distinct groups.
/// Complexity: O(rows + G log G) time, O(rows + G) memory (G groups).
template <class Groups>
partition group_kfold(const Groups& groups, std::size_t n_splits) {
    return detail::group_kfold_impl(groups, n_splits, nullptr);
}

/// Group k-fold with ties between equal-size groups broken at random
/// (assay::rng(seed)); otherwise as group_kfold.
/// Throws / Complexity: as group_kfold.
template <class Groups>
partition group_kfold(const Groups& groups, std::size_t n_splits, shuffled s) {
    rng g(s.seed);
    return detail::group_kfold_impl(groups, n_splits, &g);
}

namespace detail {
template <class Labels, class Groups>
partition stratified_group_kfold_impl(const Labels& y, const Groups& groups, std::size_t n_splits, rng* g) {
    const char* fn = "stratified_group_kfold";
    const std::size_t n = detail::range_size(y);
    detail::require_same_size(fn, "y", n, "groups", detail::range_size(groups));
    detail::check_n_splits(fn, n_splits, n);
    auto ye = detail::encode_sorted(y, fn, "y");
    auto ge = detail::encode_sorted(groups, fn, "groups");
    partition p;
    detail::check_class_counts(fn, ye.counts, n_splits, &p);
    const std::size_t n_groups = ge.n_unique();
    partition out = detail::stratified_group_ids(ye, std::move(ge), n_splits, g).to_partition();
    for (const auto& w : p.warnings()) out.add_warning(w);
    if (n_groups < n_splits) {
        out.add_warning(concat("only ", n_groups, " groups for ", n_splits, " folds: some folds are empty"));
    }
    return out;
}
}  // namespace detail

/// Stratified group k-fold: every group wholly in one fold, class shares per
/// fold as close to the whole's as groups allow. Matches scikit-learn 1.2.1
/// `StratifiedGroupKFold(shuffle=False)`: groups taken by decreasing standard
/// deviation of their class counts (stable), each put in the fold minimising
/// the mean over classes of the standard deviation over folds of the class
/// share, near-ties (np.isclose) going to the fold with fewer rows. The
/// floating-point evaluation follows numpy's summation order, so near-ties
/// resolve as in scikit-learn. Like scikit-learn, a fold may be empty when
/// there are fewer groups than folds (reported in `warnings()`).
/// With `shuffled{seed}`, groups of equal spread are taken in random order
/// (scikit-learn 1.2's shuffle permutes the count rows but not the group
/// ids; assay shuffles the groups themselves).
/// Throws: `assay::invalid_argument` if y and groups differ in length, are
/// empty, n_splits < 2, n_splits > rows, or every class has fewer than
/// n_splits members.
/// Complexity: O(rows + G·(C + k²·C)) time for G groups, C classes, k
/// folds; O(rows + G·C) memory.
template <class Labels, class Groups>
partition stratified_group_kfold(const Labels& y, const Groups& groups, std::size_t n_splits) {
    return detail::stratified_group_kfold_impl(y, groups, n_splits, nullptr);
}

/// Stratified group k-fold, groups of equal spread in random order.
/// Throws / Complexity: as stratified_group_kfold.
template <class Labels, class Groups>
partition stratified_group_kfold(const Labels& y, const Groups& groups, std::size_t n_splits, shuffled s) {
    rng g(s.seed);
    return detail::stratified_group_kfold_impl(y, groups, n_splits, &g);
}

/// Leave one group out: fold j tests the rows of the j-th smallest group
/// value. Matches scikit-learn 1.2.1 `LeaveOneGroupOut`.
/// Throws: `assay::invalid_argument` if groups is empty or has fewer than
/// 2 distinct values.
/// Complexity: O(rows) (O(rows log G) for sparse integer or string groups).
template <class Groups>
partition leave_one_group_out(const Groups& groups) {
    const char* fn = "leave_one_group_out";
    detail::require(detail::range_size(groups) > 0, fn, "groups", "is empty");
    auto enc = detail::encode_sorted(groups, fn, "groups");
    detail::require(enc.n_unique() >= 2, fn, "groups", "must contain at least 2 distinct groups, got ",
                    enc.n_unique());
    const std::size_t n_groups = enc.n_unique();
    return partition(std::move(enc.codes), n_groups, fn);
}

/// Folds given by a fold label per row: fold j tests the rows whose label is
/// the j-th smallest distinct label other than -1; rows labelled -1 are never
/// tested (always train). Matches scikit-learn 1.2.1 `PredefinedSplit`.
/// Throws: `assay::invalid_argument` if test_fold is empty or has no label
/// other than -1.
/// Complexity: O(rows) (O(rows log F) for sparse labels).
template <class FoldLabels>
partition predefined_split(const FoldLabels& test_fold) {
    const char* fn = "predefined_split";
    static_assert(std::is_integral<detail::range_value_t<FoldLabels>>::value,
                  "predefined_split takes an integer fold label per row");
    detail::require(detail::range_size(test_fold) > 0, fn, "test_fold", "is empty");
    std::vector<std::int64_t> labels;
    labels.reserve(detail::range_size(test_fold));
    for (const auto& v : test_fold) labels.push_back(static_cast<std::int64_t>(v));
    std::vector<std::int64_t> distinct;
    for (auto v : labels) {
        if (v != -1) distinct.push_back(v);
    }
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    detail::require(!distinct.empty(), fn, "test_fold", "has no fold label other than -1");
    std::vector<fold_id> ids(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        ids[i] = labels[i] == -1 ? -1
                                 : static_cast<fold_id>(std::lower_bound(distinct.begin(), distinct.end(), labels[i]) -
                                                        distinct.begin());
    }
    return partition(std::move(ids), distinct.size(), fn);
}

ASSAY_NAMESPACE_END
