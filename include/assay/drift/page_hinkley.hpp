// assay/drift/page_hinkley.hpp — the Page-Hinkley test (Page 1954) with a
// forgetting factor.
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

/// Which changes of the mean Page-Hinkley watches.
enum class page_hinkley_mode : std::uint8_t { up = 0, down = 1, both = 2 };

/// Page-Hinkley's configuration. Defaults equal River 0.26's
/// `drift.PageHinkley()` (mode "both"). MOA's `PageHinkleyDM` is a different
/// one-sided test: `moa_semantics = true` (its `lambda` is `threshold`).
struct page_hinkley_config {
    /// No drift before `min_instances` values (>= 1).
    int min_instances = 30;
    /// Magnitude of changes tolerated (>= 0).
    double delta = 0.005;
    /// Drift when a cumulative sum exceeds it (lambda, > 0).
    double threshold = 50.0;
    /// Forgetting factor of the cumulative sums, in (0, 1].
    double alpha = 1.0 - 0.0001;
    page_hinkley_mode mode = page_hinkley_mode::both;
    /// MOA's `PageHinkleyDM` instead of River's: one-sided (increases; `mode`
    /// is ignored), the mean updated as `m + (x − m)/n`, the statistic is the
    /// cumulative sum itself (no running minimum is subtracted), tested from
    /// the (min_instances − 1)-th value on (MOA counts from 1). With the same
    /// parameters (threshold = MOA's lambda) this reproduces MOA.
    bool moa_semantics = false;
};

/// Page-Hinkley on a real-valued stream: with the running mean x̄,
/// `up = α·up + (x − x̄) − δ`, `down = α·down + (x − x̄) + δ`; drift when
/// `up − min(up) > threshold` (mode up/both) or `max(down) − down >
/// threshold` (mode down/both), once at least `min_instances` values were seen.
///
/// Matches River 0.26.1's `river.drift.PageHinkley` update for update,
/// including its initial max(down) of −1 and its reset on the update after a
/// drift. `moa_semantics` follows MOA's PageHinkleyDM instead.
/// Single-writer value type. State size (x86-64): 96 bytes.
class page_hinkley {
public:
    using config_type = page_hinkley_config;
    static constexpr detector_kind kind = detector_kind::page_hinkley;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    explicit page_hinkley(const page_hinkley_config& config = {}) : cfg_(validate(config)) { clear(); }

    /// Adds one value. Throws: `assay::invalid_argument` if x is NaN or
    /// infinite (detector unchanged). Complexity: O(1).
    status update(double x) {
        if (ASSAY_UNLIKELY(!std::isfinite(x))) {
            ::assay::detail::throw_invalid_argument("drift::page_hinkley::update", "x", "must be finite, got ", x);
        }
        if (cfg_.moa_semantics) {
            if (drift_) clear();
            n_ += 1.0;
            mean_ = mean_ + (x - mean_) / n_;
            sum_increase_ = detail::rounded(cfg_.alpha * sum_increase_) + (x - mean_ - cfg_.delta);
            drift_ = n_ + 1.0 >= cfg_.min_instances && sum_increase_ > cfg_.threshold;
            return drift_ ? status::drift : status::stable;
        }
        return step(x);
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. State and statuses
    /// equal the per-value loop's bit for bit.
    ///
    /// How: a block of 64 values steps the running mean and the two
    /// cumulative sums in registers with River's roundings (1/n two at a
    /// time, correctly rounded as River's division); the drift tests are
    /// bounded by the block's extremes of the sums, and only a block whose
    /// bound reaches the threshold is scanned value by value for the drift.
    /// Throws what `update(x)` throws, at the first rejected value, after the
    /// values before it were applied. Complexity: O(last − first).
    std::size_t update(const double* first, const double* last) {
        if (cfg_.moa_semantics) return detail::update_each(*this, first, last);
        const auto total = static_cast<std::size_t>(last - first);
        constexpr std::size_t block = detail::batch_block;
        double ups[block], downs[block];
        const double alpha = cfg_.alpha, delta = cfg_.delta, threshold = cfg_.threshold;
        const bool test_up = cfg_.mode != page_hinkley_mode::down, test_down = cfg_.mode != page_hinkley_mode::up;
        std::size_t i = 0;
        while (i < total) {
            const double* x = first + i;
            if (drift_) clear();  // the update after a drift starts afresh
            const std::size_t len = std::min(block, total - i);
            // The running mean and the two sums, River's roundings, in registers.
            double mean = mean_, up = sum_increase_, down = sum_decrease_;
            const auto chain = [&](double rk, std::size_t j) ASSAY_INLINE_LAMBDA {
                mean = mean + detail::rounded(rk * (x[j] - mean));
                const double dev = x[j] - mean;
                up = detail::rounded(alpha * up) + dev - delta;
                down = detail::rounded(alpha * down) + dev + delta;
                ups[j] = up;
                downs[j] = down;
            };
            // The 1/n of two values at a time, in the same loop: the divisions
            // overlap the dependency chains instead of preceding them.
            std::size_t k = 0;
            const double n0 = n_;
            detail::reciprocal_pairs reciprocal(n0);
            for (; k + 2 <= len; k += 2) {
                double r0, r1;
                reciprocal.next(r0, r1);
                chain(r0, k);
                chain(r1, k + 1);
            }
            if (k < len) chain(1.0 / (n0 + static_cast<double>(k) + 1.0), k);
            // A value that is not finite leaves the mean not finite (it stays NaN
            // once it is); so can an overflow of finite values. Either way the
            // block goes value by value, where update(x) rejects the first bad one.
            if (ASSAY_UNLIKELY(!(mean - mean == 0.0))) {
                for (std::size_t j = 0; j < len; ++j) {
                    ++i;
                    if (update(x[j]) != status::stable) return i;
                }
                continue;
            }
            // Values from `tested` on have n >= min_instances. None of them
            // drifts when even the block's extremes stay within the threshold:
            // up_k − min(up_1..k) <= max(up_tested) − min(up_min, min(up)),
            // likewise for down.
            const double before = static_cast<double>(cfg_.min_instances) - n0 - 1.0;
            const std::size_t tested = before <= 0.0 ? 0 : before >= static_cast<double>(len) ? len : static_cast<std::size_t>(before);
            double up_lo, up_hi, down_lo, down_hi;
            detail::min_max(ups, len, up_lo, up_hi);
            detail::min_max(downs, len, down_lo, down_hi);
            double up_min = std::min(min_increase_, up_lo), down_max = std::max(max_decrease_, down_hi);
            bool fired = false;
            if (tested < len) {
                if (tested > 0) {
                    detail::min_max(ups + tested, len - tested, up_lo, up_hi);
                    detail::min_max(downs + tested, len - tested, down_lo, down_hi);
                }
                fired = (test_up && up_hi - up_min > threshold) || (test_down && down_max - down_lo > threshold);
            }
            std::size_t applied = len;
            if (ASSAY_UNLIKELY(fired)) {
                // River's running minimum and maximum value by value, to the
                // first drift (if the bound was not tight, none).
                up_min = min_increase_;
                down_max = max_decrease_;
                for (std::size_t j = 0; j < len; ++j) {
                    if (ups[j] < up_min) up_min = ups[j];
                    if (downs[j] > down_max) down_max = downs[j];
                    if (j >= tested && ((test_up && ups[j] - up_min > threshold) ||
                                        (test_down && down_max - downs[j] > threshold))) {
                        applied = j + 1;
                        drift_ = true;
                        break;
                    }
                }
                if (applied < len) {  // the mean after the drifting value, again
                    mean = mean_;
                    for (std::size_t j = 0; j < applied; ++j)
                        mean = mean + detail::rounded((1.0 / (n0 + static_cast<double>(j + 1))) * (x[j] - mean));
                }
            }
            n_ = n0 + static_cast<double>(applied);
            mean_ = mean;
            sum_increase_ = ups[applied - 1];
            sum_decrease_ = downs[applied - 1];
            min_increase_ = up_min;
            max_decrease_ = down_max;
            i += applied;
            if (drift_) return i;
        }
        return total;
    }

    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return false; }
    status last_status() const noexcept { return drift_ ? status::drift : status::stable; }

    /// Running mean of the values since the last reset.
    double mean() const noexcept { return mean_; }
    double n() const noexcept { return n_; }
    /// The two test statistics after the last update: up − min(up) and
    /// max(down) − down (with moa_semantics: the cumulative sum, and unused).
    double test_increase() const noexcept { return sum_increase_ - min_increase_; }
    double test_decrease() const noexcept { return max_decrease_ - sum_decrease_; }
    const page_hinkley_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: min_instances u32, delta, threshold, alpha f64, mode u8,
    /// drift flag, n, mean, sum_increase, sum_decrease, min_increase,
    /// max_decrease f64).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.u32(static_cast<std::uint32_t>(cfg_.min_instances));
        w.f64(cfg_.delta);
        w.f64(cfg_.threshold);
        w.f64(cfg_.alpha);
        w.u8(static_cast<std::uint8_t>(cfg_.mode));
        w.boolean(cfg_.moa_semantics);
        w.boolean(drift_);
        for (double v : {n_, mean_, sum_increase_, sum_decrease_, min_increase_, max_decrease_}) w.f64(v);
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::page_hinkley::load");
        page_hinkley_config c;
        const std::uint32_t mi = in.u32();
        in.check(mi <= 0x7fffffffU, "min_instances out of range");
        c.min_instances = static_cast<int>(mi);
        c.delta = in.f64();
        c.threshold = in.f64();
        c.alpha = in.f64();
        const std::uint8_t mode = in.u8();
        in.check(mode <= 2, "unknown mode ", int(mode));
        c.mode = static_cast<page_hinkley_mode>(mode);
        c.moa_semantics = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration");
        page_hinkley next(c);
        next.drift_ = in.boolean();
        next.n_ = in.finite("n");
        next.mean_ = in.finite("mean");
        next.sum_increase_ = in.finite("sum_increase");
        next.sum_decrease_ = in.finite("sum_decrease");
        next.min_increase_ = in.f64();
        next.max_decrease_ = in.finite("max_decrease");
        in.finish();
        in.check(next.n_ >= 0.0 && next.n_ == std::floor(next.n_), "n is not a count");
        in.check(!std::isnan(next.min_increase_) && next.min_increase_ != -std::numeric_limits<double>::infinity(),
                 "min_increase invalid");
        *this = next;
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const page_hinkley_config& c) noexcept {
        if (c.min_instances < 1) return "min_instances must be at least 1";
        if (!(c.delta >= 0.0) || !std::isfinite(c.delta)) return "delta must be finite and >= 0";
        if (!(c.threshold > 0.0) || !std::isfinite(c.threshold)) return "threshold must be finite and > 0";
        if (!(c.alpha > 0.0 && c.alpha <= 1.0)) return "alpha must lie in (0, 1]";
        if (static_cast<unsigned>(c.mode) > 2) return "mode must be up, down or both";
        return nullptr;
    }

private:
    static const page_hinkley_config& validate(const page_hinkley_config& c) {
        if (const char* e = config_error(c))
            ::assay::detail::throw_invalid_argument("drift::page_hinkley", "config", e);
        return c;
    }
    /// River's update, x already checked.
    status step(double x) noexcept {
        if (drift_) clear();
        n_ += 1.0;
        mean_ += detail::rounded((1.0 / n_) * (x - mean_));
        const double dev = x - mean_;
        sum_increase_ = detail::rounded(cfg_.alpha * sum_increase_) + dev - cfg_.delta;
        sum_decrease_ = detail::rounded(cfg_.alpha * sum_decrease_) + dev + cfg_.delta;
        if (sum_increase_ < min_increase_) min_increase_ = sum_increase_;
        if (sum_decrease_ > max_decrease_) max_decrease_ = sum_decrease_;
        if (n_ >= cfg_.min_instances) {
            const double up = sum_increase_ - min_increase_;
            const double down = max_decrease_ - sum_decrease_;
            switch (cfg_.mode) {
                case page_hinkley_mode::up: drift_ = up > cfg_.threshold; break;
                case page_hinkley_mode::down: drift_ = down > cfg_.threshold; break;
                default: drift_ = up > cfg_.threshold || down > cfg_.threshold; break;
            }
        }
        return drift_ ? status::drift : status::stable;
    }

    void clear() noexcept {
        drift_ = false;
        n_ = mean_ = sum_increase_ = sum_decrease_ = 0.0;
        min_increase_ = cfg_.moa_semantics ? 0.0 : std::numeric_limits<double>::infinity();
        max_decrease_ = -1.0;
    }

    page_hinkley_config cfg_;
    double n_ = 0.0, mean_ = 0.0, sum_increase_ = 0.0, sum_decrease_ = 0.0;
    double min_increase_ = std::numeric_limits<double>::infinity();
    double max_decrease_ = -1.0;
    bool drift_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
