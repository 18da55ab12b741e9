// assay/drift/adwin.hpp — ADWIN, adaptive windowing (Bifet & Gavaldà 2007).
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
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// ADWIN's configuration. Defaults equal River 0.26's `drift.ADWIN()`.
struct adwin_config {
    /// Confidence of the cut test, in (0, 1).
    double delta = 0.002;
    /// The window is checked for cuts every `clock` updates (>= 1).
    int clock = 32;
    /// Buckets of each size kept before two are merged (>= 2). MOA fixes 5.
    int max_buckets = 5;
    /// Minimum length of each sub-window of a cut (>= 1).
    int min_window_length = 5;
    /// No cut is tested while the window holds `grace_period` values or fewer (>= 0).
    int grace_period = 10;
    /// River (true): the update after one that signalled drift first resets
    /// the detector (empty window, clock and counters restarted). MOA's raw
    /// `ADWIN` (false): never resets; it keeps shrinking the window, so drift
    /// is often signalled again `clock` updates later.
    bool reset_on_drift = true;
    /// Report drift only when the cut raised the window's mean (an error rate
    /// that got worse), as MOA's `ADWINChangeDetector` does; the window is
    /// shrunk either way. River and MOA's raw `ADWIN`: false.
    bool increase_only = false;
};

/// ADWIN: keeps a window of recent values, compressed into exponential
/// histogram buckets, and drops its oldest part whenever the means of an old
/// and a recent sub-window differ by more than a Hoeffding/Bernstein-style
/// bound. Input: any finite real (an error indicator, a loss).
///
/// Matches River 0.26.1's `river.drift.ADWIN` (its AdaptiveWindowing core)
/// update for update: bucket merging, the cut test
/// `|mean0 − mean1| > sqrt(2·m·σ²·δ') + 2/3·δ'·m` with
/// `δ' = ln(2·ln(width)/δ)`, `m = 1/(n0 − L + 1) + 1/(n1 − L + 1)` (L =
/// min_window_length) and σ² the whole window's variance, the cut points
/// River visits (after every bucket, oldest first, but the newest), the clock and
/// the grace period, and River's reset on the update after a drift. With
/// `reset_on_drift = false` it reproduces MOA's `ADWIN` (`setInput`)
/// detections; MOA's `getVariance()` is `variance_in_window()`. Adding
/// `increase_only = true` reproduces MOA's `ADWINChangeDetector`.
///
/// Single-writer value type: copy it freely; concurrent `update` calls on one
/// object need external synchronisation.
///
/// State size (x86-64): sizeof 224 bytes, plus on the heap 16·(2·max_buckets +
/// 10) + 8 bytes per allocated bucket row (a row keeps room to drop merged
/// buckets without moving the others). A window of width W uses about
/// log2(W / max_buckets) + 2 rows; rows are allocated in powers of two (at
/// least 4), so with the defaults W = 10^7 uses 22 rows, 32 allocated, 10.5 KB.
/// Allocation happens only when the row count first passes 4, 8, 16 or 32
/// (W of roughly 5·2^3, 5·2^7, 5·2^15, 5·2^31): never again once the window
/// has reached its largest width; `reset()` keeps the storage.
class adwin {
public:
    using config_type = adwin_config;
    static constexpr detector_kind kind = detector_kind::adwin;

    /// Throws: `assay::invalid_argument` if a parameter is out of range.
    explicit adwin(const adwin_config& config = {}) : cfg_(validate(config)) {
        init_storage();
        next_check_ = static_cast<std::uint64_t>(cfg_.clock);
    }

    /// Adds `x` to the window and tests for a cut (every `clock` updates).
    /// Returns `status::drift` if the window was shrunk by this update.
    /// Throws: `assay::invalid_argument` if `x` is NaN or infinite (the
    /// detector is unchanged).
    /// Complexity: amortised O(1) for the insertion; a check (every `clock`
    /// updates) costs O(number of buckets) = O(max_buckets · log width) per
    /// pass, plus one pass per dropped bucket.
    status update(double x) {
        if (ASSAY_UNLIKELY(!std::isfinite(x))) {
            ::assay::detail::throw_invalid_argument("drift::adwin::update", "x", "must be finite, got ", x);
        }
        if (drift_ && cfg_.reset_on_drift) clear();
        const double before = cfg_.increase_only ? estimation() : 0.0;
        insert(x);
        drift_ = detect() && (!cfg_.increase_only || estimation() > before);
        return drift_ ? status::drift : status::stable;
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. State and statuses
    /// equal the per-value loop's bit for bit.
    ///
    /// How: the values between two cut checks only enter the window; they
    /// run through one loop that keeps width, total and variance in
    /// registers. Each check then goes through `update(x)`.
    /// Throws: `assay::invalid_argument` at the first value that is NaN or
    /// infinite, after the values before it were applied.
    /// Complexity: that of the per-value loop.
    std::size_t update(const double* first, const double* last) {
        const status base = detail::batch_base(last_status());
        const auto total = static_cast<std::size_t>(last - first);
        std::size_t i = 0;
        while (i < total) {
            if (drift_ && cfg_.reset_on_drift) clear();
            const std::uint64_t to_check = next_check_ - tick_;  // >= 1
            const std::size_t m =
                to_check < static_cast<std::uint64_t>(total - i) ? static_cast<std::size_t>(to_check) : total - i;
            const std::size_t plain = m == to_check ? m - 1 : m;  // values before the check
            const std::size_t ok = detail::finite_prefix(first + i, m);
            const std::size_t run = ok < plain ? ok : plain;
            if (run > 0) {
                insert_run(first + i, run);
                tick_ += run;
                drift_ = false;
                i += run;
            }
            if (ok < m && ok <= plain) (void)update(first[i]);  // throws for the non-finite value
            if (m == to_check) {
                ++i;
                if (update(first[i - 1]) != base) return i;
            }
        }
        return total;
    }

    /// Empties the window and zeroes every counter (River's `_reset`).
    /// Keeps the allocated bucket storage. Complexity: O(1).
    void reset() noexcept { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    /// ADWIN has no warning zone: always false.
    bool warning_detected() const noexcept { return false; }
    status last_status() const noexcept { return drift_ ? status::drift : status::stable; }

    /// Number of values in the window (River `width`).
    double width() const noexcept { return width_; }
    /// Sum of the values in the window (River `total`).
    double total() const noexcept { return total_; }
    /// Mean of the window, 0 when empty (River `estimation`).
    double estimation() const noexcept { return width_ == 0.0 ? 0.0 : total_ / width_; }
    /// River's `variance`: the sum of squared deviations from the mean over
    /// the window (not divided by the width).
    double variance() const noexcept { return variance_; }
    /// `variance() / width()` (MOA's `getVariance()`); 0 when empty.
    double variance_in_window() const noexcept { return width_ == 0.0 ? 0.0 : variance_ / width_; }
    /// Drifts signalled since construction or the last reset (with
    /// `reset_on_drift` that is 0 or 1: River's `n_detections`).
    std::uint64_t n_detections() const noexcept { return n_detections_; }
    /// Updates since construction or the last reset (ADWIN's clock).
    std::uint64_t n_updates() const noexcept { return tick_; }
    /// Number of buckets currently summarising the window.
    std::size_t n_buckets() const noexcept {
        std::size_t n = 0;
        for (std::size_t r = 0; r < n_rows_; ++r) n += counts_[r];
        return n;
    }
    const adwin_config& config() const noexcept { return cfg_; }

    /// Serialises configuration and state (format: assay/drift/checkpoint.hpp;
    /// payload: delta f64, clock/max_buckets/min_window_length/grace_period
    /// u32, reset_on_drift bool, increase_only bool, drift flag bool, tick u64, n_detections u64,
    /// width/total/variance f64, row count u32, then per row its bucket count
    /// u32 and (total f64, variance f64) per bucket, oldest first).
    /// Complexity: O(number of buckets).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.f64(cfg_.delta);
        w.u32(static_cast<std::uint32_t>(cfg_.clock));
        w.u32(static_cast<std::uint32_t>(cfg_.max_buckets));
        w.u32(static_cast<std::uint32_t>(cfg_.min_window_length));
        w.u32(static_cast<std::uint32_t>(cfg_.grace_period));
        w.boolean(cfg_.reset_on_drift);
        w.boolean(cfg_.increase_only);
        w.boolean(drift_);
        w.u64(tick_);
        w.u64(n_detections_);
        w.f64(width_);
        w.f64(total_);
        w.f64(variance_);
        w.u32(static_cast<std::uint32_t>(n_rows_));
        for (std::size_t r = 0; r < n_rows_; ++r) {
            w.u32(counts_[r]);
            for (std::uint32_t k = 0; k < counts_[r]; ++k) {
                w.f64(row_totals(r)[k]);
                w.f64(row_vars(r)[k]);
            }
        }
        return w.finish();
    }

    /// Replaces this detector (configuration included) by the one saved in
    /// `data[0, size)`. Throws: `assay::corrupt_state` if the bytes are
    /// truncated, corrupted, of another detector kind or format version, or
    /// describe an impossible state; the detector is then unchanged.
    /// Complexity: O(size).
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::adwin::load");
        adwin_config c;
        c.delta = in.f64();
        c.clock = read_int(in, "clock");
        c.max_buckets = read_int(in, "max_buckets");
        c.min_window_length = read_int(in, "min_window_length");
        c.grace_period = read_int(in, "grace_period");
        c.reset_on_drift = in.boolean();
        c.increase_only = in.boolean();
        in.check(config_error(c) == nullptr, "invalid configuration: ",
                 config_error(c) ? config_error(c) : "");
        adwin next(c);
        next.drift_ = in.boolean();
        next.tick_ = in.u64();
        next.n_detections_ = in.u64();
        next.width_ = in.finite("width");
        next.total_ = in.finite("total");
        next.variance_ = in.finite("variance");
        const std::uint32_t rows = in.u32();
        in.check(rows <= max_rows, "row count ", rows, " exceeds ", max_rows);
        const auto m = static_cast<std::uint32_t>(c.max_buckets);
        // Each bucket takes 16 payload bytes: refuse counts the payload cannot hold
        // before allocating anything for them.
        in.check(static_cast<std::uint64_t>(rows) * 4 <= in.remaining(), "row count ", rows,
                 " larger than the payload");
        next.reserve_rows(rows);
        double width = 0.0;
        for (std::uint32_t r = 0; r < rows; ++r) {
            const std::uint32_t count = in.u32();
            in.check(count <= m, "row ", r, " holds ", count, " buckets, more than max_buckets ", m);
            in.check(count > 0 || r + 1 < rows, "the oldest row is empty");
            next.starts_[r] = 0;
            for (std::uint32_t k = 0; k < count; ++k) {
                next.row_totals(r)[k] = in.finite("bucket total");
                next.row_vars(r)[k] = in.finite("bucket variance");
            }
            next.counts_[r] = count;
            width += std::ldexp(static_cast<double>(count), static_cast<int>(r));
        }
        next.n_rows_ = rows;
        in.finish();
        next.next_check_ = (next.tick_ / static_cast<std::uint64_t>(c.clock) + 1) * static_cast<std::uint64_t>(c.clock);
        next.abs_bound_ = next.sum_abs_totals();
        in.check(width == next.width_, "width ", next.width_, " does not match its buckets (", width, ")");
        *this = std::move(next);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    /// The reason `c` is invalid, or nullptr.
    static const char* config_error(const adwin_config& c) noexcept {
        if (!(c.delta > 0.0 && c.delta < 1.0)) return "delta must lie in (0, 1)";
        if (c.clock < 1) return "clock must be at least 1";
        if (c.max_buckets < 2 || c.max_buckets > 1 << 16) return "max_buckets must lie in [2, 65536]";
        if (c.min_window_length < 1) return "min_window_length must be at least 1";
        if (c.grace_period < 0) return "grace_period must be at least 0";
        return nullptr;
    }

private:
    static constexpr std::size_t max_rows = 64;

    static const adwin_config& validate(const adwin_config& c) {
        using ::assay::detail::throw_invalid_argument;
        if (!(c.delta > 0.0 && c.delta < 1.0)) throw_invalid_argument("drift::adwin", "delta", "must lie in (0, 1), got ", c.delta);
        if (c.clock < 1) throw_invalid_argument("drift::adwin", "clock", "must be at least 1, got ", c.clock);
        if (c.max_buckets < 2 || c.max_buckets > 1 << 16)
            throw_invalid_argument("drift::adwin", "max_buckets", "must lie in [2, 65536], got ", c.max_buckets);
        if (c.min_window_length < 1)
            throw_invalid_argument("drift::adwin", "min_window_length", "must be at least 1, got ", c.min_window_length);
        if (c.grace_period < 0)
            throw_invalid_argument("drift::adwin", "grace_period", "must be at least 0, got ", c.grace_period);
        return c;
    }

    static int read_int(detail::checkpoint_reader& in, const char* field) {
        const std::uint32_t v = in.u32();
        in.check(v <= 0x7fffffffU, field, " out of range");
        return static_cast<int>(v);
    }

    // Row r keeps its buckets (oldest first) contiguous at
    // [r·stride + starts_[r], + counts_[r]): a merge advances the start past
    // the two oldest instead of moving the others; a row whose end reaches
    // the stride is moved back to its beginning (at most max_buckets + 1
    // values, once per max_buckets / 2 + 4 merges).
    std::size_t row_capacity() const noexcept { return static_cast<std::size_t>(cfg_.max_buckets) + 1; }
    std::size_t row_stride() const noexcept { return 2 * row_capacity() + 8; }
    double* row_totals(std::size_t r) noexcept { return &totals_[r * row_stride() + starts_[r]]; }
    double* row_vars(std::size_t r) noexcept { return &vars_[r * row_stride() + starts_[r]]; }
    const double* row_totals(std::size_t r) const noexcept { return &totals_[r * row_stride() + starts_[r]]; }
    const double* row_vars(std::size_t r) const noexcept { return &vars_[r * row_stride() + starts_[r]]; }
    /// Room for one more bucket at the end of row r.
    void make_room(std::size_t r) noexcept {
        const std::size_t stride = row_stride(), base = r * stride;
        if (starts_[r] + counts_[r] < stride) return;
        for (std::uint32_t k = 0; k < counts_[r]; ++k) {
            totals_[base + k] = totals_[base + starts_[r] + k];
            vars_[base + k] = vars_[base + starts_[r] + k];
        }
        starts_[r] = 0;
    }

    void init_storage() {
        reserve_rows(4);
    }

    void reserve_rows(std::size_t rows) {
        if (rows <= rows_cap_) return;
        const std::size_t stride = row_stride();
        totals_.resize(rows * stride, 0.0);
        vars_.resize(rows * stride, 0.0);
        counts_.resize(rows, 0);
        starts_.resize(rows, 0);
        rows_cap_ = rows;
    }

    void clear() noexcept {
        for (std::size_t r = 0; r < n_rows_; ++r) counts_[r] = starts_[r] = 0;
        n_rows_ = 0;
        width_ = total_ = variance_ = 0.0;
        tick_ = 0;
        n_detections_ = 0;
        drift_ = false;
        next_check_ = static_cast<std::uint64_t>(cfg_.clock);
        abs_bound_ = 0.0;
    }

    void push_back_row() {
        if (n_rows_ == rows_cap_) reserve_rows(rows_cap_ * 2);
        counts_[n_rows_] = starts_[n_rows_] = 0;
        ++n_rows_;
    }

    void insert(double x) {
        if (n_rows_ == 0) push_back_row();
        make_room(0);
        row_totals(0)[counts_[0]] = x;
        row_vars(0)[counts_[0]] = 0.0;
        ++counts_[0];
        width_ += 1.0;
        if (width_ > 1.0) {
            const double a = x - total_ / (width_ - 1.0);
            variance_ += (width_ - 1.0) * a * a / width_;
        }
        total_ += x;
        abs_bound_ += std::fabs(x);
        compress();
    }

    /// insert(x) for each of x[0, n): River's arithmetic, in blocks of 64.
    /// Width, total and variance are stepped in registers; River's two
    /// divisions per value, a = x − total/(width − 1) and (width − 1)·a²/width,
    /// are computed two at a time (correctly rounded: the same bits).
    void insert_run(const double* x, std::size_t n) {
        if (n_rows_ == 0) push_back_row();
        constexpr std::size_t block = detail::batch_block;
        double before[block], term[block];
        const auto full = static_cast<std::uint32_t>(cfg_.max_buckets) + 1;
        for (std::size_t start = 0; start < n; start += block) {
            const std::size_t len = std::min(block, n - start);
            const double* xs = x + start;
            double tot = total_, ab = abs_bound_;
            for (std::size_t k = 0; k < len; ++k) {
                before[k] = tot;
                tot += xs[k];
                ab += std::fabs(xs[k]);
            }
            const double w0 = width_;
            std::size_t k = 0;
            if (w0 == 0.0) term[k++] = 0.0;  // the first value has no variance term
#if defined(ASSAY_DRIFT_SSE2)
            {
                const __m128d one = _mm_set1_pd(1.0), two = _mm_set1_pd(2.0);
                __m128d w = _mm_set_pd(w0 + static_cast<double>(k + 1), w0 + static_cast<double>(k));  // width − 1
                for (; k + 2 <= len; k += 2) {
                    const __m128d av = _mm_sub_pd(_mm_loadu_pd(xs + k), _mm_div_pd(_mm_loadu_pd(before + k), w));
                    const __m128d t = _mm_mul_pd(_mm_mul_pd(w, av), av);
                    _mm_storeu_pd(term + k, _mm_div_pd(t, _mm_add_pd(w, one)));
                    w = _mm_add_pd(w, two);
                }
            }
#endif
            for (; k < len; ++k) {
                const double wm1 = w0 + static_cast<double>(k);
                const double av = xs[k] - before[k] / wm1;
                term[k] = wm1 * av * av / (wm1 + 1.0);
            }
            double var = variance_;
            for (k = 0; k < len; ++k) var += term[k];
            width_ = w0 + static_cast<double>(len);
            total_ = tot;
            variance_ = var;
            abs_bound_ = ab;
            for (k = 0; k < len; ++k) {
                make_room(0);
                const std::uint32_t c0 = counts_[0];
                double* t = row_totals(0);
                t[c0] = xs[k];
                row_vars(0)[c0] = 0.0;
                counts_[0] = c0 + 1;
                if (c0 + 1 == full) {
                    // compress()'s first merge, for buckets of one value (variances 0):
                    // total t0 + t1, variance 1·1·(t0 − t1)²·(0.5·1) + 0 + 0.
                    if (n_rows_ == 1) push_back_row();
                    make_room(1);
                    const double d = t[0] - t[1];
                    row_totals(1)[counts_[1]] = t[0] + t[1];
                    row_vars(1)[counts_[1]] = d * d * 0.5;
                    ++counts_[1];
                    starts_[0] += 2;
                    counts_[0] -= 2;
                    if (counts_[1] == full) compress(1);
                }
            }
        }
    }

    /// River's bucket merging, from row r (rows below it are not full).
    void compress(std::size_t r = 0) {
        const auto full = static_cast<std::uint32_t>(cfg_.max_buckets) + 1;
        // Dividing by a power of two and multiplying by its exact inverse round
        // identically, so River's divisions by the bucket size become products.
        double size = std::ldexp(1.0, static_cast<int>(r)), inv_size = std::ldexp(1.0, -static_cast<int>(r));
        for (; counts_[r] == full; ++r, size *= 2.0, inv_size *= 0.5) {
            if (r + 1 == n_rows_) push_back_row();
            make_room(r + 1);
            const double* t = row_totals(r);
            const double* v = row_vars(r);
            const double mu1 = t[0] * inv_size;
            const double mu2 = t[1] * inv_size;
            const double total12 = t[0] + t[1];
            const double temp = size * size * (mu1 - mu2) * (mu1 - mu2) * (0.5 * inv_size);  // / (size + size)
            const double v12 = v[0] + v[1] + detail::rounded(temp);
            row_totals(r + 1)[counts_[r + 1]] = total12;
            row_vars(r + 1)[counts_[r + 1]] = v12;
            ++counts_[r + 1];
            starts_[r] += 2;
            counts_[r] -= 2;
            if (counts_[r + 1] <= static_cast<std::uint32_t>(cfg_.max_buckets)) break;
        }
    }

    void delete_oldest() {
        const std::size_t r = n_rows_ - 1;
        const double n = std::ldexp(1.0, static_cast<int>(r));
        const double* t = row_totals(r);
        const double* v = row_vars(r);
        const double u = t[0];
        const double mu = u / n;
        const double var = v[0];
        width_ -= n;
        total_ -= u;
        const double mu_window = total_ / width_;
        variance_ -= var + n * width_ * (mu - mu_window) * (mu - mu_window) / (n + width_);
        ++starts_[r];
        if (--counts_[r] == 0) {
            starts_[r] = 0;
            --n_rows_;
        }
    }

    double sum_abs_totals() const noexcept {
        double a = 0.0;
        for (std::size_t r = 0; r < n_rows_; ++r)
            for (std::uint32_t k = 0; k < counts_[r]; ++k) a += std::fabs(row_totals(r)[k]);
        return a;
    }

    // A necessary condition for any cut, checked first. River's threshold is
    // at least its square-root term sqrt(2·m·σ²·δ'), and m = 1/(n0 − L + 1)
    // + 1/(n1 − L + 1) >= 1/n0 + 1/n1 = W/(n0·n1) (W = width). The means'
    // difference is u0/n0 − u1/n1 = W·c/(n0·n1) with c = u0 − n0·U/W, so a
    // cut needs c² > 2·σ²·δ'·n0·n1/W. That is tested with δ' replaced by its
    // value at a smaller width (δ' grows with the width; no logarithm per
    // check), |c| enlarged by a bound of every rounding between it and
    // River's own arithmetic (its running sums and divisions, this sum's
    // own order, U's rounding: together below (buckets + 2)·5.6e-16·(Σ|bucket
    // totals| + |U|); allowed: (buckets + 16)·1e-15·(the same)), and a 1e-9
    // relative margin. Cost: three multiplications per cut point and no
    // division, root or logarithm; when it cannot rule a cut out, River's
    // test runs as before.
    bool no_cut_possible() noexcept {
        const double w = width_;
        if (!(w >= dp_width_ && w < 2.0 * dp_width_)) {
            dp_width_ = w;
            dp_lower_ = std::log(2.0 * std::log(w) / cfg_.delta);
        }
        if (!(dp_lower_ > 0.0)) return false;
        const std::size_t cap = row_capacity();
        const double viw = variance_ / w;
        const double k = 2.0 * viw * dp_lower_ / w * (1.0 - 1e-9);
        const double mu = total_ / w;
        const double slack = static_cast<double>(n_rows_ * cap + 16) * 1e-15 * (abs_bound_ + std::fabs(total_));
        // c runs as the sum of t − size·μ over the buckets; the cut points with
        // a sub-window shorter than min_window_length are screened too (a
        // superset: still a necessary condition).
        double n0 = 0.0, c = 0.0, worst = -1.0;
        double size = std::ldexp(1.0, static_cast<int>(n_rows_) - 1);
        for (std::size_t rr = n_rows_; rr-- > 0; size *= 0.5) {
            const double* t = row_totals(rr);
            const std::uint32_t count = rr != 0 ? counts_[rr] : (counts_[0] == 0 ? 0 : counts_[0] - 1);
            const double size_mu = size * mu;
            for (std::uint32_t j = 0; j < count; ++j) {
                n0 += size;
                c += t[j] - size_mu;
                const double cc = std::fabs(c) + slack;
                worst = std::max(worst, cc * cc - k * n0 * (w - n0));
            }
        }
        const bool maybe = !(worst < 0.0);
        return !maybe;
    }

    /// River's cut test in River's floating-point operation order.
    static bool cut_exact(double n0, double n1, double u0, double u1, double min_len, double viw, double delta_prime,
                          double two_thirds_dp) noexcept {
        const double delta_mean = u0 / n0 - u1 / n1;
        const double m_recip = 1.0 / (n0 - min_len + 1.0) + 1.0 / (n1 - min_len + 1.0);
        const double epsilon = std::sqrt(2.0 * m_recip * viw * delta_prime) + detail::rounded(two_thirds_dp * m_recip);
        return std::fabs(delta_mean) > epsilon;
    }

    // The cut test |u0/n0 − u1/n1| > sqrt(K·m) + c·m, m = 1/a + 1/b (a = n0 −
    // L + 1, b = n1 − L + 1, K = 2·σ²·δ', c = 2/3·δ'), multiplied through by
    // g·a·b (g = n0·n1) so it needs neither division nor square root:
    //     P − Q > S,  P = |u0·n1 − u1·n0|·a·b,  Q = c·(a + b)·g,
    //     S² = g²·K·(a + b)·a·b.
    // Each side is computed with a rounding error far below the 1e-9
    // relative margin (plus an absolute allowance of 1e-12 of the terms whose
    // difference is P, for cancellation) used to decide; a case inside the
    // margin is decided by River's own arithmetic (`cut_exact`), so the result
    // is River's bit for bit while the common case costs a few multiplications.
    bool detect() {
        ++tick_;
        if (tick_ != next_check_) return false;
        next_check_ += static_cast<std::uint64_t>(cfg_.clock);
        if (!(width_ > cfg_.grace_period) || no_cut_possible()) return false;
        bool changed = false;
        const double min_len = cfg_.min_window_length;
        constexpr double tau = 1e-9;
        for (;;) {
            const double viw = variance_ / width_;
            const double delta_prime = std::log(2.0 * std::log(width_) / cfg_.delta);
            const double two_thirds_dp = 2.0 / 3.0 * delta_prime;
            const double k2 = 2.0 * viw * delta_prime;
            const double q_lo = two_thirds_dp * (1.0 - tau), q_hi = two_thirds_dp * (1.0 + tau);
            // |u0| and |u1| never exceed the sum of the buckets' |totals|, so
            // (|u0·n1| + |u1·n0|) <= abs_total·width bounds the cancellation.
            double abs_total = 0.0;
            for (std::size_t rr = 0; rr < n_rows_; ++rr)
                for (std::uint32_t k = 0; k < counts_[rr]; ++k) abs_total += std::fabs(row_totals(rr)[k]);
            const double slack_scale = abs_total * width_ * 1e-12;
            const double len_minus_one = min_len - 1.0;
            const double s2_hi = 1.0 + tau, s2_lo = 1.0 - tau;
            double n0 = 0.0, n1 = width_, u0 = 0.0, u1 = total_;
            bool cut = false;
            double size = std::ldexp(1.0, static_cast<int>(n_rows_) - 1);
            for (std::size_t rr = n_rows_; rr-- > 0 && !cut; size *= 0.5) {
                const double* t = row_totals(rr);
                // The newest bucket of the newest row ends the window: no cut after it.
                const std::uint32_t count = rr != 0 ? counts_[rr] : (counts_[0] == 0 ? 0 : counts_[0] - 1);
                for (std::uint32_t k = 0; k < count; ++k) {
                    n0 += size;
                    n1 -= size;
                    u0 += t[k];
                    u1 -= t[k];
                    // Evaluated without branches; only "maybe a cut" (rare) branches.
                    const double a = n0 - len_minus_one, b = n1 - len_minus_one;
                    const double ab = a * b, apb = a + b, g = n0 * n1;
                    const double p = std::fabs(u0 * n1 - u1 * n0) * ab;
                    const double slack = slack_scale * ab;
                    const double q = apb * g;
                    const double hi = p + slack - q * q_lo;
                    const double lo = p - slack - q * q_hi;
                    const double s2 = (g * g) * (k2 * apb) * ab;
                    const bool valid = (n1 >= min_len) & (n0 >= min_len);
                    const bool surely_not = (hi <= 0.0) | (hi * hi < s2 * s2_lo);
                    if (ASSAY_UNLIKELY(valid & !surely_not)) {
                        const bool surely = (lo > 0.0) & (lo * lo > s2 * s2_hi);
                        cut = surely || cut_exact(n0, n1, u0, u1, min_len, viw, delta_prime, two_thirds_dp);
                        if (cut) break;
                    }
                }
            }
            if (!cut) break;
            changed = true;
            delete_oldest();
        }
        if (changed) {
            ++n_detections_;
            abs_bound_ = sum_abs_totals();
        }
        return changed;
    }

    adwin_config cfg_;
    std::vector<double> totals_;  // row r, bucket k (oldest first) at r * row_stride() + starts_[r] + k
    std::vector<double> vars_;
    std::vector<std::uint32_t> counts_;
    std::vector<std::uint32_t> starts_;
    std::size_t n_rows_ = 0;
    std::size_t rows_cap_ = 0;
    double width_ = 0.0;
    double total_ = 0.0;
    double variance_ = 0.0;
    std::uint64_t tick_ = 0;
    std::uint64_t n_detections_ = 0;
    bool drift_ = false;
    // Derived, not serialised: the tick of the next cut check; an upper bound
    // of the sum of the buckets' |total| (the sum of |x| inserted since it was
    // last recomputed); ln(2·ln(w)/δ) at a width w <= width (a lower bound of
    // River's δ').
    std::uint64_t next_check_ = 0;
    double abs_bound_ = 0.0;
    double dp_width_ = 0.0, dp_lower_ = 0.0;
};

}  // namespace drift
ASSAY_NAMESPACE_END
