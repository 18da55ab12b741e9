// assay/metrics/binned_auc.hpp — bounded-memory streaming ROC AUC, average
// precision and ROC / precision-recall curves of one binary problem, from a
// histogram of positive and negative weight over fixed score bins.
//
// Binning. B bins of equal width on a declared range [lo, hi] (default
// [0, 1], B = 4096). A score s goes to bin
//     b(s) = min(B − 1, floor(max(0, (s − lo) · c))),   c = B / (hi − lo),
// evaluated in double precision (c rounded once, at construction), so bins
// are closed on the left ([e_b, e_{b+1}), e_b = lo + b·(hi − lo)/B, the last
// one also holds hi) up to the rounding of c, the subtraction and the
// product: a score within a few ulps of an edge may land in the neighbouring
// bin. The map is non-decreasing in s (each rounded step is), which is all
// the error bounds below need; scores exactly on the edges of a power-of-two
// number of bins over a range such as [0, 1] land exactly. Scores outside
// [lo, hi] are clamped into the first or last bin, or rejected
// (`out_of_range::error`); the bounds stay valid for clamped scores because
// they count every pair sharing a bin as undecided. NaN and infinite scores
// are always rejected.
//
// Metrics. Rows in one bin are treated as tied scores, as scikit-learn
// 1.2.1 treats tied scores (`roc_auc_score`: a tied positive-negative pair
// counts one half; `average_precision_score`: one threshold per distinct
// score). When every distinct score has its own bin (scores on a grid that
// matches the bin edges, for instance) the values are exactly scikit-learn's.
//
// Error bounds (computed from the histogram, so they are getters):
// * ROC AUC. The exact AUC is (1/(P·N)) Σ over (positive, negative) pairs of
//   1 if the positive scores higher, 1/2 if tied, 0 otherwise (P, N the total
//   positive and negative weight; a pair weighs the product of its rows'
//   weights). A pair in different bins is ordered the same way by the bins
//   (b is non-decreasing), so only pairs sharing a bin can differ: the binned
//   value counts them 1/2, the exact one anything in [0, 1]. Hence
//       |binned AUC − exact AUC| ≤ Σ_b P_b·N_b / (2·P·N) = roc_auc_error_bound(),
//   and the bound is attained when every shared bin is perfectly ordered.
// * Average precision AP = Σ_k (R_k − R_{k−1})·Prec_k over distinct
//   thresholds. Bin b (walking from the top) contributes P_b/P of recall in
//   both the exact and the binned value; the binned value uses one precision
//   for it, (T + P_b)/(T + P_b + F + N_b), with T, F the positive and negative
//   weight of the bins above; the exact one averages precisions taken inside
//   the bin, each of the form t/(t + f) with t in [T, T + P_b] and f in
//   [F, F + N_b]. Both therefore lie in [T/(T + F + N_b), (T + P_b)/(T + P_b + F)]
//   and
//       |binned AP − exact AP| ≤ Σ_b (P_b/P)·((T + P_b)/(T + P_b + F) − T/(T + F + N_b))
//                              = average_precision_error_bound()
//   (a bin whose rows are all positive, or that precedes every negative,
//   contributes 0). The bound shrinks as B grows; it is loose (not attained)
//   when a bin holds many rows.
//
// Merging adds histograms: shards merged in any order give exactly the
// histogram of the concatenated stream for unweighted rows (integer counts),
// and up to rounding of the weight sums otherwise.
//
// Serialised state (`save()` / `load()`), format version 1. Integers are
// little-endian whatever the host; a double is its IEEE-754 binary64 bit
// pattern as a little-endian 64-bit integer.
//
//   offset      size   field
//   0           4      magic 'A' 'S' 'B' 'H' (0x41 0x53 0x42 0x48)
//   4           2      format version (1)
//   6           1      out_of_range policy (0 clamp, 1 error)
//   7           1      1 if weighted rows were added, else 0
//   8           8      n_bins B
//   16          8      lo (double)
//   24          8      hi (double)
//   32          8      pos_label (signed)
//   40          8      n_samples
//   48          16·B   per cell k = 2b + is_positive: unweighted row count (u64)
//   48 + 16·B   16·B   per cell: weight sum of weighted rows (double)
//   48 + 32·B   8      FNV-1a 64-bit hash of bytes [0, 48 + 32·B)
//
// `load` treats the bytes as untrusted: it checks the length against B, the
// magic, version, hash, the options (as the constructor does), that weights
// are finite and non-negative (and all 0 unless the weighted flag is set) and
// that the row counts sum to at most n_samples; on any failure it throws
// `assay::corrupt_state` and leaves the accumulator unchanged.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "curves.hpp"
#include "detail/input.hpp"
#include "detail/state_bytes.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <type_traits>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// What `binned_auc` does with a finite score outside its declared range.
enum class out_of_range {
    clamp,  ///< counted in the first (below lo) or last (above hi) bin
    error,  ///< invalid_argument; the accumulator is left unchanged
};

/// Options of `binned_auc`: the bins and the positive label.
struct binned_auc_options {
    std::size_t n_bins = 4096;        ///< B, in [1, 2^24]
    double lo = 0.0, hi = 1.0;        ///< declared score range, lo < hi, both finite
    out_of_range outside = out_of_range::clamp;
    label_type pos_label = 1;         ///< rows with this label are positive, every other label negative

    binned_auc_options() = default;
    binned_auc_options& with_bins(std::size_t b) { n_bins = b; return *this; }
    binned_auc_options& with_range(double l, double h) { lo = l; hi = h; return *this; }
    binned_auc_options& with_out_of_range(out_of_range o) { outside = o; return *this; }
    binned_auc_options& with_pos_label(label_type v) { pos_label = v; return *this; }
};

/// Bounded-memory streaming accumulator for binary ROC AUC, average
/// precision and the ROC / PR curves at the bin edges (see the file comment
/// for the binning, the conventions and the error bounds).
///
/// Memory: O(B) — 40 bytes per bin (64-bit counts of unweighted rows, 32-bit
/// partial counts for the batch kernel, and weight sums of weighted rows),
/// allocated at construction; updates never allocate.
class binned_auc {
public:
    /// Throws: invalid_argument if n_bins is 0 or above 2^24, or lo / hi are
    /// not finite with lo < hi (and a finite bin width).
    explicit binned_auc(const binned_auc_options& o = {}) : opt_(o) {
        const char* fn = "binned_auc";
        detail::require(o.n_bins >= 1 && o.n_bins <= max_bins, fn, "n_bins", "must lie in [1, ", max_bins, "], got ",
                        o.n_bins);
        detail::require(std::isfinite(o.lo) && std::isfinite(o.hi) && o.lo < o.hi, fn, "lo, hi",
                        "must be finite with lo < hi, got [", o.lo, ", ", o.hi, "]");
        detail::require(std::isfinite(o.hi - o.lo), fn, "lo, hi", "span too wide: hi - lo overflows");
        scale_ = static_cast<double>(o.n_bins) / (o.hi - o.lo);
        top_ = static_cast<double>(o.n_bins - 1);
        counts_.assign(2 * o.n_bins, 0);
        lanes_.assign(lanes * 2 * o.n_bins, 0);
        weights_.assign(2 * o.n_bins, 0.0);
    }

    const binned_auc_options& options() const noexcept { return opt_; }
    std::size_t n_bins() const noexcept { return opt_.n_bins; }
    /// Lower edge of bin b, lo + b·(hi − lo)/B (b = B gives hi). Complexity: O(1).
    double edge(std::size_t b) const noexcept {
        return b >= opt_.n_bins ? opt_.hi
                                : opt_.lo + static_cast<double>(b) * ((opt_.hi - opt_.lo) / static_cast<double>(opt_.n_bins));
    }
    /// The bin a score goes to (clamped; see the file comment). Complexity: O(1).
    std::size_t bin_of(double score) const noexcept { return static_cast<std::size_t>(bin(score)); }

    /// Number of rows counted (weight-0 rows included).
    std::uint64_t n_samples() const noexcept { return n_samples_; }
    /// Positive / negative weight in bin b. Throws: invalid_argument if
    /// b >= n_bins(). Complexity: O(1).
    double positives(std::size_t b) const {
        check_bin("binned_auc::positives", b);
        return cell(2 * b + 1);
    }
    double negatives(std::size_t b) const {
        check_bin("binned_auc::negatives", b);
        return cell(2 * b);
    }
    /// Total positive / negative weight. Complexity: O(B).
    double total_positive() const noexcept { return sum_cells(1); }
    double total_negative() const noexcept { return sum_cells(0); }

    // -----------------------------------------------------------------------
    // Updates

    /// Adds one row. Throws: invalid_argument for a NaN or infinite score, a
    /// score outside [lo, hi] under out_of_range::error, a negative or
    /// non-finite weight (the accumulator is then unchanged).
    /// Complexity: O(1), no allocation.
    template <class L, class S, std::enable_if_t<std::is_arithmetic<S>::value, int> = 0>
    void update(L label, S score, double weight = 1.0) {
        const char* fn = "binned_auc::update";
        detail::metrics::check_label_value(fn, "y_true", label, 0);
        const double x = static_cast<double>(score);
        check_score(fn, x, 0);
        detail::metrics::check_weight_value(fn, weight);
        const std::size_t k = 2 * bin_of(x) + (detail::metrics::to_label(label) == opt_.pos_label ? 1u : 0u);
        if (weight == 1.0) ++counts_[k];
        else weights_[k] += weight, weighted_ = true;
        ++n_samples_;
    }

    /// Adds a batch (ranges of equal length: labels of any integral type,
    /// float or double scores). Unchanged if it throws. Throws:
    /// invalid_argument for mismatched lengths and the scores update(label,
    /// score) rejects. Complexity: O(n), no allocation.
    template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>
    void update(const RT& y_true, const RS& y_score) {
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size("binned_auc::update", "y_true", n, "y_score", detail::metrics::range_size(y_score));
        update_n(detail::metrics::range_begin(y_true), detail::metrics::range_begin(y_score), n);
    }

    /// Adds a batch given as iterator pairs: [first_true, last_true) and the
    /// scores from first_score. Throws / Complexity: as the range overload.
    template <class ItT, class ItS,
              std::enable_if_t<!std::is_arithmetic<ItT>::value && !detail::metrics::is_range<ItT>::value, int> = 0>
    void update(ItT first_true, ItT last_true, ItS first_score) {
        update_n(first_true, first_score, static_cast<std::size_t>(std::distance(first_true, last_true)));
    }

    /// Adds a weighted batch. Throws: as above, and for negative or
    /// non-finite weights. Complexity: O(n), no allocation.
    template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0,
              detail::metrics::if_range_c<RW> = 0>
    void update(const RT& y_true, const RS& y_score, const RW& sample_weight) {
        const char* fn = "binned_auc::update";
        const std::size_t n = detail::metrics::range_size(y_true);
        detail::require_same_size(fn, "y_true", n, "y_score", detail::metrics::range_size(y_score));
        detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
        auto t = detail::metrics::range_begin(y_true);
        auto s = detail::metrics::range_begin(y_score);
        auto w = detail::metrics::range_begin(sample_weight);
        {  // check everything first: unchanged if it throws
            auto tc = t;
            auto sc = s;
            for (std::size_t i = 0; i < n; ++i, ++tc, ++sc) {
                detail::metrics::check_label_value(fn, "y_true", *tc, i);
                check_score(fn, static_cast<double>(*sc), i);
            }
            detail::metrics::check_weights(fn, w, n);
        }
        for (std::size_t i = 0; i < n; ++i, ++t, ++s, ++w) {
            const double x = static_cast<double>(*s);
            const std::size_t k = 2 * bin_of(x) + (detail::metrics::to_label(*t) == opt_.pos_label ? 1u : 0u);
            weights_[k] += static_cast<double>(*w);
        }
        weighted_ = weighted_ || n != 0;
        n_samples_ += n;
    }

    /// Adds other's histogram. Throws: invalid_argument unless both have the
    /// same bins (n_bins, lo, hi) and positive label. Complexity: O(B).
    void merge(const binned_auc& o) {
        const char* fn = "binned_auc::merge";
        detail::require(o.opt_.n_bins == opt_.n_bins && o.opt_.lo == opt_.lo && o.opt_.hi == opt_.hi, fn, "other",
                        "has bins (", o.opt_.n_bins, " on [", o.opt_.lo, ", ", o.opt_.hi, "]), this one (", opt_.n_bins,
                        " on [", opt_.lo, ", ", opt_.hi, "])");
        detail::require(o.opt_.pos_label == opt_.pos_label, fn, "other", "has positive label ", o.opt_.pos_label,
                        ", this one ", opt_.pos_label);
        if (&o == this) {
            const binned_auc copy(o);
            merge(copy);
            return;
        }
        for (std::size_t k = 0; k < counts_.size(); ++k) {
            counts_[k] += o.count(k);
            weights_[k] += o.weights_[k];
        }
        weighted_ = weighted_ || o.weighted_;
        n_samples_ += o.n_samples_;
    }
    binned_auc& operator+=(const binned_auc& o) {
        merge(o);
        return *this;
    }

    /// Forgets every row (keeps the bins). Complexity: O(B).
    void reset() noexcept {
        std::fill(counts_.begin(), counts_.end(), std::uint64_t{0});
        std::fill(lanes_.begin(), lanes_.end(), std::uint32_t{0});
        std::fill(weights_.begin(), weights_.end(), 0.0);
        pending_ = 0;
        n_samples_ = 0;
        weighted_ = false;
    }

    /// Same bins, positive label and histogram.
    friend bool operator==(const binned_auc& a, const binned_auc& b) {
        if (a.opt_.n_bins != b.opt_.n_bins || a.opt_.lo != b.opt_.lo || a.opt_.hi != b.opt_.hi ||
            a.opt_.pos_label != b.opt_.pos_label || a.n_samples_ != b.n_samples_)
            return false;
        for (std::size_t k = 0; k < a.counts_.size(); ++k)
            if (a.count(k) != b.count(k) || a.weights_[k] != b.weights_[k]) return false;
        return true;
    }
    friend bool operator!=(const binned_auc& a, const binned_auc& b) { return !(a == b); }

    /// One line: bins, rows and class weights (no metric: those can throw).
    friend std::ostream& operator<<(std::ostream& os, const binned_auc& a) {
        return os << "binned_auc(n_bins=" << a.opt_.n_bins << ", range=[" << a.opt_.lo << ", " << a.opt_.hi
                  << "], pos_label=" << a.opt_.pos_label << ", n_samples=" << a.n_samples_
                  << ", positive=" << a.total_positive() << ", negative=" << a.total_negative() << ")";
    }

    // -----------------------------------------------------------------------
    // Serialisation

    /// The options and histogram as bytes (format in the file comment).
    /// Complexity: O(B).
    std::vector<std::uint8_t> save() const {
        detail::metrics::state_writer w(magic, format_version, header_size + 32 * opt_.n_bins + 8);
        w.u8(opt_.outside == out_of_range::error ? 1 : 0);
        w.u8(weighted_ ? 1 : 0);
        w.u64(opt_.n_bins);
        w.f64(opt_.lo);
        w.f64(opt_.hi);
        w.i64(opt_.pos_label);
        w.u64(n_samples_);
        for (std::size_t k = 0; k < counts_.size(); ++k) w.u64(count(k));
        for (std::size_t k = 0; k < weights_.size(); ++k) w.f64(weights_[k]);
        return w.finish();
    }

    /// Replaces this accumulator by a saved one. Throws: assay::corrupt_state
    /// (this one unchanged) if the bytes are not a valid saved state.
    /// Complexity: O(B).
    void load(const void* data, std::size_t size) {
        const char* fn = "binned_auc::load";
        detail::metrics::state_reader in(data, size, magic, format_version, fn, "binned_auc");
        const unsigned policy = in.u8(), weighted = in.u8();
        if (policy > 1 || weighted > 1) detail::throw_corrupt_state(fn, "bad policy or weighted flag");
        const std::uint64_t b = in.u64();
        if (b < 1 || b > max_bins) detail::throw_corrupt_state(fn, "n_bins is ", b, ", not in [1, ", max_bins, "]");
        binned_auc_options o;
        o.n_bins = static_cast<std::size_t>(b);
        o.outside = policy == 1 ? out_of_range::error : out_of_range::clamp;
        o.lo = in.f64();
        o.hi = in.f64();
        o.pos_label = in.i64();
        if (!(std::isfinite(o.lo) && std::isfinite(o.hi) && o.lo < o.hi && std::isfinite(o.hi - o.lo)))
            detail::throw_corrupt_state(fn, "bad score range [", o.lo, ", ", o.hi, "]");
        const std::uint64_t n_samples = in.u64();
        const std::size_t cells = 2 * o.n_bins;
        if (in.left() != 16 * cells)
            detail::throw_corrupt_state(fn, "state holds ", in.left(), " bytes of cells, ", 16 * cells, " expected for ",
                                        b, " bins (truncated or padded)");
        binned_auc fresh(o);
        fresh.n_samples_ = n_samples;
        fresh.weighted_ = weighted == 1;
        std::uint64_t rows = 0;
        for (std::size_t k = 0; k < cells; ++k) {
            const std::uint64_t c = in.u64();
            if (c > n_samples - rows) detail::throw_corrupt_state(fn, "row counts exceed n_samples");
            rows += c;
            fresh.counts_[k] = c;
        }
        for (std::size_t k = 0; k < cells; ++k) {
            const double w = in.f64();
            if (!(w >= 0.0 && w < std::numeric_limits<double>::infinity()) || (w != 0.0 && !fresh.weighted_))
                detail::throw_corrupt_state(fn, "weight of cell ", k, " is ", w);
            fresh.weights_[k] = w;
        }
        in.done();
        *this = std::move(fresh);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    // -----------------------------------------------------------------------
    // Metrics

    /// ROC AUC with in-bin ties counted one half: Σ_b N_b·(2·T_b + P_b) / (2·P·N),
    /// T_b the positive weight above bin b (scikit-learn 1.2.1 `roc_auc_score`
    /// on the binned scores). Throws: invalid_argument unless both classes
    /// have non-zero weight. Complexity: O(B).
    double roc_auc() const {
        const char* fn = "binned_auc::roc_auc";
        double area = 0.0, tp = 0.0, fp = 0.0;
        for (std::size_t b = opt_.n_bins; b-- > 0;) {
            const double pb = cell(2 * b + 1), nb = cell(2 * b);
            area += nb * (2.0 * tp + pb);
            tp += pb;
            fp += nb;
        }
        detail::require(tp > 0.0 && fp > 0.0, fn, "y_true", "has only one class (with non-zero weight); ROC AUC needs both");
        return area / (2.0 * tp * fp);
    }

    /// With o.max_fpr = m < 1: the partial area under the binned ROC curve up
    /// to fpr m (tpr interpolated linearly at m), McClish-standardised
    /// 0.5·(1 + (A − m²/2)/(m − m²/2)) (scikit-learn 1.2.1
    /// `roc_auc_score(max_fpr=m)` on the binned scores); unset or 1: roc_auc().
    /// No error bound is computed for the partial area. Throws:
    /// invalid_argument unless both classes have non-zero weight, or if m is
    /// outside (0, 1]. Complexity: O(B).
    double roc_auc(const roc_auc_options& o) const {
        const char* fn = "binned_auc::roc_auc";
        if (!o.max_fpr) return roc_auc();
        const double m = *o.max_fpr;
        detail::require(m > 0.0 && m <= 1.0, fn, "max_fpr", "must lie in (0, 1], got ", m);
        const double full = roc_auc();  // checks both classes
        if (m == 1.0) return full;
        const roc_curve_result r = roc_curve(true);
        const auto& fpr = r.fpr;
        const auto& tpr = r.tpr;
        const std::size_t stop =
            static_cast<std::size_t>(std::upper_bound(fpr.begin(), fpr.end(), m) - fpr.begin());
        double area = 0.0;
        for (std::size_t i = 1; i < stop; ++i) area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0;
        const double x0 = fpr[stop - 1], x1 = fpr[stop], y0 = tpr[stop - 1], y1 = tpr[stop];
        const double y_at_m = (y1 - y0) / (x1 - x0) * (m - x0) + y0;
        area += (m - x0) * (y_at_m + y0) / 2.0;
        const double min_area = 0.5 * m * m, max_area = m;
        return 0.5 * (1.0 + (area - min_area) / (max_area - min_area));
    }

    /// Bound on |roc_auc() − exact ROC AUC|: Σ_b P_b·N_b / (2·P·N) (derived
    /// in the file comment). Throws: as roc_auc. Complexity: O(B).
    double roc_auc_error_bound() const {
        double shared = 0.0, tp = 0.0, fp = 0.0;
        for (std::size_t b = 0; b < opt_.n_bins; ++b) {
            const double pb = cell(2 * b + 1), nb = cell(2 * b);
            shared += pb * nb;
            tp += pb;
            fp += nb;
        }
        detail::require(tp > 0.0 && fp > 0.0, "binned_auc::roc_auc_error_bound", "y_true",
                        "has only one class (with non-zero weight); ROC AUC needs both");
        return shared / (2.0 * tp * fp);
    }
    /// Same as roc_auc_error_bound().
    double error_bound() const { return roc_auc_error_bound(); }

    /// Average precision Σ_b (P_b/P)·(T_b + P_b)/(T_b + P_b + F_b + N_b) over
    /// the non-empty bins from the top, T_b / F_b the positive / negative
    /// weight above bin b (scikit-learn 1.2.1 `average_precision_score` on the
    /// binned scores). Throws: invalid_argument when no positive has non-zero
    /// weight (scikit-learn's value is then not a ranking quality).
    /// Complexity: O(B).
    double average_precision() const {
        const double p_total = total_positive();
        detail::require(p_total > 0.0, "binned_auc::average_precision", "y_true", "has no positive with non-zero weight");
        double ap = 0.0, tp = 0.0, fp = 0.0;
        for (std::size_t b = opt_.n_bins; b-- > 0;) {
            const double pb = cell(2 * b + 1), nb = cell(2 * b);
            tp += pb;
            fp += nb;
            if (pb > 0.0) ap += (pb / p_total) * (tp / (tp + fp));
        }
        return ap;
    }

    /// Bound on |average_precision() − exact average precision| (derived in
    /// the file comment). Throws: as average_precision. Complexity: O(B).
    double average_precision_error_bound() const {
        const double p_total = total_positive();
        detail::require(p_total > 0.0, "binned_auc::average_precision_error_bound", "y_true",
                        "has no positive with non-zero weight");
        double bound = 0.0, t = 0.0, f = 0.0;
        for (std::size_t b = opt_.n_bins; b-- > 0;) {
            const double pb = cell(2 * b + 1), nb = cell(2 * b);
            if (pb > 0.0 && nb + f > 0.0) {
                const double hi = (t + pb) / (t + pb + f);
                const double lo = t / (t + f + nb);
                bound += (pb / p_total) * (hi - lo);
            }
            t += pb;
            f += nb;
        }
        return bound;
    }

    /// The cumulative counts at the lower edge of each non-empty bin, in
    /// decreasing order (scikit-learn 1.2.1 `_binary_clf_curve` on the binned
    /// scores, thresholds = lower bin edges). Throws: invalid_argument when no
    /// row has non-zero weight. Complexity: O(B).
    binary_clf_curve_result binary_clf_curve() const {
        binary_clf_curve_result c;
        double tp = 0.0, fp = 0.0;
        for (std::size_t b = opt_.n_bins; b-- > 0;) {
            const double pb = cell(2 * b + 1), nb = cell(2 * b);
            if (pb == 0.0 && nb == 0.0) continue;
            tp += pb;
            fp += nb;
            c.tps.push_back(tp);
            c.fps.push_back(fp);
            c.thresholds.push_back(edge(b));
        }
        detail::require(!c.tps.empty(), "binned_auc::binary_clf_curve", "y_true", "no rows with non-zero weight");
        return c;
    }
    /// ROC curve at the lower edges of the non-empty bins (scikit-learn 1.2.1
    /// `roc_curve` on the binned scores: first point (0, 0) with threshold
    /// top edge + 1; optionally collinear points dropped). A row counts as
    /// predicted positive at threshold e_b when its bin is b or above.
    /// Throws: as binary_clf_curve. Complexity: O(B).
    roc_curve_result roc_curve(bool drop_intermediate = true) const {
        return detail::metrics::roc_from(binary_clf_curve(), drop_intermediate);
    }
    /// Precision-recall curve at the lower edges of the non-empty bins
    /// (scikit-learn 1.2.1 `precision_recall_curve` on the binned scores).
    /// Throws: as binary_clf_curve. Complexity: O(B).
    precision_recall_curve_result precision_recall_curve() const {
        return detail::metrics::pr_from(binary_clf_curve());
    }

private:
    static constexpr std::size_t max_bins = std::size_t{1} << 24;
    // Copies of the partial counts, interleaved per cell; batch row i goes to
    // copy i mod lanes, so that increments of one cell by consecutive rows do
    // not wait on each other's store. Measured at 1e7 rows, 4096 bins (see
    // benchmarks/metrics/bench_binned_auc.cpp): 1 copy is fastest on spread
    // scores and within 15% of 2 copies when every row hits one cell; 2 and
    // 4 copies lose up to 2x at 65536 bins (the larger footprint leaves L2).
    // A power of two.
    static constexpr std::size_t lanes = 1;
    static constexpr std::size_t chunk = 1024;
    // A lane cell may take at most 2^32 − 1 increments before it is flushed.
    static constexpr std::uint64_t lane_capacity = (std::uint64_t{1} << 32) - 1;

    static constexpr unsigned char magic[4] = {0x41, 0x53, 0x42, 0x48};
    static constexpr std::uint16_t format_version = 1;
    static constexpr std::size_t header_size = 48;

    void check_bin(const char* fn, std::size_t b) const {
        detail::require(b < opt_.n_bins, fn, "b", "is ", b, ", not below n_bins ", opt_.n_bins);
    }

    std::uint32_t bin(double x) const noexcept {
        double t = (x - opt_.lo) * scale_;
        t = t > 0.0 ? t : 0.0;  // NaN goes to 0 (rejected before it is counted)
        t = t < top_ ? t : top_;
        return static_cast<std::uint32_t>(t);
    }

    void check_score(const char* fn, double x, std::size_t i) const {
        if (ASSAY_UNLIKELY(!std::isfinite(x))) detail::throw_invalid_argument(fn, "y_score", "value at index ", i, " is ", x);
        if (ASSAY_UNLIKELY(opt_.outside == out_of_range::error && !(x >= opt_.lo && x <= opt_.hi)))
            detail::throw_invalid_argument(fn, "y_score", "value at index ", i, " is ", x, ", outside the declared range [",
                                           opt_.lo, ", ", opt_.hi, "]");
    }

    std::uint64_t lane_sum(std::size_t k) const noexcept {
        const std::uint32_t* l = lanes_.data() + lanes * k;
        std::uint64_t sum = 0;
        for (std::size_t j = 0; j < lanes; ++j) sum += l[j];
        return sum;
    }
    std::uint64_t count(std::size_t k) const noexcept { return counts_[k] + lane_sum(k); }
    double cell(std::size_t k) const noexcept {
        return static_cast<double>(count(k)) + (weighted_ ? weights_[k] : 0.0);
    }
    double sum_cells(std::size_t parity) const noexcept {
        double s = 0.0;
        for (std::size_t b = 0; b < opt_.n_bins; ++b) s += cell(2 * b + parity);
        return s;
    }

    void flush_lanes() noexcept {
        for (std::size_t k = 0; k < counts_.size(); ++k) {
            counts_[k] += lane_sum(k);
            std::fill_n(lanes_.data() + lanes * k, lanes, std::uint32_t{0});
        }
        pending_ = 0;
    }

    // The batch kernel: counts m rows into the 32-bit partial counts (`sign`
    // 1 adds, −1 as unsigned takes back; row i into copy i mod lanes);
    // computes the bin by a multiply and a conversion (no division or
    // search) and reports non-finite and out-of-range scores through flags
    // (no branch on the data).
    template <class ItT, class ItS>
    void count_rows(ItT t, ItS s, std::size_t m, std::uint32_t sign, bool& nonfinite, bool& outside) noexcept {
        const double lo = opt_.lo, hi = opt_.hi, scale = scale_, top = top_;
        const label_type pos = opt_.pos_label;
        std::uint32_t* l = lanes_.data();
        bool nf = false, out = false;
        auto one = [&](std::size_t lane) {
            const double x = static_cast<double>(*s);
            nf |= !(x - x == 0.0);
            out |= !(x >= lo && x <= hi);
            double v = (x - lo) * scale;
            v = v > 0.0 ? v : 0.0;
            v = v < top ? v : top;
            const std::size_t p = detail::metrics::to_label(*t) == pos ? 1u : 0u;
            l[(static_cast<std::size_t>(static_cast<std::uint32_t>(v)) << 1 | p) * lanes + (lane & (lanes - 1))] += sign;
            ++t;
            ++s;
        };
        std::size_t i = 0;
        for (; i + 4 <= m; i += 4) one(0), one(1), one(2), one(3);
        for (; i < m; ++i) one(i & 3u);
        nonfinite = nf;
        outside = out;
    }

    template <class ItT, class ItS>
    void update_n(ItT t, ItS s, std::size_t n) {
        const char* fn = "binned_auc::update";
        using label_t = std::remove_cv_t<std::remove_reference_t<decltype(*t)>>;
        using score_t = std::remove_cv_t<std::remove_reference_t<decltype(*s)>>;
        (void)detail::metrics::label_traits<label_t>{};
        (void)detail::metrics::score_traits<score_t>{};
        if (detail::metrics::label_traits<label_t>::needs_range_check) {
            auto tc = t;
            for (std::size_t i = 0; i < n; ++i, ++tc) detail::metrics::check_label_value(fn, "y_true", *tc, i);
        }
        if (pending_ + n > lane_capacity) flush_lanes();
        if (n > lane_capacity) {  // more rows than a lane holds: in pieces, flushing between
            const std::size_t piece = static_cast<std::size_t>(lane_capacity / 2);
            std::size_t done = 0;
            while (done < n) {
                const std::size_t m = std::min(piece, n - done);
                update_n(t, s, m);  // a failing piece leaves the earlier pieces counted
                std::advance(t, static_cast<std::ptrdiff_t>(m));
                std::advance(s, static_cast<std::ptrdiff_t>(m));
                done += m;
            }
            return;
        }
        const bool reject_outside = opt_.outside == out_of_range::error;
        auto t0 = t;
        auto s0 = s;
        for (std::size_t done = 0; done < n;) {
            const std::size_t m = std::min(chunk, n - done);
            bool nonfinite = false, outside = false;
            count_rows(t, s, m, 1u, nonfinite, outside);
            if (ASSAY_UNLIKELY(nonfinite || (reject_outside && outside))) {
                // Take back every row of this batch counted so far, then report.
                for (std::size_t k = 0; k < done + m;) {
                    const std::size_t r = std::min(chunk, done + m - k);
                    bool nf = false, out = false;
                    count_rows(t0, s0, r, static_cast<std::uint32_t>(-1), nf, out);
                    std::advance(t0, static_cast<std::ptrdiff_t>(r));
                    std::advance(s0, static_cast<std::ptrdiff_t>(r));
                    k += r;
                }
                auto sc = s;
                for (std::size_t i = 0; i < m; ++i, ++sc) check_score(fn, static_cast<double>(*sc), done + i);
            }
            std::advance(t, static_cast<std::ptrdiff_t>(m));
            std::advance(s, static_cast<std::ptrdiff_t>(m));
            done += m;
        }
        pending_ += n;
        n_samples_ += n;
    }

    binned_auc_options opt_;
    double scale_ = 1.0, top_ = 0.0;
    std::vector<std::uint64_t> counts_;  // 2·B: [2b] negatives, [2b + 1] positives (unweighted rows)
    std::vector<std::uint32_t> lanes_;   // lanes·2·B partial counts, folded into counts_ before they overflow
    std::vector<double> weights_;        // 2·B weight sums of weighted rows
    std::uint64_t pending_ = 0;          // rows counted in the lanes since the last flush
    std::uint64_t n_samples_ = 0;
    bool weighted_ = false;
};

ASSAY_NAMESPACE_END
