// assay/drift/kswin.hpp — KSWIN, Kolmogorov-Smirnov windowing (Raab,
// Heusinger & Schleif 2020).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "../detail/ks_exact.hpp"
#include "batch.hpp"
#include "checkpoint.hpp"
#include "status.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// KSWIN's configuration. alpha, window_size and stat_size default to River
/// 0.26's `drift.KSWIN()`. River's default seed is None (a fresh, unrepeatable
/// draw); assay's sampling always goes through `assay::rng`, seeded with
/// `seed`, so runs are reproducible on every platform.
struct kswin_config {
    /// Significance of the KS test, in (0, 1).
    double alpha = 0.005;
    /// Length of the sliding window (>= 2 · stat_size).
    int window_size = 100;
    /// Number of most recent values compared with as many values drawn from
    /// the rest of the window (1 ..= 10000).
    int stat_size = 30;
    /// Seed of the generator that draws the comparison sample.
    std::uint64_t seed = 0;
};

/// KSWIN on a real-valued stream. Once the window holds `window_size` values,
/// every update draws `stat_size` distinct values uniformly (without
/// replacement) from the oldest `window_size − stat_size` (by rank among them,
/// which draws the same uniformly random subset as River's draw by position,
/// but lets the sample come out sorted) and compares them
/// with the `stat_size` newest with the two-sample Kolmogorov-Smirnov test;
/// drift when `p_value <= alpha` and the statistic > 0.1.
///
/// Same rule and reset as River 0.26.1's `river.drift.KSWIN` (after a drift
/// the next update starts from an empty window and re-seeds the generator).
/// The statistic and p-value are scipy's `ks_2samp(method="auto")` for two
/// samples of equal size n <= 10000 (the exact two-sided distribution,
/// `exact_p_value`). The draws come from `assay::rng`, not Python's `random`,
/// so the alarm indices differ from River's; the decisions given the same
/// draws are identical (checked against River's traces in the tests).
///
/// Single-writer value type. State size (x86-64): sizeof 288 bytes plus about
/// 8·(2·window_size + 3·stat_size) + 4·window_size bytes on the heap, all
/// allocated at construction; `update` never allocates. Complexity of
/// `update`: O(window_size) (sorted insertions, a bitmap pass over the older
/// values and an O(stat_size) merge).
class kswin {
public:
    using config_type = kswin_config;
    static constexpr detector_kind kind = detector_kind::kswin;

    /// Throws: `assay::invalid_argument` for a parameter out of range.
    /// Complexity: O(window_size + stat_size²) (the p-value table).
    explicit kswin(const kswin_config& config = {}) : cfg_(validate(config)), rng_(config.seed) {
        const auto ws = static_cast<std::size_t>(cfg_.window_size);
        const auto r = static_cast<std::size_t>(cfg_.stat_size);
        window_.assign(ws, 0.0);
        // One extra slot holds a +inf sentinel for the branch-free merge.
        recent_.assign(r + 1, std::numeric_limits<double>::infinity());
        old_.assign(ws - r, 0.0);
        sample_.assign(r + 1, std::numeric_limits<double>::infinity());
        perm_.resize(ws - r);
        bits_.assign((ws - r + 63) / 64, 0);
        p_table_.resize(r + 1);
        for (std::size_t h = 0; h <= r; ++h) p_table_[h] = exact_p_value(cfg_.stat_size, static_cast<int>(h));
        clear();
    }

    /// Adds one value and, once the window is full, runs the test.
    /// Throws: `assay::invalid_argument` if x is NaN or infinite (detector
    /// unchanged).
    status update(double x) {
        if (ASSAY_UNLIKELY(!std::isfinite(x))) {
            ::assay::detail::throw_invalid_argument("drift::kswin::update", "x", "must be finite, got ", x);
        }
        if (drift_) clear();
        ++n_;
        push(x);
        drift_ = false;
        if (count_ == window_.size()) {
            test();
            drift_ = p_value_ <= cfg_.alpha && statistic_ > 0.1;
        }
        return drift_ ? status::drift : status::stable;
    }

    /// Batch form of `update(x)` (semantics in assay/drift/batch.hpp): feeds
    /// first[0], first[1], ... and stops right after the first value whose
    /// status differs from the status before the call (drift counting as
    /// stable); returns the number of values consumed. Throws what
    /// `update(x)` throws, at the first rejected value, after the values
    /// before it were applied. Complexity: that of the per-value loop.
    std::size_t update(const double* first, const double* last) { return detail::update_each(*this, first, last); }

    void reset() { clear(); }

    bool drift_detected() const noexcept { return drift_; }
    bool warning_detected() const noexcept { return false; }
    status last_status() const noexcept { return drift_ ? status::drift : status::stable; }

    /// p-value of the last test (0 before the first, as River).
    double p_value() const noexcept { return p_value_; }
    /// KS statistic of the last test (0 before the first).
    double statistic() const noexcept { return statistic_; }
    /// Values in the window.
    std::size_t width() const noexcept { return count_; }
    /// Updates since construction or the last reset.
    std::uint64_t n() const noexcept { return n_; }
    const kswin_config& config() const noexcept { return cfg_; }

    /// P(D >= h/n) for the two-sample KS statistic D of two independent
    /// samples of size n from one continuous distribution (two-sided, exact):
    /// scipy 1.10's `_compute_prob_outside_square(n, h)` (2·(A1 − A2 + A3 −
    /// ...), A_k = C(2n, n − kh)/C(2n, n), evaluated with the same Horner
    /// scheme and operation order, in detail/ks_exact.hpp, shared with
    /// drift::ks_2samp), clipped to [0, 1]; 1 for h = 0.
    /// Throws: `assay::invalid_argument` unless 1 <= n and 0 <= h <= n.
    /// Complexity: O(n).
    static double exact_p_value(int n, int h) {
        ::assay::detail::require(n >= 1, "drift::kswin::exact_p_value", "n", "must be at least 1, got ", n);
        ::assay::detail::require(h >= 0 && h <= n, "drift::kswin::exact_p_value", "h", "must lie in [0, n], got ", h);
        const double p = h == 0 ? 1.0 : ::assay::detail::ks_exact_pvalue(n, n, n, h, true);
        return std::min(1.0, std::max(0.0, p));
    }

    /// n · D for two ascending samples a and b of n values each: the largest
    /// |#{a <= v} − #{b <= v}| over every value v of either sample (the ECDFs
    /// as scipy's `ks_2samp` evaluates them; ties allowed). Complexity: O(n).
    static int statistic_count(const double* a, const double* b, std::size_t n) noexcept {
        std::size_t i = 0, j = 0;
        long best = 0;
        while (i < n || j < n) {
            const double v = (j == n || (i < n && a[i] <= b[j])) ? a[i] : b[j];
            while (i < n && a[i] == v) ++i;
            while (j < n && b[j] == v) ++j;
            const long d = static_cast<long>(i) - static_cast<long>(j);
            const long ad = d < 0 ? -d : d;
            if (ad > best) best = ad;
        }
        return static_cast<int>(best);
    }

    /// Serialises configuration and state (assay/drift/checkpoint.hpp;
    /// payload: alpha f64, window_size and stat_size u32, seed u64, drift
    /// flag, n u64, p_value and statistic f64, the generator's four state
    /// words u64, the window's length u32 and values f64 oldest first, then
    /// the sampling permutation of the older values' ranks,
    /// window_size − stat_size u32).
    /// Complexity: O(window_size).
    std::vector<std::uint8_t> save() const {
        detail::checkpoint_writer w(kind);
        w.f64(cfg_.alpha);
        w.u32(static_cast<std::uint32_t>(cfg_.window_size));
        w.u32(static_cast<std::uint32_t>(cfg_.stat_size));
        w.u64(cfg_.seed);
        w.boolean(drift_);
        w.u64(n_);
        w.f64(p_value_);
        w.f64(statistic_);
        for (std::uint64_t word : rng_.state()) w.u64(word);
        w.u32(static_cast<std::uint32_t>(count_));
        for (std::size_t i = 0; i < count_; ++i) w.f64(at(i));
        for (std::uint32_t v : perm_) w.u32(v);
        return w.finish();
    }
    /// Replaces this detector by a saved one. Throws: `assay::corrupt_state`
    /// (detector unchanged) on truncated, corrupted or foreign bytes.
    /// Complexity: O(window_size + stat_size²).
    void load(const void* data, std::size_t size) {
        detail::checkpoint_reader in(data, size, kind, "drift::kswin::load");
        kswin_config c;
        c.alpha = in.f64();
        const std::uint32_t ws = in.u32(), r = in.u32();
        in.check(ws <= max_window && r <= max_stat, "window sizes out of range");
        c.window_size = static_cast<int>(ws);
        c.stat_size = static_cast<int>(r);
        c.seed = in.u64();
        in.check(config_error(c) == nullptr, "invalid configuration");
        // The rest must fit the payload before anything is allocated.
        in.check(in.remaining() >= 1 + 8 * 3 + 32 + 4 + 4 * static_cast<std::size_t>(ws - r),
                 "payload too short for the window sizes");
        kswin next(c);
        next.drift_ = in.boolean();
        next.n_ = in.u64();
        next.p_value_ = in.f64();
        next.statistic_ = in.f64();
        in.check(next.p_value_ >= 0.0 && next.p_value_ <= 1.0, "p_value outside [0, 1]");
        in.check(next.statistic_ >= 0.0 && next.statistic_ <= 1.0, "statistic outside [0, 1]");
        rng::state_type st;
        for (auto& word : st) word = in.u64();
        in.check((st[0] | st[1] | st[2] | st[3]) != 0, "generator state is all zero");
        next.rng_ = rng(st);
        const std::uint32_t count = in.u32();
        in.check(count <= ws, "window holds ", count, " values, more than ", ws);
        in.check(count <= next.n_, "window longer than the stream");
        for (std::uint32_t i = 0; i < count; ++i) next.window_[i] = in.finite("window value");
        std::vector<bool> seen(ws - r, false);
        for (auto& v : next.perm_) {
            v = in.u32();
            in.check(v < ws - r && !seen[v], "sampling permutation invalid");
            seen[v] = true;
        }
        in.finish();
        next.head_ = 0;
        next.count_ = count;
        const std::size_t nr = std::min<std::size_t>(count, r);
        const auto split = next.window_.begin() + static_cast<std::ptrdiff_t>(count - nr);
        std::copy(split, next.window_.begin() + static_cast<std::ptrdiff_t>(count), next.recent_.begin());
        std::sort(next.recent_.begin(), next.recent_.begin() + static_cast<std::ptrdiff_t>(nr));
        next.n_recent_ = nr;
        std::copy(next.window_.begin(), split, next.old_.begin());
        std::sort(next.old_.begin(), next.old_.begin() + static_cast<std::ptrdiff_t>(count - nr));
        next.n_old_ = count - nr;
        *this = std::move(next);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    static const char* config_error(const kswin_config& c) noexcept {
        if (!(c.alpha > 0.0 && c.alpha < 1.0)) return "alpha must lie in (0, 1)";
        if (c.stat_size < 1 || c.stat_size > static_cast<int>(max_stat)) return "stat_size must lie in [1, 10000]";
        if (c.window_size < 2 * c.stat_size || c.window_size > static_cast<int>(max_window))
            return "window_size must lie in [2 * stat_size, 2^26]";
        return nullptr;
    }

private:
    static constexpr std::uint32_t max_stat = 10000;
    static constexpr std::uint32_t max_window = 1u << 26;

    static const kswin_config& validate(const kswin_config& c) {
        if (const char* e = config_error(c)) ::assay::detail::throw_invalid_argument("drift::kswin", "config", e);
        return c;
    }

    double at(std::size_t i) const noexcept {  // i-th value, oldest first
        std::size_t k = head_ + i;
        if (k >= window_.size()) k -= window_.size();
        return window_[k];
    }

    void clear() noexcept {
        drift_ = false;
        head_ = count_ = n_recent_ = n_old_ = 0;
        n_ = 0;
        p_value_ = statistic_ = 0.0;
        rng_.seed(cfg_.seed);
        for (std::size_t i = 0; i < perm_.size(); ++i) perm_[i] = static_cast<std::uint32_t>(i);
    }

    static void erase_sorted(double* a, std::size_t& n, double v) noexcept {
        double* pos = std::lower_bound(a, a + n, v);
        std::copy(pos + 1, a + n, pos);
        --n;
    }
    static void insert_sorted(double* a, std::size_t& n, double v) noexcept {
        double* end = a + n;
        double* pos = std::upper_bound(a, end, v);
        std::copy_backward(pos, end, end + 1);
        *pos = v;
        ++n;
    }

    // Keeps the newest min(count, stat_size) values sorted in recent_ and the
    // older ones sorted in old_.
    void push(double x) {
        const std::size_t ws = window_.size(), r = stat_size();
        if (count_ == ws) erase_sorted(old_.data(), n_old_, at(0));  // the oldest leaves the window
        if (n_recent_ == r) {                                         // the oldest recent value ages
            const double aging = at(count_ - r);
            erase_sorted(recent_.data(), n_recent_, aging);
            insert_sorted(old_.data(), n_old_, aging);
        }
        insert_sorted(recent_.data(), n_recent_, x);
        if (count_ == ws) {
            window_[head_] = x;
            if (++head_ == ws) head_ = 0;
        } else {
            std::size_t k = head_ + count_;
            if (k >= ws) k -= ws;
            window_[k] = x;
            ++count_;
        }
    }

    // Draws stat_size distinct ranks of the older values (a uniformly random
    // subset of them, like River's draw of positions) with a partial
    // Fisher-Yates shuffle, marks them in a bitmap and reads them back in rank
    // order: the sample comes out sorted without a sort.
    void test() {
        const std::size_t r = stat_size();
        const std::uint64_t m = perm_.size();
        for (std::size_t i = 0; i < r; ++i) {
            const auto j = static_cast<std::size_t>(i + uniform_index(rng_, m - i));
            std::swap(perm_[i], perm_[j]);
            bits_[perm_[i] >> 6] |= std::uint64_t{1} << (perm_[i] & 63);
        }
        std::size_t k = 0;
        for (std::size_t w = 0; w < bits_.size(); ++w) {
            std::uint64_t word = bits_[w];
            bits_[w] = 0;
            while (word != 0) {
                sample_[k++] = old_[w * 64 + lowest_bit(word)];
                word &= word - 1;
            }
        }
        const int h = sentinel_statistic_count(sample_.data(), recent_.data(), r);
        statistic_ = static_cast<double>(h) / static_cast<double>(r);
        p_value_ = p_table_[static_cast<std::size_t>(h)];
    }

    std::size_t stat_size() const noexcept { return static_cast<std::size_t>(cfg_.stat_size); }

    // statistic_count for arrays followed by a +inf sentinel. The merge of
    // 2n steps is cut into C independent stretches (merge-path partition), run
    // interleaved so their load-compare chains overlap; within each, the
    // count difference is taken only where the next merged value is larger
    // (the end of a tie group), without unpredictable branches.
    static int sentinel_statistic_count(const double* a, const double* b, std::size_t n) noexcept {
        return (2 * n) % 4 == 0 ? interleaved_count<4>(a, b, n) : interleaved_count<2>(a, b, n);
    }

    template <std::size_t C>
    static int interleaved_count(const double* a, const double* b, std::size_t n) noexcept {
        const std::size_t len = 2 * n / C;
        std::size_t i[C], j[C];
        for (std::size_t c = 0; c < C; ++c) {
            // First k merged values = a[0, i) and b[0, k − i) (ties: a first).
            const std::size_t k = c * len;
            std::size_t lo = k > n ? k - n : 0, hi = k < n ? k : n;
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                if (a[mid] <= b[k - mid - 1]) lo = mid + 1;
                else hi = mid;
            }
            i[c] = lo;
            j[c] = k - lo;
        }
        long best = 0;
        for (std::size_t step = 0; step < len; ++step) {
            for (std::size_t c = 0; c < C; ++c) {
                const bool take_a = a[i[c]] <= b[j[c]];
                const double v = take_a ? a[i[c]] : b[j[c]];
                i[c] += take_a;
                j[c] += !take_a;
                const double next = a[i[c]] < b[j[c]] ? a[i[c]] : b[j[c]];
                const long d = static_cast<long>(i[c]) - static_cast<long>(j[c]);
                const long ad = d < 0 ? -d : d;
                const long candidate = next > v ? ad : 0;
                best = candidate > best ? candidate : best;
            }
        }
        return static_cast<int>(best);
    }

    static unsigned lowest_bit(std::uint64_t w) noexcept {
#if defined(__GNUC__) || defined(__clang__)
        return static_cast<unsigned>(__builtin_ctzll(w));
#else
        unsigned b = 0;
        while (!(w & 1)) {
            w >>= 1;
            ++b;
        }
        return b;
#endif
    }

    kswin_config cfg_;
    rng rng_;
    std::vector<double> window_;   // ring buffer, oldest at head_
    std::vector<double> recent_;   // the newest min(count, stat_size) values, ascending
    std::vector<double> old_;      // the older count − stat_size values, ascending
    std::vector<double> sample_;   // scratch: the drawn comparison sample
    std::vector<std::uint32_t> perm_;  // ranks 0..window−stat−1 of old_, the first stat_size drawn
    std::vector<std::uint64_t> bits_;  // scratch bitmap over old_'s ranks
    std::vector<double> p_table_;  // exact_p_value(stat_size, h)
    std::size_t head_ = 0, count_ = 0, n_recent_ = 0, n_old_ = 0;
    std::uint64_t n_ = 0;
    double p_value_ = 0.0, statistic_ = 0.0;
    bool drift_ = false;
};

}  // namespace drift
ASSAY_NAMESPACE_END
