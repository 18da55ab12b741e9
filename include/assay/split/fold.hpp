// assay/split/fold.hpp — what every splitter yields: folds whose `train` and
// `test` are lightweight views of row indices, never copies of the data.
//
//     auto folds = assay::stratified_group_kfold(y, groups, 5);
//     for (const auto& fold : folds) {          // fold.index = 0, 1, ...
//         for (std::size_t row : fold.train) ...
//         for (std::size_t row : fold.test) ...
//     }
//     const std::vector<assay::fold_id>& ids = folds.assign();  // test fold of each row
//
// View types
// ----------
// * `index_view` / `compact_index_view`: rows [first, last) of an optional
//   index array of 64-bit / 32-bit entries (a slice of a permutation), or the
//   plain range first, first+1, ..., last-1 when no array is given
//   (time-series folds and unshuffled k-fold test folds: O(1) to build,
//   nothing stored). Random access.
// * `complement_view`: the rows whose fold id differs from one fold, in
//   ascending order, read from the fold-id column (forward iteration, size
//   known in O(1)).
// * `code_set_view`: the rows whose code (group) is, or is not, in a small
//   sorted set of codes (leave-p-groups-out).
// Views refer to storage owned by the splitter object (or, for splitters that
// build each fold on the fly — holdout_folds, repeated_folds,
// leave_p_groups_out_folds — by the iterator that produced the fold: such a
// fold stays valid until that iterator is advanced or destroyed). Call
// `to_vector()` to keep a copy.
//
// Which splitter returns what
// ---------------------------
// * `partition` (a fold id per row; test = compact_index_view, train =
//   complement_view): kfold, stratified_kfold, group_kfold,
//   stratified_group_kfold, leave_one_group_out, predefined_split.
// * `time_series_folds` (both sides index_view ranges): time_series_split.
// * `leave_p_groups_out_folds`: leave_p_groups_out.
// * `holdout_folds` (splits computed one at a time, owning vectors):
//   shuffle_split, stratified_shuffle_split, group_shuffle_split,
//   time_group_split, purged_kfold (and combinatorial_purged_cv's folds).
// * `repeated_folds`: repeated_kfold, repeated_stratified_kfold.
// Row indices are stored in 32 bits where the splitter keeps an order, so a
// shuffled partition holds at most 2^32 - 1 rows; labels and groups at most
// 2^31 - 2 rows.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../detail/memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#if defined(__SSE2__)
#    include <emmintrin.h>
#endif

ASSAY_NAMESPACE_BEGIN

/// Fold number of a row (the fold in which it is tested); -1 = in no test fold.
using fold_id = std::int32_t;

/// Rows [first, last) of an index array of `Index` (std::size_t, or
/// std::uint32_t for compact storage), or the integers [first, last) when the
/// array is null. Random access; elements are `std::size_t` row indices.
template <class Index>
class basic_index_view {
public:
    class iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = std::size_t;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::size_t;

        iterator() = default;
        iterator(const Index* base, std::size_t pos) noexcept : base_(base), pos_(pos) {}
        std::size_t operator*() const noexcept { return base_ ? static_cast<std::size_t>(base_[pos_]) : pos_; }
        std::size_t operator[](difference_type k) const noexcept { return *(*this + k); }
        iterator& operator++() noexcept { ++pos_; return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++pos_; return t; }
        iterator& operator--() noexcept { --pos_; return *this; }
        iterator operator--(int) noexcept { iterator t = *this; --pos_; return t; }
        iterator& operator+=(difference_type k) noexcept { pos_ = static_cast<std::size_t>(static_cast<difference_type>(pos_) + k); return *this; }
        iterator& operator-=(difference_type k) noexcept { return *this += -k; }
        friend iterator operator+(iterator a, difference_type k) noexcept { return a += k; }
        friend iterator operator+(difference_type k, iterator a) noexcept { return a += k; }
        friend iterator operator-(iterator a, difference_type k) noexcept { return a -= k; }
        friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
            return static_cast<difference_type>(a.pos_) - static_cast<difference_type>(b.pos_);
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.pos_ == b.pos_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.pos_ != b.pos_; }
        friend bool operator<(const iterator& a, const iterator& b) noexcept { return a.pos_ < b.pos_; }
        friend bool operator>(const iterator& a, const iterator& b) noexcept { return a.pos_ > b.pos_; }
        friend bool operator<=(const iterator& a, const iterator& b) noexcept { return a.pos_ <= b.pos_; }
        friend bool operator>=(const iterator& a, const iterator& b) noexcept { return a.pos_ >= b.pos_; }

    private:
        const Index* base_ = nullptr;
        std::size_t pos_ = 0;
    };
    using value_type = std::size_t;
    using const_iterator = iterator;

    basic_index_view() = default;
    /// The integers [first, last).
    basic_index_view(std::size_t first, std::size_t last) noexcept : first_(first), last_(std::max(first, last)) {}
    /// base[first], ..., base[last-1].
    basic_index_view(const Index* base, std::size_t first, std::size_t last) noexcept
        : base_(base), first_(first), last_(std::max(first, last)) {}

    iterator begin() const noexcept { return {base_, first_}; }
    iterator end() const noexcept { return {base_, last_}; }
    std::size_t size() const noexcept { return last_ - first_; }
    bool empty() const noexcept { return last_ == first_; }
    std::size_t operator[](std::size_t k) const noexcept { return base_ ? static_cast<std::size_t>(base_[first_ + k]) : first_ + k; }
    std::size_t front() const noexcept { return (*this)[0]; }
    std::size_t back() const noexcept { return (*this)[size() - 1]; }
    /// True when this view is a plain range of integers (no index array).
    bool is_range() const noexcept { return base_ == nullptr; }
    std::vector<std::size_t> to_vector() const {
        std::vector<std::size_t> out;
        detail::reserve_big(out, size());
        if (base_) out.insert(out.end(), base_ + first_, base_ + last_);
        else for (std::size_t i = first_; i < last_; ++i) out.push_back(i);
        return out;
    }

private:
    const Index* base_ = nullptr;
    std::size_t first_ = 0, last_ = 0;
};

/// A view of std::size_t row indices (or of a plain range of rows).
using index_view = basic_index_view<std::size_t>;
/// A view of row indices stored in 32 bits (partitions keep their row order
/// compact: 4 bytes a row).
using compact_index_view = basic_index_view<std::uint32_t>;



namespace detail {

/// Index of the lowest set bit of a non-zero word.
inline unsigned lowest_bit(std::uint64_t m) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(m));
#else
    unsigned k = 0;
    while (!(m & 1)) {
        m >>= 1;
        ++k;
    }
    return k;
#endif
}

}  // namespace detail

/// The rows i in [0, n) with ids[i] != excluded, ascending. `size()` is O(1).
/// Iteration reads the id column 64 rows at a time into a bit mask and walks
/// its set bits, so it costs no branch per row.
class complement_view {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::size_t;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::size_t;

        iterator() = default;
        iterator(const fold_id* ids, std::size_t pos, std::size_t n, fold_id excluded) noexcept
            : ids_(ids), n_(n), excluded_(excluded) {
            if (pos >= n_) {
                pos_ = n_;
                return;
            }
            base_ = pos & ~std::size_t{63};
            mask_ = word(base_) & (~std::uint64_t{0} << (pos - base_));
            settle();
        }
        std::size_t operator*() const noexcept { return pos_; }
        iterator& operator++() noexcept {
            mask_ &= mask_ - 1;  // drop the current row
            settle();
            return *this;
        }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.pos_ == b.pos_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.pos_ != b.pos_; }

    private:
        // Bit j set when row base + j exists and is kept.
        std::uint64_t word(std::size_t base) const noexcept {
            const std::size_t m = std::min<std::size_t>(64, n_ - base);
#if defined(__SSE2__)
            if (m == 64) {
                const __m128i ex = _mm_set1_epi32(excluded_);
                std::uint64_t w = 0;
                for (std::size_t j = 0; j < 64; j += 4) {
                    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ids_ + base + j));
                    const int eq = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(v, ex)));
                    w |= static_cast<std::uint64_t>(~eq & 0xF) << j;
                }
                return w;
            }
#endif
            std::uint64_t w = 0;
            for (std::size_t j = 0; j < m; ++j) {
                w |= static_cast<std::uint64_t>(ids_[base + j] != excluded_) << j;
            }
            return w;
        }
        // Moves to the lowest remaining kept row, loading words as needed.
        void settle() noexcept {
            while (mask_ == 0) {
                base_ += 64;
                if (base_ >= n_) {
                    pos_ = n_;
                    return;
                }
                mask_ = word(base_);
            }
            pos_ = base_ + detail::lowest_bit(mask_);
        }
        const fold_id* ids_ = nullptr;
        std::size_t n_ = 0, base_ = 0, pos_ = 0;
        std::uint64_t mask_ = 0;
        fold_id excluded_ = 0;
    };
    using value_type = std::size_t;
    using const_iterator = iterator;

    complement_view() = default;
    complement_view(const fold_id* ids, std::size_t n, fold_id excluded, std::size_t size) noexcept
        : ids_(ids), n_(n), excluded_(excluded), size_(size) {}

    iterator begin() const noexcept { return {ids_, 0, n_, excluded_}; }
    iterator end() const noexcept { return {ids_, n_, n_, excluded_}; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::vector<std::size_t> to_vector() const {
        // Branch-free: write every row, advance only past kept ones.
        auto out = detail::big_vector<std::size_t>(size_ + 1);
        std::size_t k = 0;
        for (std::size_t i = 0; i < n_ && k < size_ + 1; ++i) {
            out[k] = i;
            k += static_cast<std::size_t>(ids_[i] != excluded_);
        }
        out.resize(size_);
        return out;
    }

private:
    const fold_id* ids_ = nullptr;
    std::size_t n_ = 0;
    fold_id excluded_ = 0;
    std::size_t size_ = 0;
};

/// The rows i in [0, n) whose code is in (member == true) or not in
/// (member == false) the sorted code set [set, set + set_size), ascending.
class code_set_view {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::size_t;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::size_t;

        iterator() = default;
        iterator(const code_set_view& v, std::size_t pos) noexcept
            : codes_(v.codes_), set_(v.set_), n_(v.n_), set_size_(v.set_size_), pos_(pos), member_(v.member_) {
            skip();
        }
        std::size_t operator*() const noexcept { return pos_; }
        iterator& operator++() noexcept { ++pos_; skip(); return *this; }
        iterator operator++(int) noexcept { iterator t = *this; ++*this; return t; }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.pos_ == b.pos_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.pos_ != b.pos_; }

    private:
        void skip() noexcept {
            while (pos_ < n_ && contains(codes_[pos_]) != member_) ++pos_;
        }
        bool contains(std::int32_t c) const noexcept {
            for (std::size_t k = 0; k < set_size_; ++k) {
                if (set_[k] == c) return true;
            }
            return false;
        }
        const std::int32_t* codes_ = nullptr;
        const std::int32_t* set_ = nullptr;
        std::size_t n_ = 0, set_size_ = 0, pos_ = 0;
        bool member_ = true;
    };
    using value_type = std::size_t;
    using const_iterator = iterator;

    code_set_view() = default;
    code_set_view(const std::int32_t* codes, std::size_t n, const std::int32_t* set, std::size_t set_size,
                  bool member, std::size_t size) noexcept
        : codes_(codes), n_(n), set_(set), set_size_(set_size), member_(member), size_(size) {}

    iterator begin() const noexcept { return {*this, 0}; }
    iterator end() const noexcept { return {*this, n_}; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::vector<std::size_t> to_vector() const {
        std::vector<std::size_t> out;
        detail::reserve_big(out, size_);
        out.insert(out.end(), begin(), end());
        return out;
    }

private:
    const std::int32_t* codes_ = nullptr;
    std::size_t n_ = 0;
    const std::int32_t* set_ = nullptr;
    std::size_t set_size_ = 0;
    bool member_ = true;
    std::size_t size_ = 0;
};

/// One split: `index` (0-based position among the splitter's folds), the
/// training rows and the test rows.
template <class TrainView, class TestView>
struct fold {
    std::size_t index = 0;
    TrainView train;
    TestView test;
};

/// Iterator over the folds of a splitter that computes fold k in O(1) by
/// `splitter[k]`. Dereferencing returns the fold by value (views are cheap).
template <class Splitter>
class fold_iterator {
public:
    using value_type = decltype(std::declval<const Splitter&>()[std::size_t{0}]);
    using iterator_category = std::input_iterator_tag;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = value_type;

    fold_iterator() = default;
    fold_iterator(const Splitter* s, std::size_t k) noexcept : s_(s), k_(k) {}
    value_type operator*() const { return (*s_)[k_]; }
    fold_iterator& operator++() noexcept { ++k_; return *this; }
    fold_iterator operator++(int) noexcept { fold_iterator t = *this; ++k_; return t; }
    friend bool operator==(const fold_iterator& a, const fold_iterator& b) noexcept { return a.k_ == b.k_; }
    friend bool operator!=(const fold_iterator& a, const fold_iterator& b) noexcept { return a.k_ != b.k_; }

private:
    const Splitter* s_ = nullptr;
    std::size_t k_ = 0;
};

/// A partition of rows into folds, given by the fold id of every row: fold f
/// tests the rows with id f and trains on all other rows (rows with id -1,
/// if any, are never tested and always train, as in scikit-learn's
/// PredefinedSplit). What kfold, stratified_kfold, group_kfold,
/// stratified_group_kfold, leave_one_group_out and predefined_split return.
///
/// Storage: the id column (4 bytes/row), the rows sorted by fold (8 bytes/row;
/// not stored when the rows are already in fold order, as in unshuffled
/// kfold) and fold offsets; folds are views into them. Test rows are
/// ascending.
class partition {
public:
    using fold_type = fold<complement_view, compact_index_view>;
    using iterator = fold_iterator<partition>;
    using const_iterator = iterator;

    partition() = default;

    /// From a fold id per row: ids in [-1, n_folds). Throws
    /// `assay::invalid_argument` if an id lies outside that range.
    /// Complexity: O(rows + n_folds).
    partition(std::vector<fold_id> ids, std::size_t n_folds, const char* function = "partition")
        : ids_(std::move(ids)), offsets_(n_folds + 2, 0) {
        require(n_folds < static_cast<std::size_t>(std::numeric_limits<fold_id>::max()), function, "n_splits",
                "is too large: ", n_folds);
        // offsets_[f + 1] .. : counting sort by fold id; slot 0 holds id -1.
        const auto top = static_cast<fold_id>(n_folds);
        bool sorted = true;
        fold_id previous = -1;
        for (std::size_t i = 0; i < ids_.size(); ++i) {
            const fold_id f = ids_[i];
            if (ASSAY_UNLIKELY(f < -1 || f >= top)) {
                detail::throw_invalid_argument(function, "fold ids", "value at index ", i, " is ", f,
                                               ", outside [-1, ", n_folds, ")");
            }
            sorted &= previous <= f;
            previous = f;
            ++offsets_[static_cast<std::size_t>(f + 1) + 1];
        }
        for (std::size_t k = 1; k < offsets_.size(); ++k) offsets_[k] += offsets_[k - 1];
        // Rows already grouped by fold (unshuffled k-fold): the order is the
        // identity and the folds are plain ranges; nothing more is stored.
        if (!sorted) build_order(function);
    }

    /// From fold ids known to lie in [0, n_folds) with the given fold sizes
    /// (for splitters that computed both; not checked).
    partition(std::vector<fold_id> ids, const std::vector<std::size_t>& fold_sizes, bool sorted)
        : ids_(std::move(ids)), offsets_(fold_sizes.size() + 2, 0) {
        for (std::size_t f = 0; f < fold_sizes.size(); ++f) offsets_[f + 2] = offsets_[f + 1] + fold_sizes[f];
        if (!sorted) build_order("partition");
    }

    /// From fold ids in [0, n_folds), the fold sizes and the rows already
    /// sorted by fold (ascending within a fold) — built by the splitter in the
    /// same pass as the ids; not checked.
    partition(std::vector<fold_id> ids, const std::vector<std::size_t>& fold_sizes,
              std::shared_ptr<const std::uint32_t[]> order)
        : ids_(std::move(ids)), order_(std::move(order)), offsets_(fold_sizes.size() + 2, 0) {
        for (std::size_t f = 0; f < fold_sizes.size(); ++f) offsets_[f + 2] = offsets_[f + 1] + fold_sizes[f];
    }

    /// Number of folds.
    std::size_t n_splits() const noexcept { return offsets_.empty() ? 0 : offsets_.size() - 2; }
    std::size_t size() const noexcept { return n_splits(); }
    std::size_t n_rows() const noexcept { return ids_.size(); }

    /// Test rows of fold f, ascending.
    compact_index_view test(std::size_t f) const noexcept {
        return {order_.get(), offsets_[f + 1], offsets_[f + 2]};
    }
    /// Training rows of fold f (every row not tested in f), ascending.
    complement_view train(std::size_t f) const noexcept {
        return {ids_.data(), ids_.size(), static_cast<fold_id>(f), ids_.size() - test(f).size()};
    }
    /// Fold f. No bounds check (like std::vector::operator[]); use at().
    fold_type operator[](std::size_t f) const noexcept { return {f, train(f), test(f)}; }
    fold_type at(std::size_t f) const {
        require(f < n_splits(), "partition::at", "fold", f, " is out of range (", n_splits(), " folds)");
        return (*this)[f];
    }
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, n_splits()}; }

    /// The fold id of every row (the fold in which it is tested; -1 = never).
    const std::vector<fold_id>& assign() const noexcept { return ids_; }

    /// Notes on a weak split that is still valid (e.g. a class with fewer
    /// members than folds, which scikit-learn reports as a warning). Empty
    /// when nothing was noticed.
    const std::vector<std::string>& warnings() const noexcept { return warnings_; }
    void add_warning(std::string w) { warnings_.push_back(std::move(w)); }

private:
    // Counting sort of the rows by fold id, from offsets_.
    void build_order(const char* function) {
        require(ids_.size() <= std::numeric_limits<std::uint32_t>::max(), function, "rows",
                "more than 2^32 - 1 rows in a shuffled partition");
        // Every entry is written by the scatter: no zero-fill. Shared between
        // copies of the partition (never modified after this).
        std::shared_ptr<std::uint32_t[]> order(new std::uint32_t[ids_.size()]);
        detail::advise_huge_pages(order.get(), ids_.size() * sizeof(std::uint32_t));
        std::vector<std::size_t> cursor(offsets_.begin(), offsets_.end() - 1);
        std::uint32_t* out = order.get();
        for (std::size_t i = 0; i < ids_.size(); ++i) {
            out[cursor[static_cast<std::size_t>(ids_[i] + 1)]++] = static_cast<std::uint32_t>(i);
        }
        order_ = std::move(order);
    }

    template <class... P>
    static void require(bool ok, const char* fn, const char* arg, const P&... p) {
        detail::require(ok, fn, arg, p...);
    }

    std::vector<fold_id> ids_;
    std::shared_ptr<const std::uint32_t[]> order_;  // rows by fold; null when already in fold order
    std::vector<std::size_t> offsets_;  // offsets_[f+1]..offsets_[f+2] = fold f; [0, offsets_[1]) = id -1
    std::vector<std::string> warnings_;
};

/// One train/test split, owning its rows: both ascending. Rows in neither
/// part (when train + test sizes are below the row count, or rows purged
/// around a test block) are unused.
struct holdout {
    std::vector<std::size_t> train;
    std::vector<std::size_t> test;

    /// Part of every row of [0, n_rows): 0 train, 1 test, -1 unused.
    std::vector<fold_id> assign(std::size_t n_rows) const {
        std::vector<fold_id> ids(n_rows, -1);
        for (auto r : train) ids[r] = 0;
        for (auto r : test) ids[r] = 1;
        return ids;
    }
};

/// A sequence of train/test splits computed one at a time by `split(k)`
/// (shuffle splits, time + group splits, purged and combinatorial purged
/// cross-validation); split k is the same however it is reached.
/// Iterating yields `fold<index_view, index_view>` views of a split the
/// iterator holds: valid until that iterator is advanced or destroyed.
/// `split(k)` returns split k as an owning `holdout`.
class holdout_folds {
public:
    using fold_type = fold<index_view, index_view>;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = fold_type;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = fold_type;

        iterator() = default;
        iterator(const holdout_folds* owner, std::size_t k) : owner_(owner), k_(k) { load(); }
        fold_type operator*() const noexcept {
            return {k_, index_view(current_.train.data(), 0, current_.train.size()),
                    index_view(current_.test.data(), 0, current_.test.size())};
        }
        iterator& operator++() {
            ++k_;
            load();
            return *this;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.k_ == b.k_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.k_ != b.k_; }

    private:
        void load() {
            if (owner_ && k_ < owner_->size()) current_ = owner_->split(k_);
        }
        const holdout_folds* owner_ = nullptr;
        std::size_t k_ = 0;
        holdout current_;
    };

    holdout_folds(std::size_t n_splits, std::function<holdout(std::size_t)> make)
        : n_(n_splits), make_(std::move(make)) {}

    std::size_t n_splits() const noexcept { return n_; }
    std::size_t size() const noexcept { return n_; }
    /// Split k (0 <= k < n_splits), computed on demand. O(rows).
    holdout split(std::size_t k) const { return make_(k); }
    iterator begin() const { return iterator(this, 0); }
    iterator end() const { return iterator(this, n_); }

    /// For every row of [0, n_rows): the last split that tests it, -1 if none
    /// (for splitters that test each row at most once — time_group_split,
    /// purged_kfold — that is the row's test fold). O(n_splits · rows).
    std::vector<fold_id> assign(std::size_t n_rows) const {
        std::vector<fold_id> ids(n_rows, -1);
        for (std::size_t k = 0; k < n_; ++k) {
            for (auto r : split(k).test) {
                if (r < n_rows) ids[r] = static_cast<fold_id>(k);
            }
        }
        return ids;
    }

private:
    std::size_t n_;
    std::function<holdout(std::size_t)> make_;
};

ASSAY_NAMESPACE_END
