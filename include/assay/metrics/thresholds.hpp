// assay/metrics/thresholds.hpp — decision thresholds of a binary scorer:
// every confusion-derived quantity at every distinct threshold in one pass
// (`threshold_sweep`), the threshold reaching a target precision or recall,
// and the cost / profit of each threshold with the cost-minimising one and
// its saving against a reference policy (`cost_curve`, `cost_saving`).
//
// Conventions (as scikit-learn 1.2.1's curves, see curves.hpp):
// * Rows with zero sample weight are dropped.
// * The thresholds are the distinct scores, in decreasing order; a row is
//   predicted positive when its score is >= the threshold. Tied scores move
//   together.
// * The positive class is `pos_label`, or 1 when y_true's labels are a subset
//   of {0, 1} or {-1, 1} (scikit-learn's rule).
// The scores are sorted once by the radix sort behind `binary_clf_curve`
// (curves.hpp); everything here is a single pass over its cumulative counts.
#pragma once

#include "../config.hpp"
#include "../detail/memory.hpp"
#include "../error.hpp"
#include "curves.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <utility>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Options of threshold_sweep.
struct threshold_options {
    /// The positive class (unset: scikit-learn's rule, see curve_options).
    std::optional<label_type> pos_label;
    /// Weight of recall in F-beta (beta > 0; 1 gives F1).
    double beta = 1.0;
    /// Value of a 0/0 ratio (NPV with no predicted negative; scikit-learn's
    /// `zero_division`, whose default "warn" behaves as 0).
    double zero_division = 0.0;

    threshold_options() = default;
    threshold_options& with_pos_label(label_type v) { pos_label = v; return *this; }
    threshold_options& with_beta(double b) { beta = b; return *this; }
    threshold_options& with_zero_division(double z) { zero_division = z; return *this; }
};

/// Every confusion-derived quantity at one threshold (weighted counts).
struct threshold_point {
    double threshold = 0.0;
    double tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0;
    double precision = 0.0;  ///< tp / (tp + fp)
    double recall = 0.0;     ///< tp / P (true positive rate)
    double fpr = 0.0;        ///< fp / N
    double tnr = 0.0;        ///< tn / N (specificity)
    double fnr = 0.0;        ///< fn / P
    double npv = 0.0;        ///< tn / (tn + fn), zero_division when no predicted negative
    double f_beta = 0.0;     ///< (1 + β²) tp / ((1 + β²) tp + β² fn + fp)
    double accuracy = 0.0;   ///< (tp + tn) / (P + N)
    double mcc = 0.0;        ///< (tp·tn − fp·fn) / sqrt((tp+fp)(tp+fn)(tn+fp)(tn+fn)); 0 when that is 0
    double predicted_positive_rate = 0.0;  ///< (tp + fp) / (P + N)
};

inline std::ostream& operator<<(std::ostream& os, const threshold_point& p) {
    return os << "threshold_point(threshold=" << p.threshold << ", tp=" << p.tp << ", fp=" << p.fp
              << ", tn=" << p.tn << ", fn=" << p.fn << ", precision=" << p.precision << ", recall=" << p.recall
              << ", fpr=" << p.fpr << ", tnr=" << p.tnr << ", fnr=" << p.fnr << ", npv=" << p.npv
              << ", f_beta=" << p.f_beta << ", accuracy=" << p.accuracy << ", mcc=" << p.mcc
              << ", predicted_positive_rate=" << p.predicted_positive_rate << ")";
}

/// One column per quantity, one entry per distinct threshold, thresholds
/// decreasing (entry 0: only the highest-scored rows are positive; the last
/// entry: every row is positive).
struct threshold_sweep_result {
    std::vector<double> thresholds;
    std::vector<double> tp, fp, tn, fn;
    std::vector<double> precision, recall, fpr, tnr, fnr, npv, f_beta, accuracy, mcc, predicted_positive_rate;
    double beta = 1.0;
    double positives = 0.0, negatives = 0.0;  ///< total weight of each class

    std::size_t size() const noexcept { return thresholds.size(); }
    /// Every quantity at entry i. Throws: invalid_argument if i >= size().
    /// Complexity: O(1).
    threshold_point at(std::size_t i) const {
        detail::require(i < size(), "threshold_sweep_result::at", "i", "is ", i, ", size is ", size());
        threshold_point p;
        p.threshold = thresholds[i];
        p.tp = tp[i], p.fp = fp[i], p.tn = tn[i], p.fn = fn[i];
        p.precision = precision[i], p.recall = recall[i], p.fpr = fpr[i], p.tnr = tnr[i], p.fnr = fnr[i];
        p.npv = npv[i], p.f_beta = f_beta[i], p.accuracy = accuracy[i], p.mcc = mcc[i];
        p.predicted_positive_rate = predicted_positive_rate[i];
        return p;
    }
};

inline std::ostream& operator<<(std::ostream& os, const threshold_sweep_result& r) {
    os << "threshold_sweep(beta=" << r.beta << ", positives=" << r.positives << ", negatives=" << r.negatives;
    const std::pair<const char*, const std::vector<double>*> cols[] = {
        {", thresholds", &r.thresholds}, {", tp", &r.tp}, {", fp", &r.fp}, {", tn", &r.tn}, {", fn", &r.fn},
        {", precision", &r.precision}, {", recall", &r.recall}, {", fpr", &r.fpr}, {", tnr", &r.tnr},
        {", fnr", &r.fnr}, {", npv", &r.npv}, {", f_beta", &r.f_beta}, {", accuracy", &r.accuracy},
        {", mcc", &r.mcc}, {", predicted_positive_rate", &r.predicted_positive_rate}};
    for (const auto& c : cols) detail::metrics::print_vec(os, c.first, *c.second);
    return os << ")";
}

namespace detail {
namespace metrics {

inline void check_two_classes(const char* fn, const binary_clf_curve_result& c) {
    const double p = c.tps.empty() ? 0.0 : c.tps.back(), q = c.fps.empty() ? 0.0 : c.fps.back();
    require(p > 0.0 && q > 0.0, fn, "y_true", "must contain both classes with non-zero weight (", p, " positive, ", q,
            " negative)");
}

// The cumulative counts of binary_clf_curve, with errors reported under fn.
inline binary_clf_curve_result walk_counts(const char* fn, scored_rows& rows) {
    auto c = clf_curve(rows);
    check_two_classes(fn, c);
    return c;
}
template <class RT, class RS>
binary_clf_curve_result checked_clf_curve(const char* fn, const RT& y_true, const RS& y_score,
                                          const std::optional<label_type>& pos) {
    label_census census;
    label_type pos_label = 1;
    auto rows = collect(fn, y_true, y_score, pos, census, pos_label);
    return walk_counts(fn, rows);
}
template <class RT, class RS, class RW>
binary_clf_curve_result checked_clf_curve(const char* fn, const RT& y_true, const RS& y_score, const RW& w,
                                          const std::optional<label_type>& pos) {
    label_census census;
    label_type pos_label = 1;
    auto rows = collect(fn, y_true, y_score, w, pos, census, pos_label);
    return walk_counts(fn, rows);
}
/// The same of the rows a streaming accumulator holds.
inline binary_clf_curve_result checked_clf_curve(const char* fn, const ranking_accumulator& acc) {
    require(acc.size() > 0, fn, "y_true", "is empty");
    auto c = accumulator_curve(acc);  // rows of zero weight only: an empty curve, refused here
    check_two_classes(fn, c);
    return c;
}

inline threshold_sweep_result sweep_from(binary_clf_curve_result c, const threshold_options& o) {
    const std::size_t m = c.thresholds.size();
    const double P = c.tps.back(), N = c.fps.back(), total = P + N;  // checked > 0
    const double b2 = o.beta * o.beta, zd = o.zero_division;
    threshold_sweep_result r;
    r.beta = o.beta;
    r.positives = P;
    r.negatives = N;
    r.thresholds = std::move(c.thresholds);
    r.tp = std::move(c.tps);
    r.fp = std::move(c.fps);
    for (auto* v : {&r.tn, &r.fn, &r.precision, &r.recall, &r.fpr, &r.tnr, &r.fnr, &r.npv, &r.f_beta, &r.accuracy,
                    &r.mcc, &r.predicted_positive_rate})
        *v = big_vector<double>(m);
    for (std::size_t i = 0; i < m; ++i) {
        const double tp = r.tp[i], fp = r.fp[i];
        const double fn_ = P - tp, tn = N - fp;
        r.tn[i] = tn;
        r.fn[i] = fn_;
        r.precision[i] = tp / (tp + fp);  // > 0: each threshold is the score of a row with weight > 0
        r.recall[i] = tp / P;
        r.fpr[i] = fp / N;
        r.tnr[i] = tn / N;
        r.fnr[i] = fn_ / P;
        r.npv[i] = tn + fn_ == 0.0 ? zd : tn / (tn + fn_);
        r.f_beta[i] = (1.0 + b2) * tp / ((1.0 + b2) * tp + b2 * fn_ + fp);  // denominator > 0 as P > 0
        r.accuracy[i] = (tp + tn) / total;
        const double den = (tp + fp) * P * N * (tn + fn_);
        r.mcc[i] = den == 0.0 ? 0.0 : (tp * tn - fp * fn_) / std::sqrt(den);
        r.predicted_positive_rate[i] = (tp + fp) / total;
    }
    return r;
}

inline void check_threshold_options(const char* fn, const threshold_options& o) {
    require(std::isfinite(o.beta) && o.beta > 0.0, fn, "beta", "must be finite and > 0, got ", o.beta);
    require(std::isfinite(o.zero_division), fn, "zero_division", "must be finite, got ", o.zero_division);
}

}  // namespace metrics
}  // namespace detail

/// Every confusion-derived quantity (tp, fp, tn, fn, precision, recall, FPR,
/// TNR, FNR, NPV, F-beta, accuracy, MCC, predicted-positive rate) at every
/// distinct score taken as threshold, in decreasing threshold order; a row is
/// positive when score >= threshold (the placement of scikit-learn 1.2.1's
/// `precision_recall_curve` / `roc_curve`, no point dropped). Entry i equals
/// scikit-learn's `confusion_matrix(y_true, y_score >= thresholds[i])` and
/// the metric functions on those predictions (MCC 0 when undefined, NPV
/// `zero_division` when no row is predicted negative).
/// Throws: invalid_argument for empty input, mismatched lengths, NaN or
/// infinite scores, negative or non-finite weights, labels without a positive
/// class (see curve_options), a class missing (or with zero total weight),
/// beta <= 0. Complexity: O(n) time (radix sort) and memory.
template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>
threshold_sweep_result threshold_sweep(const RT& y_true, const RS& y_score, const threshold_options& opt = {}) {
    detail::metrics::check_threshold_options("threshold_sweep", opt);
    return detail::metrics::sweep_from(
        detail::metrics::checked_clf_curve("threshold_sweep", y_true, y_score, opt.pos_label), opt);
}
/// Weighted threshold_sweep (counts are sums of sample weights).
template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0,
          detail::metrics::if_range_c<RW> = 0>
threshold_sweep_result threshold_sweep(const RT& y_true, const RS& y_score, const RW& sample_weight,
                                       const threshold_options& opt = {}) {
    detail::metrics::check_threshold_options("threshold_sweep", opt);
    return detail::metrics::sweep_from(
        detail::metrics::checked_clf_curve("threshold_sweep", y_true, y_score, sample_weight, opt.pos_label), opt);
}

/// The threshold whose precision is >= `target` with the highest recall
/// (among those, the highest threshold: fewest false positives), and every
/// quantity there. Only the sweep's thresholds are candidates.
/// Throws: invalid_argument if target is not in [0, 1] or no threshold
/// reaches it (there is no optional result: an unreachable target is an
/// error). Complexity: O(number of thresholds).
inline threshold_point threshold_for_precision(const threshold_sweep_result& s, double target) {
    const char* fn = "threshold_for_precision";
    detail::require_in_closed(fn, "target", target, 0.0, 1.0);
    std::size_t best = s.size();
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.precision[i] >= target && (best == s.size() || s.recall[i] > s.recall[best])) best = i;
    if (best == s.size()) {
        double top = 0.0;
        for (double p : s.precision) top = p > top ? p : top;
        detail::throw_invalid_argument(fn, "target", "precision ", target, " is not reached (highest is ", top, ")");
    }
    return s.at(best);
}

/// The threshold whose recall is >= `target` with the highest precision
/// (among those, the highest recall, i.e. the lowest such threshold), and
/// every quantity there. Recall 1 is always reached (the lowest threshold).
/// Throws: invalid_argument if target is not in [0, 1] (so never
/// unreachable). Complexity: O(number of thresholds).
inline threshold_point threshold_for_recall(const threshold_sweep_result& s, double target) {
    const char* fn = "threshold_for_recall";
    detail::require_in_closed(fn, "target", target, 0.0, 1.0);
    std::size_t best = s.size();
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s.recall[i] >= target && (best == s.size() || s.precision[i] >= s.precision[best])) best = i;
    // recall[last] == 1 >= target unless the sweep was altered by hand.
    detail::require(best != s.size(), fn, "target", "recall ", target, " is not reached");
    return s.at(best);
}

// ===========================================================================
// Cost / profit

/// Costs and benefits per row (per unit of weight) of each outcome; all
/// finite and >= 0. Cost of a threshold =
/// cost_fp·fp + cost_fn·fn − benefit_tp·tp − benefit_tn·tn (negative: a profit).
struct cost_options {
    double cost_fp = 1.0;
    double cost_fn = 1.0;
    double benefit_tp = 0.0;
    double benefit_tn = 0.0;
    std::optional<label_type> pos_label;

    cost_options() = default;
    cost_options& with_cost_fp(double v) { cost_fp = v; return *this; }
    cost_options& with_cost_fn(double v) { cost_fn = v; return *this; }
    cost_options& with_benefit_tp(double v) { benefit_tp = v; return *this; }
    cost_options& with_benefit_tn(double v) { benefit_tn = v; return *this; }
    cost_options& with_pos_label(label_type v) { pos_label = v; return *this; }
};

/// One operating point of a cost curve.
struct cost_point {
    double threshold = 0.0;  ///< +inf: no row predicted positive
    double tp = 0.0, fp = 0.0, tn = 0.0, fn = 0.0;
    double cost = 0.0;           ///< total cost (sum over rows, weighted)
    double expected_cost = 0.0;  ///< cost / total weight: the expected cost per row
};

inline std::ostream& operator<<(std::ostream& os, const cost_point& p) {
    return os << "cost_point(threshold=" << p.threshold << ", tp=" << p.tp << ", fp=" << p.fp << ", tn=" << p.tn
              << ", fn=" << p.fn << ", cost=" << p.cost << ", expected_cost=" << p.expected_cost << ")";
}

/// Cost at every threshold, decreasing: entry 0 has threshold +inf (predict
/// nothing positive: the "all negative" policy), then one entry per distinct
/// score (the last one: every row positive). `best` is the cost-minimising
/// entry; on a tie, the highest threshold (fewest rows flagged).
struct cost_curve_result {
    std::vector<double> thresholds, tp, fp, tn, fn, cost, expected_cost;
    double total_weight = 0.0;
    std::size_t best_index = 0;
    cost_point best;

    std::size_t size() const noexcept { return thresholds.size(); }
    /// Entry i. Throws: invalid_argument if i >= size(). Complexity: O(1).
    cost_point at(std::size_t i) const {
        detail::require(i < size(), "cost_curve_result::at", "i", "is ", i, ", size is ", size());
        cost_point p;
        p.threshold = thresholds[i];
        p.tp = tp[i], p.fp = fp[i], p.tn = tn[i], p.fn = fn[i];
        p.cost = cost[i];
        p.expected_cost = expected_cost[i];
        return p;
    }
};

inline std::ostream& operator<<(std::ostream& os, const cost_curve_result& r) {
    os << "cost_curve(total_weight=" << r.total_weight << ", best=" << r.best;
    detail::metrics::print_vec(os, ", thresholds", r.thresholds);
    detail::metrics::print_vec(os, ", cost", r.cost);
    detail::metrics::print_vec(os, ", expected_cost", r.expected_cost);
    return os << ")";
}

/// A policy to compare the best threshold with.
struct reference_policy {
    enum class kind { all_positive, all_negative, threshold };
    kind policy = kind::all_negative;
    double value = 0.0;  ///< the threshold, for kind::threshold

    static reference_policy all_positive() { return {kind::all_positive, 0.0}; }
    static reference_policy all_negative() { return {kind::all_negative, 0.0}; }
    /// The current decision rule "positive when score >= t".
    static reference_policy at_threshold(double t) { return {kind::threshold, t}; }
};

/// The best threshold against a reference policy.
struct cost_saving_result {
    cost_point reference;
    cost_point best;
    double saving = 0.0;           ///< reference.cost − best.cost (>= 0)
    double saving_per_row = 0.0;   ///< reference.expected_cost − best.expected_cost
};

inline std::ostream& operator<<(std::ostream& os, const cost_saving_result& r) {
    return os << "cost_saving(reference=" << r.reference << ", best=" << r.best << ", saving=" << r.saving
              << ", saving_per_row=" << r.saving_per_row << ")";
}

/// threshold_sweep of the rows a streaming ranking_accumulator holds (its
/// positive label; `opt.pos_label` is ignored). Equal to the full pass over
/// the same rows. Throws: invalid_argument when a class is missing (or has
/// zero total weight), for beta <= 0 or a non-finite zero_division.
/// Complexity: O(n).
inline threshold_sweep_result threshold_sweep(const ranking_accumulator& acc, const threshold_options& opt = {}) {
    const char* fn = "threshold_sweep";
    detail::metrics::check_threshold_options(fn, opt);
    auto c = detail::metrics::checked_clf_curve(fn, acc);
    return detail::metrics::sweep_from(std::move(c), opt);
}

namespace detail {
namespace metrics {

inline void check_cost_options(const char* fn, const cost_options& o) {
    const std::pair<const char*, double> v[] = {
        {"cost_fp", o.cost_fp}, {"cost_fn", o.cost_fn}, {"benefit_tp", o.benefit_tp}, {"benefit_tn", o.benefit_tn}};
    for (const auto& p : v)
        require(std::isfinite(p.second) && p.second >= 0.0, fn, p.first, "must be finite and >= 0, got ", p.second);
}

inline cost_curve_result cost_from(const binary_clf_curve_result& c, const cost_options& o) {
    const double P = c.tps.back(), N = c.fps.back(), total = P + N;
    const std::size_t m = c.thresholds.size() + 1;
    cost_curve_result r;
    r.total_weight = total;
    for (auto* v : {&r.thresholds, &r.tp, &r.fp, &r.tn, &r.fn, &r.cost, &r.expected_cost}) *v = big_vector<double>(m);
    for (std::size_t i = 0; i < m; ++i) {
        const double tp = i == 0 ? 0.0 : c.tps[i - 1], fp = i == 0 ? 0.0 : c.fps[i - 1];
        const double fn_ = P - tp, tn = N - fp;
        r.thresholds[i] = i == 0 ? std::numeric_limits<double>::infinity() : c.thresholds[i - 1];
        r.tp[i] = tp, r.fp[i] = fp, r.tn[i] = tn, r.fn[i] = fn_;
        const double cost = o.cost_fp * fp + o.cost_fn * fn_ - o.benefit_tp * tp - o.benefit_tn * tn;
        r.cost[i] = cost;
        r.expected_cost[i] = cost / total;
        if (cost < r.cost[r.best_index]) r.best_index = i;
    }
    r.best = r.at(r.best_index);
    return r;
}

}  // namespace metrics
}  // namespace detail

/// Cost / profit curve of a binary scorer: the total and per-row cost at the
/// "nothing positive" policy (threshold +inf) and at every distinct score
/// taken as threshold (positive when score >= threshold), and the
/// cost-minimising threshold (ties: the highest). Same threshold placement
/// as scikit-learn 1.2.1's curves; scikit-learn has no cost curve.
/// Throws: invalid_argument as threshold_sweep (empty, mismatched lengths,
/// NaN/inf scores, bad weights, a class missing), and for a negative or
/// non-finite cost or benefit. Complexity: O(n) time (radix sort) and memory.
template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>
cost_curve_result cost_curve(const RT& y_true, const RS& y_score, const cost_options& opt = {}) {
    detail::metrics::check_cost_options("cost_curve", opt);
    return detail::metrics::cost_from(
        detail::metrics::checked_clf_curve("cost_curve", y_true, y_score, opt.pos_label), opt);
}
/// Weighted cost_curve (counts are sums of sample weights).
template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0,
          detail::metrics::if_range_c<RW> = 0>
cost_curve_result cost_curve(const RT& y_true, const RS& y_score, const RW& sample_weight,
                             const cost_options& opt = {}) {
    detail::metrics::check_cost_options("cost_curve", opt);
    return detail::metrics::cost_from(
        detail::metrics::checked_clf_curve("cost_curve", y_true, y_score, sample_weight, opt.pos_label), opt);
}

/// cost_curve of the rows a streaming ranking_accumulator holds (its
/// positive label; `opt.pos_label` is ignored). Equal to the full pass over
/// the same rows. Throws: invalid_argument when a class is missing (or has
/// zero total weight), for a negative or non-finite cost or benefit.
/// Complexity: O(n).
inline cost_curve_result cost_curve(const ranking_accumulator& acc, const cost_options& opt = {}) {
    const char* fn = "cost_curve";
    detail::metrics::check_cost_options(fn, opt);
    auto c = detail::metrics::checked_clf_curve(fn, acc);
    return detail::metrics::cost_from(c, opt);
}

/// The operating point of a reference policy on a cost curve: all negative
/// (entry 0), all positive (the last entry), or "positive when score >= t"
/// (the entry of the lowest distinct score >= t, reported with threshold t;
/// t above every score gives entry 0's counts). Throws: invalid_argument for an empty curve or a NaN threshold.
/// Complexity: O(log size).
inline cost_point cost_at(const cost_curve_result& c, const reference_policy& ref) {
    const char* fn = "cost_at";
    detail::require(c.size() > 0, fn, "curve", "is empty");
    switch (ref.policy) {
        case reference_policy::kind::all_negative: return c.at(0);
        case reference_policy::kind::all_positive: return c.at(c.size() - 1);
        case reference_policy::kind::threshold: break;
    }
    const double t = ref.value;
    detail::require(!std::isnan(t), fn, "reference", "threshold is NaN");
    // Last entry whose threshold is >= t (thresholds decrease; entry 0 is +inf).
    std::size_t lo = 0, hi = c.size();  // invariant: thresholds[lo] >= t, all of [hi, size) < t
    while (hi - lo > 1) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (c.thresholds[mid] >= t) lo = mid;
        else hi = mid;
    }
    cost_point p = c.at(lo);
    p.threshold = t;  // the same operating point, reported at the policy's own threshold
    return p;
}

/// The cost-minimising threshold against a reference policy, with the saving
/// (reference cost − best cost, total and per row; never negative, as the
/// reference is one of the curve's points).
/// Throws: as cost_at. Complexity: O(log size).
inline cost_saving_result cost_saving(const cost_curve_result& c, const reference_policy& ref) {
    cost_saving_result r;
    r.reference = cost_at(c, ref);
    r.best = c.best;
    r.saving = r.reference.cost - r.best.cost;
    r.saving_per_row = r.reference.expected_cost - r.best.expected_cost;
    return r;
}

ASSAY_NAMESPACE_END
