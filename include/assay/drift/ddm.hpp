// assay/drift/ddm.hpp — DDM, the drift detection method (Gama et al. 2004).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "batch.hpp"
#include "checkpoint.hpp"
#include "status.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
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
        if (cfg_.moa_semantics) {
            if (drift_) clear();
            return update_moa(x);
        }
        return step(x);
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. State and statuses
    /// equal the per-value loop's bit for bit.
    ///
    /// How: a block of 64 values has its 1/n computed together (correctly
    /// rounded, so the same bits as River's scalar division), then only the
    /// running mean p, River's one serial dependency, is stepped value by
    /// value. Whether p + s crosses the minimum, the warning or the drift
    /// level is decided from s² ≈ p(1 − p)·(1/n) against (level − p)² with a
    /// 1e-9 relative margin (the approximation is within 4 ulp); a value
    /// inside the margin, and any value that does change the minimum or the
    /// status, is evaluated with River's exact s = sqrt(p(1 − p)/n).
    /// Throws: `assay::invalid_argument` at the first value that is not
    /// exactly 0 or 1, after the values before it were applied.
    /// Complexity: O(last − first).
    std::size_t update(const double* first, const double* last) {
        if (cfg_.moa_semantics) return detail::update_each(*this, first, last);
        const status base = detail::batch_base(last_status());
        const auto total = static_cast<std::size_t>(last - first);
        constexpr std::size_t block = detail::batch_block;
        double r[block], pb[block], sb[block];
        std::size_t i = 0;
        while (i < total) {
            const double* x = first + i;
            const std::size_t len = detail::binary_prefix(x, std::min(block, total - i));
            if (len == 0) detail::require_binary("drift::ddm::update", x[0]);
            // A pending reset, the warm start and a minimum not yet set go one by one.
            if (drift_ || n_ < cfg_.warm_start + 1.0 || !(ps_min_ < std::numeric_limits<double>::infinity())) {
                ++i;
                if (step(x[0]) != base) return i;
                continue;
            }
            const double n0 = n_;
            detail::reciprocals(n0, len, r);
            double p = p_;
            for (std::size_t k = 0; k < len; ++k) {
                p = p + detail::rounded(r[k] * (x[k] - p));
                pb[k] = p;
            }
            // Nothing changes while ps_min < p + s <= upper (stable) or
            // max(ps_min, warning level) < p + s <= drift level (warning).
            const double w_level = p_min_ + detail::rounded(cfg_.warning_threshold * s_min_);
            const double d_level = p_min_ + detail::rounded(cfg_.drift_threshold * s_min_);
            const double lower = warning_ ? std::max(ps_min_, w_level) : ps_min_;
            const double upper = warning_ ? d_level : w_level;
            const std::size_t f = undecided(pb, r, len, lower, upper);
            if (f == len) {
                n_ = n0 + static_cast<double>(len);
                p_ = pb[len - 1];
                s_ = std::sqrt(p_ * (1.0 - p_) / n_);
                i += len;
                continue;
            }
            // From the first undecided value on, River's exact s (the block's
            // divisions and square roots together) and its comparisons.
            exact_s(pb, n0, f, len, sb);
            double w = w_level, dl = d_level;
            double p_min = p_min_, s_min = s_min_, ps_min = ps_min_;
            bool warning = warning_, drift = false;
            for (std::size_t k = f; k < len; ++k) {
                // Without branches: a new minimum is a coin toss in a falling stream.
                const double pk = pb[k], sk = sb[k];
                const double ps = pk + sk;
                const double wk = pk + detail::rounded(cfg_.warning_threshold * sk);
                const double dk = pk + detail::rounded(cfg_.drift_threshold * sk);
                const bool lower_min = ps <= ps_min;
                p_min = lower_min ? pk : p_min;
                s_min = lower_min ? sk : s_min;
                ps_min = lower_min ? ps : ps_min;
                w = lower_min ? wk : w;
                dl = lower_min ? dk : dl;
                drift = ps > dl;
                warning = (ps > w) & !drift;
                if (ASSAY_UNLIKELY(detail::make_status(drift, warning) != base) || k + 1 == len) {
                    p_min_ = p_min;
                    s_min_ = s_min;
                    ps_min_ = ps_min;
                    warning_ = warning;
                    drift_ = drift;
                    n_ = n0 + static_cast<double>(k + 1);
                    p_ = pk;
                    s_ = sk;
                    i += k + 1;
                    if (detail::make_status(drift_, warning_) != base) return i;
                    break;
                }
            }
        }
        return total;
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
    /// The first k < len for which p = pb[k], s² ≈ pb[k](1 − pb[k])·r[k] may
    /// not satisfy lower < p + s <= upper (len if none). p + s > lower is
    /// sure when p > lower, or when s² exceeds (lower − p)² by the relative
    /// margin tau (which also dwarfs the rounding of p + s once lower − p >
    /// 1e-6·lower); p + s <= upper is sure when s² is below (upper − p)² by
    /// tau. s² ≈ q is within 4 ulp of p(1 − p)/n, far inside tau = 1e-9.
    static std::size_t undecided(const double* pb, const double* r, std::size_t len, double lower,
                                 double upper) noexcept {
        constexpr double tau = 1e-9;
        std::uint64_t mask = 0;  // bit k: undecided
        std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
        const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1.0);
        const __m128d lo = _mm_set1_pd(lower), up = _mm_set1_pd(upper), lo_gap = _mm_set1_pd(lower * 1e-6);
        const __m128d hi_margin = _mm_set1_pd(1.0 + tau), lo_margin = _mm_set1_pd(1.0 - tau);
        for (; k + 2 <= len; k += 2) {
            const __m128d pk = _mm_loadu_pd(pb + k);
            const __m128d q = _mm_mul_pd(_mm_mul_pd(pk, _mm_sub_pd(one, pk)), _mm_loadu_pd(r + k));
            const __m128d dl = _mm_sub_pd(lo, pk), du = _mm_sub_pd(up, pk);
            const __m128d above = _mm_or_pd(
                _mm_cmplt_pd(dl, zero),
                _mm_and_pd(_mm_cmpgt_pd(q, _mm_mul_pd(_mm_mul_pd(dl, dl), hi_margin)), _mm_cmpgt_pd(dl, lo_gap)));
            const __m128d below =
                _mm_and_pd(_mm_cmpgt_pd(du, zero), _mm_cmplt_pd(q, _mm_mul_pd(_mm_mul_pd(du, du), lo_margin)));
            const auto bad = static_cast<std::uint64_t>(~_mm_movemask_pd(_mm_and_pd(above, below)) & 3);
            mask |= bad << k;
        }
#endif
        for (; k < len; ++k) {
            const double pk = pb[k];
            const double q = pk * (1.0 - pk) * r[k];
            const double dl = lower - pk, du = upper - pk;
            const bool above = (dl < 0.0) | ((q > dl * dl * (1.0 + tau)) & (dl > lower * 1e-6));
            const bool below = (du > 0.0) & (q < du * du * (1.0 - tau));
            mask |= static_cast<std::uint64_t>(!(above & below)) << k;
        }
        return mask == 0 ? len : detail::lowest_bit(mask);
    }

    /// sb[k] = River's s = sqrt(p(1 − p)/n) of pb[k], n = n0 + k + 1, for
    /// k in [from, len): correctly rounded division and square root, two at
    /// a time (the same bits as one at a time).
    static void exact_s(const double* pb, double n0, std::size_t from, std::size_t len, double* sb) noexcept {
        std::size_t k = from;
#if defined(ASSAY_DRIFT_SSE2)
        const __m128d one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0);
        __m128d n = _mm_set_pd(n0 + static_cast<double>(k + 2), n0 + static_cast<double>(k + 1));
        for (; k + 2 <= len; k += 2) {
            const __m128d pk = _mm_loadu_pd(pb + k);
            _mm_storeu_pd(sb + k, _mm_sqrt_pd(_mm_div_pd(_mm_mul_pd(pk, _mm_sub_pd(one, pk)), n)));
            n = _mm_add_pd(n, two);
        }
#endif
        for (; k < len; ++k) sb[k] = std::sqrt(pb[k] * (1.0 - pb[k]) / (n0 + static_cast<double>(k + 1)));
    }

    /// River's update, x already checked.
    status step(double x) noexcept {
        if (drift_) clear();
        n_ += 1.0;
        p_ += detail::rounded((1.0 / n_) * (x - p_));
        s_ = std::sqrt(p_ * (1.0 - p_) / n_);
        if (n_ > cfg_.warm_start) {
            const double ps = p_ + s_;
            if (ps <= ps_min_) {
                p_min_ = p_;
                s_min_ = s_;
                ps_min_ = ps;
            }
            warning_ = ps > p_min_ + detail::rounded(cfg_.warning_threshold * s_min_);
            if (ps > p_min_ + detail::rounded(cfg_.drift_threshold * s_min_)) {
                drift_ = true;
                warning_ = false;
            }
        }
        return detail::make_status(drift_, warning_);
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
        if (moa_n > cfg_.warm_start && p_ + s_ > p_min_ + detail::rounded(cfg_.drift_threshold * s_min_)) drift_ = true;
        else warning_ = p_ + s_ > p_min_ + detail::rounded(cfg_.warning_threshold * s_min_);
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
