// assay/metrics/confusion_matrix.hpp — (weighted) confusion counts: the
// accumulator every counting metric is computed from, and the full-pass
// `confusion_matrix` function.
//
// Convention (scikit-learn 1.2.1 `confusion_matrix`): rows are true labels,
// columns predicted labels, both in sorted label order. Without declared
// labels the label set is the sorted union of the labels seen in y_true and
// y_pred (rows with weight 0 still bring their labels, as in scikit-learn).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "detail/input.hpp"
#include "detail/pair_counter.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// How `confusion_counts::normalized` divides the counts (scikit-learn's
/// `normalize=`): by row (true label), by column (predicted label), or by the
/// grand total. 0/0 gives 0, as in scikit-learn.
enum class normalize { none, true_labels, pred_labels, all };

/// A dense row-major matrix of doubles with its labels: what
/// `confusion_counts::matrix()` and `normalized()` return.
struct label_matrix {
    std::vector<label_type> labels;
    std::size_t n = 0;          ///< number of labels (rows = columns)
    std::vector<double> values; ///< row-major n x n
    double operator()(std::size_t i, std::size_t j) const { return values[i * n + j]; }
};

class confusion_counts;
namespace detail {
namespace metrics {
/// Sets the number of rows a snapshot of counts stands for (windowed and
/// decayed accumulators build their counts() cell by cell).
inline void set_row_count(confusion_counts& c, std::uint64_t rows) noexcept;
}  // namespace metrics
}  // namespace detail

/// Weighted confusion counts over a sorted label set — a mergeable streaming
/// accumulator.
///
/// * Default-constructed, the label set grows as labels are seen (an update
///   that brings a new label allocates; one that does not, does not).
/// * Constructed with declared labels, the set is fixed: a label outside it is
///   an error, and updates never allocate once the first batch has warmed the
///   internal counting table.
///
/// Cell (i, j) holds the summed weight of rows with true label labels()[i]
/// and predicted label labels()[j]; unweighted rows weigh 1, so counts are
/// exact integers up to 2^53. `merge` adds another accumulator's counts (the
/// label sets are united; a declared set must contain the other's labels), so
/// shards merged in any order give the full-pass counts exactly when weights
/// are integers, and up to floating-point rounding of the sums otherwise.
class confusion_counts {
public:
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    /// Labels discovered from the data.
    confusion_counts() = default;

    /// A fixed, declared label set (any order, no duplicates; kept sorted).
    /// Throws: invalid_argument if `labels` is empty or has duplicates.
    explicit confusion_counts(label_list labels)
        : labels_(detail::metrics::checked_label_set("confusion_counts", std::move(labels.values))),
          fixed_(true),
          cells_(labels_.size() * labels_.size(), 0.0) {
        index_.assign(labels_);
    }

    confusion_counts(const confusion_counts& o)
        : labels_(o.labels_), fixed_(o.fixed_), cells_(o.cells_), n_samples_(o.n_samples_) {
        index_.assign(labels_);
    }
    confusion_counts& operator=(const confusion_counts& o) {
        if (this != &o) {
            labels_ = o.labels_;
            fixed_ = o.fixed_;
            cells_ = o.cells_;
            n_samples_ = o.n_samples_;
            index_.assign(labels_);
        }
        return *this;
    }
    confusion_counts(confusion_counts&& o) : confusion_counts(static_cast<const confusion_counts&>(o)) {}
    confusion_counts& operator=(confusion_counts&& o) { return *this = static_cast<const confusion_counts&>(o); }

    /// Sorted labels: rows and columns of the matrix.
    const std::vector<label_type>& labels() const noexcept { return labels_; }
    std::size_t n_classes() const noexcept { return labels_.size(); }
    bool has_declared_labels() const noexcept { return fixed_; }
    /// Number of rows counted (weight-0 rows included).
    std::uint64_t n_samples() const noexcept { return n_samples_; }

    /// Position of `label` in labels(), or npos.
    std::size_t index_of(label_type label) const noexcept {
        const std::size_t k = index_.find(label);
        return k == detail::metrics::label_index::npos ? npos : k;
    }

    /// Summed weight of cell (true index i, predicted index j).
    double operator()(std::size_t i, std::size_t j) const { return cells_[i * labels_.size() + j]; }
    /// Summed weight of all rows.
    double total() const noexcept {
        double s = 0.0;
        for (double c : cells_) s += c;
        return s;
    }
    /// Row sums (weight of each true label, its "support").
    std::vector<double> true_totals() const {
        const std::size_t k = labels_.size();
        std::vector<double> out(k, 0.0);
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < k; ++j) out[i] += cells_[i * k + j];
        return out;
    }
    /// Column sums (weight of each predicted label).
    std::vector<double> pred_totals() const {
        const std::size_t k = labels_.size();
        std::vector<double> out(k, 0.0);
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < k; ++j) out[j] += cells_[i * k + j];
        return out;
    }
    /// Summed weight of the diagonal (correct predictions).
    double correct() const noexcept {
        double s = 0.0;
        for (std::size_t i = 0; i < labels_.size(); ++i) s += cells_[i * labels_.size() + i];
        return s;
    }

    /// The counts as a matrix, optionally normalised (scikit-learn's
    /// `confusion_matrix(normalize=...)`; 0/0 gives 0). Complexity: O(K²).
    label_matrix normalized(normalize how = normalize::none) const {
        const std::size_t k = labels_.size();
        label_matrix m{labels_, k, cells_};
        if (how == normalize::none) return m;
        std::vector<double> div;
        if (how == normalize::true_labels) div = true_totals();
        else if (how == normalize::pred_labels) div = pred_totals();
        const double all = total();
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t j = 0; j < k; ++j) {
                const double d = how == normalize::true_labels ? div[i] : how == normalize::pred_labels ? div[j] : all;
                double& v = m.values[i * k + j];
                v = d == 0.0 ? 0.0 : v / d;
            }
        return m;
    }
    label_matrix matrix() const { return normalized(normalize::none); }

    /// Adds one row. Throws: invalid_argument for a negative or non-finite
    /// weight, or a label outside a declared set. Complexity: O(1) (O(K²)
    /// when a new label enlarges an undeclared set).
    template <class T, class P,
              class = std::enable_if_t<(std::is_integral<T>::value || std::is_enum<T>::value) &&
                                       (std::is_integral<P>::value || std::is_enum<P>::value)>>
    void update(T y_true, P y_pred, double weight = 1.0) {
        detail::metrics::check_weight_value("confusion_counts::update", weight);
        detail::metrics::check_label_value("confusion_counts::update", "y_true", y_true, 0);
        detail::metrics::check_label_value("confusion_counts::update", "y_pred", y_pred, 0);
        const label_type t = detail::metrics::to_label(y_true), p = detail::metrics::to_label(y_pred);
        std::size_t i = index_of(t), j = index_of(p);
        if (i == npos || j == npos) {
            add_labels("confusion_counts::update", {t, p});
            i = index_of(t);
            j = index_of(p);
        }
        cells_[i * labels_.size() + j] += weight;
        ++n_samples_;
    }

    /// Adds a batch of rows (ranges of equal length). Leaves the accumulator
    /// unchanged if it throws. Throws: invalid_argument for mismatched
    /// lengths, a label outside a declared set, a label that does not fit in
    /// 64-bit signed integers. Complexity: O(n) (plus O(K²)).
    template <class RT, class RP,
              class = std::enable_if_t<detail::metrics::is_range<RT>::value && detail::metrics::is_range<RP>::value>>
    void update(const RT& y_true, const RP& y_pred) {
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size("confusion_counts::update", "y_true", n, "y_pred",
                                  detail::metrics::range_size(y_pred));
        counter_.template count<false>("confusion_counts::update", detail::metrics::range_begin(y_true),
                                       detail::metrics::range_begin(y_pred),
                                       detail::metrics::unit_weights::iterator{}, n);
        absorb("confusion_counts::update", n);
    }

    /// Adds a batch of weighted rows. Throws: as above, and for negative or
    /// non-finite weights.
    template <class RT, class RP, class RW,
              class = std::enable_if_t<detail::metrics::is_range<RT>::value && detail::metrics::is_range<RP>::value &&
                                       detail::metrics::is_range<RW>::value>>
    void update(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
        const std::size_t n = detail::metrics::range_size(y_true);
        const char* fn = "confusion_counts::update";
        detail::require_same_size(fn, "y_true", n, "y_pred", detail::metrics::range_size(y_pred));
        detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
        detail::metrics::check_weights(fn, detail::metrics::range_begin(sample_weight), n);
        counter_.template count<true>(fn, detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_pred),
                                      detail::metrics::range_begin(sample_weight), n);
        absorb(fn, n);
    }

    /// Adds `other`'s counts. Throws: invalid_argument if this accumulator has
    /// declared labels and `other` has a label outside them.
    /// Complexity: O(K²).
    void merge(const confusion_counts& other) {
        if (!other.labels_.empty()) add_labels("confusion_counts::merge", other.labels_);
        const std::size_t k = labels_.size(), ko = other.labels_.size();
        std::vector<std::size_t> map(ko);
        for (std::size_t a = 0; a < ko; ++a) map[a] = index_of(other.labels_[a]);
        for (std::size_t a = 0; a < ko; ++a)
            for (std::size_t b = 0; b < ko; ++b) cells_[map[a] * k + map[b]] += other.cells_[a * ko + b];
        n_samples_ += other.n_samples_;
    }
    confusion_counts& operator+=(const confusion_counts& other) {
        merge(other);
        return *this;
    }

    /// Forgets every row; a declared label set is kept, a discovered one cleared.
    void reset() {
        if (!fixed_) {
            labels_.clear();
            index_.assign(labels_);
            cells_.clear();
        } else {
            std::fill(cells_.begin(), cells_.end(), 0.0);
        }
        n_samples_ = 0;
    }

    friend bool operator==(const confusion_counts& a, const confusion_counts& b) {
        return a.labels_ == b.labels_ && a.cells_ == b.cells_ && a.n_samples_ == b.n_samples_;
    }
    friend bool operator!=(const confusion_counts& a, const confusion_counts& b) { return !(a == b); }

    friend std::ostream& operator<<(std::ostream& os, const confusion_counts& c) {
        const std::size_t k = c.labels_.size();
        os << "confusion_counts(labels=[";
        for (std::size_t i = 0; i < k; ++i) os << (i ? ", " : "") << c.labels_[i];
        os << "], rows=true, cols=pred)\n";
        for (std::size_t i = 0; i < k; ++i) {
            os << "  [";
            for (std::size_t j = 0; j < k; ++j) os << (j ? ", " : "") << c(i, j);
            os << "]\n";
        }
        return os;
    }

private:
    // Inserts labels into the set (re-laying out the cells), or checks them
    // against a declared set.
    void add_labels(const char* fn, const std::vector<label_type>& more) {
        bool any_new = false;
        for (label_type v : more) {
            if (index_of(v) == npos) {
                if (fixed_) detail::throw_invalid_argument(fn, "labels", "label ", v, " is not in the declared label set");
                any_new = true;
            }
        }
        if (!any_new) return;
        std::vector<label_type> all = labels_;
        all.insert(all.end(), more.begin(), more.end());
        all = detail::metrics::sorted_unique(std::move(all));
        const std::size_t k_old = labels_.size(), k = all.size();
        std::vector<double> cells(k * k, 0.0);
        detail::metrics::label_index idx(all);
        for (std::size_t a = 0; a < k_old; ++a)
            for (std::size_t b = 0; b < k_old; ++b)
                cells[idx.find(labels_[a]) * k + idx.find(labels_[b])] = cells_[a * k_old + b];
        labels_ = std::move(all);
        cells_ = std::move(cells);
        index_.assign(labels_);
    }

    // Folds the counter's cells in (validated first, so a failure changes nothing).
    void absorb(const char* fn, std::size_t n) {
        if (fixed_) {
            counter_.for_each_cell([&](const detail::metrics::pair_counter::cell& c) {
                if (index_of(c.t) == npos)
                    detail::throw_invalid_argument(fn, "y_true", "label ", c.t, " is not in the declared label set");
                if (index_of(c.p) == npos)
                    detail::throw_invalid_argument(fn, "y_pred", "label ", c.p, " is not in the declared label set");
            });
        } else {
            bool unseen = false;
            counter_.for_each_cell([&](const detail::metrics::pair_counter::cell& c) {
                unseen = unseen || index_of(c.t) == npos || index_of(c.p) == npos;
            });
            if (unseen) {
                std::vector<label_type> seen;
                counter_.for_each_cell([&](const detail::metrics::pair_counter::cell& c) {
                    seen.push_back(c.t);
                    seen.push_back(c.p);
                });
                add_labels(fn, seen);
            }
        }
        const std::size_t k = labels_.size();
        counter_.for_each_cell([&](const detail::metrics::pair_counter::cell& c) {
            cells_[index_of(c.t) * k + index_of(c.p)] += c.weight;
        });
        n_samples_ += n;
    }

    friend void detail::metrics::set_row_count(confusion_counts& c, std::uint64_t rows) noexcept;

    std::vector<label_type> labels_;
    bool fixed_ = false;
    std::vector<double> cells_;
    std::uint64_t n_samples_ = 0;
    detail::metrics::label_index index_;
    detail::metrics::pair_counter counter_;
};

namespace detail {
namespace metrics {
inline void set_row_count(confusion_counts& c, std::uint64_t rows) noexcept { c.n_samples_ = rows; }
}  // namespace metrics
}  // namespace detail

/// Confusion counts of y_true against y_pred (scikit-learn 1.2.1
/// `confusion_matrix`): rows true, columns predicted, sorted labels (the union
/// of both inputs, or `labels` when given — then every label must be in it).
/// Use `.normalized(normalize::true_labels)` etc. for normalised matrices.
/// Throws: invalid_argument for mismatched lengths, empty input, a label
/// outside `labels`. Complexity: O(n + K²) time, O(K²) memory (O(n log n)
/// when the labels spread over more than 256 consecutive values).
template <class RT, class RP,
          class = std::enable_if_t<detail::metrics::is_range<RT>::value && detail::metrics::is_range<RP>::value>>
confusion_counts confusion_matrix(const RT& y_true, const RP& y_pred, label_list labels = {}) {
    detail::require_nonempty("confusion_matrix", "y_true", detail::metrics::range_size(y_true));
    confusion_counts c = labels.empty() ? confusion_counts() : confusion_counts(std::move(labels));
    c.update(y_true, y_pred);
    return c;
}

/// Weighted confusion counts (weights finite and non-negative).
template <class RT, class RP, class RW,
          class = std::enable_if_t<detail::metrics::is_range<RT>::value && detail::metrics::is_range<RP>::value &&
                                   detail::metrics::is_range<RW>::value>>
confusion_counts confusion_matrix(const RT& y_true, const RP& y_pred, const RW& sample_weight,
                                  label_list labels = {}) {
    detail::require_nonempty("confusion_matrix", "y_true", detail::metrics::range_size(y_true));
    confusion_counts c = labels.empty() ? confusion_counts() : confusion_counts(std::move(labels));
    c.update(y_true, y_pred, sample_weight);
    return c;
}

ASSAY_NAMESPACE_END
