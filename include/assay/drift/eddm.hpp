// assay/drift/eddm.hpp — EDDM, the early drift detection method
// (Baena-García et al. 2006).
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

/// EDDM's configuration. Defaults equal River 0.26's `drift.binary.EDDM()`.
struct eddm_config {
    /// No decision before more than `warm_start` values and more than
    /// `warm_start` errors (>= 0).
    int warm_start = 30;
    /// Warning when (p' + 2s') / max(p' + 2s') < alpha, in (0, 1].
    double alpha = 0.95;
    /// Drift when the same ratio < beta, in (0, alpha].
    double beta = 0.9;
    /// MOA's `EDDM` instead of River's: population standard deviation
    /// (divided by the number of errors, `sqrt`), mean updated as
    /// `m + (d − m)/k`, the maximum starting at 0 and recorded only after
    /// more than `warm_start` values (MOA counts from 1, so one update
    /// earlier), the warning cleared by every error and kept across the reset
    /// that follows a drift. With the defaults this reproduces MOA's EDDM.
    bool moa_semantics = false;
};

/// EDDM on a stream of 0/1 errors: tracks the mean p' and standard deviation
/// s' (sample, ddof 1) of the distance between consecutive errors, and the
/// largest p' + 2s' seen.
///
/// Matches River 0.26.1's `river.drift.binary.EDDM` update for update: the
/// statistics change only on an error (x = 1); the distance of the first error
/// is counted from the start; s' = var^0.5 computed with `pow` as Python's
/// `** 0.5`; a new maximum suppresses the test; the warning flag is left as it
/// was on a drift (so a drift may also report a warning) and on a correct
/// prediction; reset on the update after a drift. MOA's EDDM differs (its
/// standard deviation, maximum and warm-up): `moa_semantics = true` follows it.
/// Single-writer value type. State size (x86-64): 96 bytes.
class eddm {
public:
    using config_type = eddm_config;
    static constexpr detector_kind kind = detector_kind::eddm;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    explicit eddm(const eddm_config& config = {}) : cfg_(validate(config)) { clear(); }

    /// Adds one outcome (1 = error, 0 = correct).
    /// Throws: `assay::invalid_argument` unless x is exactly 0 or 1.
    /// Complexity: O(1).
    status update(double x) {
        detail::require_binary("drift::eddm::update", x);
        if (cfg_.moa_semantics) return update_moa(x);
        if (drift_) clear();
        n_ += 1;
        if (x == 1.0) on_error();
        return detail::make_status(drift_, warning_);
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. State and statuses
    /// equal the per-value loop's bit for bit.
    ///
    /// How: a correct prediction only counts, so a block of 64 values is
    /// checked and turned into a bit mask of its errors at once, and only the
    /// errors are visited.
    /// Throws: `assay::invalid_argument` at the first value that is not
    /// exactly 0 or 1, after the values before it were applied.
    /// Complexity: O(last − first).
    std::size_t update(const double* first, const double* last) {
        if (cfg_.moa_semantics) return detail::update_each(*this, first, last);
        const status base = detail::batch_base(last_status());
        const auto total = static_cast<std::size_t>(last - first);
        std::size_t i = 0;
        while (i < total) {
            const double* x = first + i;
            const std::size_t len = detail::binary_prefix(x, std::min(detail::batch_block, total - i));
            if (len == 0) detail::require_binary("drift::eddm::update", x[0]);
            if (drift_) {
                ++i;
                if (update(x[0]) != base) return i;
                continue;
            }
            const std::uint64_t n0 = n_;
            for (std::uint64_t errors = detail::ones_mask(x, len); errors != 0; errors &= errors - 1) {
                const unsigned k = detail::lowest_bit(errors);
                n_ = n0 + k + 1;
                on_error();
                if (detail::make_status(drift_, warning_) != base) {
                    i += k + 1;
                    return i;
                }
            }
            n_ = n0 + len;
            i += len;
        }
        return total;
    }

    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return warning_; }
    status last_status() const noexcept { return detail::make_status(drift_, warning_); }

    /// Mean distance between consecutive errors, p'.
    double mean_distance() const noexcept { return mean_; }
    /// Sample standard deviation of those distances, s' (0 with fewer than 2).
    double std_distance() const noexcept { return std_dev(); }
    /// Largest p' + 2s' seen (−1 before the first).
    double p2s_max() const noexcept { return p2s_max_; }
    std::uint64_t n() const noexcept { return n_; }
    std::uint64_t n_errors() const noexcept { return n_errors_; }
    const eddm_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: warm_start u32, alpha, beta f64, moa_semantics bool, drift and
/// warning flags,
    /// n, n_errors, last_error u64, count, mean, m2, p2s_max f64).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.u32(static_cast<std::uint32_t>(cfg_.warm_start));
        w.f64(cfg_.alpha);
        w.f64(cfg_.beta);
        w.boolean(cfg_.moa_semantics);
        w.boolean(drift_);
        w.boolean(warning_);
        w.u64(n_);
        w.u64(n_errors_);
        w.u64(last_error_);
        for (double v : {count_, mean_, m2_, p2s_max_}) w.f64(v);
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::eddm::load");
        eddm_config c;
        const std::uint32_t ws = in.u32();
        in.check(ws <= 0x7fffffffU, "warm_start out of range");
        c.warm_start = static_cast<int>(ws);
        c.alpha = in.f64();
        c.beta = in.f64();
        c.moa_semantics = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration");
        eddm next(c);
        next.drift_ = in.boolean();
        next.warning_ = in.boolean();
        next.n_ = in.u64();
        next.n_errors_ = in.u64();
        next.last_error_ = in.u64();
        next.count_ = in.finite("count");
        next.mean_ = in.finite("mean");
        next.m2_ = in.finite("m2");
        next.p2s_max_ = in.finite("p2s_max");
        in.finish();
        in.check(next.n_errors_ <= next.n_ && next.last_error_ <= next.n_, "counters inconsistent");
        in.check(next.count_ == static_cast<double>(next.n_errors_), "error count inconsistent");
        in.check(next.m2_ >= 0.0, "m2 negative");
        in.check(next.p2s_max_ >= -1.0, "p2s_max invalid");
        *this = next;
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const eddm_config& c) noexcept {
        if (c.warm_start < 0) return "warm_start must be at least 0";
        if (!(c.alpha > 0.0 && c.alpha <= 1.0)) return "alpha must lie in (0, 1]";
        if (!(c.beta > 0.0 && c.beta <= c.alpha)) return "beta must lie in (0, alpha]";
        return nullptr;
    }

private:
    static const eddm_config& validate(const eddm_config& c) {
        if (const char* e = config_error(c)) ::assay::detail::throw_invalid_argument("drift::eddm", "config", e);
        return c;
    }
    /// River's update for an error at the (already counted) n-th value.
    ///
    /// River compares p' + 2s' (s' = var^0.5 by `pow`) with its maximum and
    /// level = (p' + 2s')/max with beta and alpha. The same sum with
    /// s' = sqrt(var) (correctly rounded, within 1 ulp of pow's) is within a
    /// few ulp of River's (both terms are positive), so a comparison it wins
    /// by a relative 1e-12 is River's; only the rest, and a new maximum
    /// (stored), pay for `pow`.
    void on_error() noexcept {
        ++n_errors_;
        const double d = static_cast<double>(n_ - last_error_);
        const double mean_old = mean_;
        count_ += 1.0;
        mean_ += detail::rounded((1.0 / count_) * (d - mean_));
        m2_ += detail::rounded((d - mean_old) * (d - mean_));
        last_error_ = n_;
        if (n_ <= static_cast<std::uint64_t>(cfg_.warm_start)) return;
        constexpr double tau = 1e-12;
        const double var = count_ > 1.0 ? m2_ / (count_ - 1.0) : 0.0;
        const double p2s_approx = mean_ + 2.0 * std::sqrt(var);
        if (p2s_approx > p2s_max_ * (1.0 + tau)) {
            p2s_max_ = mean_ + 2.0 * std::pow(var, 0.5);
            return;
        }
        if (p2s_approx >= p2s_max_ * (1.0 - tau)) {
            const double p2s = mean_ + 2.0 * std::pow(var, 0.5);
            if (p2s > p2s_max_) {
                p2s_max_ = p2s;
            } else if (n_errors_ > static_cast<std::uint64_t>(cfg_.warm_start)) {
                decide(p2s / p2s_max_);
            }
            return;
        }
        if (n_errors_ <= static_cast<std::uint64_t>(cfg_.warm_start)) return;
        const double b = cfg_.beta * p2s_max_, a = cfg_.alpha * p2s_max_;
        if (p2s_approx < b * (1.0 - tau)) {
            drift_ = true;
        } else if (p2s_approx > b * (1.0 + tau) && p2s_approx < a * (1.0 - tau)) {
            warning_ = true;
        } else if (p2s_approx > a * (1.0 + tau)) {
            warning_ = false;
        } else {
            decide((mean_ + 2.0 * std::pow(var, 0.5)) / p2s_max_);
        }
    }
    void decide(double level) noexcept {
        if (level < cfg_.beta) {
            drift_ = true;
        } else if (level < cfg_.alpha) {
            warning_ = true;
        } else {
            warning_ = false;
        }
    }

    double std_dev() const noexcept {
        const double var = count_ > 1.0 ? m2_ / (count_ - 1.0) : 0.0;
        return std::pow(var, 0.5);  // Python's var ** 0.5; glibc's pow differs from sqrt in ~0.2% of cases
    }

    status update_moa(double x) noexcept {
        if (drift_) {
            const bool keep_warning = warning_;
            clear();
            p2s_max_ = 0.0;
            warning_ = keep_warning;
        }
        n_ += 1;
        const bool warm = n_ + 1 > static_cast<std::uint64_t>(cfg_.warm_start);  // MOA's m_n = n + 1
        if (x == 1.0) {
            warning_ = false;
            ++n_errors_;
            const double d = static_cast<double>(n_ - last_error_);
            const double mean_old = mean_;
            count_ += 1.0;
            mean_ = mean_ + (d - mean_) / count_;
            m2_ = m2_ + detail::rounded((d - mean_) * (d - mean_old));
            const double p2s = mean_ + 2.0 * std::sqrt(m2_ / count_);
            if (p2s > p2s_max_) {
                if (warm) p2s_max_ = p2s;
            } else {
                const double level = p2s / p2s_max_;
                const bool armed = warm && n_errors_ > static_cast<std::uint64_t>(cfg_.warm_start);
                if (armed && level < cfg_.beta) drift_ = true;
                else warning_ = armed && level < cfg_.alpha;
            }
            last_error_ = n_;
        }
        return detail::make_status(drift_, warning_);
    }

    void clear() noexcept {
        if (cfg_.moa_semantics) {
            drift_ = warning_ = false;
            n_ = n_errors_ = last_error_ = 0;
            count_ = mean_ = m2_ = 0.0;
            p2s_max_ = 0.0;
            return;
        }
        drift_ = warning_ = false;
        n_ = n_errors_ = last_error_ = 0;
        count_ = mean_ = m2_ = 0.0;
        p2s_max_ = -1.0;
    }

    eddm_config cfg_;
    std::uint64_t n_ = 0, n_errors_ = 0, last_error_ = 0;
    double count_ = 0.0, mean_ = 0.0, m2_ = 0.0;
    double p2s_max_ = -1.0;
    bool drift_ = false, warning_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
