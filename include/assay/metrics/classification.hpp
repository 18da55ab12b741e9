// assay/metrics/classification.hpp — scalar metrics of hard predictions
// (binary and multiclass): accuracy, balanced accuracy, precision, recall,
// F-beta, Jaccard, Matthews correlation, Cohen's kappa, Hamming / zero-one
// loss, and the rates of a binary confusion matrix.
//
// Every metric has two forms from one kernel:
//   * over a `confusion_counts` accumulator (streaming: update / merge /
//     reset, then read any metric), and
//   * over whole ranges `(y_true, y_pred[, sample_weight], options)`, which
//     counts with the same kernel and then reads the metric.
//
// Conventions are scikit-learn 1.2.1's (see tests/reference/README.md):
// labels sorted; `zero_division` decides every 0/0 (precision with no
// predicted positive, recall with no true positive; F-beta is computed from
// the substituted precision and recall, and is 0 when their weighted sum is
// 0 — which makes it `zero_division` when both were undefined).
//
// Labels option: when `labels` is given it is the declared label set; every
// label in the data must be in it (a label outside is an error — unlike
// scikit-learn, which silently drops such rows from `confusion_matrix`).
// Labels in it that never occur count as zero, as in scikit-learn.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "confusion_matrix.hpp"
#include "detail/input.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// How per-class scores are combined (scikit-learn's `average=`).
enum class average {
    binary,    ///< the `pos_label` class only; the data must have at most two labels
    micro,     ///< global tp / fp / fn summed over classes
    macro,     ///< unweighted mean over classes
    weighted,  ///< mean weighted by each class's true support
    samples,   ///< per-sample score, then the (weighted) mean over samples; multilabel input only
};

/// Options of precision / recall / F-beta / Jaccard. Implicitly built from an
/// `average`, so `f1_score(y, p, assay::average::macro)` reads well; chain
/// `with_...` setters for the rest.
struct prf_options {
    average averaging = average::binary;
    label_type pos_label = 1;   ///< positive class for average::binary
    double beta = 1.0;          ///< F-beta's beta (f1_score ignores it)
    double zero_division = 0.0; ///< value of a 0/0 score (scikit-learn's "warn" behaves as 0)
    label_list labels;          ///< declared labels (empty: the labels in the data)

    prf_options() = default;
    prf_options(average a) : averaging(a) {}  // NOLINT: implicit by design
    prf_options& with_average(average a) { averaging = a; return *this; }
    prf_options& with_pos_label(label_type v) { pos_label = v; return *this; }
    prf_options& with_beta(double b) { beta = b; return *this; }
    prf_options& with_zero_division(double z) { zero_division = z; return *this; }
    prf_options& with_labels(label_list l) { labels = std::move(l); return *this; }
};

/// Per-class precision, recall, F-beta and support (true weight), for the
/// classes in `labels` order.
struct class_scores {
    std::vector<label_type> labels;
    std::vector<double> precision, recall, fscore, support;
};

/// Averaged precision, recall and F-beta.
struct prf_scores {
    double precision = 0.0, recall = 0.0, fscore = 0.0;
};

/// Rates of a binary confusion matrix with respect to a positive class.
/// A rate whose denominator is 0 is NaN here (no zero_division policy: these
/// are descriptive; use precision_score etc. for scikit-learn's policy).
struct binary_rates {
    double tp = 0, fp = 0, tn = 0, fn = 0;  ///< weighted counts
    double tpr = 0;         ///< recall, sensitivity: tp / (tp + fn)
    double tnr = 0;         ///< specificity: tn / (tn + fp)
    double fpr = 0;         ///< fall-out: fp / (fp + tn)
    double fnr = 0;         ///< miss rate: fn / (fn + tp)
    double ppv = 0;         ///< precision: tp / (tp + fp)
    double npv = 0;         ///< tn / (tn + fn)
    double prevalence = 0;  ///< (tp + fn) / total
    double accuracy = 0;    ///< (tp + tn) / total
};

inline std::ostream& operator<<(std::ostream& os, const binary_rates& r) {
    return os << "binary_rates(tp=" << r.tp << ", fp=" << r.fp << ", tn=" << r.tn << ", fn=" << r.fn
              << ", tpr=" << r.tpr << ", tnr=" << r.tnr << ", fpr=" << r.fpr << ", fnr=" << r.fnr
              << ", ppv=" << r.ppv << ", npv=" << r.npv << ", prevalence=" << r.prevalence
              << ", accuracy=" << r.accuracy << ")";
}

/// Weighting scheme of Cohen's kappa (scikit-learn's `weights=`): none (0 on
/// the diagonal, 1 off it), linear |i - j|, quadratic (i - j)², on indices of
/// the sorted labels.
enum class kappa_weights { none, linear, quadratic };

namespace detail {
namespace metrics {

inline double div_or(double num, double den, double zd) { return den == 0.0 ? zd : num / den; }

inline void require_rows(const char* fn, const confusion_counts& c) {
    require(c.n_samples() != 0, fn, "y_true", "is empty");
}

inline double require_total(const char* fn, const confusion_counts& c) {
    require_rows(fn, c);
    const double t = c.total();
    require(t > 0.0, fn, "sample_weight", "sums to zero");
    return t;
}

struct class_counts {
    std::vector<label_type> labels;
    std::vector<double> tp, pred, truth;  // tp, tp + fp, tp + fn
};

// Selects the classes an averaging works on (scikit-learn's
// _check_set_wise_labels) and reads their tp / predicted / true sums.
inline class_counts select_classes(const char* fn, const confusion_counts& c, const prf_options& o) {
    require_rows(fn, c);
    require(o.averaging != average::samples, fn, "average",
            "is samples, which needs multilabel input (an indicator matrix; see assay/metrics/multilabel.hpp)");
    class_counts out;
    if (o.averaging == average::binary) {
        require(c.n_classes() <= 2, fn, "average",
                "is binary but the data has ", c.n_classes(), " labels; choose micro, macro or weighted");
        if (c.index_of(o.pos_label) == confusion_counts::npos && c.n_classes() == 2) {
            throw_invalid_argument(fn, "pos_label", "is ", o.pos_label, ", not one of the labels ", c.labels()[0],
                                   " and ", c.labels()[1]);
        }
        out.labels = {o.pos_label};
    } else if (!o.labels.empty()) {
        out.labels = o.labels.values;
        for (label_type v : out.labels)
            require(c.index_of(v) != confusion_counts::npos, fn, "labels", "label ", v, " is not in the label set");
    } else {
        out.labels = c.labels();
    }
    const auto t = c.true_totals(), p = c.pred_totals();
    for (label_type v : out.labels) {
        const std::size_t k = c.index_of(v);
        if (k == confusion_counts::npos) {
            out.tp.push_back(0.0);
            out.pred.push_back(0.0);
            out.truth.push_back(0.0);
        } else {
            out.tp.push_back(c(k, k));
            out.pred.push_back(p[k]);
            out.truth.push_back(t[k]);
        }
    }
    return out;
}

inline double fbeta_from(double p, double r, double beta2) {
    if (std::isinf(beta2)) return r;
    double den = beta2 * p + r;
    if (den == 0.0) den = 1.0;
    return (1.0 + beta2) * p * r / den;
}

inline double weighted_mean(const std::vector<double>& x, const std::vector<double>* w) {
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double wi = w ? (*w)[i] : 1.0;
        num += x[i] * wi;
        den += wi;
    }
    return num / den;
}

// Averaged precision, recall and F-beta of selected classes (micro, macro
// or weighted; `binary` has one class, so it is the macro mean of it).
// The shared scoring step of single-label and multilabel counts.
inline prf_scores prf_average(const class_counts& s, const prf_options& o) {
    const double b2 = o.beta * o.beta, zd = o.zero_division;
    if (o.averaging == average::micro) {
        double tp = 0, pr = 0, tr = 0;
        for (std::size_t k = 0; k < s.tp.size(); ++k) tp += s.tp[k], pr += s.pred[k], tr += s.truth[k];
        const double p = div_or(tp, pr, zd), r = div_or(tp, tr, zd);
        return {p, r, fbeta_from(p, r, b2)};
    }
    std::vector<double> p(s.tp.size()), r(s.tp.size()), f(s.tp.size());
    for (std::size_t k = 0; k < s.tp.size(); ++k) {
        p[k] = div_or(s.tp[k], s.pred[k], zd);
        r[k] = div_or(s.tp[k], s.truth[k], zd);
        f[k] = fbeta_from(p[k], r[k], b2);
    }
    if (o.averaging == average::weighted) {
        double wsum = 0.0, psum = 0.0;
        for (std::size_t k = 0; k < s.tp.size(); ++k) wsum += s.truth[k], psum += s.pred[k];
        if (wsum == 0.0) {
            const double z = zd == 0.0 ? 0.0 : 1.0;
            if (psum == 0.0) return {z, z, z};
            return {0.0, z, 0.0};
        }
        return {weighted_mean(p, &s.truth), weighted_mean(r, &s.truth), weighted_mean(f, &s.truth)};
    }
    return {weighted_mean(p, nullptr), weighted_mean(r, nullptr), weighted_mean(f, nullptr)};
}

// Per-class precision, recall, F-beta and support of selected classes.
inline class_scores prf_each(const class_counts& s, const prf_options& o) {
    class_scores r;
    r.labels = s.labels;
    const double b2 = o.beta * o.beta;
    for (std::size_t k = 0; k < s.labels.size(); ++k) {
        const double p = div_or(s.tp[k], s.pred[k], o.zero_division);
        const double rc = div_or(s.tp[k], s.truth[k], o.zero_division);
        r.precision.push_back(p);
        r.recall.push_back(rc);
        r.fscore.push_back(fbeta_from(p, rc, b2));
        r.support.push_back(s.truth[k]);
    }
    return r;
}

// Per-class Jaccard index tp / (tp + fp + fn) of selected classes.
inline std::vector<double> jaccard_each(const class_counts& s, double zero_division) {
    std::vector<double> out;
    for (std::size_t k = 0; k < s.tp.size(); ++k)
        out.push_back(div_or(s.tp[k], s.pred[k] + s.truth[k] - s.tp[k], zero_division));
    return out;
}

// Jaccard index averaged over selected classes (micro, macro, weighted;
// weighted with zero total support falls back to the unweighted mean).
inline double jaccard_average(const class_counts& s, const prf_options& o) {
    if (o.averaging == average::micro) {
        double num = 0, den = 0;
        for (std::size_t k = 0; k < s.tp.size(); ++k) num += s.tp[k], den += s.pred[k] + s.truth[k] - s.tp[k];
        return div_or(num, den, o.zero_division);
    }
    const std::vector<double> j = jaccard_each(s, o.zero_division);
    bool any = false;
    for (double w : s.truth) any = any || w != 0.0;
    return weighted_mean(j, o.averaging == average::weighted && any ? &s.truth : nullptr);
}

template <class RT, class RP>
confusion_counts count_pairs(const char* fn, const RT& y_true, const RP& y_pred, const label_list& labels) {
    const std::size_t n = range_size(y_true);
    require_nonempty(fn, "y_true", n);
    require_same_size(fn, "y_true", n, "y_pred", range_size(y_pred));
    confusion_counts c = labels.empty() ? confusion_counts() : confusion_counts(labels);
    c.update(y_true, y_pred);
    return c;
}

template <class RT, class RP, class RW>
confusion_counts count_pairs(const char* fn, const RT& y_true, const RP& y_pred, const RW& w,
                             const label_list& labels) {
    const std::size_t n = range_size(y_true);
    require_nonempty(fn, "y_true", n);
    require_same_size(fn, "y_true", n, "y_pred", range_size(y_pred));
    require_same_size(fn, "y_true", n, "sample_weight", range_size(w));
    confusion_counts c = labels.empty() ? confusion_counts() : confusion_counts(labels);
    c.update(y_true, y_pred, w);
    return c;
}

template <class R>
using if_range = std::enable_if_t<is_range<R>::value, int>;

}  // namespace metrics
}  // namespace detail

// ===========================================================================
// Over confusion counts

/// Per-class precision, recall, F-beta and support (scikit-learn 1.2.1
/// `precision_recall_fscore_support(average=None)`): the classes are
/// `o.labels` in the order given, or all labels sorted; `o.averaging` is
/// ignored. Throws: invalid_argument on empty counts or a label outside the
/// set. Complexity: O(K²).
inline class_scores precision_recall_fscore_support(const confusion_counts& c, prf_options o = {}) {
    o.averaging = average::macro;
    return detail::metrics::prf_each(detail::metrics::select_classes("precision_recall_fscore_support", c, o), o);
}

/// Averaged precision, recall and F-beta (scikit-learn 1.2.1
/// `precision_recall_fscore_support(average=...)`). `weighted` with zero total
/// support returns (0 or zero_division, zero_division, 0 or zero_division) as
/// scikit-learn does. Throws: invalid_argument on empty counts, `binary` with
/// more than two labels or a pos_label that is not one of two labels, beta < 0.
/// Complexity: O(K²).
inline prf_scores precision_recall_fscore(const confusion_counts& c, const prf_options& o = {}) {
    const char* fn = "precision_recall_fscore";
    detail::require(o.beta >= 0.0, fn, "beta", "must be non-negative, got ", o.beta);
    return detail::metrics::prf_average(detail::metrics::select_classes(fn, c, o), o);
}

/// Precision tp / (tp + fp), averaged as `o` says (scikit-learn 1.2.1
/// `precision_score`). Throws / Complexity: as precision_recall_fscore.
inline double precision_score(const confusion_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).precision;
}
/// Recall tp / (tp + fn) (scikit-learn 1.2.1 `recall_score`).
inline double recall_score(const confusion_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).recall;
}
/// F-beta (1 + β²)·P·R / (β²·P + R) with β = o.beta (scikit-learn 1.2.1 `fbeta_score`).
inline double fbeta_score(const confusion_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).fscore;
}
/// F1 = 2·P·R / (P + R) (scikit-learn 1.2.1 `f1_score`; o.beta is ignored).
inline double f1_score(const confusion_counts& c, prf_options o = {}) {
    o.beta = 1.0;
    return precision_recall_fscore(c, o).fscore;
}

/// Per-class Jaccard index tp / (tp + fp + fn) (scikit-learn 1.2.1
/// `jaccard_score(average=None)`), in `o.labels` order or sorted; 0/0 gives
/// o.zero_division. Throws: invalid_argument on empty counts or a label
/// outside the set. Complexity: O(K²).
inline std::vector<double> jaccard_per_class(const confusion_counts& c, prf_options o = {}) {
    o.averaging = average::macro;
    return detail::metrics::jaccard_each(detail::metrics::select_classes("jaccard_per_class", c, o), o.zero_division);
}

/// Jaccard index averaged as `o` says (scikit-learn 1.2.1 `jaccard_score`;
/// `weighted` with zero total support falls back to the unweighted mean, as
/// scikit-learn does). Throws: as precision_recall_fscore. Complexity: O(K²).
inline double jaccard_score(const confusion_counts& c, const prf_options& o = {}) {
    return detail::metrics::jaccard_average(detail::metrics::select_classes("jaccard_score", c, o), o);
}

/// Fraction (weight share) of correct predictions (scikit-learn 1.2.1
/// `accuracy_score`). Throws: invalid_argument on empty counts or zero total
/// weight. Complexity: O(K²).
inline double accuracy_score(const confusion_counts& c) {
    const double t = detail::metrics::require_total("accuracy_score", c);
    return c.correct() / t;
}

/// 1 − accuracy (scikit-learn 1.2.1 `hamming_loss` / `zero_one_loss` on
/// multiclass labels). Throws / Complexity: as accuracy_score.
inline double hamming_loss(const confusion_counts& c) { return 1.0 - accuracy_score(c); }
inline double zero_one_loss(const confusion_counts& c) { return 1.0 - accuracy_score(c); }

/// Mean recall over the classes present in y_true (scikit-learn 1.2.1
/// `balanced_accuracy_score`); `adjusted` rescales so chance is 0:
/// (score − 1/K)/(1 − 1/K). Classes whose true weight is 0 are left out.
/// Throws: invalid_argument on empty counts or zero total weight.
inline double balanced_accuracy_score(const confusion_counts& c, bool adjusted = false) {
    detail::metrics::require_total("balanced_accuracy_score", c);
    const auto t = c.true_totals();
    double sum = 0.0;
    std::size_t k = 0;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == 0.0) continue;
        sum += c(i, i) / t[i];
        ++k;
    }
    double score = sum / static_cast<double>(k);
    if (adjusted) {
        const double chance = 1.0 / static_cast<double>(k);
        score -= chance;
        score /= 1.0 - chance;
    }
    return score;
}

/// Matthews correlation coefficient, multiclass form
/// (c·s − Σ p_k t_k) / sqrt((s² − Σ p_k²)(s² − Σ t_k²)); 0 when the
/// denominator is 0 (scikit-learn 1.2.1 `matthews_corrcoef`).
/// Throws: invalid_argument on empty counts. Complexity: O(K²).
inline double matthews_corrcoef(const confusion_counts& c) {
    detail::metrics::require_rows("matthews_corrcoef", c);
    const auto t = c.true_totals(), p = c.pred_totals();
    const double correct = c.correct();
    double s = 0.0, tp = 0.0, pp = 0.0, tt = 0.0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        s += p[k];
        tp += t[k] * p[k];
        pp += p[k] * p[k];
        tt += t[k] * t[k];
    }
    const double cov_tp = correct * s - tp, cov_pp = s * s - pp, cov_tt = s * s - tt;
    if (cov_pp * cov_tt == 0.0) return 0.0;
    return cov_tp / std::sqrt(cov_tt * cov_pp);
}

/// Cohen's kappa 1 − Σ w·O / Σ w·E with E the outer product of the marginals
/// over the total (scikit-learn 1.2.1 `cohen_kappa_score`, y1 = rows).
/// NaN when Σ w·E is 0 (e.g. one label only), as in scikit-learn.
/// Throws: invalid_argument on empty counts. Complexity: O(K²).
inline double cohen_kappa_score(const confusion_counts& c, kappa_weights w = kappa_weights::none) {
    detail::metrics::require_rows("cohen_kappa_score", c);
    const std::size_t k = c.n_classes();
    const auto sum1 = c.true_totals(), sum0 = c.pred_totals();
    double total = 0.0;
    for (double v : sum0) total += v;
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) {
            const double d = static_cast<double>(i > j ? i - j : j - i);
            const double wij = w == kappa_weights::none ? (i == j ? 0.0 : 1.0) : w == kappa_weights::linear ? d : d * d;
            num += wij * c(i, j);
            den += wij * (sum0[i] * sum1[j] / total);
        }
    return 1.0 - num / den;
}

/// Rates of the binary problem "pos_label vs the rest": tp, fp, tn, fn and
/// TPR, TNR, FPR, FNR, PPV, NPV, prevalence, accuracy (0/0 → NaN).
/// Throws: invalid_argument on empty counts. Complexity: O(K²).
inline binary_rates rates(const confusion_counts& c, label_type pos_label = 1) {
    detail::metrics::require_rows("rates", c);
    binary_rates r;
    const std::size_t k = c.index_of(pos_label);
    const double total = c.total();
    if (k != confusion_counts::npos) {
        const auto t = c.true_totals(), p = c.pred_totals();
        r.tp = c(k, k);
        r.fp = p[k] - r.tp;
        r.fn = t[k] - r.tp;
    }
    r.tn = total - r.tp - r.fp - r.fn;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    auto q = [nan](double a, double b) { return b == 0.0 ? nan : a / b; };
    r.tpr = q(r.tp, r.tp + r.fn);
    r.tnr = q(r.tn, r.tn + r.fp);
    r.fpr = q(r.fp, r.fp + r.tn);
    r.fnr = q(r.fn, r.fn + r.tp);
    r.ppv = q(r.tp, r.tp + r.fp);
    r.npv = q(r.tn, r.tn + r.fn);
    r.prevalence = q(r.tp + r.fn, total);
    r.accuracy = q(r.tp + r.tn, total);
    return r;
}

// ===========================================================================
// Over whole ranges: count with the shared kernel, then read the metric.
// Each takes (y_true, y_pred[, sample_weight][, options]); labels of any
// integral or enum type, weights finite and non-negative.
// Throws (in addition to the metric's own): invalid_argument for empty input,
// mismatched lengths, negative or non-finite weights.
// Complexity: O(n + K²) time, O(K²) extra memory.

#define ASSAY_METRICS_FULL_PASS(NAME, OPT_TYPE, OPT_DEFAULT, LABELS_EXPR)                                   \
    template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>     \
    auto NAME(const RT& y_true, const RP& y_pred, const OPT_TYPE& opt = OPT_DEFAULT) {                      \
        return NAME(detail::metrics::count_pairs(#NAME, y_true, y_pred, LABELS_EXPR), opt);                 \
    }                                                                                                       \
    template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0,                              \
              detail::metrics::if_range<RP> = 0, detail::metrics::if_range<RW> = 0>                         \
    auto NAME(const RT& y_true, const RP& y_pred, const RW& sample_weight, const OPT_TYPE& opt = OPT_DEFAULT) { \
        return NAME(detail::metrics::count_pairs(#NAME, y_true, y_pred, sample_weight, LABELS_EXPR), opt);  \
    }

ASSAY_METRICS_FULL_PASS(precision_recall_fscore_support, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(precision_recall_fscore, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(precision_score, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(recall_score, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(fbeta_score, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(f1_score, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(jaccard_score, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(jaccard_per_class, prf_options, prf_options{}, opt.labels)
ASSAY_METRICS_FULL_PASS(balanced_accuracy_score, bool, false, label_list{})
ASSAY_METRICS_FULL_PASS(cohen_kappa_score, kappa_weights, kappa_weights::none, label_list{})
ASSAY_METRICS_FULL_PASS(rates, label_type, label_type{1}, label_list{})
#undef ASSAY_METRICS_FULL_PASS

/// Matthews correlation over whole ranges (see the counts overload).
template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
double matthews_corrcoef(const RT& y_true, const RP& y_pred) {
    return matthews_corrcoef(detail::metrics::count_pairs("matthews_corrcoef", y_true, y_pred, label_list{}));
}
template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
          detail::metrics::if_range<RW> = 0>
double matthews_corrcoef(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
    return matthews_corrcoef(
        detail::metrics::count_pairs("matthews_corrcoef", y_true, y_pred, sample_weight, label_list{}));
}

namespace detail {
namespace metrics {

// Weighted count of rows with y_true == y_pred, and the total weight; no label
// set is needed, so this runs at memory speed.
template <bool Weighted, class ItT, class ItP, class ItW>
void count_correct(const char* fn, ItT t, ItP p, ItW w, std::size_t n, double& correct, double& total) {
    if constexpr (!Weighted) {
        (void)w;
        std::uint64_t hits = 0;
        for (std::size_t i = 0; i < n; ++i, ++t, ++p) {
            check_label_value(fn, "y_true", *t, i);
            check_label_value(fn, "y_pred", *p, i);
            hits += to_label(*t) == to_label(*p) ? 1u : 0u;
        }
        correct = static_cast<double>(hits);
        total = static_cast<double>(n);
    } else {
        double c = 0.0, s = 0.0;
        for (std::size_t i = 0; i < n; ++i, ++t, ++p, ++w) {
            check_label_value(fn, "y_true", *t, i);
            check_label_value(fn, "y_pred", *p, i);
            const double wi = static_cast<double>(*w);
            c += to_label(*t) == to_label(*p) ? wi : 0.0;
            s += wi;
        }
        correct = c;
        total = s;
    }
}

}  // namespace metrics
}  // namespace detail

/// Accuracy over whole ranges: the (weighted) fraction of rows with
/// y_true == y_pred; with `normalize = false` the (weighted) number of them
/// (scikit-learn 1.2.1 `accuracy_score`). Needs no label set.
/// Throws: invalid_argument for empty input, mismatched lengths, bad weights,
/// zero total weight (normalize only). Complexity: O(n), no allocation.
template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
double accuracy_score(const RT& y_true, const RP& y_pred, bool normalize = true) {
    const char* fn = "accuracy_score";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_pred", detail::metrics::range_size(y_pred));
    double correct = 0, total = 0;
    detail::metrics::count_correct<false>(fn, detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_pred),
                                          detail::metrics::unit_weights::iterator{}, n, correct, total);
    return normalize ? correct / total : correct;
}
template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
          detail::metrics::if_range<RW> = 0>
double accuracy_score(const RT& y_true, const RP& y_pred, const RW& sample_weight, bool normalize = true) {
    const char* fn = "accuracy_score";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_pred", detail::metrics::range_size(y_pred));
    detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
    detail::metrics::check_weights(fn, detail::metrics::range_begin(sample_weight), n);
    double correct = 0, total = 0;
    detail::metrics::count_correct<true>(fn, detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_pred),
                                         detail::metrics::range_begin(sample_weight), n, correct, total);
    if (!normalize) return correct;
    detail::require(total > 0.0, fn, "sample_weight", "sums to zero");
    return correct / total;
}

/// 1 − accuracy_score over whole ranges (scikit-learn 1.2.1 `zero_one_loss`,
/// and `hamming_loss` on single-label data).
template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
double zero_one_loss(const RT& y_true, const RP& y_pred) {
    return 1.0 - accuracy_score(y_true, y_pred);
}
template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
          detail::metrics::if_range<RW> = 0>
double zero_one_loss(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
    return 1.0 - accuracy_score(y_true, y_pred, sample_weight);
}
template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
double hamming_loss(const RT& y_true, const RP& y_pred) {
    return 1.0 - accuracy_score(y_true, y_pred);
}
template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
          detail::metrics::if_range<RW> = 0>
double hamming_loss(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
    return 1.0 - accuracy_score(y_true, y_pred, sample_weight);
}

ASSAY_NAMESPACE_END
