// assay/metrics/calibration.hpp — reliability of predicted probabilities:
// the calibration curve (reliability diagram), expected and maximum
// calibration error, and a mergeable streaming accumulator of both.
//
// Conventions (scikit-learn 1.2.1 `sklearn.calibration.calibration_curve`):
// * Bins. `uniform`: edges numpy.linspace(0, 1, n_bins + 1). `quantile`:
//   edges numpy.percentile(y_prob, linspace(0, 100, n_bins + 1)) (linear
//   interpolation; equal edges are kept, so some bins can only be empty).
// * A probability p goes to bin searchsorted(interior edges, p, "left"): bins
//   are closed on the right, [e0, e1], (e1, e2], ..., so a value exactly on
//   an interior edge belongs to the lower bin.
// * The curve has one point per non-empty bin, in bin order:
//   prob_true = share of positives in the bin, prob_pred = mean probability.
// * Positive class: `pos_label`; when not given the labels must be a subset
//   of {0, 1} or {-1, 1} and the positive label is 1 (scikit-learn's rule).
// * ECE = Σ_b (n_b / N)·|prob_true_b − prob_pred_b| and MCE = max_b of the
//   same gap, over the non-empty bins of the uniform binning.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../detail/numpy.hpp"
#include "../error.hpp"
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

enum class calibration_strategy { uniform, quantile };

struct calibration_options {
    std::size_t n_bins = 5;  ///< scikit-learn's default
    calibration_strategy strategy = calibration_strategy::uniform;
    std::optional<label_type> pos_label;  ///< see the header comment for the default
};

/// One point per non-empty bin, in bin order.
struct calibration_curve_result {
    std::vector<double> prob_true;    ///< share of positives in the bin
    std::vector<double> prob_pred;    ///< mean predicted probability in the bin
    std::vector<std::size_t> counts;  ///< samples in the bin
    std::vector<double> bin_edges;    ///< all n_bins + 1 edges (empty bins included)
};

struct calibration_error_result {
    double ece = 0.0;                     ///< expected calibration error
    double mce = 0.0;                     ///< maximum calibration error
    std::vector<std::size_t> bin_counts;  ///< samples per bin, every bin
    std::vector<double> bin_edges;        ///< n_bins + 1 uniform edges
};

/// Streaming reliability statistics over `n_bins` uniform bins of [0, 1]:
/// per bin the number of samples, of positives and the sum of probabilities.
/// Mergeable: two accumulators with the same bins add bin by bin, so shards
/// combine into the full pass (counts exactly; probability sums up to
/// floating-point rounding of the order of addition). Memory: 3·n_bins
/// numbers; update allocates nothing.
class calibration_accumulator {
public:
    /// Throws: invalid_argument if n_bins is 0.
    explicit calibration_accumulator(std::size_t n_bins = 10, label_type pos_label = 1)
        : edges_(checked_edges(n_bins)), uniform_(true), pos_label_(pos_label), count_(n_bins, 0), pos_(n_bins, 0),
          sum_p_(n_bins, 0.0) {}

    /// Bins from explicit edges e0 <= e1 <= ... <= eB (B >= 1; equal edges
    /// allowed): p goes to bin searchsorted([e1 .. e_{B−1}], p, "left"), so a
    /// value outside [e0, eB] lands in the first or last bin, as in
    /// calibration_curve. Throws: invalid_argument for fewer than two edges,
    /// a non-finite edge or decreasing edges. Update: O(log B).
    calibration_accumulator(std::vector<double> edges, label_type pos_label)
        : edges_(std::move(edges)), uniform_(false), pos_label_(pos_label) {
        const char* fn = "calibration_accumulator";
        detail::require(edges_.size() >= 2, fn, "edges", "needs at least 2 edges, got ", edges_.size());
        for (std::size_t i = 0; i < edges_.size(); ++i) {
            detail::require(std::isfinite(edges_[i]), fn, "edges", "edge ", i, " is not finite");
            detail::require(i == 0 || edges_[i - 1] <= edges_[i], fn, "edges", "must not decrease (edge ", i, ")");
        }
        count_.assign(edges_.size() - 1, 0);
        pos_.assign(edges_.size() - 1, 0);
        sum_p_.assign(edges_.size() - 1, 0.0);
    }

    std::size_t n_bins() const noexcept { return count_.size(); }
    label_type pos_label() const noexcept { return pos_label_; }
    const std::vector<double>& bin_edges() const noexcept { return edges_; }
    std::uint64_t n_samples() const noexcept { return n_; }

    /// Adds one sample: label == pos_label counts as positive, any other
    /// label as negative. Throws: invalid_argument if p is not in [0, 1].
    /// Complexity: O(1).
    template <class Label>
    void update(Label label, double p) {
        if (ASSAY_UNLIKELY(!(p >= 0.0 && p <= 1.0))) {
            detail::throw_invalid_argument("calibration_accumulator::update", "y_prob", "is ", p,
                                           ", not a probability in [0, 1]");
        }
        add(detail::metrics::to_label(label) == pos_label_, p);
    }

    /// Adds a batch; checks every probability before counting any.
    /// Throws: invalid_argument on mismatched lengths or a probability
    /// outside [0, 1]. Complexity: O(n).
    template <class LabelRange, class ProbRange>
    void update(const LabelRange& y_true, const ProbRange& y_prob) {
        const char* fn = "calibration_accumulator::update";
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
        detail::metrics::check_probabilities(fn, "y_prob", detail::metrics::range_begin(y_prob), n);
        auto y = detail::metrics::range_begin(y_true);
        auto p = detail::metrics::range_begin(y_prob);
        for (std::size_t i = 0; i < n; ++i, ++y, ++p) {
            add(detail::metrics::to_label(*y) == pos_label_, static_cast<double>(*p));
        }
    }

    /// Throws: invalid_argument if the bins or positive labels differ.
    void merge(const calibration_accumulator& other) {
        detail::require(other.edges_ == edges_, "calibration_accumulator::merge", "other",
                        "has different bins (", other.n_bins(), " bins; this has ", n_bins(), ")");
        detail::require(other.pos_label_ == pos_label_, "calibration_accumulator::merge", "other",
                        "has a different pos_label");
        for (std::size_t b = 0; b < count_.size(); ++b) {
            count_[b] += other.count_[b];
            pos_[b] += other.pos_[b];
            sum_p_[b] += other.sum_p_[b];
        }
        n_ += other.n_;
    }
    calibration_accumulator& operator+=(const calibration_accumulator& other) {
        merge(other);
        return *this;
    }

    void reset() noexcept {
        std::fill(count_.begin(), count_.end(), 0);
        std::fill(pos_.begin(), pos_.end(), 0);
        std::fill(sum_p_.begin(), sum_p_.end(), 0.0);
        n_ = 0;
    }

    /// The calibration curve over the non-empty bins.
    calibration_curve_result curve() const {
        calibration_curve_result r;
        r.bin_edges = edges_;
        for (std::size_t b = 0; b < count_.size(); ++b) {
            if (count_[b] == 0) continue;
            const auto c = static_cast<double>(count_[b]);
            r.prob_true.push_back(static_cast<double>(pos_[b]) / c);
            r.prob_pred.push_back(sum_p_[b] / c);
            r.counts.push_back(static_cast<std::size_t>(count_[b]));
        }
        return r;
    }

    /// ECE and MCE; both NaN before any sample.
    calibration_error_result error() const {
        calibration_error_result r;
        r.bin_edges = edges_;
        r.bin_counts.assign(count_.begin(), count_.end());
        if (n_ == 0) {
            r.ece = r.mce = std::numeric_limits<double>::quiet_NaN();
            return r;
        }
        const auto total = static_cast<double>(n_);
        for (std::size_t b = 0; b < count_.size(); ++b) {
            if (count_[b] == 0) continue;
            const auto c = static_cast<double>(count_[b]);
            const double gap = std::fabs(static_cast<double>(pos_[b]) / c - sum_p_[b] / c);
            r.ece += c / total * gap;
            r.mce = std::max(r.mce, gap);
        }
        return r;
    }
    double expected_calibration_error() const { return error().ece; }
    double maximum_calibration_error() const { return error().mce; }

    friend bool operator==(const calibration_accumulator& a, const calibration_accumulator& b) {
        return a.pos_label_ == b.pos_label_ && a.n_ == b.n_ && a.count_ == b.count_ && a.pos_ == b.pos_ &&
               a.sum_p_ == b.sum_p_;
    }
    friend bool operator!=(const calibration_accumulator& a, const calibration_accumulator& b) { return !(a == b); }

private:
    static std::vector<double> checked_edges(std::size_t n_bins) {
        detail::require(n_bins >= 1, "calibration_accumulator", "n_bins", "must be at least 1");
        return detail::linspace(0.0, 1.0, n_bins + 1);
    }

    // Bin of p for the uniform edges: the number of interior edges < p. The
    // guess floor(p·n) is corrected against the actual edges, so values on an
    // edge go where numpy's searchsorted puts them.
    std::size_t bin_of(double p) const noexcept {
        if (!uniform_) {
            return static_cast<std::size_t>(std::lower_bound(edges_.begin() + 1, edges_.end() - 1, p) -
                                            (edges_.begin() + 1));
        }
        const std::size_t nb = count_.size();
        std::size_t k = std::min(nb - 1, static_cast<std::size_t>(p * static_cast<double>(nb)));
        while (k > 0 && edges_[k] >= p) --k;
        while (k + 1 < nb && edges_[k + 1] < p) ++k;
        return k;
    }

    void add(bool positive, double p) noexcept {
        const std::size_t b = bin_of(p);
        ++count_[b];
        pos_[b] += positive ? 1u : 0u;
        sum_p_[b] += p;
        ++n_;
    }

    std::vector<double> edges_;
    bool uniform_;  // edges are linspace(0, 1, B + 1): O(1) binning
    label_type pos_label_;
    std::vector<std::uint64_t> count_;
    std::vector<std::uint64_t> pos_;
    std::vector<double> sum_p_;
    std::uint64_t n_ = 0;
};

namespace detail {
namespace metrics {

// scikit-learn 1.2.1's positive-label rule for calibration_curve: at most two
// classes; without pos_label they must be a subset of {0, 1} or {-1, 1}.
template <class LabelRange>
label_type calibration_pos_label(const char* fn, const LabelRange& y_true, std::optional<label_type> pos_label) {
    label_type seen[3];
    std::size_t n_seen = 0;
    std::size_t i = 0;
    for (auto it = range_begin(y_true); it != range_end(y_true); ++it, ++i) {
        check_label_value(fn, "y_true", *it, i);
        const label_type v = to_label(*it);
        if (std::find(seen, seen + n_seen, v) != seen + n_seen) continue;
        if (n_seen == 2) throw_invalid_argument(fn, "y_true", "has more than two classes; only binary labels are supported");
        seen[n_seen++] = v;
    }
    if (pos_label) return *pos_label;
    const bool ok01 = std::all_of(seen, seen + n_seen, [](label_type v) { return v == 0 || v == 1; });
    const bool ok11 = std::all_of(seen, seen + n_seen, [](label_type v) { return v == -1 || v == 1; });
    require(ok01 || ok11, fn, "y_true",
            "labels are not {0, 1} or {-1, 1}: give pos_label to say which one is positive");
    return 1;
}

}  // namespace metrics
}  // namespace detail

/// Calibration curve (reliability diagram) of binary labels and predicted
/// probabilities of the positive class; scikit-learn 1.2.1's
/// `calibration_curve`, see the conventions at the top of this header.
/// Throws: invalid_argument for empty or mismatched inputs, n_bins = 0, a
/// probability outside [0, 1] or NaN, more than two classes, or labels that
/// need an explicit pos_label.
/// Complexity: uniform O(n) time, O(n_bins) memory; quantile O(n log n)
/// time and an O(n) sorted copy of the probabilities.
template <class LabelRange, class ProbRange>
calibration_curve_result calibration_curve(const LabelRange& y_true, const ProbRange& y_prob,
                                           const calibration_options& options = {}) {
    const char* fn = "calibration_curve";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    detail::require(options.n_bins >= 1, fn, "n_bins", "must be at least 1");
    detail::metrics::check_probabilities(fn, "y_prob", detail::metrics::range_begin(y_prob), n);
    const label_type pos = detail::metrics::calibration_pos_label(fn, y_true, options.pos_label);

    if (options.strategy == calibration_strategy::uniform) {
        calibration_accumulator acc(options.n_bins, pos);
        acc.update(y_true, y_prob);
        return acc.curve();
    }

    // Quantile bins: edges from the sorted probabilities.
    std::vector<double> sorted;
    sorted.reserve(n);
    for (auto it = detail::metrics::range_begin(y_prob); it != detail::metrics::range_end(y_prob); ++it) {
        sorted.push_back(static_cast<double>(*it));
    }
    std::sort(sorted.begin(), sorted.end());
    const auto q = detail::linspace(0.0, 1.0, options.n_bins + 1);
    std::vector<double> edges(q.size());
    for (std::size_t k = 0; k < q.size(); ++k) edges[k] = detail::percentile_sorted(sorted.data(), n, q[k] * 100.0);

    calibration_accumulator acc(std::move(edges), pos);
    acc.update(y_true, y_prob);
    return acc.curve();
}

/// Expected and maximum calibration error over `n_bins` uniform bins (the
/// binning of calibration_curve's uniform strategy).
/// Throws: as calibration_curve. Complexity: O(n) time, O(n_bins) memory.
template <class LabelRange, class ProbRange>
calibration_error_result calibration_error(const LabelRange& y_true, const ProbRange& y_prob, std::size_t n_bins = 10,
                                           std::optional<label_type> pos_label = std::nullopt) {
    const char* fn = "calibration_error";
    const std::size_t n = detail::metrics::range_size(y_true);
    detail::require_nonempty(fn, "y_true", n);
    detail::require_same_size(fn, "y_true", n, "y_prob", detail::metrics::range_size(y_prob));
    detail::require(n_bins >= 1, fn, "n_bins", "must be at least 1");
    detail::metrics::check_probabilities(fn, "y_prob", detail::metrics::range_begin(y_prob), n);
    calibration_accumulator acc(n_bins, detail::metrics::calibration_pos_label(fn, y_true, pos_label));
    acc.update(y_true, y_prob);
    return acc.error();
}

/// ECE alone. Throws and complexity: as calibration_error.
template <class LabelRange, class ProbRange>
double expected_calibration_error(const LabelRange& y_true, const ProbRange& y_prob, std::size_t n_bins = 10,
                                  std::optional<label_type> pos_label = std::nullopt) {
    return calibration_error(y_true, y_prob, n_bins, pos_label).ece;
}

/// MCE alone. Throws and complexity: as calibration_error.
template <class LabelRange, class ProbRange>
double maximum_calibration_error(const LabelRange& y_true, const ProbRange& y_prob, std::size_t n_bins = 10,
                                 std::optional<label_type> pos_label = std::nullopt) {
    return calibration_error(y_true, y_prob, n_bins, pos_label).mce;
}

inline std::ostream& operator<<(std::ostream& os, const calibration_curve_result& r) {
    os << "point  count  prob_pred  prob_true\n";
    for (std::size_t i = 0; i < r.prob_true.size(); ++i) {
        os << i << "  " << r.counts[i] << "  " << r.prob_pred[i] << "  " << r.prob_true[i] << '\n';
    }
    return os;
}

ASSAY_NAMESPACE_END
