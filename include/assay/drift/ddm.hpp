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
    /// How: River's running mean p is the one serial dependency; everything
    /// else is decided off it, a block of 64 values at a time. A block's 1/n
    /// are computed together (correctly rounded, the same bits as River's
    /// scalar division). Whether p + s sets a new minimum or crosses the
    /// warning or drift level is decided with an approximate s and a margin
    /// that covers its error; a block with a comparison inside the margin, or
    /// with a status change, is evaluated with River's exact s = sqrt(p(1 −
    /// p)/n), and the exact s is otherwise computed only for the state kept
    /// (the last value and the minimum). On x86 the screen of one block runs
    /// in the same loop as the running mean of the next, filling the time
    /// the mean's dependency chain leaves idle.
    /// Throws: `assay::invalid_argument` at the first value that is not
    /// exactly 0 or 1, after the values before it were applied.
    /// Complexity: O(last − first).
    std::size_t update(const double* first, const double* last) {
        if (cfg_.moa_semantics) return detail::update_each(*this, first, last);
        const status base = detail::batch_base(last_status());
        const auto total = static_cast<std::size_t>(last - first);
        constexpr std::size_t block = detail::batch_block;
        double r[block], pb[block];
        std::size_t i = 0;
        while (i < total) {
            const double* x = first + i;
            // A pending reset, the warm start and a minimum not yet set go one by one.
            if (drift_ || n_ < cfg_.warm_start + 1.0 || !(ps_min_ < std::numeric_limits<double>::infinity())) {
                if (!(x[0] == 0.0 || x[0] == 1.0)) detail::require_binary("drift::ddm::update", x[0]);
                ++i;
                if (step(x[0]) != base) return i;
                continue;
            }
#if defined(ASSAY_DRIFT_SSE2)
            {
                const std::size_t done = run_blocks(x, total - i);
                i += done;
                if (last_status() != base) return i;
                if (done != 0) continue;
            }
#endif
            const std::size_t len = detail::binary_prefix(x, std::min(block, total - i));
            if (len == 0) detail::require_binary("drift::ddm::update", x[0]);
            const double n0 = n_;
            detail::reciprocals(n0, len, r);
            double p = p_;
            for (std::size_t k = 0; k < len; ++k) {
                p = p + detail::rounded(r[k] * (x[k] - p));
                pb[k] = p;
            }
            // Nothing changes while ps_min < p + s <= warning level (stable)
            // or max(ps_min, warning level) < p + s <= drift level (warning).
            const double w_level = p_min_ + detail::rounded(cfg_.warning_threshold * s_min_);
            const double d_level = p_min_ + detail::rounded(cfg_.drift_threshold * s_min_);
            const double lower = warning_ ? std::max(ps_min_, w_level) : ps_min_;
            const std::size_t f = undecided(pb, r, len, lower, warning_ ? d_level : w_level);
            if (f == len) {
                n_ = n0 + static_cast<double>(len);
                p_ = pb[len - 1];
                s_ = std::sqrt(p_ * (1.0 - p_) / n_);
                i += len;
                continue;
            }
            i += exact_block(pb, f, len);
            if (last_status() != base) return i;
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

    /// Applies the block whose running means are pb[0, len) (n_ and p_ still
    /// before it) with River's exact s and comparisons, from pb[f] on (the
    /// values before f are known to change nothing); stops after the first
    /// status change. Returns the number of values applied. Needs f < len.
    std::size_t exact_block(const double* pb, std::size_t f, std::size_t len) noexcept {
        constexpr std::size_t block = detail::batch_block;
        double sb[block] = {};  // all set from f on; zeroed for compilers that cannot see it
        const double n0 = n_;
        const status base = last_status();
        exact_s(pb, n0, f, len, sb);
        double w = p_min_ + detail::rounded(cfg_.warning_threshold * s_min_);
        double dl = p_min_ + detail::rounded(cfg_.drift_threshold * s_min_);
        double p_min = p_min_, s_min = s_min_, ps_min = ps_min_;
        bool warning = warning_, drift = false;
        std::size_t k = f;
        for (; k < len; ++k) {
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
            if (ASSAY_UNLIKELY(detail::make_status(drift, warning) != base) || k + 1 == len) break;
        }
        p_min_ = p_min;
        s_min_ = s_min;
        ps_min_ = ps_min;
        warning_ = warning;
        drift_ = drift;
        n_ = n0 + static_cast<double>(k + 1);
        p_ = pb[k];
        s_ = sb[k];
        return k + 1;
    }

#if defined(ASSAY_DRIFT_SSE2)
    /// The batch pipeline (after the warm start, minimum set, no reset
    /// pending): applies whole blocks of 64 values from x[0, count) until
    /// fewer remain, a block holds a value that is not 0 or 1, or the status
    /// changes; returns the number of values applied.
    ///
    /// Each loop runs River's running mean over one block (pb, with its 1/n
    /// in rb) and screens the block before it, two values at a time, with an
    /// s' = sqrt(q) taken in single precision, q = p(1 − p)·(1/n):
    /// |s' − s| <= 1e-7·s plus rounding. With E = 1e-6·s_max + 5e-16, s_max =
    /// 0.51/sqrt(n0 + 1) >= every s of the block (s² = p(1 − p)/n <= 1/(4n)),
    /// a block is applied without River's exact s when every p + s' is more
    /// than 2E from the running minimum before it (so exactly the same values
    /// set new minima) and
    ///  - stable: the new minima keep the status (p + s <= p + t·s for a
    ///    warning threshold t >= 1) and every other p + s' is below, by
    ///    (2 + t)·E, each warning level current during the block (the drift
    ///    level is never lower);
    ///  - warning: there is no new minimum, every p + s' is above the warning
    ///    level (the screen's starting "minimum" is max(p_min + s_min,
    ///    warning level)) and below the drift level by (2 + t_drift)·E.
    /// Otherwise exact_block evaluates it. The screen's work fills the time
    /// the running mean's dependency chain leaves idle.
    std::size_t run_blocks(const double* x, std::size_t count) noexcept {
        constexpr std::size_t block = detail::batch_block;
        alignas(16) double pbuf[2][block];
        alignas(16) double rbuf[2][block];
        const bool warning = warning_;
        const status base = last_status();
        // The level each value must stay below, its threshold, and whether
        // a new minimum changes the status.
        const double t = cfg_.warning_threshold;
        const double t_level = warning ? cfg_.drift_threshold : t;
        const __m128d zero = _mm_setzero_pd(), one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0), t_v = _mm_set1_pd(t);
        const __m128d any_minimum_fails = warning || t < 1.0 ? _mm_castsi128_pd(_mm_set1_epi32(-1)) : _mm_setzero_pd();
        const __m128d inf = _mm_set1_pd(std::numeric_limits<double>::infinity());
        const __m128d abs_mask = _mm_castsi128_pd(_mm_set_epi32(0x7fffffff, -1, 0x7fffffff, -1));
        std::size_t done = 0, prev_len = 0;
        int cur = 0;
        double p = p_;  // the running mean after the last value chained
        for (;;) {
            const std::size_t cur_at = done + prev_len;
            // The block chained with the screen: whole, its 0/1 check folded
            // into the chain (a block that fails it is dropped, and the caller's
            // per-block path meets the bad value).
            const std::size_t cur_len = count - cur_at >= block ? block : 0;
            __m128d binary = _mm_castsi128_pd(_mm_set1_epi32(-1));
            double* pc = pbuf[cur];
            double* rc = rbuf[cur];
            const double* xc = x + cur_at;
            const double* pp = pbuf[cur ^ 1];
            const double* rp = rbuf[cur ^ 1];
            // The previous block's screen: running minimum m (both lanes),
            // lowest warning level met, highest p + s' of a non-minimum.
            const double e = 1e-6 * (0.51 / std::sqrt(n_ + 1.0)) + 5e-16;
            const __m128d close_v = _mm_set1_pd(2.0 * e);
            const double w_level = p_min_ + detail::rounded(t * s_min_);
            __m128d m = _mm_set1_pd(warning ? std::max(ps_min_, w_level) : ps_min_);
            __m128d w_low = _mm_set1_pd(warning ? p_min_ + detail::rounded(cfg_.drift_threshold * s_min_) : w_level);
            __m128d a_max = _mm_setzero_pd(), fail = _mm_setzero_pd();
            std::uint64_t minima = 0;  // bit k: value k set a new minimum
            __m128d n = _mm_set_pd(n_ + static_cast<double>(prev_len + 2), n_ + static_cast<double>(prev_len + 1));
            const auto chain = [&](std::size_t k) ASSAY_INLINE_LAMBDA {
                const __m128d xv = _mm_loadu_pd(xc + k);
                binary = _mm_and_pd(binary, _mm_or_pd(_mm_cmpeq_pd(xv, zero), _mm_cmpeq_pd(xv, one)));
                const __m128d rv = _mm_div_pd(one, n);
                n = _mm_add_pd(n, two);
                _mm_store_pd(rc + k, rv);
                p = p + detail::rounded(_mm_cvtsd_f64(rv) * (xc[k] - p));
                pc[k] = p;
                p = p + detail::rounded(_mm_cvtsd_f64(_mm_unpackhi_pd(rv, rv)) * (xc[k + 1] - p));
                pc[k + 1] = p;
            };
            const auto screen = [&](std::size_t k) ASSAY_INLINE_LAMBDA {
                const __m128d pv = _mm_load_pd(pp + k);
                const __m128d q = _mm_mul_pd(_mm_mul_pd(pv, _mm_sub_pd(one, pv)), _mm_load_pd(rp + k));
                const __m128d s = _mm_cvtps_pd(_mm_sqrt_ps(_mm_cvtpd_ps(q)));
                const __m128d a = _mm_add_pd(pv, s);
                const __m128d before = _mm_min_pd(_mm_unpacklo_pd(m, a), m);  // minimum before each lane
                const __m128d lower = _mm_cmplt_pd(a, before);
                fail = _mm_or_pd(fail, _mm_or_pd(_mm_cmple_pd(_mm_and_pd(_mm_sub_pd(a, before), abs_mask), close_v),
                                                 _mm_and_pd(lower, any_minimum_fails)));
                const __m128d after = _mm_min_pd(before, a);
                m = _mm_unpackhi_pd(after, after);
                const __m128d wk = _mm_add_pd(pv, _mm_mul_pd(t_v, s));
                w_low = _mm_min_pd(w_low, _mm_or_pd(_mm_and_pd(lower, wk), _mm_andnot_pd(lower, inf)));
                a_max = _mm_max_pd(a_max, _mm_andnot_pd(lower, a));
                minima |= static_cast<std::uint64_t>(_mm_movemask_pd(lower)) << k;
            };
            if (cur_len == block && prev_len == block) {
                for (std::size_t k = 0; k < block; k += 2) {
                    chain(k);
                    screen(k);
                }
            } else if (cur_len == block) {
                for (std::size_t k = 0; k < block; k += 2) chain(k);
            } else if (prev_len == block) {
                for (std::size_t k = 0; k < block; k += 2) screen(k);
            }
            if (prev_len == block) {
                const double wl = std::min(_mm_cvtsd_f64(w_low), _mm_cvtsd_f64(_mm_unpackhi_pd(w_low, w_low)));
                const double am = std::max(_mm_cvtsd_f64(a_max), _mm_cvtsd_f64(_mm_unpackhi_pd(a_max, a_max)));
                if (_mm_movemask_pd(fail) == 0 && am + (2.0 + t_level) * e < wl) {
                    const double n0 = n_;
                    n_ = n0 + static_cast<double>(block);
                    p_ = pp[block - 1];
                    if (minima != 0) {
                        const std::size_t j = detail::highest_bit(minima);
                        p_min_ = pp[j];
                        s_min_ = std::sqrt(p_min_ * (1.0 - p_min_) / (n0 + static_cast<double>(j + 1)));
                        ps_min_ = p_min_ + s_min_;
                    }
                } else {
                    const std::size_t applied = exact_block(pp, 0, block);
                    if (last_status() != base) return done + applied;
                }
                done += block;
            }
            if (cur_len == 0 || _mm_movemask_pd(binary) != 3) break;
            prev_len = cur_len;
            cur ^= 1;
        }
        if (done != 0) s_ = std::sqrt(p_ * (1.0 - p_) / n_);
        return done;
    }
#endif

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
