// assay/split/shuffle_split.hpp — random holdout splits and repeated k-folds:
// shuffle_split, stratified_shuffle_split, group_shuffle_split,
// train_test_split (plain, stratified, grouped), repeated_kfold and
// repeated_stratified_kfold.
//
// Sizes follow scikit-learn 1.2.1's rules (`_validate_shuffle_split`): a
// fraction f of n rows means ceil(f·n) test rows and floor(f·n) train rows;
// an unset train size is the complement of the test size. The random draws
// use assay's own generator: split k of a call with seed s is the same on
// every platform (it depends only on s and k), but it is not the split numpy
// would draw.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "detail/encode.hpp"
#include "../detail/memory.hpp"
#include "fold.hpp"
#include "kfold.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <numeric>
#include <type_traits>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// A train or test size: a fraction of the rows in (0, 1) when given as a
/// floating-point number, a number of rows when given as an integer, or
/// unset (default-constructed): the complement of the other size.
class split_size {
public:
    split_size() = default;
    template <class T, std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
    split_size(T fraction) : kind_(kind::fraction), fraction_(static_cast<double>(fraction)) {}  // NOLINT: implicit
    template <class T, std::enable_if_t<std::is_integral<T>::value, int> = 0>
    split_size(T count) : kind_(kind::count), count_(static_cast<std::int64_t>(count)) {}  // NOLINT: implicit

    bool is_set() const noexcept { return kind_ != kind::unset; }
    bool is_fraction() const noexcept { return kind_ == kind::fraction; }
    double fraction() const noexcept { return fraction_; }
    std::int64_t count() const noexcept { return count_; }

private:
    enum class kind { unset, fraction, count };
    kind kind_ = kind::unset;
    double fraction_ = 0.0;
    std::int64_t count_ = 0;
};

namespace detail {

/// Seed of the k-th independent stream derived from a user seed.
inline std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t k) noexcept {
    splitmix64 s(seed ^ (0xd1b54a32d192ed03ULL * (k + 1)));
    return s();
}

struct train_test_counts {
    std::size_t train, test;
};

/// scikit-learn's _validate_shuffle_split.
inline train_test_counts resolve_sizes(const char* fn, std::size_t n, split_size test, split_size train,
                                       double default_test) {
    if (!test.is_set() && !train.is_set()) test = split_size(default_test);
    auto check = [&](const split_size& s, const char* arg) {
        if (!s.is_set()) return;
        if (s.is_fraction()) {
            if (ASSAY_UNLIKELY(!(s.fraction() > 0.0 && s.fraction() < 1.0))) {
                throw_invalid_argument(fn, arg, "a fraction must lie in (0, 1), got ", s.fraction());
            }
        } else if (ASSAY_UNLIKELY(s.count() <= 0 || static_cast<std::uint64_t>(s.count()) >= n)) {
            throw_invalid_argument(fn, arg, "a count must lie in [1, ", n, ") for ", n, " rows, got ", s.count());
        }
    };
    check(test, "test_size");
    check(train, "train_size");
    if (test.is_fraction() && train.is_fraction() && test.fraction() + train.fraction() > 1.0) {
        throw_invalid_argument(fn, "train_size", "train_size + test_size = ", test.fraction() + train.fraction(),
                               " exceeds 1");
    }
    const double nd = static_cast<double>(n);
    std::size_t n_test = 0, n_train = 0;
    if (test.is_set()) {
        n_test = test.is_fraction() ? static_cast<std::size_t>(std::ceil(test.fraction() * nd))
                                    : static_cast<std::size_t>(test.count());
    }
    if (train.is_set()) {
        n_train = train.is_fraction() ? static_cast<std::size_t>(std::floor(train.fraction() * nd))
                                      : static_cast<std::size_t>(train.count());
    }
    if (!train.is_set()) n_train = n >= n_test ? n - n_test : 0;
    if (!test.is_set()) n_test = n >= n_train ? n - n_train : 0;
    if (ASSAY_UNLIKELY(n_train + n_test > n)) {
        throw_invalid_argument(fn, "train_size", "train (", n_train, ") + test (", n_test,
                               ") rows exceed the number of rows (", n, ")");
    }
    if (ASSAY_UNLIKELY(n_train == 0 || n_test == 0)) {
        throw_invalid_argument(fn, n_train == 0 ? "train_size" : "test_size", "with ", n,
                               " rows the sizes leave an empty ", n_train == 0 ? "train" : "test", " set");
    }
    return {n_train, n_test};
}

/// Splits `draws` among items in proportion to `weights` (largest remainder,
/// ties in random order): every share is the floor or the ceiling of its
/// exact value (scikit-learn's _approximate_mode).
inline std::vector<std::size_t> approximate_mode(const std::vector<std::size_t>& weights, std::size_t draws, rng& g) {
    std::size_t total = 0;
    for (auto w : weights) total += w;
    std::vector<std::size_t> out(weights.size(), 0);
    if (total == 0) return out;
    std::vector<std::pair<std::uint64_t, std::size_t>> rem;  // (remainder numerator, item)
    std::size_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        // weights[i]·draws/total exactly: both factors are below 2^32
        // (row counts are limited to 2^32 - 2), so the product fits.
        const std::uint64_t prod = static_cast<std::uint64_t>(weights[i]) * draws;
        const std::uint64_t q = prod / total, r = prod % total;
        out[i] = static_cast<std::size_t>(q);
        given += out[i];
        rem.push_back({r, i});
    }
    shuffle(rem.begin(), rem.end(), g);
    std::stable_sort(rem.begin(), rem.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t j = 0; given < draws && j < rem.size(); ++j, ++given) ++out[rem[j].second];
    return out;
}

inline holdout random_holdout(std::size_t n, train_test_counts c, rng& g) {
    auto perm = detail::big_vector<std::size_t>(n);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    // Partial Fisher-Yates: only the first test + train positions are drawn.
    const std::size_t m = c.test + c.train;
    for (std::size_t i = 0; i < m; ++i) {
        const auto j = i + static_cast<std::size_t>(uniform_index(g, n - i));
        std::swap(perm[i], perm[j]);
    }
    holdout h;
    h.test.assign(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(c.test));
    h.train.assign(perm.begin() + static_cast<std::ptrdiff_t>(c.test), perm.begin() + static_cast<std::ptrdiff_t>(m));
    std::sort(h.test.begin(), h.test.end());
    std::sort(h.train.begin(), h.train.end());
    return h;
}

/// Rows grouped by code: rows of code c are order[offset[c] .. offset[c+1]).
struct code_index {
    std::vector<std::size_t> order, offset;
    code_index(const std::vector<std::int32_t>& codes, const std::vector<std::size_t>& counts)
        : order(codes.size()), offset(counts.size() + 1, 0) {
        for (std::size_t c = 0; c < counts.size(); ++c) offset[c + 1] = offset[c] + counts[c];
        std::vector<std::size_t> cursor(offset.begin(), offset.end() - 1);
        for (std::size_t i = 0; i < codes.size(); ++i) order[cursor[codes[i]]++] = i;
    }
};

}  // namespace detail

/// `n_splits` independent random train/test splits of `n_rows` rows
/// (scikit-learn's ShuffleSplit semantics; default test_size 0.1).
/// Throws: `assay::invalid_argument` if n_splits == 0, n_rows == 0, or the
/// sizes do not fit (fraction outside (0,1), count >= n_rows, train + test >
/// n_rows, an empty part).
/// Complexity: O(n_rows) per split, computed when reached.
inline holdout_folds shuffle_split(std::size_t n_rows, std::size_t n_splits, split_size test_size,
                                   split_size train_size, std::uint64_t seed) {
    const char* fn = "shuffle_split";
    detail::require(n_splits >= 1, fn, "n_splits", "must be at least 1");
    detail::require(n_rows > 0, fn, "rows", "is empty");
    const auto c = detail::resolve_sizes(fn, n_rows, test_size, train_size, 0.1);
    return holdout_folds(n_splits, [n_rows, c, seed](std::size_t k) {
        rng g(detail::stream_seed(seed, k));
        return detail::random_holdout(n_rows, c, g);
    });
}

namespace detail {
inline holdout stratified_holdout(const encoded_column& y, const code_index& by_class, train_test_counts c, rng& g) {
    const auto test_per_class = approximate_mode(y.counts, c.test, g);
    std::vector<std::size_t> left(y.counts);
    for (std::size_t k = 0; k < left.size(); ++k) left[k] -= test_per_class[k];
    const auto train_per_class = approximate_mode(left, c.train, g);
    holdout h;
    std::vector<std::size_t> rows;
    for (std::size_t k = 0; k < y.n_unique(); ++k) {
        rows.assign(by_class.order.begin() + static_cast<std::ptrdiff_t>(by_class.offset[k]),
                    by_class.order.begin() + static_cast<std::ptrdiff_t>(by_class.offset[k + 1]));
        shuffle(rows.begin(), rows.end(), g);
        h.test.insert(h.test.end(), rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(test_per_class[k]));
        h.train.insert(h.train.end(), rows.begin() + static_cast<std::ptrdiff_t>(test_per_class[k]),
                       rows.begin() + static_cast<std::ptrdiff_t>(test_per_class[k] + train_per_class[k]));
    }
    std::sort(h.test.begin(), h.test.end());
    std::sort(h.train.begin(), h.train.end());
    return h;
}
}  // namespace detail

/// `n_splits` random train/test splits that keep the class shares of `y`:
/// each class gets the floor or the ceiling of its exact share of the test
/// rows (largest remainders, ties at random), then of the train rows from
/// what is left (scikit-learn's StratifiedShuffleSplit semantics; default
/// test_size 0.1).
/// Throws: `assay::invalid_argument` as shuffle_split, and if a class has
/// a single member or train or test has fewer rows than there are classes.
/// Complexity: O(rows + classes log classes) per split.
template <class Labels>
holdout_folds stratified_shuffle_split(const Labels& y, std::size_t n_splits, split_size test_size,
                                       split_size train_size, std::uint64_t seed) {
    const char* fn = "stratified_shuffle_split";
    const std::size_t n = detail::range_size(y);
    detail::require(n_splits >= 1, fn, "n_splits", "must be at least 1");
    detail::require(n > 0, fn, "y", "is empty");
    auto enc = std::make_shared<detail::encoded_column>(detail::encode_sorted(y, fn, "y"));
    const auto c = detail::resolve_sizes(fn, n, test_size, train_size, 0.1);
    for (std::size_t k = 0; k < enc->n_unique(); ++k) {
        detail::require(enc->counts[k] >= 2, fn, "y", "the least populated class has only ", enc->counts[k],
                        " member; every class needs at least 2");
    }
    detail::require(c.test >= enc->n_unique(), fn, "test_size", "the test set (", c.test,
                    " rows) must have at least one row per class (", enc->n_unique(), ")");
    detail::require(c.train >= enc->n_unique(), fn, "train_size", "the train set (", c.train,
                    " rows) must have at least one row per class (", enc->n_unique(), ")");
    auto index = std::make_shared<detail::code_index>(enc->codes, enc->counts);
    return holdout_folds(n_splits, [enc, index, c, seed](std::size_t k) {
        rng g(detail::stream_seed(seed, k));
        return detail::stratified_holdout(*enc, *index, c, g);
    });
}

/// `n_splits` random splits that keep every group wholly on one side: sizes
/// count groups, not rows (scikit-learn's GroupShuffleSplit semantics;
/// default test_size 0.2 of the groups).
/// Throws: `assay::invalid_argument` as shuffle_split with the number of
/// distinct groups in place of rows.
/// Complexity: O(rows) per split.
template <class Groups>
holdout_folds group_shuffle_split(const Groups& groups, std::size_t n_splits, split_size test_size,
                                  split_size train_size, std::uint64_t seed) {
    const char* fn = "group_shuffle_split";
    detail::require(n_splits >= 1, fn, "n_splits", "must be at least 1");
    detail::require(detail::range_size(groups) > 0, fn, "groups", "is empty");
    auto enc = std::make_shared<detail::encoded_column>(detail::encode_sorted(groups, fn, "groups"));
    const auto c = detail::resolve_sizes(fn, enc->n_unique(), test_size, train_size, 0.2);
    return holdout_folds(n_splits, [enc, c, seed](std::size_t k) {
        rng g(detail::stream_seed(seed, k));
        const holdout by_group = detail::random_holdout(enc->n_unique(), c, g);
        std::vector<fold_id> side(enc->n_unique(), -1);
        for (auto j : by_group.train) side[j] = 0;
        for (auto j : by_group.test) side[j] = 1;
        holdout h;
        for (std::size_t i = 0; i < enc->codes.size(); ++i) {
            const fold_id s = side[enc->codes[i]];
            if (s == 0) h.train.push_back(i);
            else if (s == 1) h.test.push_back(i);
        }
        return h;
    });
}

/// One random train/test split of `n_rows` rows (scikit-learn's
/// train_test_split on row indices; default test_size 0.25), both parts
/// ascending.
/// Throws / Complexity: as shuffle_split with one split.
inline holdout train_test_split(std::size_t n_rows, split_size test_size = 0.25, std::uint64_t seed = 0,
                                split_size train_size = {}) {
    return shuffle_split(n_rows, 1, test_size, train_size, seed).split(0);
}

/// One random train/test split keeping the class shares of `y`
/// (train_test_split with `stratify=y`).
/// Throws / Complexity: as stratified_shuffle_split with one split.
template <class Labels>
holdout stratified_train_test_split(const Labels& y, split_size test_size = 0.25, std::uint64_t seed = 0,
                                    split_size train_size = {}) {
    return stratified_shuffle_split(y, 1, test_size, train_size, seed).split(0);
}

/// One random train/test split keeping every group on one side; sizes count
/// groups.
/// Throws / Complexity: as group_shuffle_split with one split.
template <class Groups>
holdout group_train_test_split(const Groups& groups, split_size test_size = 0.25, std::uint64_t seed = 0,
                               split_size train_size = {}) {
    return group_shuffle_split(groups, 1, test_size, train_size, seed).split(0);
}

/// k-fold repeated `n_repeats` times with different shuffles. Fold r·k + f is
/// fold f of repeat r; repeat r is `repeat(r)`, a partition computed from the
/// seed and r alone. Iterating yields views into the partition the iterator
/// holds (valid until it is advanced or destroyed).
class repeated_folds {
public:
    using fold_type = partition::fold_type;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = fold_type;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = fold_type;

        iterator() = default;
        iterator(const repeated_folds* owner, std::size_t k) : owner_(owner), k_(k) { load(); }
        fold_type operator*() const {
            fold_type f = current_[k_ % owner_->n_splits_];
            f.index = k_;
            return f;
        }
        iterator& operator++() {
            ++k_;
            if (k_ % owner_->n_splits_ == 0) load();
            return *this;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.k_ == b.k_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.k_ != b.k_; }

    private:
        void load() {
            if (owner_ && k_ < owner_->size()) current_ = owner_->repeat(k_ / owner_->n_splits_);
        }
        const repeated_folds* owner_ = nullptr;
        std::size_t k_ = 0;
        partition current_;
    };

    repeated_folds(std::size_t n_repeats, std::size_t n_splits, std::uint64_t seed,
                   std::function<partition(shuffled)> make)
        : n_repeats_(n_repeats), n_splits_(n_splits), seed_(seed), make_(std::move(make)) {}

    std::size_t n_repeats() const noexcept { return n_repeats_; }
    std::size_t n_splits() const noexcept { return n_repeats_ * n_splits_; }
    std::size_t size() const noexcept { return n_splits(); }
    /// Repeat r as a partition (its folds, assign(), warnings()). O(rows).
    partition repeat(std::size_t r) const { return make_(shuffled{detail::stream_seed(seed_, r)}); }
    iterator begin() const { return iterator(this, 0); }
    iterator end() const { return iterator(this, size()); }

private:
    std::size_t n_repeats_, n_splits_;
    std::uint64_t seed_;
    std::function<partition(shuffled)> make_;
};

/// kfold(n_rows, n_splits, shuffled) repeated n_repeats times
/// (scikit-learn's RepeatedKFold semantics).
/// Throws: as kfold, and if n_repeats == 0. Complexity: O(rows) per repeat.
inline repeated_folds repeated_kfold(std::size_t n_rows, std::size_t n_splits, std::size_t n_repeats,
                                     std::uint64_t seed) {
    detail::require(n_repeats >= 1, "repeated_kfold", "n_repeats", "must be at least 1");
    detail::check_n_splits("kfold", n_splits, n_rows);
    return repeated_folds(n_repeats, n_splits, seed,
                          [n_rows, n_splits](shuffled s) { return kfold(n_rows, n_splits, s); });
}

/// stratified_kfold(y, n_splits, shuffled) repeated n_repeats times
/// (scikit-learn's RepeatedStratifiedKFold semantics). Keeps y's class codes.
/// Throws: as stratified_kfold, and if n_repeats == 0.
/// Complexity: O(rows) per repeat.
template <class Labels>
repeated_folds repeated_stratified_kfold(const Labels& y, std::size_t n_splits, std::size_t n_repeats,
                                         std::uint64_t seed) {
    detail::require(n_repeats >= 1, "repeated_stratified_kfold", "n_repeats", "must be at least 1");
    // Sorted-value codes keep the order of first appearance, so they give
    // the same folds as the labels themselves.
    auto labels = std::make_shared<std::vector<std::int32_t>>(
        detail::encode_sorted(y, "repeated_stratified_kfold", "y").codes);
    (void)stratified_kfold(*labels, n_splits);  // validates now
    return repeated_folds(n_repeats, n_splits, seed,
                          [labels, n_splits](shuffled s) { return stratified_kfold(*labels, n_splits, s); });
}

ASSAY_NAMESPACE_END
