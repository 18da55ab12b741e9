// assay/split/leave_p_groups_out.hpp — every combination of p groups as a
// test set (scikit-learn's LeavePGroupsOut). leave_one_group_out, the p = 1
// case that partitions the rows, is in kfold.hpp.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "detail/encode.hpp"
#include "fold.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// The folds of leave_p_groups_out: one per combination of p distinct groups,
/// in lexicographic order of the sorted groups (itertools.combinations).
/// A fold's views refer to the iterator that produced it: it stays valid
/// until that iterator is advanced or destroyed.
class leave_p_groups_out_folds {
public:
    using fold_type = fold<code_set_view, code_set_view>;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = fold_type;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = fold_type;

        iterator() = default;
        iterator(const leave_p_groups_out_folds* owner, bool at_end) : owner_(owner), done_(at_end) {
            if (!done_) {
                combo_.resize(owner_->p_);
                for (std::size_t j = 0; j < combo_.size(); ++j) combo_[j] = static_cast<std::int32_t>(j);
                index_ = 0;
                refresh();
            } else {
                index_ = owner_->n_splits_;
            }
        }
        fold_type operator*() const noexcept {
            const std::size_t n = owner_->codes_.size();
            fold_type f;
            f.index = index_;
            f.test = code_set_view(owner_->codes_.data(), n, combo_.data(), combo_.size(), true, test_rows_);
            f.train = code_set_view(owner_->codes_.data(), n, combo_.data(), combo_.size(), false, n - test_rows_);
            return f;
        }
        iterator& operator++() {
            // Next combination in lexicographic order.
            const std::size_t p = combo_.size(), g = owner_->n_groups_;
            std::size_t j = p;
            while (j > 0 && static_cast<std::size_t>(combo_[j - 1]) == g - p + (j - 1)) --j;
            if (j == 0) {
                done_ = true;
                index_ = owner_->n_splits_;
                return *this;
            }
            ++combo_[j - 1];
            for (std::size_t m = j; m < p; ++m) combo_[m] = combo_[m - 1] + 1;
            ++index_;
            refresh();
            return *this;
        }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.index_ == b.index_; }
        friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.index_ != b.index_; }
        /// The current combination of group codes (ranks among the sorted groups).
        const std::vector<std::int32_t>& groups() const noexcept { return combo_; }

    private:
        void refresh() {
            test_rows_ = 0;
            for (auto c : combo_) test_rows_ += owner_->group_rows_[static_cast<std::size_t>(c)];
        }
        const leave_p_groups_out_folds* owner_ = nullptr;
        std::vector<std::int32_t> combo_;
        std::size_t index_ = 0;
        std::size_t test_rows_ = 0;
        bool done_ = true;
    };

    leave_p_groups_out_folds(std::vector<std::int32_t> codes, std::vector<std::size_t> group_rows, std::size_t p)
        : codes_(std::move(codes)), group_rows_(std::move(group_rows)), n_groups_(group_rows_.size()), p_(p) {
        // n_splits = C(n_groups, p), exact or an error on overflow.
        std::size_t c = 1;
        for (std::size_t j = 1; j <= p; ++j) {
            const std::size_t num = n_groups_ - p + j;
            detail::require(c <= std::numeric_limits<std::size_t>::max() / num, "leave_p_groups_out", "n_groups",
                            "the number of combinations overflows");
            c = c * num / j;  // exact: c * num is divisible by j
        }
        n_splits_ = c;
    }

    std::size_t n_splits() const noexcept { return n_splits_; }
    std::size_t size() const noexcept { return n_splits_; }
    std::size_t n_groups() const noexcept { return n_groups_; }
    iterator begin() const { return iterator(this, false); }
    iterator end() const { return iterator(this, true); }

private:
    std::vector<std::int32_t> codes_;
    std::vector<std::size_t> group_rows_;
    std::size_t n_groups_ = 0, p_ = 0, n_splits_ = 0;
};

/// Leave p groups out: every combination of p distinct groups is one test
/// set; train is every other row. Matches scikit-learn 1.2.1
/// `LeavePGroupsOut(n_groups=p)` (combinations of the sorted groups in
/// lexicographic order, test rows ascending).
/// Throws: `assay::invalid_argument` if groups is empty, p == 0, there are
/// not more than p distinct groups, or the number of combinations overflows.
/// Complexity: O(rows) to build; iterating a fold's views is O(rows·p).
template <class Groups>
leave_p_groups_out_folds leave_p_groups_out(const Groups& groups, std::size_t p) {
    const char* fn = "leave_p_groups_out";
    detail::require(detail::range_size(groups) > 0, fn, "groups", "is empty");
    detail::require(p >= 1, fn, "p", "must be at least 1");
    auto enc = detail::encode_sorted(groups, fn, "groups");
    detail::require(enc.n_unique() > p, fn, "groups", "must contain more than p=", p, " distinct groups, got ",
                    enc.n_unique());
    return leave_p_groups_out_folds(std::move(enc.codes), std::move(enc.counts), p);
}

ASSAY_NAMESPACE_END
