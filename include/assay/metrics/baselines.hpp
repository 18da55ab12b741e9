// assay/metrics/baselines.hpp — what guessing scores: the exact value of the
// common classification metrics for the majority-class predictor and the
// expected value for stratified random guessing, computed in closed form
// from y_true's class counts, so "better than guessing" is one call:
//
//     const auto b = assay::classification_baselines(y_true);
//     if (assay::f1_score(y_true, y_pred) <= b.stratified.f1) { ... }
//
// The predictors are scikit-learn 1.2.1's `DummyClassifier` fitted on y_true:
// `most_frequent` (predict the most frequent class; on a tie the smallest
// label) with the probabilities of `prior` (every row gets the class
// prevalences, whose predictions are the same class), and `stratified`
// (each row independently gets class k with probability p_k) with the
// prevalences as probabilities.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "confusion_matrix.hpp"
#include "detail/input.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Options of classification_baselines.
struct baseline_options {
    /// Positive class of the binary metrics (precision, recall, F1, ROC AUC,
    /// average precision, Brier: class pos_label against the rest). Unset: 1
    /// when y_true's labels are a subset of {0, 1} or {-1, 1} (scikit-learn's
    /// rule); otherwise the binary metrics are NaN (not applicable).
    std::optional<label_type> pos_label;
    /// Value of precision when nothing is predicted positive (scikit-learn's
    /// `zero_division`; its default "warn" behaves as 0).
    double zero_division = 0.0;

    baseline_options() = default;
    baseline_options& with_pos_label(label_type v) { pos_label = v; return *this; }
    baseline_options& with_zero_division(double z) { zero_division = z; return *this; }
};

/// Metric values of one guessing predictor on y_true.
struct baseline_values {
    double accuracy = 0.0;
    double balanced_accuracy = 0.0;
    double precision = 0.0;  ///< binary, positive class
    double recall = 0.0;
    double f1 = 0.0;
    double roc_auc = 0.0;
    double average_precision = 0.0;
    double log_loss = 0.0;  ///< multiclass, natural logarithm
    double brier = 0.0;     ///< binary, positive class
};

inline std::ostream& operator<<(std::ostream& os, const baseline_values& v) {
    return os << "baseline_values(accuracy=" << v.accuracy << ", balanced_accuracy=" << v.balanced_accuracy
              << ", precision=" << v.precision << ", recall=" << v.recall << ", f1=" << v.f1
              << ", roc_auc=" << v.roc_auc << ", average_precision=" << v.average_precision
              << ", log_loss=" << v.log_loss << ", brier=" << v.brier << ")";
}

/// The two baselines of one y_true, with the class census they come from.
struct baselines_result {
    std::vector<label_type> labels;   ///< classes present in y_true, increasing
    std::vector<std::size_t> counts;  ///< rows of each class
    std::vector<double> prevalence;   ///< counts / n
    std::size_t n = 0;                ///< rows
    label_type majority_label = 0;    ///< most frequent class (smallest on a tie)
    std::optional<label_type> pos_label;  ///< class of the binary metrics (unset: they are NaN)
    baseline_values majority;    ///< exact values of the majority-class predictor
    baseline_values stratified;  ///< expected values of stratified random guessing
};

inline std::ostream& operator<<(std::ostream& os, const baselines_result& b) {
    os << "baselines(n=" << b.n << ", majority_label=" << b.majority_label << ", pos_label=";
    if (b.pos_label) os << *b.pos_label;
    else os << "none";
    return os << ", majority=" << b.majority << ", stratified=" << b.stratified << ")";
}

namespace detail {
namespace metrics {

/// E[2 M π / (n_pos + M)] for M ~ Binomial(n, π), π = n_pos / n: the
/// expected F1 of stratified guessing (see classification_baselines).
/// Summed outwards from the mode until the terms no longer matter
/// (relative 1e-18); O(sqrt(n)) terms.
inline double stratified_f1(std::size_t n, std::size_t n_pos) {
    const double nd = static_cast<double>(n), pi = static_cast<double>(n_pos) / nd, np = static_cast<double>(n_pos);
    const double odds = pi / (1.0 - pi);
    std::size_t mode = static_cast<std::size_t>(std::floor((nd + 1.0) * pi));
    if (mode > n) mode = n;
    const double md = static_cast<double>(mode);
    const double log_pmf = std::lgamma(nd + 1.0) - std::lgamma(md + 1.0) - std::lgamma(nd - md + 1.0) +
                           md * std::log(pi) + (nd - md) * std::log1p(-pi);
    auto f = [&](double m) { return 2.0 * m * pi / (np + m); };
    const double p0 = std::exp(log_pmf);
    double sum = p0 * f(md);
    double p = p0;
    for (std::size_t m = mode; m < n; ++m) {  // upwards: pmf(m+1) = pmf(m) (n−m)/(m+1) · odds
        p *= static_cast<double>(n - m) / static_cast<double>(m + 1) * odds;
        const double t = p * f(static_cast<double>(m + 1));
        sum += t;
        if (p < 1e-18 * p0 && static_cast<double>(m) > md) break;
    }
    p = p0;
    for (std::size_t m = mode; m > 0; --m) {  // downwards: pmf(m−1) = pmf(m) m / (n−m+1) / odds
        p *= static_cast<double>(m) / static_cast<double>(n - m + 1) / odds;
        sum += p * f(static_cast<double>(m - 1));
        if (p < 1e-18 * p0) break;
    }
    return sum;
}

/// Fills `b`'s prevalences and both baselines from its census (labels
/// sorted, counts > 0, n = their sum, at least two classes).
inline void baselines_from_census(const char* fn, baselines_result& b, const baseline_options& opt) {
    const std::size_t n = b.n, K = b.labels.size();
    const double nd = static_cast<double>(n);
    std::size_t mi = 0;
    double entropy = 0.0, sum_sq = 0.0;
    b.prevalence.resize(K);
    for (std::size_t k = 0; k < K; ++k) {
        const double p = static_cast<double>(b.counts[k]) / nd;
        b.prevalence[k] = p;
        entropy -= p * std::log(p);
        sum_sq += p * p;
        if (b.counts[k] > b.counts[mi]) mi = k;
    }
    b.majority_label = b.labels[mi];
    if (opt.pos_label) {
        detail::require(std::binary_search(b.labels.begin(), b.labels.end(), *opt.pos_label), fn, "pos_label",
                        "is ", *opt.pos_label, ", not a class of y_true");
        b.pos_label = opt.pos_label;
    } else if (K == 2 && (b.labels[0] == 0 || b.labels[0] == -1) && b.labels[1] == 1) {
        b.pos_label = 1;
    }
    const double inv_k = 1.0 / static_cast<double>(K);
    b.majority.accuracy = b.prevalence[mi];
    b.stratified.accuracy = sum_sq;
    b.majority.balanced_accuracy = inv_k;
    b.stratified.balanced_accuracy = inv_k;
    b.majority.log_loss = b.stratified.log_loss = entropy;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (!b.pos_label) {
        for (auto* v : {&b.majority, &b.stratified})
            v->precision = v->recall = v->f1 = v->roc_auc = v->average_precision = v->brier = nan;
        return;
    }
    const std::size_t pk =
        static_cast<std::size_t>(std::lower_bound(b.labels.begin(), b.labels.end(), *b.pos_label) - b.labels.begin());
    const double pi = b.prevalence[pk], z = opt.zero_division;
    for (auto* v : {&b.majority, &b.stratified}) {
        v->roc_auc = 0.5;
        v->average_precision = pi;
        v->brier = pi * (1.0 - pi);
    }
    if (pk == mi) {
        b.majority.precision = pi;
        b.majority.recall = 1.0;
        b.majority.f1 = 2.0 * pi / (1.0 + pi);
    } else {
        b.majority.precision = z;
        b.majority.recall = 0.0;
        b.majority.f1 = 0.0;
    }
    const double none = std::exp(nd * std::log1p(-pi));  // P(M = 0) = (1 − π)^n
    b.stratified.precision = pi * (1.0 - none) + z * none;
    b.stratified.recall = pi;
    b.stratified.f1 = detail::metrics::stratified_f1(n, b.counts[pk]);
}

}  // namespace metrics
}  // namespace detail

/// Exact baselines of y_true's metrics (scikit-learn 1.2.1 DummyClassifier
/// conventions, see the file comment). With n rows, n_k rows of class k,
/// p_k = n_k / n, K classes present, majority class m, positive class with
/// prevalence π = p_pos and zero_division z:
///
/// Majority-class predictor (probabilities = prevalences):
///   accuracy = p_m; balanced accuracy = 1/K (recall 1 on m, 0 elsewhere);
///   if m is the positive class: precision = π, recall = 1,
///   F1 = 2π/(1 + π); otherwise precision = z, recall = 0, F1 = 0;
///   ROC AUC = 1/2 and average precision = π (constant scores: one
///   threshold); log loss = −Σ_k p_k ln p_k; Brier = π(1 − π).
/// Stratified random guessing (expected values over the guesses):
///   accuracy = Σ_k p_k²; balanced accuracy = 1/K (E recall_k = p_k);
///   recall = π; precision = π(1 − (1 − π)^n) + z(1 − π)^n (given M = m > 0
///   predicted positives the true positives are hypergeometric with mean mπ,
///   and M ~ Binomial(n, π)); F1 = Σ_m P(M = m) 2mπ/(n π + m) (F1 =
///   2TP/(n_pos + M), linear in TP given M); ROC AUC, average precision,
///   log loss and Brier as for the majority predictor (same probabilities).
/// Unweighted: each row counts once.
/// Throws: invalid_argument for empty y_true, a single class (guessing is
/// then always right), pos_label absent from y_true, a non-finite
/// zero_division, labels that do not fit in label_type.
/// Complexity: O(n log K) time (O(n log n) when the labels spread over more
/// than 64 consecutive values) plus O(sqrt(n)) for the F1 sum; O(K) memory.
template <class RT, class = std::enable_if_t<detail::metrics::is_range<RT>::value>>
baselines_result classification_baselines(const RT& y_true, const baseline_options& opt = {}) {
    const char* fn = "classification_baselines";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require(std::isfinite(opt.zero_division), fn, "zero_division", "must be finite, got ",
                    opt.zero_division);
    baselines_result b;
    b.n = n;
    b.labels = detail::metrics::distinct_labels(fn, "y_true", detail::metrics::range_begin(y_true), n);
    const std::size_t K = b.labels.size();
    detail::require(K >= 2, fn, "y_true", "has a single class (", b.labels[0], "); a baseline needs two");
    b.counts.assign(K, 0);
    {
        auto it = detail::metrics::range_begin(y_true);
        for (std::size_t i = 0; i < n; ++i, ++it) {
            const label_type v = detail::metrics::to_label(*it);
            const auto pos = std::lower_bound(b.labels.begin(), b.labels.end(), v) - b.labels.begin();
            ++b.counts[static_cast<std::size_t>(pos)];
        }
    }
    detail::metrics::baselines_from_census(fn, b, opt);
    return b;
}

/// The same baselines from streaming counts: the classes of y_true and their
/// support are the row sums (`true_totals()`) of a confusion_counts
/// accumulator, so a server that keeps counts can ask "better than
/// guessing?" without the rows. Declared classes with no row are left out
/// (y_true would not contain them). Integer weights count as repeated rows.
/// Throws: invalid_argument as classification_baselines (no rows, a single
/// class, pos_label absent, non-finite zero_division), and when a class's
/// support is not a whole number (weighted rows: the expected F1 of guessing
/// then depends on each row's weight, not only on the totals).
/// Complexity: O(K²) plus O(sqrt(n)) for the F1 sum.
inline baselines_result classification_baselines(const confusion_counts& c, const baseline_options& opt = {}) {
    const char* fn = "classification_baselines";
    detail::require(std::isfinite(opt.zero_division), fn, "zero_division", "must be finite, got ",
                    opt.zero_division);
    const std::vector<double> support = c.true_totals();
    baselines_result b;
    for (std::size_t k = 0; k < support.size(); ++k) {
        const double w = support[k];
        detail::require(w == std::floor(w) && w < 9007199254740992.0, fn, "counts", "support of class ",
                        c.labels()[k], " is ", w, ", not a whole number (baselines need unweighted or integer-weighted rows)");
        if (w == 0.0) continue;
        b.labels.push_back(c.labels()[k]);
        b.counts.push_back(static_cast<std::size_t>(w));
        b.n += static_cast<std::size_t>(w);
    }
    detail::require(b.n > 0, fn, "counts", "has no row (or only rows of zero weight)");
    detail::require(b.labels.size() >= 2, fn, "counts", "has a single class (", b.labels[0],
                    "); a baseline needs two");
    detail::metrics::baselines_from_census(fn, b, opt);
    return b;
}

/// Draws n stratified random guesses: each is class k of `b` with
/// probability counts[k] / b.n exactly, independently (through assay::rng,
/// so the same seed gives the same guesses on every platform). The
/// predictor whose expected metrics are `b.stratified`.
/// Throws: invalid_argument if `b` has no rows. Complexity: O(n log K).
inline std::vector<label_type> stratified_guesses(const baselines_result& b, std::size_t n, rng& g) {
    detail::require(b.n > 0 && !b.counts.empty(), "stratified_guesses", "b", "has no rows");
    std::vector<std::size_t> cum(b.counts.size());
    std::size_t c = 0;
    for (std::size_t k = 0; k < b.counts.size(); ++k) cum[k] = c += b.counts[k];
    std::vector<label_type> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t u = static_cast<std::size_t>(uniform_index(g, b.n));
        out[i] = b.labels[static_cast<std::size_t>(std::upper_bound(cum.begin(), cum.end(), u) - cum.begin())];
    }
    return out;
}

ASSAY_NAMESPACE_END
