// assay/drift/hddm_w.hpp — HDDM_W, drift detection with McDiarmid's bound on
// exponentially weighted moving averages (Frías-Blanco et al. 2015).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "batch.hpp"
#include "checkpoint.hpp"
#include "ddm.hpp"
#include "status.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// HDDM_W's configuration. Defaults equal River 0.26's
/// `drift.binary.HDDMW()` (one-sided, as MOA's `HDDM_W_Test` default).
struct hddm_w_config {
    /// Confidence of the drift test, in (0, 1).
    double drift_confidence = 0.001;
    /// Confidence of the warning test, in (0, 1).
    double warning_confidence = 0.005;
    /// Weight of the newest value in the moving averages, in (0, 1].
    double lambda_val = 0.05;
    /// Also watch decreases of the mean.
    bool two_sided_test = false;
    /// MOA's `HDDM_W_Test` instead of River's: a mean's first value sets it
    /// with weight sum 1 (River: λ² + (1 − λ)²), the decrease cut point
    /// starts at the smallest positive double (River: −∞), a drift resets the
    /// statistics within the same update (before the decrease statistics are
    /// updated), and a significant decrease in the two-sided test restarts the
    /// statistics silently. With the same parameters this reproduces MOA.
    bool moa_semantics = false;
};

/// HDDM_W on a stream of 0/1 errors.
///
/// Matches River 0.26.1's `river.drift.binary.HDDMW` (named `HDDM_W` before
/// 0.25) update for update. Its exponentially weighted means are River's
/// `stats.EWMean`: `m = λ·x + (1 − λ)·m`, except that a mean equal to 0 takes
/// the new value as it is (so the first value initialises it); the bound's
/// weight sum `ibc = λ² + (1 − λ)²·ibc` starts at 1; reset on the update
/// after a drift. Single-writer value type. State size (x86-64): 208 bytes.
class hddm_w {
public:
    using config_type = hddm_w_config;
    static constexpr detector_kind kind = detector_kind::hddm_w;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    explicit hddm_w(const hddm_w_config& config = {}) : cfg_(validate(config)) {
        init_constants();
        clear();
    }

    /// Adds one outcome (1 = error, 0 = correct).
    /// Throws: `assay::invalid_argument` unless x is exactly 0 or 1.
    /// Complexity: O(1).
    status update(double x) {
        detail::require_binary("drift::hddm_w::update", x);
        if (drift_ && !cfg_.moa_semantics) clear();
        push(total_, x);

        double eps = std::sqrt(total_.ibc * log_inv_drift_ / 2.0);
        if (total_.ewma + eps < incr_cut_) {
            incr_cut_ = total_.ewma + eps;
            s1_incr_ = total_;
            s2_incr_ = fresh();
        } else {
            push(s2_incr_, x);
        }
        if (changed(s1_incr_, s2_incr_, log_inv_drift_)) {
            if (cfg_.moa_semantics) clear_statistics();
            warning_ = false;
            drift_ = true;
        } else if (changed(s1_incr_, s2_incr_, log_inv_warning_)) {
            warning_ = true;
            drift_ = false;
        } else {
            warning_ = drift_ = false;
        }

        eps = std::sqrt(total_.ibc * log_inv_drift_ / 2.0);
        if (total_.ewma - eps > decr_cut_) {
            decr_cut_ = total_.ewma - eps;
            s1_decr_ = total_;
            s2_decr_ = fresh();
        } else {
            push(s2_decr_, x);
        }
        if (cfg_.two_sided_test && cfg_.moa_semantics) {
            if (changed(s2_decr_, s1_decr_, log_inv_drift_)) clear_statistics();
        } else if (cfg_.two_sided_test) {
            if (changed(s2_decr_, s1_decr_, log_inv_drift_)) drift_ = true;
            else if (changed(s2_decr_, s1_decr_, log_inv_warning_)) warning_ = true;
        }
        return detail::make_status(drift_, warning_);
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. Throws what
    /// `update(x)` throws, at the first rejected value, after the values
    /// before it were applied. Complexity: that of the per-value loop.
    std::size_t update(const double* first, const double* last) { return detail::update_each(*this, first, last); }

    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return warning_; }
    status last_status() const noexcept { return detail::make_status(drift_, warning_); }

    /// Exponentially weighted mean of the whole stream since the last reset.
    double ewma() const noexcept { return total_.ewma; }
    const hddm_w_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: confidences and lambda f64, two_sided and moa_semantics bools,
/// drift and warning
    /// flags, the two cut points f64, then five samples (whole stream, first
    /// and second part for increases, for decreases), each ewma f64, ibc f64,
    /// initialised bool).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.f64(cfg_.drift_confidence);
        w.f64(cfg_.warning_confidence);
        w.f64(cfg_.lambda_val);
        w.boolean(cfg_.two_sided_test);
        w.boolean(cfg_.moa_semantics);
        w.boolean(drift_);
        w.boolean(warning_);
        w.f64(incr_cut_);
        w.f64(decr_cut_);
        for (const sample* s : {&total_, &s1_incr_, &s2_incr_, &s1_decr_, &s2_decr_}) {
            w.f64(s->ewma);
            w.f64(s->ibc);
            w.boolean(s->init);
        }
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::hddm_w::load");
        hddm_w_config c;
        c.drift_confidence = in.f64();
        c.warning_confidence = in.f64();
        c.lambda_val = in.f64();
        c.two_sided_test = in.boolean();
        c.moa_semantics = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration");
        hddm_w next(c);
        next.drift_ = in.boolean();
        next.warning_ = in.boolean();
        next.incr_cut_ = in.f64();
        next.decr_cut_ = in.f64();
        in.check(!std::isnan(next.incr_cut_) && !std::isnan(next.decr_cut_), "cut point is NaN");
        for (sample* s : {&next.total_, &next.s1_incr_, &next.s2_incr_, &next.s1_decr_, &next.s2_decr_}) {
            s->ewma = in.finite("ewma");
            s->ibc = in.finite("ibc");
            s->init = in.boolean();
            in.check(s->ibc >= 0.0 && s->ibc <= 1.0, "ibc outside [0, 1]");
        }
        in.finish();
        *this = next;
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const hddm_w_config& c) noexcept {
        if (!(c.drift_confidence > 0.0 && c.drift_confidence < 1.0)) return "drift_confidence must lie in (0, 1)";
        if (!(c.warning_confidence > 0.0 && c.warning_confidence < 1.0)) return "warning_confidence must lie in (0, 1)";
        if (!(c.lambda_val > 0.0 && c.lambda_val <= 1.0)) return "lambda_val must lie in (0, 1]";
        return nullptr;
    }

private:
    struct sample {
        double ewma = 0.0;
        double ibc = 1.0;
        bool init = false;
    };

    static const hddm_w_config& validate(const hddm_w_config& c) {
        if (const char* e = config_error(c)) ::assay::detail::throw_invalid_argument("drift::hddm_w", "config", e);
        return c;
    }
    void init_constants() noexcept {
        log_inv_drift_ = std::log(1.0 / cfg_.drift_confidence);
        log_inv_warning_ = std::log(1.0 / cfg_.warning_confidence);
        lambda_sq_ = cfg_.lambda_val * cfg_.lambda_val;
        // River evaluates (1 − λ) ** 2 (pow), MOA (1 − λ)·(1 − λ).
        c_lambda_sq_ = cfg_.moa_semantics ? (1.0 - cfg_.lambda_val) * (1.0 - cfg_.lambda_val)
                                          : std::pow(1.0 - cfg_.lambda_val, 2.0);
    }
    void push(sample& s, double x) const noexcept {
        if (cfg_.moa_semantics && !s.init) {
            s.ewma = x;
            s.ibc = 1.0;
        } else {
            // Each product rounded before the sum, as River computes it (no fused multiply-add).
            s.ewma = s.init ? detail::rounded(cfg_.lambda_val * x) + detail::rounded((1.0 - cfg_.lambda_val) * s.ewma) : x;
            s.ibc = lambda_sq_ + detail::rounded(c_lambda_sq_ * s.ibc);
        }
        s.init = true;
    }
    sample fresh() const noexcept {
        // MOA marks an empty mean with −1 and a weight sum of 0.
        return cfg_.moa_semantics ? sample{-1.0, 0.0, false} : sample{};
    }
    void clear_statistics() noexcept {
        total_ = s1_incr_ = s2_incr_ = s1_decr_ = s2_decr_ = fresh();
        incr_cut_ = std::numeric_limits<double>::infinity();
        decr_cut_ = cfg_.moa_semantics ? std::numeric_limits<double>::denorm_min()
                                       : -std::numeric_limits<double>::infinity();
    }
    /// River's `_has_mean_changed(first, second)`: second.ewma − first.ewma
    /// exceeds McDiarmid's bound.
    static bool changed(const sample& first, const sample& second, double log_inv_conf) noexcept {
        if (!(first.init && second.init)) return false;
        const double bound = std::sqrt((first.ibc + second.ibc) * log_inv_conf / 2.0);
        return second.ewma - first.ewma > bound;
    }
    void clear() noexcept {
        drift_ = warning_ = false;
        clear_statistics();
    }

    hddm_w_config cfg_;
    double log_inv_drift_ = 0.0, log_inv_warning_ = 0.0, lambda_sq_ = 0.0, c_lambda_sq_ = 0.0;
    sample total_, s1_incr_, s2_incr_, s1_decr_, s2_decr_;
    double incr_cut_ = 0.0, decr_cut_ = 0.0;
    bool drift_ = false, warning_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
