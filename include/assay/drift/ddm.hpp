// assay/drift/ddm.hpp — DDM, the drift detection method (Gama et al. 2004).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "checkpoint.hpp"
#include "status.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

namespace detail {
/// Binary detectors take 0 (correct) or 1 (error); anything else, 0.5
/// included, is rejected rather than truncated.
inline void require_binary(const char* function, double x) {
    if (ASSAY_UNLIKELY(!(x == 0.0 || x == 1.0))) {
        ::assay::detail::throw_invalid_argument(function, "x", "must be 0 (correct) or 1 (error), got ", x);
    }
}
}  // namespace detail

/// DDM's configuration. Defaults equal River 0.26's `drift.binary.DDM()`.
struct ddm_config {
    /// No warning or drift before more than `warm_start` values (>= 0).
    int warm_start = 30;
    /// Warning when p + s > p_min + warning_threshold · s_min (> 0).
    double warning_threshold = 2.0;
    /// Drift when p + s > p_min + drift_threshold · s_min (>= warning_threshold).
    double drift_threshold = 3.0;
    /// MOA's `DDM` instead of River's: mean updated as `p + (x − p)/n`, the
    /// minimum tracked from the (warm_start − 1)-th value on and drift tested
    /// from the warm_start-th (MOA counts from 1; `warm_start` is its
    /// minNumInstances). With the same parameters this reproduces MOA's DDM.
    bool moa_semantics = false;
};

/// DDM on a stream of 0/1 errors: p is the running error rate, s =
/// sqrt(p(1 − p)/n); (p_min, s_min) are taken where p + s was smallest.
///
/// Matches River 0.26.1's `river.drift.binary.DDM` update for update
/// (running mean `p += (1/n)(x − p)`, the minimum updated when p + s <=
/// p_min + s_min, strict comparisons for warning and drift, warning cleared
/// on drift, reset on the update after a drift). `moa_semantics` follows
/// MOA's DDM instead.
/// Single-writer value type. State size (x86-64): 88 bytes.
class ddm {
public:
    using config_type = ddm_config;
    static constexpr detector_kind kind = detector_kind::ddm;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    explicit ddm(const ddm_config& config = {}) : cfg_(validate(config)) {}

    /// Adds one outcome (1 = error, 0 = correct).
    /// Throws: `assay::invalid_argument` unless x is exactly 0 or 1 (the
    /// detector is unchanged). Complexity: O(1).
    status update(double x) {
        detail::require_binary("drift::ddm::update", x);
        if (drift_) clear();
        if (cfg_.moa_semantics) return update_moa(x);
        n_ += 1.0;
        p_ += (1.0 / n_) * (x - p_);
        s_ = std::sqrt(p_ * (1.0 - p_) / n_);
        if (n_ > cfg_.warm_start) {
            if (p_ + s_ <= ps_min_) {
                p_min_ = p_;
                s_min_ = s_;
                ps_min_ = p_min_ + s_min_;
            }
            warning_ = p_ + s_ > p_min_ + cfg_.warning_threshold * s_min_;
            if (p_ + s_ > p_min_ + cfg_.drift_threshold * s_min_) {
                drift_ = true;
                warning_ = false;
            }
        }
        return detail::make_status(drift_, warning_);
    }

    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return warning_; }
    status last_status() const noexcept { return detail::make_status(drift_, warning_); }

    /// Error rate p of the values since the last reset.
    double p() const noexcept { return p_; }
    /// s = sqrt(p(1 − p)/n) after the last update.
    double s() const noexcept { return s_; }
    /// p and s where p + s was smallest (NaN before the warm start ends).
    double p_min() const noexcept { return p_min_; }
    double s_min() const noexcept { return s_min_; }
    /// Values since the last reset.
    double n() const noexcept { return n_; }
    const ddm_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: warm_start u32, warning/drift thresholds f64, moa_semantics
/// bool, drift and
    /// warning flags, n, p, s, p_min, s_min, ps_min f64). Complexity: O(1).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.u32(static_cast<std::uint32_t>(cfg_.warm_start));
        w.f64(cfg_.warning_threshold);
        w.f64(cfg_.drift_threshold);
        w.boolean(cfg_.moa_semantics);
        w.boolean(drift_);
        w.boolean(warning_);
        for (double v : {n_, p_, s_, p_min_, s_min_, ps_min_}) w.f64(v);
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::ddm::load");
        ddm_config c;
        const std::uint32_t ws = in.u32();
        in.check(ws <= 0x7fffffffU, "warm_start out of range");
        c.warm_start = static_cast<int>(ws);
        c.warning_threshold = in.f64();
        c.drift_threshold = in.f64();
        c.moa_semantics = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration");
        ddm next(c);
        next.drift_ = in.boolean();
        next.warning_ = in.boolean();
        next.n_ = in.finite("n");
        next.p_ = in.finite("p");
        next.s_ = in.finite("s");
        next.p_min_ = in.f64();
        next.s_min_ = in.f64();
        next.ps_min_ = in.f64();
        in.finish();
        in.check(next.n_ >= 0.0 && next.n_ == std::floor(next.n_), "n is not a count");
        in.check(next.p_ >= 0.0 && next.p_ <= 1.0, "p outside [0, 1]");
        in.check(!std::isnan(next.ps_min_) && next.ps_min_ >= 0.0, "p_min + s_min invalid");
        *this = next;
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const ddm_config& c) noexcept {
        if (c.warm_start < 0) return "warm_start must be at least 0";
        if (!(c.warning_threshold > 0.0) || !std::isfinite(c.warning_threshold))
            return "warning_threshold must be positive and finite";
        if (!(c.drift_threshold >= c.warning_threshold) || !std::isfinite(c.drift_threshold))
            return "drift_threshold must be finite and at least warning_threshold";
        return nullptr;
    }

private:
    static const ddm_config& validate(const ddm_config& c) {
        if (const char* e = config_error(c)) ::assay::detail::throw_invalid_argument("drift::ddm", "config", e);
        return c;
    }
    status update_moa(double x) noexcept {
        n_ += 1.0;
        p_ = p_ + (x - p_) / n_;
        s_ = std::sqrt(p_ * (1.0 - p_) / n_);
        warning_ = false;
        const double moa_n = n_ + 1.0;  // MOA's m_n after its increment
        if (moa_n < cfg_.warm_start) return status::stable;
        if (p_ + s_ <= ps_min_) {
            p_min_ = p_;
            s_min_ = s_;
            ps_min_ = p_min_ + s_min_;
        }
        if (moa_n > cfg_.warm_start && p_ + s_ > p_min_ + cfg_.drift_threshold * s_min_) drift_ = true;
        else warning_ = p_ + s_ > p_min_ + cfg_.warning_threshold * s_min_;
        return detail::make_status(drift_, warning_);
    }

    void clear() noexcept {
        drift_ = warning_ = false;
        n_ = p_ = s_ = 0.0;
        p_min_ = s_min_ = std::numeric_limits<double>::quiet_NaN();
        ps_min_ = std::numeric_limits<double>::infinity();
    }

    ddm_config cfg_;
    double n_ = 0.0, p_ = 0.0, s_ = 0.0;
    double p_min_ = std::numeric_limits<double>::quiet_NaN();
    double s_min_ = std::numeric_limits<double>::quiet_NaN();
    double ps_min_ = std::numeric_limits<double>::infinity();
    bool drift_ = false, warning_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
