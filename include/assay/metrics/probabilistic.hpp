// assay/metrics/probabilistic.hpp — losses of predicted probabilities:
// log loss (binary and multiclass) and the Brier score, as full-pass
// functions and streaming accumulators.
//
// Log-loss convention (scikit-learn 1.2.1 `log_loss`): every probability is
// clipped to [eps, 1 − eps] with eps = DBL_EPSILON (2.22e-16, scikit-learn's
// eps="auto"; older versions used 1e-15); a binary probability p becomes the
// row [1 − p, p]; each row is renormalised to sum 1; the loss of a row is
// −log(q_true). Rows do not have to sum to 1 beforehand (they are
// renormalised), but every probability must lie in [0, 1].
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../matrix_view.hpp"
#include "detail/input.hpp"

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <algorithm>
#include <optional>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Options of log_loss.
struct log_loss_options {
    double eps = DBL_EPSILON;  ///< clipping; scikit-learn 1.2's eps="auto"
    bool normalize = true;     ///< mean (true) or sum (false) of the row losses
    label_list labels;         ///< declared labels; empty: the sorted labels of y_true

    log_loss_options() = default;
    log_loss_options& with_eps(double e) { eps = e; return *this; }
    log_loss_options& with_normalize(bool b) { normalize = b; return *this; }
    log_loss_options& with_labels(label_list l) { labels = std::move(l); return *this; }
};

namespace detail {
namespace metrics {

/// −log of the renormalised, clipped probability of the true class in a
/// binary row [1 − p, p] (`is_pos`: the true class is the second column).
inline double binary_row_loss(double p, bool is_pos, double eps) {
    const double hi = 1.0 - eps;
    const double c = p < eps ? eps : (p > hi ? hi : p);
    const double other = 1.0 - c;
    const double sum = other + c;
    return -std::log((is_pos ? c : other) / sum);
}

/// a if pick else b, without a branch (labels are unpredictable).
inline double select(bool pick, double a, double b) noexcept {
    std::uint64_t ua, ub;
    std::memcpy(&ua, &a, sizeof ua);
    std::memcpy(&ub, &b, sizeof ub);
    const std::uint64_t m = 0 - static_cast<std::uint64_t>(pick);
    const std::uint64_t r = (ua & m) | (ub & ~m);
    double out;
    std::memcpy(&out, &r, sizeof out);
    return out;
}

/// Labels of a log-loss problem: declared (checked) or the sorted labels of y_true.
template <class It>
std::vector<label_type> log_loss_labels(const char* fn, It t, std::size_t n, const label_list& declared) {
    if (!declared.empty()) {
        auto labels = checked_label_set(fn, declared.values);
        require(labels.size() >= 2, fn, "labels", "needs at least two labels, got ", labels.size());
        return labels;
    }
    std::vector<label_type> seen = distinct_labels(fn, "y_true", t, n);
    if (seen.size() < 2) {
        throw_invalid_argument(fn, "y_true", "contains only one label (", seen.front(),
                               "); give the labels explicitly (labels option)");
    }
    return seen;
}

inline void require_eps(const char* fn, double eps) {
    require(eps >= 0.0 && eps < 0.5, fn, "eps", "must lie in [0, 0.5), got ", eps);
}

template <class R>
using if_range_p = std::enable_if_t<is_range<R>::value, int>;

}  // namespace metrics
}  // namespace detail

/// Streaming log loss over declared labels: binary (two labels, update with
/// the probability of the greater one) or multiclass (update with a row of
/// probabilities in sorted label order). Sums are plain double sums: merging
/// shards equals the full pass up to floating-point rounding.
class log_loss_accumulator {
public:
    /// Throws: invalid_argument for fewer than two labels, duplicates, bad eps.
    explicit log_loss_accumulator(label_list labels, double eps = DBL_EPSILON)
        : labels_(detail::metrics::checked_label_set("log_loss_accumulator", std::move(labels.values))), eps_(eps) {
        detail::require(labels_.size() >= 2, "log_loss_accumulator", "labels", "needs at least two labels");
        detail::metrics::require_eps("log_loss_accumulator", eps);
        index_.assign(labels_);
    }
    log_loss_accumulator(const log_loss_accumulator& o)
        : labels_(o.labels_), eps_(o.eps_), loss_(o.loss_), weight_(o.weight_), n_(o.n_) {
        index_.assign(labels_);
    }
    log_loss_accumulator& operator=(const log_loss_accumulator& o) {
        labels_ = o.labels_, eps_ = o.eps_, loss_ = o.loss_, weight_ = o.weight_, n_ = o.n_;
        index_.assign(labels_);
        return *this;
    }

    const std::vector<label_type>& labels() const noexcept { return labels_; }

    /// Binary row: `p` is the probability of labels()[1]. Throws:
    /// invalid_argument if there are more than two labels, the label is not
    /// declared, p is outside [0, 1] or the weight is bad. Complexity: O(1).
    template <class L>
    void update(L label, double p, double weight = 1.0) {
        const char* fn = "log_loss_accumulator::update";
        detail::require(labels_.size() == 2, fn, "y_prob", "a single probability needs two labels; pass a row");
        const std::size_t k = find(fn, label);
        detail::require(p >= 0.0 && p <= 1.0, fn, "y_prob", "is ", p, ", not a probability in [0, 1]");
        detail::metrics::check_weight_value(fn, weight);
        add(detail::metrics::binary_row_loss(p, k == 1, eps_), weight);
    }

    /// Multiclass row: `row` holds one probability per label (sorted order).
    template <class L, class Row, detail::metrics::if_range_p<Row> = 0>
    void update(L label, const Row& row, double weight = 1.0) {
        const char* fn = "log_loss_accumulator::update";
        detail::require_same_size(fn, "labels", labels_.size(), "y_prob row", detail::metrics::range_size(row));
        const std::size_t k = find(fn, label);
        detail::metrics::check_weight_value(fn, weight);
        double sum = 0.0, mine = 0.0;
        std::size_t j = 0;
        for (auto it = detail::metrics::range_begin(row); j < labels_.size(); ++it, ++j) {
            const double v = static_cast<double>(*it);
            detail::require(v >= 0.0 && v <= 1.0, fn, "y_prob", "value ", v, " is not a probability in [0, 1]");
            const double c = v < eps_ ? eps_ : (v > 1.0 - eps_ ? 1.0 - eps_ : v);
            sum += c;
            if (j == k) mine = c;
        }
        add(-std::log(mine / sum), weight);
    }

    void merge(const log_loss_accumulator& o) {
        detail::require(o.labels_ == labels_ && o.eps_ == eps_, "log_loss_accumulator::merge", "other",
                        "has different labels or eps");
        loss_ += o.loss_;
        weight_ += o.weight_;
        n_ += o.n_;
    }
    void reset() { loss_ = weight_ = 0.0, n_ = 0; }

    /// Mean (weighted) loss. Throws: invalid_argument if no weight was added.
    double value() const {
        detail::require(weight_ > 0.0, "log_loss_accumulator::value", "sample_weight", "no rows or zero total weight");
        return loss_ / weight_;
    }
    /// Summed (weighted) loss (scikit-learn's normalize=False).
    double sum() const noexcept { return loss_; }
    double total_weight() const noexcept { return weight_; }
    std::uint64_t n_samples() const noexcept { return n_; }

private:
    template <class L>
    std::size_t find(const char* fn, L label) const {
        detail::metrics::check_label_value(fn, "y_true", label, 0);
        const label_type v = detail::metrics::to_label(label);
        const std::size_t k = index_.find(v);
        if (k == detail::metrics::label_index::npos)
            detail::throw_invalid_argument(fn, "y_true", "label ", v, " is not in the declared label set");
        return k;
    }
    void add(double loss, double w) {
        loss_ += loss * w;
        weight_ += w;
        ++n_;
    }

    std::vector<label_type> labels_;
    double eps_;
    double loss_ = 0.0, weight_ = 0.0;
    std::uint64_t n_ = 0;
    detail::metrics::label_index index_;
};

namespace detail {
namespace metrics {

template <bool Weighted, class ItT, class ItP, class ItW>
double binary_log_loss_pass(const char* fn, ItT t, ItP p, ItW w, std::size_t n, const log_loss_options& o,
                            label_type neg, label_type pos, bool* other, unsigned* seen);

template <bool Weighted, class ItT, class ItP, class ItW>
double binary_log_loss(const char* fn, ItT t, ItP p, ItW w, std::size_t n, const log_loss_options& o) {
    require_eps(fn, o.eps);
    if constexpr (Weighted) check_weights(fn, w, n);
    label_type neg = 0, pos = 1;
    if (o.labels.empty()) {
        // Guess labels {0, 1} (the usual case): one pass computes the loss and
        // checks the guess; only a wrong guess costs the label census.
        bool other = false;
        unsigned seen = 0;
        const double guessed = binary_log_loss_pass<Weighted>(fn, t, p, w, n, o, 0, 1, &other, &seen);
        if (!other && seen == 3u) return guessed;
        if (!other) {
            throw_invalid_argument(fn, "y_true", "contains only one label (", seen == 1u ? 0 : 1,
                                   "); give the labels explicitly (labels option)");
        }
    }
    const auto labels = log_loss_labels(fn, t, n, o.labels);
    require(labels.size() == 2, fn, "y_prob", "is one probability per row but there are ", labels.size(),
            " labels; pass a probability matrix");
    neg = labels[0];
    pos = labels[1];
    return binary_log_loss_pass<Weighted>(fn, t, p, w, n, o, neg, pos, nullptr, nullptr);
}

/// One pass of the binary log loss with labels (neg, pos). With `other`
/// given, labels outside {neg, pos} are only reported there (and `seen` gets
/// bit 0 / bit 1 for neg / pos, which must then be 0 / 1); otherwise they are
/// errors.
template <bool Weighted, class ItT, class ItP, class ItW>
double binary_log_loss_pass(const char* fn, ItT t, ItP p, ItW w, std::size_t n, const log_loss_options& o,
                            label_type neg, label_type pos, bool* other, unsigned* seen) {
    // One pass; invalid rows only raise a flag here (no branch per row) and
    // are located afterwards to report the first one.
    double loss = 0.0, wsum = 0.0;
    bool bad = false;
    const double eps = o.eps, hi = 1.0 - eps;
    {
        ItT ti = t;
        ItP pi = p;
        ItW wi = w;
        unsigned bits = 0;
        bool outside = false;
        // Blocks: the probabilities of the true classes first (a loop without
        // calls, which the compiler vectorizes), then their logarithms.
        constexpr std::size_t block = 256;
        double q[block];
        for (std::size_t i = 0; i < n; i += block) {
            const std::size_t m = std::min(block, n - i);
            for (std::size_t r = 0; r < m; ++r, ++ti, ++pi) {
                const label_type v = to_label(*ti);
                const double x = static_cast<double>(*pi);
                outside |= (v != neg) & (v != pos);
                bits |= 1u << (v == pos ? 1 : 0);
                bad |= !(x >= 0.0 && x <= 1.0);
                const double c = std::min(std::max(x, eps), hi);
                const double rest = 1.0 - c;
                q[r] = select(v == pos, c, rest) / (rest + c);
            }
            for (std::size_t r = 0; r < m; ++r) {
                const double l = -std::log(q[r]);
                if constexpr (Weighted) {
                    const double wv = static_cast<double>(*wi);
                    ++wi;
                    loss += l * wv;
                    wsum += wv;
                } else {
                    loss += l;
                }
            }
        }
        if (other) {
            *other = outside;
            *seen = bits;
            if (outside) return 0.0;
        } else {
            bad |= outside;
        }
    }
    if (ASSAY_UNLIKELY(bad)) {
        check_probabilities(fn, "y_prob", p, n);
        for (std::size_t i = 0; i < n; ++i, ++t) {
            const label_type v = to_label(*t);
            if (v != neg && v != pos) throw_invalid_argument(fn, "y_true", "label ", v, " at index ", i, " is not in labels");
        }
    }
    if constexpr (!Weighted) wsum = static_cast<double>(n);
    if (!o.normalize) return loss;
    require(wsum > 0.0, fn, "sample_weight", "sums to zero");
    return loss / wsum;
}

template <bool Weighted, class ItT, class ItW>
double multiclass_log_loss(const char* fn, ItT t, matrix_view<const double> p, ItW w, std::size_t n,
                           const log_loss_options& o) {
    require_eps(fn, o.eps);
    require_same_size(fn, "y_true", n, "y_prob rows", p.rows());
    const auto labels = log_loss_labels(fn, t, n, o.labels);
    if (p.cols() == 1 && labels.size() == 2) {
        // A one-column matrix is the binary probability of the greater label.
        std::vector<double> col(n);
        for (std::size_t i = 0; i < n; ++i) col[i] = p(i, 0);
        log_loss_options o2 = o;
        o2.labels = label_list(labels);
        return binary_log_loss<Weighted>(fn, t, col.begin(), w, n, o2);
    }
    require(p.cols() == labels.size(), fn, "y_prob", "has ", p.cols(), " columns but there are ", labels.size(),
            " labels (columns follow the sorted labels; give all labels with the labels option)");
    if constexpr (Weighted) check_weights(fn, w, n);
    label_index index(labels);
    const std::size_t k = labels.size();
    const double eps = o.eps, hi = 1.0 - eps;
    double loss = 0.0, wsum = 0.0;
    for (std::size_t i = 0; i < n; ++i, ++t) {
        check_label_value(fn, "y_true", *t, i);
        const std::size_t c = index.find(to_label(*t));
        if (ASSAY_UNLIKELY(c == label_index::npos))
            throw_invalid_argument(fn, "y_true", "label ", to_label(*t), " at index ", i, " is not in labels");
        double sum = 0.0, mine = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            const double v = p(i, j);
            if (ASSAY_UNLIKELY(!(v >= 0.0 && v <= 1.0)))
                throw_invalid_argument(fn, "y_prob", "value at row ", i, ", column ", j, " is ", v,
                                       ", not a probability in [0, 1]");
            const double cl = v < eps ? eps : (v > hi ? hi : v);
            sum += cl;
            if (j == c) mine = cl;
        }
        const double l = -std::log(mine / sum);
        if constexpr (Weighted) {
            const double wi = static_cast<double>(*w);
            ++w;
            loss += l * wi;
            wsum += wi;
        } else {
            loss += l;
        }
    }
    if constexpr (!Weighted) wsum = static_cast<double>(n);
    if (!o.normalize) return loss;
    require(wsum > 0.0, fn, "sample_weight", "sums to zero");
    return loss / wsum;
}

}  // namespace metrics
}  // namespace detail

/// Binary log loss (cross-entropy) of y_prob, the probability of the greater
/// of the two labels (scikit-learn 1.2.1 `log_loss` with a 1-D y_pred); see
/// the file comment for clipping and renormalisation.
/// Throws: invalid_argument for empty input, mismatched lengths, a
/// probability outside [0, 1] or NaN, y_true with a single label and no
/// declared labels, more than two labels, a label outside the declared ones,
/// bad weights, zero total weight. Complexity: O(n) time, O(1) extra memory.
template <class RT, class RP, detail::metrics::if_range_p<RT> = 0, detail::metrics::if_range_p<RP> = 0>
double log_loss(const RT& y_true, const RP& y_prob, const log_loss_options& o = {}) {
    const char* fn = "log_loss";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    return detail::metrics::binary_log_loss<false>(fn, detail::metrics::range_begin(y_true),
                                                   detail::metrics::range_begin(y_prob),
                                                   detail::metrics::unit_weights::iterator{}, n, o);
}
template <class RT, class RP, class RW, detail::metrics::if_range_p<RT> = 0, detail::metrics::if_range_p<RP> = 0,
          detail::metrics::if_range_p<RW> = 0>
double log_loss(const RT& y_true, const RP& y_prob, const RW& sample_weight, const log_loss_options& o = {}) {
    const char* fn = "log_loss";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
    return detail::metrics::binary_log_loss<true>(fn, detail::metrics::range_begin(y_true),
                                                  detail::metrics::range_begin(y_prob),
                                                  detail::metrics::range_begin(sample_weight), n, o);
}

/// Multiclass log loss of a probability matrix (rows = samples, columns = the
/// sorted labels; scikit-learn 1.2.1 `log_loss` with a 2-D y_pred). Build the
/// view with `as_matrix_view(buffer, n_classes)` or from Eigen / xtensor.
/// Throws: as the binary form, and when the number of columns differs from
/// the number of labels. Complexity: O(n·K) time, O(K) extra memory.
template <class RT, detail::metrics::if_range_p<RT> = 0>
double log_loss(const RT& y_true, matrix_view<const double> y_prob, const log_loss_options& o = {}) {
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty("log_loss", "y_true", n);
    return detail::metrics::multiclass_log_loss<false>("log_loss", detail::metrics::range_begin(y_true), y_prob,
                                                       detail::metrics::unit_weights::iterator{}, n, o);
}
template <class RT, class RW, detail::metrics::if_range_p<RT> = 0, detail::metrics::if_range_p<RW> = 0>
double log_loss(const RT& y_true, matrix_view<const double> y_prob, const RW& sample_weight,
                const log_loss_options& o = {}) {
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty("log_loss", "y_true", n);
    detail::require_same_size("log_loss", "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
    return detail::metrics::multiclass_log_loss<true>("log_loss", detail::metrics::range_begin(y_true), y_prob,
                                                      detail::metrics::range_begin(sample_weight), n, o);
}

/// Options of brier_score_loss.
struct brier_options {
    /// Positive class; unset: 1 when the labels are within {0, 1} or {-1, 1}.
    std::optional<label_type> pos_label;
    brier_options() = default;
    brier_options& with_pos_label(label_type v) { pos_label = v; return *this; }
};

namespace detail {
namespace metrics {

template <bool Weighted, class ItT, class ItP, class ItW>
double brier(const char* fn, ItT t, ItP p, ItW w, std::size_t n, const brier_options& o) {
    check_probabilities(fn, "y_prob", p, n);
    if constexpr (Weighted) check_weights(fn, w, n);
    // Labels: at most two, positive by scikit-learn's rule.
    label_type a = 0, b = 0;
    int count = 0;
    {
        auto t2 = t;
        for (std::size_t i = 0; i < n; ++i, ++t2) {
            check_label_value(fn, "y_true", *t2, i);
            const label_type v = to_label(*t2);
            if (count == 0) a = v, count = 1;
            else if (v != a && count == 1) b = v, count = 2;
            else if (v != a && v != b)
                throw_invalid_argument(fn, "y_true", "has more than two labels; the Brier score is binary");
        }
    }
    label_type pos = 1;
    if (o.pos_label) {
        pos = *o.pos_label;
    } else {
        const label_type lo = count == 2 ? std::min(a, b) : a, hi = count == 2 ? std::max(a, b) : a;
        const bool ok = count == 1 ? (a == 0 || a == 1 || a == -1) : ((lo == 0 || lo == -1) && hi == 1);
        require(ok, fn, "pos_label", "must be given: y_true's labels are not {0, 1} or {-1, 1}");
    }
    double s = 0.0, wsum = 0.0;
    for (std::size_t i = 0; i < n; ++i, ++t, ++p) {
        const double y = to_label(*t) == pos ? 1.0 : 0.0;
        const double d = y - static_cast<double>(*p);
        if constexpr (Weighted) {
            const double wi = static_cast<double>(*w);
            ++w;
            s += d * d * wi;
            wsum += wi;
        } else {
            s += d * d;
        }
    }
    if constexpr (!Weighted) wsum = static_cast<double>(n);
    require(wsum > 0.0, fn, "sample_weight", "sums to zero");
    return s / wsum;
}

}  // namespace metrics
}  // namespace detail

/// Brier score Σ w (1[y = pos] − p)² / Σ w (scikit-learn 1.2.1
/// `brier_score_loss`). Throws: invalid_argument for empty input, mismatched
/// lengths, probabilities outside [0, 1], more than two labels, labels that
/// need an explicit pos_label, bad weights, zero total weight.
/// Complexity: O(n), no allocation.
template <class RT, class RP, detail::metrics::if_range_p<RT> = 0, detail::metrics::if_range_p<RP> = 0>
double brier_score_loss(const RT& y_true, const RP& y_prob, const brier_options& o = {}) {
    const char* fn = "brier_score_loss";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    return detail::metrics::brier<false>(fn, detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_prob),
                                         detail::metrics::unit_weights::iterator{}, n, o);
}
template <class RT, class RP, class RW, detail::metrics::if_range_p<RT> = 0, detail::metrics::if_range_p<RP> = 0,
          detail::metrics::if_range_p<RW> = 0>
double brier_score_loss(const RT& y_true, const RP& y_prob, const RW& sample_weight, const brier_options& o = {}) {
    const char* fn = "brier_score_loss";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
    return detail::metrics::brier<true>(fn, detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_prob),
                                        detail::metrics::range_begin(sample_weight), n, o);
}

/// Streaming Brier score for a fixed positive label.
class brier_accumulator {
public:
    explicit brier_accumulator(label_type pos_label = 1) : pos_(pos_label) {}
    /// Throws: invalid_argument for p outside [0, 1] or a bad weight. O(1).
    template <class L>
    void update(L label, double p, double weight = 1.0) {
        const char* fn = "brier_accumulator::update";
        detail::metrics::check_label_value(fn, "y_true", label, 0);
        detail::require(p >= 0.0 && p <= 1.0, fn, "y_prob", "is ", p, ", not a probability in [0, 1]");
        detail::metrics::check_weight_value(fn, weight);
        const double d = (detail::metrics::to_label(label) == pos_ ? 1.0 : 0.0) - p;
        sum_ += d * d * weight;
        weight_ += weight;
        ++n_;
    }
    void merge(const brier_accumulator& o) {
        detail::require(o.pos_ == pos_, "brier_accumulator::merge", "other", "has a different positive label");
        sum_ += o.sum_, weight_ += o.weight_, n_ += o.n_;
    }
    void reset() { sum_ = weight_ = 0.0, n_ = 0; }
    /// Throws: invalid_argument if no weight was added.
    double value() const {
        detail::require(weight_ > 0.0, "brier_accumulator::value", "sample_weight", "no rows or zero total weight");
        return sum_ / weight_;
    }
    std::uint64_t n_samples() const noexcept { return n_; }

private:
    label_type pos_;
    double sum_ = 0.0, weight_ = 0.0;
    std::uint64_t n_ = 0;
};

ASSAY_NAMESPACE_END
