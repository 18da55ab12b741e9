// assay/drift/hddm_a.hpp — HDDM_A, drift detection with Hoeffding's bound on
// moving averages (Frías-Blanco et al. 2015).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "batch.hpp"
#include "checkpoint.hpp"
#include "ddm.hpp"
#include "status.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// HDDM_A's configuration. Defaults equal River 0.26's
/// `drift.binary.HDDMA()` (one-sided). MOA's `HDDM_A_Test` defaults to the
/// two-sided test: set `two_sided_test = true` for MOA's default.
struct hddm_a_config {
    /// Confidence of the drift test, in (0, 1).
    double drift_confidence = 0.001;
    /// Confidence of the warning test, in (0, 1).
    double warning_confidence = 0.005;
    /// Also watch decreases of the mean.
    bool two_sided_test = false;
    /// What a significant decrease does in the two-sided test. River (true):
    /// raises drift (or warning) like an increase. MOA's `HDDM_A_Test`
    /// (false): restarts the statistics silently, reporting nothing.
    bool signal_decrease = true;
};

/// HDDM_A on a stream of 0/1 errors: compares the mean of the whole stream
/// with the mean up to a cut point chosen with Hoeffding's bound.
///
/// Matches River 0.26.1's `river.drift.binary.HDDMA` (named `HDDM_A` before
/// 0.25) update for update, including which flag the decrease test may raise
/// on top of the increase test's, and the reset on the update after a drift.
/// With `two_sided_test = true, signal_decrease = false` it reproduces MOA's
/// `HDDM_A_Test` default (MOA keeps sums rather than running means; the
/// reference traces agree on every stream).
/// Single-writer value type. State size (x86-64): 120 bytes.
class hddm_a {
public:
    using config_type = hddm_a_config;
    static constexpr detector_kind kind = detector_kind::hddm_a;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    explicit hddm_a(const hddm_a_config& config = {}) : cfg_(validate(config)) { init_constants(); }

    /// Adds one outcome (1 = error, 0 = correct).
    /// Throws: `assay::invalid_argument` unless x is exactly 0 or 1.
    /// Complexity: O(1).
    status update(double x) {
        detail::require_binary("drift::hddm_a::update", x);
        if (drift_ || restart_) clear();
        z_n_ += 1.0;
        const double inv_n = 1.0 / z_n_;
        z_mean_ += detail::rounded(inv_n * (x - z_mean_));
        const double eps_z = std::sqrt(1.0 / (2.0 * z_n_) * log_inv_drift_);
        if (min_n_ == 0.0) set_min(eps_z);
        if (max_n_ == 0.0) set_max(eps_z);
        // eps_min_ / eps_max_ cache sqrt(1/(2n)·ln(1/δ)) of the cut points
        // (the same expression River evaluates, so the same value).
        if (min_mean_ + eps_min_ >= z_mean_ + eps_z) set_min(eps_z);
        if (max_mean_ - eps_max_ <= z_mean_ - eps_z) set_max(eps_z);

        if (min_n_ == z_n_) {
            warning_ = drift_ = false;
        } else {
            const double m = (z_n_ - min_n_) / min_n_ * inv_n;
            const double d = z_mean_ - min_mean_;
            if (at_least_sqrt(d, m / 2.0 * log_two_drift_)) {
                warning_ = false;
                drift_ = true;
            } else if (at_least_sqrt(d, m / 2.0 * log_two_warning_)) {
                warning_ = true;
                drift_ = false;
            } else {
                warning_ = drift_ = false;
            }
        }
        if (cfg_.two_sided_test) {
            if (cfg_.signal_decrease) {
                if (mean_decreased(log_two_drift_)) drift_ = true;
                else if (mean_decreased(log_two_warning_)) warning_ = true;
            } else if (!drift_ && mean_decreased(log_two_drift_)) {
                restart_ = true;
            }
        }
        return detail::make_status(drift_, warning_);
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. State and statuses
    /// equal the per-value loop's bit for bit.
    ///
    /// How (one-sided test, River's default): a block of 64 values has its
    /// 1/n and Hoeffding bounds sqrt(1/(2n)·ln(1/δ)) computed together
    /// (correctly rounded: the same bits as one at a time), the running mean
    /// is stepped serially, and the cut points are updated without branches.
    /// The drift and warning tests d >= sqrt(m/2·ln(2/δ)), m = (n −
    /// n_cut)/n_cut/n, are decided on d² against m computed with 1/n_cut (a
    /// few ulp from River's m) and a 1e-9 relative margin; a close call is
    /// evaluated with River's own expression. The two-sided test runs the
    /// per-value loop.
    /// Throws: `assay::invalid_argument` at the first value that is not
    /// exactly 0 or 1, after the values before it were applied.
    /// Complexity: O(last − first).
    std::size_t update(const double* first, const double* last) {
        if (cfg_.two_sided_test) return detail::update_each(*this, first, last);
        const status base = detail::batch_base(last_status());
        const auto total = static_cast<std::size_t>(last - first);
        constexpr std::size_t block = detail::batch_block;
        double r[block], zb[block], eb[block];
        std::size_t i = 0;
        while (i < total) {
            const double* x = first + i;
            const std::size_t len = detail::binary_prefix(x, std::min(block, total - i));
            if (len == 0) detail::require_binary("drift::hddm_a::update", x[0]);
            if (drift_ || restart_ || min_n_ == 0.0) {
                ++i;
                if (update(x[0]) != base) return i;
                continue;
            }
            const double n0 = z_n_;
            detail::reciprocals(n0, len, r);
            double zm = z_mean_;
            for (std::size_t k = 0; k < len; ++k) {
                zm = zm + detail::rounded(r[k] * (x[k] - zm));
                zb[k] = zm;
            }
            hoeffding_bounds(r, len, eb);
            // The cut points and the tests, value by value, without branches
            // but for a close call or a status change.
            constexpr double tau = 1e-9;
            const double half_drift = 0.5 * log_two_drift_, half_warning = 0.5 * log_two_warning_;
            double min_n = min_n_, min_mean = min_mean_, eps_min = eps_min_, inv_min_n = 1.0 / min_n_;
            double max_n = max_n_, max_mean = max_mean_, eps_max = eps_max_;
            double min_level = min_mean + eps_min, max_level = max_mean - eps_max;
            bool warning = warning_, drift = drift_;
            std::size_t k = 0;
            for (; k < len; ++k) {
                const double n = n0 + static_cast<double>(k + 1);
                const double zk = zb[k], ek = eb[k];
                const double up = zk + ek, down = zk - ek;
                const bool new_min = min_level >= up;
                min_n = new_min ? n : min_n;
                min_mean = new_min ? zk : min_mean;
                eps_min = new_min ? ek : eps_min;
                inv_min_n = new_min ? r[k] : inv_min_n;
                min_level = new_min ? up : min_level;
                const bool new_max = max_level <= down;
                max_n = new_max ? n : max_n;
                max_mean = new_max ? zk : max_mean;
                eps_max = new_max ? ek : eps_max;
                max_level = new_max ? down : max_level;
                // m/2·ln(2/δ) ≈ (n − n_cut)·(1/n_cut)·(1/n)·ln(2/δ)/2, within 4 ulp.
                const double d = zk - min_mean;
                const double m_approx = (n - min_n) * inv_min_n * r[k];
                const double v_drift = m_approx * half_drift, v_warning = m_approx * half_warning;
                const double d2 = d * d;
                const bool positive = d > 0.0;
                const bool sure_drift = positive & (d2 > v_drift * (1.0 + tau));
                const bool sure_not_drift = !positive | (d2 < v_drift * (1.0 - tau));
                const bool sure_warning = positive & (d2 > v_warning * (1.0 + tau));
                const bool sure_not_warning = !positive | (d2 < v_warning * (1.0 - tau));
                // new_min: n_cut = n, m = 0, no warning and no drift.
                drift = !new_min & sure_drift;
                warning = !new_min & !sure_drift & sure_warning;
                const bool decided = new_min | sure_drift | (sure_not_drift & (sure_warning | sure_not_warning));
                if (ASSAY_UNLIKELY(!decided)) {
                    const double m = (n - min_n) / min_n * r[k];
                    drift = at_least_sqrt(d, m / 2.0 * log_two_drift_);
                    warning = !drift && at_least_sqrt(d, m / 2.0 * log_two_warning_);
                }
                if (ASSAY_UNLIKELY(detail::make_status(drift, warning) != base)) break;
            }
            const std::size_t used = k < len ? k + 1 : len;
            z_n_ = n0 + static_cast<double>(used);
            z_mean_ = zb[used - 1];
            min_n_ = min_n;
            min_mean_ = min_mean;
            eps_min_ = eps_min;
            max_n_ = max_n;
            max_mean_ = max_mean;
            eps_max_ = eps_max;
            warning_ = warning;
            drift_ = drift;
            i += used;
            if (k < len) return i;
        }
        return total;
    }

    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return warning_; }
    status last_status() const noexcept { return detail::make_status(drift_, warning_); }

    /// Mean of the stream since the last reset, and its length.
    double mean() const noexcept { return z_mean_; }
    double n() const noexcept { return z_n_; }
    /// Mean and length of the prefix chosen as cut point for increases
    /// (decreases).
    double cut_mean_increase() const noexcept { return min_mean_; }
    double cut_n_increase() const noexcept { return min_n_; }
    double cut_mean_decrease() const noexcept { return max_mean_; }
    double cut_n_decrease() const noexcept { return max_n_; }
    const hddm_a_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: drift and warning confidences f64, two_sided bool, drift and
    /// warning flags, then n and mean of the stream, of the increase cut and
    /// of the decrease cut, f64).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.f64(cfg_.drift_confidence);
        w.f64(cfg_.warning_confidence);
        w.boolean(cfg_.two_sided_test);
        w.boolean(cfg_.signal_decrease);
        w.boolean(drift_);
        w.boolean(warning_);
        w.boolean(restart_);
        for (double v : {z_n_, z_mean_, min_n_, min_mean_, max_n_, max_mean_}) w.f64(v);
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::hddm_a::load");
        hddm_a_config c;
        c.drift_confidence = in.f64();
        c.warning_confidence = in.f64();
        c.two_sided_test = in.boolean();
        c.signal_decrease = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration");
        hddm_a next(c);
        next.drift_ = in.boolean();
        next.warning_ = in.boolean();
        next.restart_ = in.boolean();
        next.z_n_ = in.finite("n");
        next.z_mean_ = in.finite("mean");
        next.min_n_ = in.finite("cut n");
        next.min_mean_ = in.finite("cut mean");
        next.max_n_ = in.finite("cut n");
        next.max_mean_ = in.finite("cut mean");
        in.finish();
        for (double n : {next.z_n_, next.min_n_, next.max_n_}) in.check(n >= 0.0 && n == std::floor(n), "n is not a count");
        in.check(next.min_n_ <= next.z_n_ && next.max_n_ <= next.z_n_, "cut beyond the stream");
        in.check((next.min_n_ == 0.0) == (next.z_n_ == 0.0) && (next.max_n_ == 0.0) == (next.z_n_ == 0.0),
                 "cut points inconsistent");
        next.refresh_cached_bounds();
        *this = next;
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const hddm_a_config& c) noexcept {
        if (!(c.drift_confidence > 0.0 && c.drift_confidence < 1.0)) return "drift_confidence must lie in (0, 1)";
        if (!(c.warning_confidence > 0.0 && c.warning_confidence < 1.0)) return "warning_confidence must lie in (0, 1)";
        return nullptr;
    }

private:
    static const hddm_a_config& validate(const hddm_a_config& c) {
        if (const char* e = config_error(c)) ::assay::detail::throw_invalid_argument("drift::hddm_a", "config", e);
        return c;
    }
    void init_constants() noexcept {
        log_inv_drift_ = std::log(1.0 / cfg_.drift_confidence);
        log_two_drift_ = std::log(2.0 / cfg_.drift_confidence);
        log_two_warning_ = std::log(2.0 / cfg_.warning_confidence);
    }
    /// d >= fl(sqrt(v)) for v > 0, decided on d² where that is unambiguous
    /// (1e-12 relative margin, far above the rounding of d·d) and by the
    /// square root itself otherwise, so the answer is River's exactly.
    static bool at_least_sqrt(double d, double v) noexcept {
        if (!(d > 0.0)) return d >= std::sqrt(v);
        const double d2 = d * d;
        if (d2 < v * (1.0 - 1e-12)) return false;
        if (d2 > v * (1.0 + 1e-12)) return true;
        return d >= std::sqrt(v);
    }
    /// e[k] = sqrt(1/(2n)·ln(1/δ)) with 1/(2n) = r[k]/2 exactly, two at a time.
    void hoeffding_bounds(const double* r, std::size_t len, double* e) const noexcept {
        std::size_t k = 0;
#if defined(ASSAY_DRIFT_SSE2)
        const __m128d half = _mm_set1_pd(0.5), l = _mm_set1_pd(log_inv_drift_);
        for (; k + 2 <= len; k += 2)
            _mm_storeu_pd(e + k, _mm_sqrt_pd(_mm_mul_pd(_mm_mul_pd(_mm_loadu_pd(r + k), half), l)));
#endif
        for (; k < len; ++k) e[k] = std::sqrt(r[k] * 0.5 * log_inv_drift_);
    }
    void set_min(double eps) noexcept {
        min_n_ = z_n_;
        min_mean_ = z_mean_;
        eps_min_ = eps;
    }
    void set_max(double eps) noexcept {
        max_n_ = z_n_;
        max_mean_ = z_mean_;
        eps_max_ = eps;
    }
    void refresh_cached_bounds() noexcept {
        eps_min_ = min_n_ > 0.0 ? std::sqrt(1.0 / (2.0 * min_n_) * log_inv_drift_) : 0.0;
        eps_max_ = max_n_ > 0.0 ? std::sqrt(1.0 / (2.0 * max_n_) * log_inv_drift_) : 0.0;
    }
    bool mean_decreased(double log_two_conf) const noexcept {
        if (max_n_ == z_n_) return false;
        const double m = (z_n_ - max_n_) / max_n_ * (1.0 / z_n_);
        return at_least_sqrt(max_mean_ - z_mean_, m / 2.0 * log_two_conf);
    }
    void clear() noexcept {
        drift_ = warning_ = restart_ = false;
        z_n_ = z_mean_ = min_n_ = min_mean_ = max_n_ = max_mean_ = 0.0;
        eps_min_ = eps_max_ = 0.0;
    }

    hddm_a_config cfg_;
    double log_inv_drift_ = 0.0, log_two_drift_ = 0.0, log_two_warning_ = 0.0;
    double z_n_ = 0.0, z_mean_ = 0.0, min_n_ = 0.0, min_mean_ = 0.0, max_n_ = 0.0, max_mean_ = 0.0;
    double eps_min_ = 0.0, eps_max_ = 0.0;  // derived from min_n_, max_n_ (not serialised)
    bool drift_ = false, warning_ = false, restart_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
