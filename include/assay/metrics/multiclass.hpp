// assay/metrics/multiclass.hpp — metrics of multiclass score matrices:
// top-k accuracy and one-vs-rest / one-vs-one ROC AUC.
//
// Score matrices are `matrix_view<const double>`: rows are samples, columns
// the sorted labels (as scikit-learn's `predict_proba`). Build one with
// `as_matrix_view(buffer, n_classes)`, from Eigen (assay/eigen.hpp) or
// xtensor (assay/xtensor.hpp).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../matrix_view.hpp"
#include "classification.hpp"
#include "curves.hpp"
#include "detail/input.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Options of top_k_accuracy_score.
struct top_k_options {
    std::size_t k = 2;     ///< scikit-learn's default
    bool normalize = true; ///< fraction (true) or (weighted) number of hits
    label_list labels;     ///< declared labels (= columns); empty: sorted labels of y_true

    top_k_options() = default;
    top_k_options(std::size_t k_) : k(k_) {}  // NOLINT: implicit by design
    top_k_options& with_k(std::size_t v) { k = v; return *this; }
    top_k_options& with_normalize(bool b) { normalize = b; return *this; }
    top_k_options& with_labels(label_list l) { labels = std::move(l); return *this; }
};

/// One-vs-rest or one-vs-one.
enum class multi_class { ovr, ovo };

/// Options of the multiclass roc_auc_score.
struct multiclass_auc_options {
    multi_class scheme = multi_class::ovr;
    average averaging = average::macro;  ///< macro or weighted
    label_list labels;                   ///< declared labels (= columns); empty: sorted labels of y_true

    multiclass_auc_options() = default;
    multiclass_auc_options(multi_class m) : scheme(m) {}  // NOLINT: implicit by design
    multiclass_auc_options& with_average(average a) { averaging = a; return *this; }
    multiclass_auc_options& with_labels(label_list l) { labels = std::move(l); return *this; }
};

namespace detail {
namespace metrics {

/// Column of each row's true label (checked against the label set).
template <class RT>
std::vector<std::size_t> encode_rows(const char* fn, const RT& y_true, std::size_t n, const label_list& declared,
                                     std::size_t cols, std::vector<label_type>& labels) {
    std::vector<label_type> seen;
    {
        auto t = range_begin(y_true);
        for (std::size_t i = 0; i < n; ++i, ++t) {
            check_label_value(fn, "y_true", *t, i);
            seen.push_back(to_label(*t));
        }
    }
    if (!declared.empty()) {
        labels = checked_label_set(fn, declared.values);
        require(labels.size() == cols, fn, "labels", "has ", labels.size(), " labels but y_score has ", cols,
                " columns");
    } else {
        labels = sorted_unique(seen);
        require(labels.size() == cols, fn, "y_true", "has ", labels.size(), " classes but y_score has ", cols,
                " columns; declare every class with the labels option");
    }
    label_index index(labels);
    std::vector<std::size_t> enc(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = index.find(seen[i]);
        if (c == label_index::npos)
            throw_invalid_argument(fn, "y_true", "label ", seen[i], " at index ", i, " is not in labels");
        enc[i] = c;
    }
    return enc;
}

inline void check_matrix_finite(const char* fn, matrix_view<const double> s) {
    for (std::size_t i = 0; i < s.rows(); ++i)
        for (std::size_t j = 0; j < s.cols(); ++j)
            if (ASSAY_UNLIKELY(!std::isfinite(s(i, j))))
                throw_invalid_argument(fn, "y_score", "value at row ", i, ", column ", j, " is ", s(i, j));
}

/// Rank test of scikit-learn's top-k: classes ordered by score descending,
/// ties broken by the higher class index first (argsort mergesort reversed).
inline bool in_top_k(matrix_view<const double> s, std::size_t i, std::size_t c, std::size_t k) {
    const double sc = s(i, c);
    std::size_t rank = 0;
    for (std::size_t j = 0; j < s.cols(); ++j) {
        const double v = s(i, j);
        rank += (v > sc || (v == sc && j > c)) ? 1u : 0u;
    }
    return rank < k;
}

template <class RT, class W>
double top_k_impl(const char* fn, const RT& y_true, matrix_view<const double> s, const W* w,
                  const top_k_options& o) {
    const std::size_t n = range_size(y_true);
    require_nonempty(fn, "y_true", n);
    require_same_size(fn, "y_true", n, "y_score rows", s.rows());
    require(o.k >= 1, fn, "k", "must be at least 1");
    check_matrix_finite(fn, s);
    std::vector<label_type> labels;
    const auto enc = encode_rows(fn, y_true, n, o.labels, s.cols(), labels);
    require(o.k <= labels.size(), fn, "k", "is ", o.k, " but there are only ", labels.size(), " classes");
    double hits = 0.0, total = 0.0;
    if (w) {
        require_same_size(fn, "y_true", n, "sample_weight", range_size(*w));
        check_weights(fn, range_begin(*w), n);
        auto wi = range_begin(*w);
        for (std::size_t i = 0; i < n; ++i, ++wi) {
            const double x = static_cast<double>(*wi);
            hits += in_top_k(s, i, enc[i], o.k) ? x : 0.0;
            total += x;
        }
    } else {
        for (std::size_t i = 0; i < n; ++i) hits += in_top_k(s, i, enc[i], o.k) ? 1.0 : 0.0;
        total = static_cast<double>(n);
    }
    if (!o.normalize) return hits;
    require(total > 0.0, fn, "sample_weight", "sums to zero");
    return hits / total;
}

/// A row must sum to 1 as numpy.allclose(1, sum) checks: |1 − s| ≤ 1e-8 + 1e-5·|s|.
inline void require_sum_to_one(const char* fn, std::size_t row, double sum) {
    if (ASSAY_UNLIKELY(!(std::fabs(1.0 - sum) <= 1e-8 + 1e-5 * std::fabs(sum))))
        throw_invalid_argument(fn, "y_score", "row ", row, " sums to ", sum,
                               ", not 1 (multiclass ROC AUC needs probabilities; tolerance 1e-8 + 1e-5·sum)");
}

inline void check_rows_sum_to_one(const char* fn, matrix_view<const double> s) {
    for (std::size_t i = 0; i < s.rows(); ++i) {
        double sum = 0.0;
        for (std::size_t j = 0; j < s.cols(); ++j) sum += s(i, j);
        require_sum_to_one(fn, i, sum);
    }
}

template <class RT, class W>
double multiclass_auc_impl(const char* fn, const RT& y_true, matrix_view<const double> s, const W* w,
                           const multiclass_auc_options& o) {
    const std::size_t n = range_size(y_true);
    require_nonempty(fn, "y_true", n);
    require_same_size(fn, "y_true", n, "y_score rows", s.rows());
    require(o.averaging == average::macro || o.averaging == average::weighted, fn, "average",
            "must be macro or weighted for multiclass ROC AUC");
    check_matrix_finite(fn, s);
    check_rows_sum_to_one(fn, s);
    std::vector<label_type> labels;
    const auto enc = encode_rows(fn, y_true, n, o.labels, s.cols(), labels);
    const std::size_t k = labels.size();
    std::vector<double> weights;
    if (w) {
        require(o.scheme == multi_class::ovr, fn, "sample_weight", "is not supported with one-vs-one (as in scikit-learn)");
        require_same_size(fn, "y_true", n, "sample_weight", range_size(*w));
        check_weights(fn, range_begin(*w), n);
        weights.assign(range_begin(*w), range_end(*w));
    }
    const roc_auc_options none;
    if (o.scheme == multi_class::ovr) {
        std::vector<double> auc(k), support(k, 0.0);
        for (std::size_t c = 0; c < k; ++c) {
            scored_rows rows;
            rows.weighted = w != nullptr;
            for (std::size_t i = 0; i < n; ++i) {
                if (w) {
                    rows.add(enc[i] == c, s(i, c), weights[i]);
                    support[c] += enc[i] == c ? weights[i] : 0.0;
                } else {
                    rows.add(enc[i] == c, s(i, c));
                    support[c] += enc[i] == c ? 1.0 : 0.0;
                }
            }
            auc[c] = roc_auc_rows(fn, rows, none);
        }
        if (o.averaging == average::weighted) {
            double tot = 0.0;
            for (double v : support) tot += v;
            if (std::fabs(tot) <= 1e-8) return 0.0;  // numpy.isclose(sum, 0), as scikit-learn
            double num = 0.0;
            for (std::size_t c = 0; c < k; ++c) num += auc[c] * support[c];
            return num / tot;
        }
        double sum = 0.0;
        for (double v : auc) sum += v;
        return sum / static_cast<double>(k);
    }
    // One-vs-one (Hand & Till): each pair a < b on the rows of either class.
    double num = 0.0, den = 0.0;
    for (std::size_t a = 0; a < k; ++a)
        for (std::size_t b = a + 1; b < k; ++b) {
            scored_rows ra, rb;
            std::size_t m = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (enc[i] != a && enc[i] != b) continue;
                ++m;
                ra.add(enc[i] == a, s(i, a));
                rb.add(enc[i] == b, s(i, b));
            }
            const double pair = (roc_auc_rows(fn, ra, none) + roc_auc_rows(fn, rb, none)) / 2.0;
            const double prevalence = o.averaging == average::weighted ? static_cast<double>(m) / static_cast<double>(n) : 1.0;
            num += pair * prevalence;
            den += prevalence;
        }
    return num / den;
}

}  // namespace metrics
}  // namespace detail

/// Top-k accuracy (scikit-learn 1.2.1 `top_k_accuracy_score`, multiclass):
/// a row is a hit when its true class is among the k highest scores, ties
/// ranked with the higher class index first (scikit-learn's reversed stable
/// argsort). Throws: invalid_argument for empty input, mismatched rows,
/// non-finite scores, k = 0 or k larger than the number of classes, a class
/// count different from the number of columns, a label outside the declared
/// ones, bad weights. Complexity: O(n·K) time, O(n) extra memory.
template <class RT, detail::metrics::if_range_c<RT> = 0>
double top_k_accuracy_score(const RT& y_true, matrix_view<const double> y_score, const top_k_options& o = {}) {
    return detail::metrics::top_k_impl<RT, RT>("top_k_accuracy_score", y_true, y_score, nullptr, o);
}
template <class RT, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RW> = 0>
double top_k_accuracy_score(const RT& y_true, matrix_view<const double> y_score, const RW& sample_weight,
                            const top_k_options& o = {}) {
    return detail::metrics::top_k_impl("top_k_accuracy_score", y_true, y_score, &sample_weight, o);
}

/// Multiclass ROC AUC (scikit-learn 1.2.1 `roc_auc_score(multi_class=...)`):
/// `ovr` averages each class-vs-rest binary AUC (macro, or weighted by class
/// support); `ovo` (Hand & Till) averages, over pairs a < b, the mean of
/// AUC(a vs b on score a) and AUC(b vs a on score b) on the rows of the pair
/// (weighted: by the pair's share of rows). Rows must be probabilities that
/// sum to 1 (numpy.allclose tolerance: 1e-8 + 1e-5·sum).
/// Throws: invalid_argument as top_k_accuracy_score, and for rows not summing
/// to 1, sample weights with ovo, average other than macro / weighted.
/// Complexity: O(n·K) (ovr) or O(n·K²) (ovo) time, O(n) memory.
template <class RT, detail::metrics::if_range_c<RT> = 0>
double roc_auc_score(const RT& y_true, matrix_view<const double> y_score, const multiclass_auc_options& o = {}) {
    return detail::metrics::multiclass_auc_impl<RT, RT>("roc_auc_score", y_true, y_score, nullptr, o);
}
template <class RT, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RW> = 0>
double roc_auc_score(const RT& y_true, matrix_view<const double> y_score, const RW& sample_weight,
                     const multiclass_auc_options& o = {}) {
    return detail::metrics::multiclass_auc_impl("roc_auc_score", y_true, y_score, &sample_weight, o);
}

/// Streaming top-k accuracy over declared labels (= columns of each row).
class top_k_accumulator {
public:
    /// Throws: invalid_argument for k = 0, k > number of labels, bad labels.
    top_k_accumulator(label_list labels, std::size_t k)
        : labels_(detail::metrics::checked_label_set("top_k_accumulator", std::move(labels.values))), k_(k) {
        detail::require(k >= 1 && k <= labels_.size(), "top_k_accumulator", "k", "must lie in [1, ", labels_.size(),
                        "], got ", k);
        index_.assign(labels_);
    }
    top_k_accumulator(const top_k_accumulator& o) : labels_(o.labels_), k_(o.k_), hits_(o.hits_), total_(o.total_), n_(o.n_) {
        index_.assign(labels_);
    }
    top_k_accumulator& operator=(const top_k_accumulator& o) {
        labels_ = o.labels_, k_ = o.k_, hits_ = o.hits_, total_ = o.total_, n_ = o.n_;
        index_.assign(labels_);
        return *this;
    }

    /// One row of scores (one per label, sorted order). O(K).
    template <class L, class Row, detail::metrics::if_range_c<Row> = 0>
    void update(L label, const Row& row, double weight = 1.0) {
        const char* fn = "top_k_accumulator::update";
        detail::require_same_size(fn, "labels", labels_.size(), "y_score row", detail::metrics::range_size(row));
        detail::metrics::check_label_value(fn, "y_true", label, 0);
        detail::metrics::check_weight_value(fn, weight);
        const std::size_t c = index_.find(detail::metrics::to_label(label));
        if (c == detail::metrics::label_index::npos)
            detail::throw_invalid_argument(fn, "y_true", "label ", detail::metrics::to_label(label),
                                           " is not in the declared label set");
        // Rank of the true class without copying the row (no allocation).
        double sc = 0.0;
        std::size_t j = 0;
        for (auto it = detail::metrics::range_begin(row); j < labels_.size(); ++it, ++j) {
            const double v = static_cast<double>(*it);
            detail::require(std::isfinite(v), fn, "y_score", "value ", v, " is not finite");
            if (j == c) sc = v;
        }
        std::size_t rank = 0;
        j = 0;
        for (auto it = detail::metrics::range_begin(row); j < labels_.size(); ++it, ++j) {
            const double v = static_cast<double>(*it);
            rank += (v > sc || (v == sc && j > c)) ? 1u : 0u;
        }
        hits_ += rank < k_ ? weight : 0.0;
        total_ += weight;
        ++n_;
    }
    void merge(const top_k_accumulator& o) {
        detail::require(o.labels_ == labels_ && o.k_ == k_, "top_k_accumulator::merge", "other",
                        "has different labels or k");
        hits_ += o.hits_, total_ += o.total_, n_ += o.n_;
    }
    void reset() { hits_ = total_ = 0.0, n_ = 0; }
    double value() const {
        detail::require(total_ > 0.0, "top_k_accumulator::value", "sample_weight", "no rows or zero total weight");
        return hits_ / total_;
    }
    double hits() const noexcept { return hits_; }

private:
    std::vector<label_type> labels_;
    std::size_t k_;
    double hits_ = 0.0, total_ = 0.0;
    std::uint64_t n_ = 0;
    detail::metrics::label_index index_;
};

/// Exact streaming accumulator for multiclass ROC AUC (one-vs-rest and
/// one-vs-one) over declared labels (= the columns of each score row, in
/// sorted label order). It keeps every row it is given — O(n·K) memory — and
/// `roc_auc` equals the full-pass `roc_auc_score` on the rows in the order
/// they were added; `merge` appends another accumulator's rows.
/// Rows are checked when added (finite, summing to 1 with numpy.allclose's
/// tolerance, label declared), so a bad row never enters the state.
class multiclass_ranking_accumulator {
public:
    /// Throws: invalid_argument for fewer than 2 labels or repeated labels.
    explicit multiclass_ranking_accumulator(label_list labels)
        : labels_(detail::metrics::checked_label_set("multiclass_ranking_accumulator", std::move(labels.values))) {
        detail::require(labels_.size() >= 2, "multiclass_ranking_accumulator", "labels",
                        "needs at least 2 classes, got ", labels_.size());
        index_.assign(labels_);
    }
    multiclass_ranking_accumulator(const multiclass_ranking_accumulator& o)
        : labels_(o.labels_), y_(o.y_), scores_(o.scores_), weights_(o.weights_), weighted_(o.weighted_) {
        index_.assign(labels_);
    }
    multiclass_ranking_accumulator& operator=(const multiclass_ranking_accumulator& o) {
        if (this != &o) {
            labels_ = o.labels_, y_ = o.y_, scores_ = o.scores_, weights_ = o.weights_, weighted_ = o.weighted_;
            index_.assign(labels_);
        }
        return *this;
    }

    /// Adds one row: its label and one probability per declared label.
    /// Throws: invalid_argument for a row of the wrong length, a non-finite
    /// score, a row not summing to 1, a label not declared, a negative or
    /// non-finite weight; the accumulator is then unchanged.
    /// Complexity: amortised O(K).
    template <class L, class Row, detail::metrics::if_range_c<Row> = 0>
    void update(L label, const Row& row, double weight = 1.0) {
        const char* fn = "multiclass_ranking_accumulator::update";
        const std::size_t k = labels_.size();
        detail::require_same_size(fn, "labels", k, "y_score row", detail::metrics::range_size(row));
        detail::metrics::check_label_value(fn, "y_true", label, 0);
        detail::metrics::check_weight_value(fn, weight);
        const label_type v = detail::metrics::to_label(label);
        detail::require(index_.find(v) != detail::metrics::label_index::npos, fn, "y_true", "label ", v,
                        " is not in the declared label set");
        // Checked before anything is stored (the same sum as the batch check).
        double sum = 0.0;
        std::size_t j = 0;
        for (auto it = detail::metrics::range_begin(row); j < k; ++it, ++j) {
            const double x = static_cast<double>(*it);
            detail::require(std::isfinite(x), fn, "y_score", "value at column ", j, " is ", x);
            sum += x;
        }
        detail::metrics::require_sum_to_one(fn, 0, sum);
        scores_.reserve(scores_.size() + k);
        j = 0;
        for (auto it = detail::metrics::range_begin(row); j < k; ++it, ++j) scores_.push_back(static_cast<double>(*it));
        y_.push_back(v);
        if (weight != 1.0 && !weighted_) {
            weights_.assign(y_.size() - 1, 1.0);
            weighted_ = true;
        }
        if (weighted_) weights_.push_back(weight);
    }

    /// Adds a batch: labels and a row-major matrix of scores (rows = labels,
    /// columns = declared labels). Unchanged if it throws.
    /// Throws: as update; also for mismatched row counts.
    /// Complexity: O(n·K).
    template <class RT, detail::metrics::if_range_c<RT> = 0>
    void update(const RT& y_true, matrix_view<const double> y_score) {
        const char* fn = "multiclass_ranking_accumulator::update";
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size(fn, "y_true", n, "y_score rows", y_score.rows());
        detail::require_same_size(fn, "labels", labels_.size(), "y_score columns", y_score.cols());
        detail::metrics::check_matrix_finite(fn, y_score);
        detail::metrics::check_rows_sum_to_one(fn, y_score);
        std::vector<label_type> add;
        add.reserve(n);
        auto t = detail::metrics::range_begin(y_true);
        for (std::size_t i = 0; i < n; ++i, ++t) {
            detail::metrics::check_label_value(fn, "y_true", *t, i);
            const label_type v = detail::metrics::to_label(*t);
            if (index_.find(v) == detail::metrics::label_index::npos)
                detail::throw_invalid_argument(fn, "y_true", "label ", v, " at index ", i,
                                               " is not in the declared label set");
            add.push_back(v);
        }
        scores_.reserve(scores_.size() + n * labels_.size());
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < labels_.size(); ++j) scores_.push_back(y_score(i, j));
        y_.insert(y_.end(), add.begin(), add.end());
        if (weighted_) weights_.insert(weights_.end(), n, 1.0);
    }

    /// Adds a weighted batch (one-vs-rest AUC only). Unchanged if it throws.
    /// Throws: as the unweighted batch; also for weights of the wrong length,
    /// negative or non-finite. Complexity: O(n·K).
    template <class RT, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RW> = 0>
    void update(const RT& y_true, matrix_view<const double> y_score, const RW& sample_weight) {
        const char* fn = "multiclass_ranking_accumulator::update";
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
        detail::metrics::check_weights(fn, detail::metrics::range_begin(sample_weight), n);
        const std::size_t before = y_.size();
        update(y_true, y_score);
        if (!weighted_) {
            weights_.assign(before, 1.0);
            weighted_ = true;
        } else {
            weights_.resize(before);
        }
        auto w = detail::metrics::range_begin(sample_weight);
        for (std::size_t i = 0; i < n; ++i, ++w) weights_.push_back(static_cast<double>(*w));
    }

    /// Appends other's rows. Throws: invalid_argument if the labels differ.
    /// Complexity: O(size of other).
    void merge(const multiclass_ranking_accumulator& o) {
        detail::require(o.labels_ == labels_, "multiclass_ranking_accumulator::merge", "other", "has different labels");
        if (o.weighted_ && !weighted_) {
            weights_.assign(y_.size(), 1.0);
            weighted_ = true;
        }
        scores_.insert(scores_.end(), o.scores_.begin(), o.scores_.end());
        if (weighted_) {
            if (o.weighted_) weights_.insert(weights_.end(), o.weights_.begin(), o.weights_.end());
            else weights_.insert(weights_.end(), o.y_.size(), 1.0);
        }
        y_.insert(y_.end(), o.y_.begin(), o.y_.end());
    }

    void reset() {
        y_.clear(), scores_.clear(), weights_.clear();
        weighted_ = false;
    }

    /// Multiclass ROC AUC of the rows so far, as roc_auc_score with these
    /// labels declared (`o.labels` is ignored). Weighted rows need one-vs-rest.
    /// Throws: invalid_argument when empty, when a class needed by a binary
    /// sub-problem is missing, for sample weights with one-vs-one.
    /// Complexity: O(n·K) (ovr) or O(n·K²) (ovo).
    double roc_auc(multiclass_auc_options o = {}) const {
        detail::require(!y_.empty(), "multiclass_ranking_accumulator::roc_auc", "rows", "is empty");
        o.labels = label_list(labels_);
        const matrix_view<const double> s(scores_.data(), y_.size(), labels_.size());
        if (weighted_) return roc_auc_score(y_, s, weights_, o);
        return roc_auc_score(y_, s, o);
    }

    std::size_t size() const noexcept { return y_.size(); }
    const std::vector<label_type>& labels() const noexcept { return labels_; }

private:
    std::vector<label_type> labels_;
    std::vector<label_type> y_;
    std::vector<double> scores_;
    std::vector<double> weights_;
    bool weighted_ = false;
    detail::metrics::label_index index_;
};

ASSAY_NAMESPACE_END
