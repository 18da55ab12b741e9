// assay/drift/window_monitor.hpp — compare a sliding window of live feature
// vectors with a fixed training sample, for many features at once.
//
// Inside a server: build the monitor once from the training (reference)
// matrix, call `update(row)` for every request's features, and call
// `report()` whenever a decision is wanted (every N requests, on a timer).
//
// * update is O(features · log bins) and allocates nothing: the window is a
//   preallocated ring buffer and each feature's bin counts are kept up to
//   date by adding the new value and removing the evicted one.
// * report computes, per feature, PSI against the reference bins (O(bins))
//   and the two-sample KS test (the window sorted, O(w log w), against the
//   reference sorted once at construction), and flags a feature as drifted
//   when PSI exceeds `psi_threshold` or the KS p-value falls below
//   `ks_alpha` (divided by the number of features when `bonferroni` is set,
//   so that many features do not produce false alarms by chance alone).
// * Single writer: update/report/reset from one thread at a time (wrap it
//   in a mutex to share it).
// * Statistical caveats. KS assumes independent rows: feed one row per
//   entity (one photo per lemon, one request per user session) when rows
//   come in correlated bursts, or alarms fire on unchanged features. Each
//   report is a new test: over many reports an unchanged feature is flagged
//   now and then by chance (about ks_alpha per report with Bonferroni); act
//   on alarms that persist over consecutive reports.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "../matrix_view.hpp"
#include "distribution.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

struct window_monitor_options {
    std::size_t window = 1000;      ///< live rows compared with the reference
    std::size_t n_bins = 10;        ///< PSI bins per feature (cut at reference quantiles)
    psi_binning binning = psi_binning::quantile;
    double eps = 1e-4;              ///< PSI's floor on bin shares
    double psi_threshold = 0.25;    ///< PSI above this flags drift ("major shift")
    double ks_alpha = 0.01;         ///< KS p-value below this flags drift
    bool bonferroni = true;         ///< divide ks_alpha by the number of features
    ks_method ks = ks_method::automatic;
};

struct feature_drift {
    std::size_t feature = 0;
    double psi = 0.0;
    ks_result ks;
    bool drift = false;
};

struct window_report {
    std::size_t window_rows = 0;  ///< rows in the window when the report was made
    std::vector<feature_drift> features;
    bool any_drift() const noexcept {
        return std::any_of(features.begin(), features.end(), [](const feature_drift& f) { return f.drift; });
    }
};

class window_monitor {
public:
    /// Reference matrix: one row per training sample, one column per feature.
    /// Throws: invalid_argument for an empty reference, a non-finite value,
    /// window < 2, n_bins < 1, thresholds out of range.
    /// Complexity: O(features · n log n); memory O(features · (n + window)).
    window_monitor(matrix_view<const double> reference, const window_monitor_options& options = {})
        : options_(options) {
        const char* fn = "drift::window_monitor";
        detail::require(reference.rows() > 0 && reference.cols() > 0, fn, "reference", "is empty");
        detail::require(options.window >= 2, fn, "options.window", "must be at least 2, got ", options.window);
        detail::require(options.n_bins >= 1, fn, "options.n_bins", "must be at least 1");
        detail::require(options.psi_threshold >= 0.0, fn, "options.psi_threshold", "must be non-negative");
        assay::detail::require_in_open(fn, "options.ks_alpha", options.ks_alpha, 0.0, 1.0);
        assay::detail::require_in_open(fn, "options.eps", options.eps, 0.0, 1.0);
        const std::size_t n = reference.rows(), d = reference.cols();
        features_.resize(d);
        std::vector<double> column(n);
        for (std::size_t j = 0; j < d; ++j) {
            for (std::size_t i = 0; i < n; ++i) {
                column[i] = reference(i, j);
                if (ASSAY_UNLIKELY(!std::isfinite(column[i]))) {
                    detail::throw_invalid_argument(fn, "reference", "value at row ", i, ", feature ", j, " is ",
                                                   column[i]);
                }
            }
            auto& f = features_[j];
            f.bins = reference_bins(column, options.n_bins, options.binning);
            f.ref_counts = f.bins.count(column);
            std::sort(column.begin(), column.end());
            f.sorted_reference = column;
            f.live_counts.assign(f.bins.n_bins(), 0);
        }
        ring_.assign(options.window * d, 0.0);
        ring_bins_.assign(options.window * d, 0);
    }

    std::size_t n_features() const noexcept { return features_.size(); }
    std::size_t window() const noexcept { return options_.window; }
    /// Rows currently in the window (at most window()).
    std::size_t size() const noexcept { return size_; }
    bool full() const noexcept { return size_ == options_.window; }
    const window_monitor_options& options() const noexcept { return options_; }

    /// Adds one row of features (a range of n_features() numbers), evicting
    /// the oldest row once the window is full. The row is checked before
    /// anything changes. Throws: invalid_argument for a wrong length or a
    /// non-finite value. Complexity: O(features · log bins); no allocation.
    template <class Row>
    void update(const Row& row) {
        const char* fn = "drift::window_monitor::update";
        using std::begin;
        using std::end;
        const auto first = begin(row);
        const auto count = static_cast<std::size_t>(std::distance(first, end(row)));
        detail::require_same_size(fn, "n_features", features_.size(), "row", count);
        assay::detail::require_finite(fn, "row", first, end(row));
        const std::size_t d = features_.size();
        const std::size_t slot = (start_ + size_) % options_.window;
        const bool evict = size_ == options_.window;
        auto it = first;
        for (std::size_t j = 0; j < d; ++j, ++it) {
            auto& f = features_[j];
            const std::size_t k = slot * d + j;
            if (evict) --f.live_counts[ring_bins_[k]];
            const double x = static_cast<double>(*it);
            ring_[k] = x;
            ring_bins_[k] = f.bins.bin_of(x);
            ++f.live_counts[ring_bins_[k]];
        }
        if (evict) start_ = (start_ + 1) % options_.window;
        else ++size_;
    }

    /// PSI and KS of every feature's window against the reference.
    /// Throws: invalid_argument if the window holds fewer than 2 rows.
    /// Complexity: O(features · (bins + w log w + p-value)).
    window_report report() const {
        detail::require(size_ >= 2, "drift::window_monitor::report", "window", "holds ", size_,
                        " rows; at least 2 are needed");
        const std::size_t d = features_.size();
        const double alpha = options_.bonferroni ? options_.ks_alpha / static_cast<double>(d) : options_.ks_alpha;
        ks_options ko;
        ko.method = options_.ks;
        window_report r;
        r.window_rows = size_;
        r.features.resize(d);
        std::vector<double> live(size_);
        for (std::size_t j = 0; j < d; ++j) {
            const auto& f = features_[j];
            for (std::size_t i = 0; i < size_; ++i) live[i] = ring_[((start_ + i) % options_.window) * d + j];
            std::sort(live.begin(), live.end());
            auto& out = r.features[j];
            out.feature = j;
            out.psi = psi_from_counts(f.ref_counts, f.live_counts, options_.eps);
            out.ks = ks_2samp_sorted(f.sorted_reference, live, ko);
            out.drift = out.psi > options_.psi_threshold || out.ks.pvalue < alpha;
        }
        return r;
    }

    /// Empties the window; the reference is kept.
    void reset() noexcept {
        start_ = size_ = 0;
        for (auto& f : features_) std::fill(f.live_counts.begin(), f.live_counts.end(), 0);
    }

private:
    struct feature_state {
        reference_bins bins;
        std::vector<std::size_t> ref_counts;
        std::vector<std::size_t> live_counts;
        std::vector<double> sorted_reference;
    };

    window_monitor_options options_;
    std::vector<feature_state> features_;
    std::vector<double> ring_;             // window x features, row-major by slot
    std::vector<std::size_t> ring_bins_;   // bin of each stored value
    std::size_t start_ = 0;                // slot of the oldest row
    std::size_t size_ = 0;
};

inline std::ostream& operator<<(std::ostream& os, const window_report& r) {
    os << "window of " << r.window_rows << " rows\n";
    for (const auto& f : r.features) {
        os << "  feature " << f.feature << ": PSI " << f.psi << ", KS D " << f.ks.statistic << " p " << f.ks.pvalue
           << (f.drift ? "  DRIFT" : "") << '\n';
    }
    return os;
}

}  // namespace drift
ASSAY_NAMESPACE_END
