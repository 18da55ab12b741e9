// assay/metrics/curves.hpp — ranking metrics of binary scores: the
// cumulative counts behind every curve (`binary_clf_curve`), ROC curve and
// AUC (with McClish-standardised partial AUC), precision-recall curve,
// average precision, DET curve; and an exact streaming accumulator for them.
//
// Conventions (scikit-learn 1.2.1, see tests/reference/README.md):
// * Rows with zero sample weight are dropped first (their scores never
//   become thresholds).
// * Scores are ordered descending with a stable sort (scikit-learn's
//   mergesort, reversed); ties are collapsed into one point per distinct
//   score, so tied rows move the curve together (a diagonal step: ties count
//   one half in the AUC). -0.0 and +0.0 are the same score.
// * Thresholds are the distinct scores; a row is predicted positive when its
//   score is >= the threshold.
//
// Sorting uses radix methods on the bits of the scores (see
// assay/detail/radix_sort.hpp): O(n) passes instead of O(n log n)
// comparisons. Unweighted inputs of 2^12 rows and more are not sorted whole:
// the rows are scattered into buckets of score values as they are read, and
// each bucket is sorted in cache (both classes in one array of 8-byte keys)
// and walked at once (walk_relative, walk_partitioned); smaller ones sort the
// keys of each class and merge them (walk_merged). All give the same points.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "detail/input.hpp"
#include "../detail/memory.hpp"
#include "../detail/radix_sort.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <type_traits>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Cumulative (weighted) false and true positives at each distinct score,
/// in decreasing score order (scikit-learn 1.2.1 `_binary_clf_curve`).
struct binary_clf_curve_result {
    std::vector<double> fps, tps, thresholds;
};

/// ROC curve points, increasing fpr (scikit-learn 1.2.1 `roc_curve`).
struct roc_curve_result {
    std::vector<double> fpr, tpr, thresholds;
};

/// Precision-recall curve points in increasing threshold order, plus a last
/// point (precision 1, recall 0) without threshold (scikit-learn 1.2.1
/// `precision_recall_curve`).
struct precision_recall_curve_result {
    std::vector<double> precision, recall, thresholds;
};

/// Detection error trade-off points in increasing threshold order
/// (scikit-learn 1.2.1 `det_curve`).
struct det_curve_result {
    std::vector<double> fpr, fnr, thresholds;
};

namespace detail {
namespace metrics {
template <class V>
void print_vec(std::ostream& os, const char* name, const std::vector<V>& v) {
    os << name << "=[";
    for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    os << "]";
}
}  // namespace metrics
}  // namespace detail

inline std::ostream& operator<<(std::ostream& os, const roc_curve_result& r) {
    os << "roc_curve(";
    detail::metrics::print_vec(os, "fpr", r.fpr);
    detail::metrics::print_vec(os, ", tpr", r.tpr);
    detail::metrics::print_vec(os, ", thresholds", r.thresholds);
    return os << ")";
}
inline std::ostream& operator<<(std::ostream& os, const precision_recall_curve_result& r) {
    os << "precision_recall_curve(";
    detail::metrics::print_vec(os, "precision", r.precision);
    detail::metrics::print_vec(os, ", recall", r.recall);
    detail::metrics::print_vec(os, ", thresholds", r.thresholds);
    return os << ")";
}
inline std::ostream& operator<<(std::ostream& os, const det_curve_result& r) {
    os << "det_curve(";
    detail::metrics::print_vec(os, "fpr", r.fpr);
    detail::metrics::print_vec(os, ", fnr", r.fnr);
    detail::metrics::print_vec(os, ", thresholds", r.thresholds);
    return os << ")";
}

/// Options of the curve functions.
struct curve_options {
    /// The positive class. Unset: 1, provided the labels are a subset of
    /// {0, 1} or {-1, 1} (scikit-learn's rule); otherwise an error.
    std::optional<label_type> pos_label;
    /// roc_curve only: drop collinear interior points (scikit-learn's default).
    bool drop_intermediate = true;

    curve_options() = default;
    curve_options& with_pos_label(label_type v) { pos_label = v; return *this; }
    curve_options& with_drop_intermediate(bool b) { drop_intermediate = b; return *this; }
};

/// Options of roc_auc_score (binary).
struct roc_auc_options {
    /// Partial AUC over fpr in [0, max_fpr], McClish-standardised; unset or 1
    /// means the full AUC.
    std::optional<double> max_fpr;
    roc_auc_options() = default;
    roc_auc_options& with_max_fpr(double v) { max_fpr = v; return *this; }
};

namespace detail {
namespace metrics {

// ---------------------------------------------------------------------------
// Sorted walks: call visit(fps, tps, threshold) once per distinct score, in
// decreasing score order, with the cumulative counts up to that score.
//
// A walk takes its visitor by value and returns it, so a visitor that keeps
// its state in its own members (auc_visit, ap_visit) is a local of the walk
// that the compiler may keep in registers.
// Visitors must be copy-assignable; other callables are walked through a
// ref_visitor. Unweighted walks count in integers: a visitor with a member
// counts(fps, tps, threshold) receives them as std::uint64_t, any other
// visitor as doubles (the same values: counts are exact in a double).

template <class V, class = void>
struct takes_counts : std::false_type {};
template <class V>
struct takes_counts<V, std::void_t<decltype(std::declval<V&>().counts(std::uint64_t{}, std::uint64_t{}, 0.0))>>
    : std::true_type {};

/// A row count as a double. Counts stay below 2^63, so the signed
/// conversion (one instruction on x86-64) is exact where the unsigned one
/// takes a branch.
inline double count_to_double(std::uint64_t c) noexcept { return static_cast<double>(static_cast<std::int64_t>(c)); }

template <class V>
inline void emit_counts(V& v, std::uint64_t fps, std::uint64_t tps, double thr) {
    if constexpr (takes_counts<V>::value) v.counts(fps, tps, thr);
    else v(count_to_double(fps), count_to_double(tps), thr);
}

/// An assignable handle on a visitor that lives elsewhere (a lambda).
template <class V>
struct ref_visitor {
    V* v;
    void operator()(double fps, double tps, double thr) { (*v)(fps, tps, thr); }
    template <class U = V>
    auto counts(std::uint64_t fps, std::uint64_t tps, double thr) -> decltype(std::declval<U&>().counts(fps, tps, thr)) {
        return v->counts(fps, tps, thr);
    }
};

/// Unweighted, any size: the keys of positives and negatives are sorted
/// separately (bare keys: half the memory traffic of key + payload), then
/// merged descending without data-dependent branches. `pos` and `neg` must
/// have a readable entry at index -1 holding a sentinel (key 0, below every
/// finite score's key); counts start at tps0 / fps0 and are updated.
template <class Visit>
Visit walk_merged(std::uint64_t* pos, std::size_t n_pos, std::uint64_t* neg, std::size_t n_neg, std::uint64_t& tps0,
                  std::uint64_t& fps0, Visit visit) {
    big_buffer<std::uint64_t> scratch(std::max<std::size_t>(std::max(n_pos, n_neg), 1));
    sort_keys(pos, n_pos, scratch.data());
    sort_keys(neg, n_neg, scratch.data());
    // Heads are pos[i - 1] and neg[j - 1]; index -1 is the sentinel.
    std::size_t i = n_pos, j = n_neg;
    std::uint64_t tps = tps0, fps = fps0;
    std::uint64_t kp = pos[static_cast<std::ptrdiff_t>(i) - 1], kn = neg[static_cast<std::ptrdiff_t>(j) - 1];
    while (i + j != 0) {
        const bool take_pos = kp >= kn;
        const std::uint64_t k = take_pos ? kp : kn;
        i -= take_pos ? 1u : 0u;
        j -= take_pos ? 0u : 1u;
        tps += take_pos ? 1u : 0u;
        fps += take_pos ? 0u : 1u;
        kp = pos[static_cast<std::ptrdiff_t>(i) - 1];
        kn = neg[static_cast<std::ptrdiff_t>(j) - 1];
        if (std::max(kp, kn) != k) emit_counts(visit, fps, tps, key_to_double(k));
    }
    tps0 = tps;
    fps0 = fps;
    return visit;
}

/// Rows at or above this count take the bucketed walk.
constexpr std::size_t bucket_walk_min_rows = std::size_t{1} << 12;
/// Rows per bucket the bucketed walk aims at (a block that stays in cache).
constexpr std::size_t bucket_walk_target = std::size_t{1} << 15;

/// Number of score buckets for n rows: a power of two, about n / target,
/// but at least about n / 64 (up to 256): buckets narrow in value keep their
/// keys evenly spread (a bucket spanning many binary exponents crowds its
/// keys), and small blocks sort in the first-level cache.
inline std::size_t bucket_count(std::size_t n, std::size_t target) {
    std::size_t nb = 1;
    while (nb < 4096 && nb * target < n) nb *= 2;
    std::size_t small = 1;
    while (small < 256 && small * 64 < n) small *= 2;
    return std::max(nb, small);
}

/// A monotone map of scores to nb buckets: floor((x − lo) · nb / (hi − lo)),
/// clamped to [0, nb), so equal scores share a bucket and buckets are
/// ordered; scores outside [lo, hi] land in the end buckets. NaN maps to the
/// last bucket. When hi − lo gives no finite positive scale, one bucket.
struct score_map {
    double lo = 0.0, scale = 0.0, top = 0.0;
    std::size_t nb = 1;
    score_map() = default;
    score_map(double lo_, double hi_, std::size_t nb_) : lo(lo_), nb(nb_) {
        scale = static_cast<double>(nb) / (hi_ - lo_);
        if (!(nb > 1 && scale > 0.0 && scale < std::numeric_limits<double>::infinity())) nb = 1, scale = 0.0;
        top = static_cast<double>(nb - 1);
    }
    std::size_t operator()(double x) const noexcept {
        // Clamped to [0, top] first (NaN -> top), then converted: no branch.
        const double b = (x - lo) * scale;
        const double c = b < top ? b : top;
        const double d = c > 0.0 ? c : 0.0;
        return static_cast<std::size_t>(static_cast<std::int64_t>(d));
    }
};

/// A monotone map of the scores in [xlo, xhi] to nb buckets, chosen by
/// spread_map::choose from a sample of them: score_map (linear in the
/// score), or linear in the key of the distance to xlo, to xhi, or to the
/// nearer of the two (below / from the middle: half the buckets each), whose
/// binary exponents spread scores crowded against that end (a confident
/// model's probabilities near 0 and 1 are crowded that way: about as many in
/// each binade of the distance). The keys of distances below the sample's
/// least positive one are clamped to it (so empty binades of tiny distances
/// take no buckets). Distances are rounded monotonically, so the map is
/// monotone whatever the rounding; equal scores share a bucket.
struct spread_map {
    enum class kind { value, distance };
    enum class end { low, high, both };
    kind how = kind::value;
    score_map linear;
    double xlo = 0.0, xhi = 0.0, split = 0.0;  // side 1 (distance to xhi) from split up
    // Per side: the distance d clamped to [least, reach] (positive, so its
    // bits order it), u = bits(d) − bits(least), v = (u ^ flip) + add (u
    // below, bits(reach) − bits(least) − u above), bucket = first + v · scale,
    // at most last.
    struct side {
        double least = 0.0, reach = 0.0;
        std::uint64_t base = 0, flip = 0, add = 0;
        double scale = 0.0, first = 0.0, last = 0.0;
    } sides[2];
    std::size_t nb = 1;
    spread_map() = default;
    explicit spread_map(double lo, double hi, std::size_t n_buckets)
        : linear(lo, hi, n_buckets), xlo(lo), xhi(hi), nb(linear.nb) {}
    /// A distance map; least_low / least_high are the least positive
    /// distances of the sample to xlo / xhi.
    spread_map(end e, double lo, double hi, std::size_t n_buckets, double least_low, double least_high)
        : spread_map(lo, hi, n_buckets) {
        how = kind::distance;
        const double inf = std::numeric_limits<double>::infinity();
        // x >= split picks side 1: never for end::low (NaN), always for end::high.
        split = e == end::low ? std::numeric_limits<double>::quiet_NaN() : e == end::high ? -inf : lo + (hi - lo) / 2;
        const std::size_t low_buckets = e == end::low ? nb : e == end::high ? 0 : nb / 2;
        const auto bits_of = [](double v) {
            std::uint64_t u;
            std::memcpy(&u, &v, sizeof u);
            return u;
        };
        const auto set = [&](side& sd, double reach, double least, std::size_t from, std::size_t count, bool above) {
            sd.reach = reach;
            sd.least = std::min(least, reach);
            sd.base = bits_of(sd.least);
            const std::uint64_t span = bits_of(reach) - sd.base;
            sd.flip = above ? ~std::uint64_t{0} : 0;
            sd.add = above ? span + 1 : 0;
            sd.scale = static_cast<double>(count) / (static_cast<double>(span) + 1.0);
            sd.first = static_cast<double>(from);
            sd.last = static_cast<double>(from + count - 1);
        };
        if (low_buckets > 0) set(sides[0], (e == end::low ? hi : split) - lo, least_low, 0, low_buckets, false);
        if (low_buckets < nb) set(sides[1], hi - (e == end::high ? lo : split), least_high, low_buckets, nb - low_buckets, true);
    }
    /// The bucket of x, the map's kind known (see operator()); no branch on x.
    template <kind K>
    std::size_t at(double x) const noexcept {
        if constexpr (K == kind::value) {
            return linear(x);
        } else {
            // The side picked by masks (a branch on x would be mispredicted).
            const std::uint64_t above = static_cast<std::uint64_t>(x >= split);
            const side& sd = sides[above];
            const double dl = x - xlo, dh = xhi - x;
            std::uint64_t bl, bh;
            std::memcpy(&bl, &dl, sizeof bl);
            std::memcpy(&bh, &dh, sizeof bh);
            const std::uint64_t mask = std::uint64_t{0} - above;
            const std::uint64_t bd = (bh & mask) | (bl & ~mask);
            double d;
            std::memcpy(&d, &bd, sizeof d);
            d = d > sd.least ? d : sd.least;  // NaN -> least: every bucket index in range
            d = d < sd.reach ? d : sd.reach;
            std::uint64_t u;
            std::memcpy(&u, &d, sizeof u);
            // v < 2^63 (bits of positive doubles): a signed conversion.
            const double b = sd.first + static_cast<double>(static_cast<std::int64_t>(((u - sd.base) ^ sd.flip) + sd.add)) * sd.scale;
            return static_cast<std::size_t>(static_cast<std::int64_t>(std::min(b, sd.last)));
        }
    }
    std::size_t operator()(double x) const noexcept {
        return how == kind::value ? at<kind::value>(x) : at<kind::distance>(x);
    }
    /// f(std::integral_constant<kind, how>{}): a loop over many scores
    /// compiled for the map's kind.
    template <class F>
    void with_kind(F&& f) const {
        if (how == kind::value) f(std::integral_constant<kind, kind::value>{});
        else f(std::integral_constant<kind, kind::distance>{});
    }
    /// The map that crowds a sample of the keys (up to 256 of each class)
    /// least into one bucket: the linear one unless a distance map at least
    /// halves its largest bucket.
    static spread_map choose(const std::uint64_t* pos, std::size_t n_pos, const std::uint64_t* neg, std::size_t n_neg,
                             double lo, double hi, std::size_t n_buckets) {
        std::vector<double> sample;
        for (const auto& part : {std::make_pair(pos, n_pos), std::make_pair(neg, n_neg)}) {
            const std::size_t step = std::max<std::size_t>(part.second / 256, 1);
            for (std::size_t i = 0; i < part.second; i += step) sample.push_back(key_to_double(part.first[i]));
        }
        return choose(sample, lo, hi, n_buckets);
    }
    /// The same from a sample of finite scores within [lo, hi].
    static spread_map choose(const std::vector<double>& sample, double lo, double hi, std::size_t n_buckets) {
        const spread_map linear_map(lo, hi, n_buckets);
        if (linear_map.nb < 4 || !(hi - lo < std::numeric_limits<double>::infinity())) return linear_map;
        std::vector<std::uint32_t> count(linear_map.nb);
        const auto most = [&](const spread_map& m) {
            std::fill(count.begin(), count.end(), 0u);
            std::uint32_t top_count = 0;
            for (double x : sample) top_count = std::max(top_count, ++count[m(x)]);
            return top_count;
        };
        const double inf = std::numeric_limits<double>::infinity();
        double least_low = inf, least_high = inf;
        for (double x : sample) {
            if (x - lo > 0.0) least_low = std::min(least_low, x - lo);
            if (hi - x > 0.0) least_high = std::min(least_high, hi - x);
        }
        const std::uint32_t linear_most = most(linear_map);
        spread_map best = linear_map;
        std::uint32_t best_most = linear_most;
        if (least_low < inf && least_high < inf) {
            for (end e : {end::low, end::high, end::both}) {
                const spread_map m(e, lo, hi, n_buckets, least_low, least_high);
                const std::uint32_t c = most(m);
                if (c < best_most) best = m, best_most = c;
            }
        }
        return 2 * best_most <= linear_most ? best : linear_map;
    }
};

/// Keys of both classes grouped by score bucket: bucket b of the positives
/// is pos[pos_at[b], pos_at[b + 1]), of the negatives neg[neg_at[b],
/// neg_at[b + 1]).
struct key_buckets {
    std::vector<std::size_t> pos_at, neg_at;
    std::size_t size() const noexcept { return pos_at.empty() ? 0 : pos_at.size() - 1; }
    void reset(std::size_t nb) {
        pos_at.assign(nb + 1, 0);
        neg_at.assign(nb + 1, 0);
    }
    /// Counts (pos_at[b + 1], neg_at[b + 1]) to offsets; returns the write
    /// cursors (positives, negatives) for a scatter.
    void offsets(std::vector<std::size_t>& wp, std::vector<std::size_t>& wn) {
        const std::size_t nb = size();
        for (std::size_t b = 0; b < nb; ++b) pos_at[b + 1] += pos_at[b], neg_at[b + 1] += neg_at[b];
        wp.assign(pos_at.begin(), pos_at.end() - 1);
        wn.assign(neg_at.begin(), neg_at.end() - 1);
    }
};

/// Widens [lo, hi] to hold keys k[0, n). Four independent lanes.
inline void key_bounds(const std::uint64_t* k, std::size_t n, std::uint64_t& lo, std::uint64_t& hi) noexcept {
    std::uint64_t l[4] = {lo, lo, lo, lo}, h[4] = {hi, hi, hi, hi};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (std::size_t j = 0; j < 4; ++j) l[j] = std::min(l[j], k[i + j]), h[j] = std::max(h[j], k[i + j]);
    for (; i < n; ++i) l[0] = std::min(l[0], k[i]), h[0] = std::max(h[0], k[i]);
    lo = std::min(std::min(l[0], l[1]), std::min(l[2], l[3]));
    hi = std::max(std::max(h[0], h[1]), std::max(h[2], h[3]));
}

/// The width in bits of ((key − least) << 1) | is_positive for keys that
/// span `span` above the least (span < 2^63).
inline int relative_key_bits(std::uint64_t span) noexcept {
    int bits = 1;
    while (bits < 64 && ((span << 1) | 1u) >> bits != 0) ++bits;
    return bits;
}

template <class Visit>
Visit walk_bucketed(const std::uint64_t* pos, std::size_t n_pos, const std::uint64_t* neg, std::size_t n_neg,
                    std::uint64_t kmin, std::uint64_t kmax, std::uint64_t& tps, std::uint64_t& fps, Visit visit,
                    int depth, std::size_t target = bucket_walk_target);

/// The counters of sort_block_bits for blocks of up to `most` keys: 16-bit
/// ones for blocks they can count, 32-bit ones for larger blocks. (At most
/// 2^16 / 2^17 counters are used and cleared; fewer than 4·m + 256 for a
/// block of m keys.)
struct block_counters {
    std::vector<std::uint16_t> c16;
    std::vector<std::uint32_t> c32;
    explicit block_counters(std::size_t most)
        : c16(std::min(block_sort_buckets16, 4 * std::min(most, block_sort_max16) + 256)),
          c32(most > block_sort_max16 ? std::min(block_sort_buckets, 4 * most + 256) : 0) {}
    std::uint64_t* sort(std::uint64_t* a, std::uint64_t* tmp, std::size_t m, int bits, const std::uint64_t* next = nullptr,
                        std::size_t next_m = 0) {
        if (m <= block_sort_max16) return sort_block_bits(a, tmp, c16.data(), m, bits, next, next_m);
        return sort_block_bits(a, tmp, c32.data(), m, bits, next, next_m);
    }
};

/// The walk of one sorted block of keys ((key − base) << 1) | is_positive,
/// from the top. Its own function so that the visitor's state, a value
/// parameter, stays in registers.
template <class Visit>
ASSAY_NOINLINE Visit walk_block(const std::uint64_t* c, std::size_t m, std::uint64_t base, std::uint64_t& tps, std::uint64_t& fps,
                 Visit visit) {
    std::uint64_t tp = tps, fp = fps;
    for (std::size_t i = m; i-- > 0;) {
        const std::uint64_t k = c[i];
        tp += k & 1u;
        fp += (k & 1u) ^ 1u;
        if (i == 0 || (c[i - 1] >> 1) != (k >> 1)) emit_counts(visit, fp, tp, key_to_double((k >> 1) + base));
    }
    tps = tp;
    fps = fp;
    return visit;
}

/// The walk of keys grouped by bucket (see key_buckets), from the highest
/// bucket down: each bucket's keys are bounded, sorted in cache and walked at
/// once. Inside a bucket a key becomes ((key − bucket's least key) << 1) |
/// is_positive, so one sort of one array orders both classes and a linear
/// pass reads the counts. A bucket whose keys span 2^63 or more is merged as
/// in walk_merged; one too large for the cache (skewed scores) is split
/// again, up to `depth` times. Counts start at tps / fps and are updated.
template <class Visit>
Visit walk_partitioned(const std::uint64_t* pos, const std::uint64_t* neg, const key_buckets& kb, std::uint64_t& tps,
                       std::uint64_t& fps, Visit visit, int depth, std::size_t target = bucket_walk_target) {
    const std::size_t nb = kb.size();
    const std::size_t cap = std::max<std::size_t>(8 * target, 64);
    std::size_t most = 0;
    for (std::size_t b = 0; b < nb; ++b) {
        const std::size_t m = (kb.pos_at[b + 1] - kb.pos_at[b]) + (kb.neg_at[b + 1] - kb.neg_at[b]);
        if (m <= cap) most = std::max(most, m);
    }
    big_buffer<std::uint64_t> block(most + 1), tmp(most + 1);
    block_counters cnt(most);
    std::uint64_t tp = tps, fp = fps;
    for (std::size_t b = nb; b-- > 0;) {
        const std::uint64_t* sp = pos + kb.pos_at[b];
        const std::uint64_t* sn = neg + kb.neg_at[b];
        const std::size_t np = kb.pos_at[b + 1] - kb.pos_at[b], nn = kb.neg_at[b + 1] - kb.neg_at[b], m = np + nn;
        if (m == 0) continue;
        std::uint64_t bmin = ~std::uint64_t{0}, bmax = 0;
        key_bounds(sp, np, bmin, bmax);
        key_bounds(sn, nn, bmin, bmax);
        const std::uint64_t span = bmax - bmin;
        if (bmin == bmax) {  // one score: one visit, nothing to sort
            tp += np;
            fp += nn;
            emit_counts(visit, fp, tp, key_to_double(bmin));
            continue;
        }
        if (m > cap && depth > 0) {
            visit = walk_bucketed(sp, np, sn, nn, bmin, bmax, tp, fp, visit, depth - 1, target);
            continue;
        }
        if (span >> 63 != 0 || m > cap) {
            // Keys too far apart for the relative form, or a block that does
            // not shrink: walk this bucket as walk_merged does.
            big_buffer<std::uint64_t> lay(m + 2);
            std::uint64_t* lp = lay.data() + 1;
            std::uint64_t* ln = lay.data() + 2 + np;
            lay[0] = 0;
            lp[np] = 0;
            std::copy(sp, sp + np, lp);
            std::copy(sn, sn + nn, ln);
            visit = walk_merged(lp, np, ln, nn, tp, fp, visit);
            continue;
        }
        std::uint64_t* c = block.data();
        for (std::size_t i = 0; i < np; ++i) c[i] = ((sp[i] - bmin) << 1) | 1u;
        for (std::size_t i = 0; i < nn; ++i) c[np + i] = (sn[i] - bmin) << 1;
        const int bits = relative_key_bits(span);
        c = cnt.sort(c, tmp.data(), m, bits);
        visit = walk_block(c, m, bmin, tp, fp, visit);
    }
    tps = tp;
    fps = fp;
    return visit;
}

/// Unweighted, large inputs: the same visits as walk_merged, without sorting
/// the whole input. Both classes are scattered into buckets of score values
/// (spread_map over [kmin, kmax], which bound the keys), then walked by
/// walk_partitioned. pos / neg are not modified.
template <class Visit>
Visit walk_bucketed(const std::uint64_t* pos, std::size_t n_pos, const std::uint64_t* neg, std::size_t n_neg,
                    std::uint64_t kmin, std::uint64_t kmax, std::uint64_t& tps, std::uint64_t& fps, Visit visit,
                    int depth, std::size_t target) {
    const std::size_t n = n_pos + n_neg;
    const spread_map map = spread_map::choose(pos, n_pos, neg, n_neg, key_to_double(kmin), key_to_double(kmax),
                                              kmin == kmax ? 1 : bucket_count(n, target));
    key_buckets kb;
    kb.reset(map.nb);
    if (map.nb == 1) {
        kb.pos_at[1] = n_pos;
        kb.neg_at[1] = n_neg;
        return walk_partitioned(pos, neg, kb, tps, fps, visit, depth, target);
    }
    // Each key's bucket is found once (two bytes; nb <= 4096), counted, then
    // used by the scatter.
    big_buffer<std::uint16_t> id(n);
    map.with_kind([&](auto k) {
        constexpr spread_map::kind K = decltype(k)::value;
        for (std::size_t i = 0; i < n_pos; ++i) {
            const std::size_t b = map.at<K>(key_to_double(pos[i]));
            id[i] = static_cast<std::uint16_t>(b);
            ++kb.pos_at[b + 1];
        }
        for (std::size_t i = 0; i < n_neg; ++i) {
            const std::size_t b = map.at<K>(key_to_double(neg[i]));
            id[n_pos + i] = static_cast<std::uint16_t>(b);
            ++kb.neg_at[b + 1];
        }
    });
    std::vector<std::size_t> wp, wn;
    kb.offsets(wp, wn);
    big_buffer<std::uint64_t> out(n);
    std::uint64_t* op = out.data();
    std::uint64_t* on = out.data() + n_pos;
    for (std::size_t i = 0; i < n_pos; ++i) op[wp[id[i]]++] = pos[i];
    for (std::size_t i = 0; i < n_neg; ++i) on[wn[id[n_pos + i]]++] = neg[i];
    return walk_partitioned(op, on, kb, tps, fps, visit, depth, target);
}

/// The least key (of a finite score) that `map` sends to bucket b or above,
/// 1 <= b < map.nb: found by galloping from the key of the bucket's nominal
/// lower edge (a linear map's; the low end of the range for another), then
/// bisection, with the map itself as the only judge, so the bucket's key
/// range is exact whatever the rounding of the map.
inline std::uint64_t first_key_of_bucket(const spread_map& map, std::size_t b) {
    const std::uint64_t kmin = ascending_key(-std::numeric_limits<double>::max());
    const std::uint64_t kmax = ascending_key(std::numeric_limits<double>::max());
    const auto at_least = [&](std::uint64_t k) { return map(key_to_double(k)) >= b; };
    std::uint64_t guess = ascending_key(map.how == spread_map::kind::value
                                            ? map.linear.lo + static_cast<double>(b) / map.linear.scale
                                            : map.xlo);  // a distance map's edges are far from linear
    guess = std::min(std::max(guess, kmin), kmax);
    // Invariant: lo < hi, at_least(hi), and !at_least(lo) or lo = kmin − 1
    // (the key of −inf, which the map sends to bucket 0).
    std::uint64_t lo, hi, step = 1;
    if (at_least(guess)) {
        hi = guess;
        for (;;) {
            if (hi - kmin < step) {
                lo = kmin - 1;
                break;
            }
            if (!at_least(hi - step)) {
                lo = hi - step;
                break;
            }
            hi -= step;
            step *= 2;
        }
    } else {
        lo = guess;
        for (;;) {
            if (kmax - lo <= step) {
                hi = kmax;  // the map sends the greatest finite score to its top bucket
                break;
            }
            if (at_least(lo + step)) {
                hi = lo + step;
                break;
            }
            lo += step;
            step *= 2;
        }
    }
    while (hi - lo > 1) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (at_least(mid)) hi = mid;
        else lo = mid;
    }
    return hi;
}

/// Keys of both classes grouped by score bucket in one array: bucket b is
/// the region [at[b], at[b + 1]), its pos[b] positives first. A narrow
/// bucket (bits[b] > 0) holds ((key − base[b]) << 1) | is_positive, each
/// below 2^bits[b]; a wide one (bits[b] == 0: its keys may span 2^63 or
/// more) holds the keys themselves.
struct relative_buckets {
    std::vector<std::size_t> at, pos;
    std::vector<std::uint64_t> base;
    std::vector<unsigned char> bits;
    std::size_t size() const noexcept { return pos.size(); }
    std::uint64_t key(std::size_t b, std::uint64_t v) const noexcept { return bits[b] != 0 ? (v >> 1) + base[b] : v; }
};

/// The walk of keys laid out as relative_buckets, from the highest bucket
/// down: a narrow bucket is sorted in place in cache (one sort orders both
/// classes) and walked at once; a wide one, or one too large for the cache,
/// goes through walk_partitioned as a bucket of its own (back in keys).
/// The regions are left in no particular state: one walk per layout.
template <class Visit>
Visit walk_relative(std::uint64_t* keys, relative_buckets& rb, Visit visit, int depth,
                    std::size_t target = bucket_walk_target) {
    const std::size_t nb = rb.size();
    const std::size_t cap = std::max<std::size_t>(8 * target, 64);
    std::size_t most = 0;
    for (std::size_t b = 0; b < nb; ++b) {
        const std::size_t m = rb.at[b + 1] - rb.at[b];
        if (rb.bits[b] != 0 && m <= cap) most = std::max(most, m);
    }
    big_buffer<std::uint64_t> tmp(most + 1);
    block_counters cnt(most);
    std::uint64_t tp = 0, fp = 0;
    for (std::size_t b = nb; b-- > 0;) {
        std::uint64_t* r = keys + rb.at[b];
        const std::size_t m = rb.at[b + 1] - rb.at[b], np = rb.pos[b];
        if (m == 0) continue;
        if (rb.bits[b] == 0 || m > cap) {
            if (rb.bits[b] != 0)
                for (std::size_t i = 0; i < m; ++i) r[i] = rb.key(b, r[i]);
            key_buckets one;
            one.pos_at = {0, np};
            one.neg_at = {0, m - np};
            visit = walk_partitioned(r, r + np, one, tp, fp, visit, depth, target);
            continue;
        }
        const std::size_t next = b > 0 ? rb.at[b] - rb.at[b - 1] : 0;
        const std::uint64_t* c = cnt.sort(r, tmp.data(), m, rb.bits[b], keys + rb.at[b] - next, next);
        visit = walk_block(c, m, rb.base[b], tp, fp, visit);
    }
    return visit;
}

/// Unweighted: the walk of the layout in `buf` (n + 2 entries): [0]
/// sentinel, [1, 1 + P) positives, [1 + P] sentinel, [2 + P, 2 + n)
/// negatives; kmin / kmax bound the keys. May reorder the keys.
template <class Visit>
Visit walk_split(std::uint64_t* buf, std::size_t n_pos, std::size_t n, std::uint64_t kmin, std::uint64_t kmax,
                 Visit visit) {
    std::uint64_t tps = 0, fps = 0;
    buf[0] = 0;
    buf[1 + n_pos] = 0;
    if (n >= bucket_walk_min_rows)
        return walk_bucketed(buf + 1, n_pos, buf + 2 + n_pos, n - n_pos, kmin, kmax, tps, fps, visit, 3);
    return walk_merged(buf + 1, n_pos, buf + 2 + n_pos, n - n_pos, tps, fps, visit);
}

/// Weighted: (key, signed weight) pairs, + for positives, − for negatives
/// (zero-weight rows are never added). Walks from the end of the stable
/// ascending order, i.e. scikit-learn's reversed mergesort order.
template <class Visit>
Visit walk_sorted_weighted(std::uint64_t* keys, double* w, std::size_t n, Visit visit) {
    sort_pairs(keys, w, n);
    double tps = 0.0, fps = 0.0;
    for (std::size_t i = n; i-- > 0;) {
        const double v = w[i];
        tps += v > 0.0 ? v : 0.0;
        fps += v > 0.0 ? 0.0 : -v;
        if (i == 0 || keys[i - 1] != keys[i]) visit(fps, tps, key_to_double(keys[i]));
    }
    return visit;
}

/// The address behind an iterator into contiguous memory (a pointer or a
/// std::vector's iterator), else nullptr.
template <class It>
auto contiguous_address(It it) noexcept {
    using V = typename std::iterator_traits<It>::value_type;
    if constexpr (std::is_pointer<It>::value) return static_cast<const V*>(it);
    else if constexpr (std::is_same<It, typename std::vector<V>::const_iterator>::value ||
                       std::is_same<It, typename std::vector<V>::iterator>::value)
        return static_cast<const V*>(&*it);
    else return static_cast<const V*>(nullptr);
}

#if defined(__x86_64__) || defined(_M_X64)
/// The count pass of fill_buckets_01 (see there) over contiguous labels of
/// 4 or 8 bytes and double scores, four rows a step (x86-64: SSE2 and 64-bit
/// moves out of a register): score_map's arithmetic two rows an instruction
/// (minpd / maxpd pick as its comparisons do, and a value in [0, top]
/// truncates to the same integer in 32 bits). Returns the rows done (a
/// multiple of 4).
template <class L>
std::size_t count_pass_sse2(const L* t, const double* s, std::size_t n, const score_map& map, std::uint16_t* out,
                            std::size_t* const c4[4], std::uint64_t& above, std::uint64_t& nonfinite) noexcept {
    static_assert(sizeof(L) == 4 || sizeof(L) == 8, "4 or 8-byte labels");
    const __m128d lo = _mm_set1_pd(map.lo), scale = _mm_set1_pd(map.scale), top = _mm_set1_pd(map.top);
    const __m128d zero = _mm_setzero_pd();
    const __m128i not1 = _mm_set1_epi32(-2), one = _mm_set1_epi32(1);
    __m128i ab = _mm_setzero_si128();
    __m128d nf = _mm_setzero_pd();
    // Labels of rows k, k + 1 (k + 2, k + 3 too for 4-byte labels) with
    // their low 32 bits in the low lanes; other bits of the rows or-ed into ab.
    const auto labels = [&](std::size_t k) ASSAY_INLINE_LAMBDA {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t + k));
        if constexpr (sizeof(L) == 4) {
            ab = _mm_or_si128(ab, _mm_and_si128(v, not1));
            return v;
        } else {
            ab = _mm_or_si128(ab, _mm_andnot_si128(_mm_set_epi32(0, 1, 0, 1), v));
            return _mm_shuffle_epi32(v, _MM_SHUFFLE(3, 3, 2, 0));
        }
    };
    const auto buckets = [&](std::size_t k) ASSAY_INLINE_LAMBDA {
        const __m128d x = _mm_loadu_pd(s + k);
        nf = _mm_or_pd(nf, _mm_cmpneq_pd(_mm_sub_pd(x, x), zero));
        return _mm_cvttpd_epi32(_mm_max_pd(_mm_min_pd(_mm_mul_pd(_mm_sub_pd(x, lo), scale), top), zero));
    };
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        __m128i cls;
        if constexpr (sizeof(L) == 4) cls = _mm_and_si128(labels(i), one);
        else cls = _mm_and_si128(_mm_unpacklo_epi64(labels(i), labels(i + 2)), one);
        const __m128i b = _mm_unpacklo_epi64(buckets(i), buckets(i + 2));
        const __m128i j = _mm_packs_epi32(_mm_add_epi32(_mm_add_epi32(b, b), cls), _mm_setzero_si128());
        _mm_storel_epi64(reinterpret_cast<__m128i*>(out + i), j);
        const std::uint64_t w = static_cast<std::uint64_t>(_mm_cvtsi128_si64(j));
        ++c4[0][w & 0xFFFFu];
        ++c4[1][(w >> 16) & 0xFFFFu];
        ++c4[2][(w >> 32) & 0xFFFFu];
        ++c4[3][w >> 48];
    }
    above |= static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_or_si128(ab, _mm_unpackhi_epi64(ab, ab))));
    nonfinite |= static_cast<std::uint64_t>(_mm_movemask_pd(nf));
    return i;
}
#endif

/// Rows as keys, split or signed as the walks need them.
struct scored_rows {
    bool weighted = false;
    // Unweighted: the walk_split layout (filled by fill_split), or the
    // relative_buckets layout when `rel` is set (filled by fill_buckets_01;
    // walked once), and rows given one by one (folded in by walk()).
    big_buffer<std::uint64_t> buf;
    std::size_t n_rows = 0, n_pos_rows = 0;
    std::uint64_t key_min = ~std::uint64_t{0}, key_max = 0;  // bounds of the split layout's keys
    relative_buckets rel;
    bool spent = false;  // the relative layout has been walked
    std::vector<std::uint64_t> pos_added, neg_added;
    // Weighted: keys and signed weights (filled by fill_weighted), and rows
    // given one by one.
    big_buffer<std::uint64_t> wkeys;
    big_buffer<double> wvals;
    std::size_t n_weighted = 0;
    std::vector<std::uint64_t> keys_added;
    std::vector<double> w_added;
    double n_pos = 0.0, n_neg = 0.0;  // totals (weights)

    void add(bool is_pos, double score) {
        const std::uint64_t k = ascending_key(score);
        key_min = std::min(key_min, k);
        key_max = std::max(key_max, k);
        if (is_pos) pos_added.push_back(k), n_pos += 1.0;
        else neg_added.push_back(k), n_neg += 1.0;
    }
    void add(bool is_pos, double score, double w) {
        if (w == 0.0) return;
        keys_added.push_back(ascending_key(score));
        w_added.push_back(is_pos ? w : -w);
        if (is_pos) n_pos += w;
        else n_neg += w;
    }

    /// Fills the split layout from n rows in one branch-free pass: every key
    /// is written at the next positive slot (front) and the next negative
    /// slot (back), and only the matching cursor advances; the other write
    /// lands in the unfilled middle and is overwritten later.
    template <class ItT, class ItS>
    void fill_split(ItT t, ItS s, std::size_t n, label_type pos_label) {
        rel = relative_buckets{};
        buf.allocate(n + 2);
        std::uint64_t* b = buf.data();
        std::size_t ip = 0, in = 0;
        std::uint64_t lo = ~std::uint64_t{0}, hi = 0;
        for (std::size_t r = 0; r < n; ++r, ++t, ++s) {
            const std::uint64_t k = ascending_key(static_cast<double>(*s));
            const bool p = to_label(*t) == pos_label;
            b[1 + ip] = k;
            b[n + 1 - in] = k;
            ip += p ? 1u : 0u;
            in += p ? 0u : 1u;
            lo = std::min(lo, k);
            hi = std::max(hi, k);
        }
        key_min = std::min(key_min, lo);
        key_max = std::max(key_max, hi);
        n_rows = n;
        n_pos_rows = ip;
        n_pos = static_cast<double>(ip);
        n_neg = static_cast<double>(in);
    }

    /// fill_split with positive label 1, guessing that every label is 0 or 1:
    /// `other` reports a label outside {0, 1} (the layout is then invalid),
    /// `seen` has bit 0 / bit 1 set when 0 / 1 occur, `bad_score` reports a
    /// non-finite score. No branch depends on the data.
    template <class ItT, class ItS>
    void fill_split_01(ItT t, ItS s, std::size_t n, bool& other, unsigned& seen, bool& bad_score) {
        using cat = typename std::iterator_traits<ItS>::iterator_category;
        if constexpr (std::is_base_of<std::random_access_iterator_tag, cat>::value) {
            if (n >= bucket_walk_min_rows) {
                fill_buckets_01(t, s, n, other, seen, bad_score);
                return;
            }
        }
        rel = relative_buckets{};
        buf.allocate(n + 2);
        std::uint64_t* b = buf.data();
        std::size_t ip = 0, in = 0;
        std::uint64_t above = 0, lo = ~std::uint64_t{0}, hi = 0;
        unsigned bits = 0;
        bool bad = false;
        for (std::size_t r = 0; r < n; ++r, ++t, ++s) {
            const double x = static_cast<double>(*s);
            const std::uint64_t v = static_cast<std::uint64_t>(to_label(*t));
            above |= v & ~std::uint64_t{1};
            bits |= 1u << (v & 1u);
            bad |= !(x - x == 0.0);  // NaN or infinite
            const std::uint64_t k = ascending_key(x);
            const bool p = v == 1u;
            b[1 + ip] = k;
            b[n + 1 - in] = k;
            ip += p ? 1u : 0u;
            in += p ? 0u : 1u;
            lo = std::min(lo, k);
            hi = std::max(hi, k);
        }
        key_min = std::min(key_min, lo);
        key_max = std::max(key_max, hi);
        other = above != 0;
        seen = bits;
        bad_score = bad;
        n_rows = n;
        n_pos_rows = ip;
        n_pos = static_cast<double>(ip);
        n_neg = static_cast<double>(in);
    }

    /// fill_split_01 for large inputs, in two passes: the first reads the
    /// labels and scores, checks them, counts the rows of each class per
    /// score bucket (score_map over the range of a sample of the scores) and
    /// notes each row's bucket and class (two bytes); the second reads the
    /// scores and those notes and writes each row straight into its bucket
    /// of the relative_buckets layout (the key relative to the bucket's least
    /// possible key, with the class in bit 0), so the walk starts with the
    /// sorting of the buckets in place (walk_relative). When a label is
    /// outside {0, 1} or a score is not finite nothing is written.
    template <class ItT, class ItS>
    void fill_buckets_01(ItT t0, ItS s0, std::size_t n, bool& other, unsigned& seen, bool& bad_score) {
        // The map's range: that of 1024 scores, 32 runs of 32 spread over the
        // input (a run shares its pages: few misses of the address cache).
        // Scores crowded against an end of the range (a confident model's
        // probabilities) get a map that spreads them (spread_map::choose).
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        std::vector<double> sample;
        for (std::size_t run = 0; run < 32; ++run) {
            const std::size_t r0 = run * (n / 32);
            for (std::size_t r = r0; r < std::min(n, r0 + 32); ++r) {
                const double x = static_cast<double>(s0[static_cast<std::ptrdiff_t>(r)]);
                if (x - x == 0.0) lo = std::min(lo, x), hi = std::max(hi, x), sample.push_back(x);
            }
        }
        const spread_map map = spread_map::choose(sample, lo, hi, bucket_count(n, bucket_walk_target));
        const std::size_t nb = map.nb;
        // Pass 1: per bucket b, cnt[2b] negatives and cnt[2b + 1] positives;
        // four rows a step into four copies of the counters, so that runs of
        // one bucket do not wait on one counter. Labels other than 0 and 1
        // leave bits in `above`; a score that is not finite leaves bits of x −
        // x (NaN) in `nonfinite`.
        // Each row's stream 2b + class is kept (two bytes; nb <= 4096), so
        // that pass 2 reads neither the labels nor the map again.
        std::vector<std::size_t> cnt4(8 * nb, 0);
        std::size_t* const c4[4] = {cnt4.data(), cnt4.data() + 2 * nb, cnt4.data() + 4 * nb, cnt4.data() + 6 * nb};
        big_buffer<std::uint16_t> stream_of(n);
        std::uint64_t above = 0, nonfinite = 0;
        {
            std::size_t done = 0;
#if defined(__x86_64__) || defined(_M_X64)
            using VT = typename std::iterator_traits<ItT>::value_type;
            if constexpr (std::is_integral<VT>::value && (sizeof(VT) == 4 || sizeof(VT) == 8) &&
                          std::is_same<typename std::iterator_traits<ItS>::value_type, double>::value) {
                const VT* tp = contiguous_address(t0);
                const double* sp = contiguous_address(s0);
                if (tp != nullptr && sp != nullptr && map.how == spread_map::kind::value)
                    done = count_pass_sse2(tp, sp, n, map.linear, stream_of.data(), c4, above, nonfinite);
            }
#endif
            ItT t = std::next(t0, static_cast<std::ptrdiff_t>(done));  // labels may be any input iterator
            ItS s = s0 + static_cast<std::ptrdiff_t>(done);
            std::uint16_t* out = stream_of.data() + done;
            map.with_kind([&](auto kind_tag) {
                constexpr spread_map::kind K = decltype(kind_tag)::value;
                const auto row = [&](std::size_t* c) ASSAY_INLINE_LAMBDA {
                    const double x = static_cast<double>(*s);
                    const std::uint64_t v = static_cast<std::uint64_t>(to_label(*t));
                    ++t, ++s;
                    above |= v & ~std::uint64_t{1};
                    const double z = x - x;
                    std::uint64_t zb;
                    std::memcpy(&zb, &z, sizeof zb);
                    nonfinite |= zb;
                    const std::size_t j = 2 * map.at<K>(x) + (v & 1u);
                    *out++ = static_cast<std::uint16_t>(j);
                    ++c[j];
                };
                std::size_t r = done;
                for (; r + 4 <= n; r += 4) row(c4[0]), row(c4[1]), row(c4[2]), row(c4[3]);
                for (; r < n; ++r) row(c4[0]);
            });
        }
        std::vector<std::size_t> cnt(2 * nb);
        std::size_t positives = 0;
        for (std::size_t j = 0; j < 2 * nb; ++j) {
            cnt[j] = cnt4[j] + cnt4[2 * nb + j] + cnt4[4 * nb + j] + cnt4[6 * nb + j];
            positives += (j & 1u) != 0 ? cnt[j] : 0;
        }
        const bool bad = nonfinite != 0;
        other = above != 0;
        seen = (positives != 0 ? 2u : 0u) | (positives != n ? 1u : 0u);
        bad_score = bad;
        rel = relative_buckets{};
        if (other || bad) return;
        // Each bucket's exact key range from the map's boundaries: keys
        // [first[b], first[b + 1]) (the end buckets reach the extreme finite
        // scores).
        relative_buckets rb;
        rb.at.assign(nb + 1, 0);
        rb.pos.resize(nb);
        rb.base.resize(nb);
        rb.bits.resize(nb);
        std::vector<std::uint64_t> first(nb + 1);
        first[0] = ascending_key(-std::numeric_limits<double>::max());
        first[nb] = ascending_key(std::numeric_limits<double>::max()) + 1;
        for (std::size_t b = 1; b < nb; ++b) first[b] = first_key_of_bucket(map, b);
        // Pass 2 writes stream j = 2b + class at cursor[j] as key · mul − adj:
        // ((key − base) << 1) | class in a narrow bucket, the key in a wide one.
        struct stream {
            std::uint64_t* cursor;
            std::uint64_t mul, adj;
        };
        std::vector<stream> out(2 * nb);
        buf.allocate(n);
        std::size_t ip = 0;
        for (std::size_t b = 0; b < nb; ++b) {
            const std::size_t np = cnt[2 * b + 1];
            rb.at[b + 1] = rb.at[b] + np + cnt[2 * b];
            rb.pos[b] = np;
            ip += np;
            const std::uint64_t span = first[b + 1] > first[b] ? first[b + 1] - 1 - first[b] : 0;
            const bool narrow = span >> 63 == 0;
            const int bits = narrow ? relative_key_bits(span) : 0;
            rb.bits[b] = static_cast<unsigned char>(bits);
            rb.base[b] = narrow ? first[b] : 0;
            out[2 * b + 1] = {buf.data() + rb.at[b], narrow ? 2u : 1u, narrow ? 2 * first[b] - 1 : 0};
            out[2 * b] = {buf.data() + rb.at[b] + np, narrow ? 2u : 1u, narrow ? 2 * first[b] : 0};
        }
        {
            ItS s = s0;
            const std::uint16_t* in_stream = stream_of.data();
            stream* const o = out.data();
            for (std::size_t r = 0; r < n; ++r, ++s) {
                stream& st = o[in_stream[r]];
                *st.cursor++ = ascending_key(static_cast<double>(*s)) * st.mul - st.adj;
            }
        }
        rel = std::move(rb);
        spent = false;
        n_rows = n;
        n_pos_rows = ip;
        n_pos = static_cast<double>(ip);
        n_neg = static_cast<double>(n - ip);
    }

    /// Keys and signed weights (+ positive, − negative) of the rows with
    /// non-zero weight.
    template <class ItT, class ItS, class ItW>
    void fill_weighted(ItT t, ItS s, ItW w, std::size_t n, label_type pos_label) {
        wkeys.allocate(n);
        wvals.allocate(n);
        std::size_t m = 0;
        double np = 0.0, nn = 0.0;
        for (std::size_t r = 0; r < n; ++r, ++t, ++s, ++w) {
            const double wv = static_cast<double>(*w);
            const bool p = to_label(*t) == pos_label;
            wkeys[m] = ascending_key(static_cast<double>(*s));
            wvals[m] = p ? wv : -wv;
            np += p ? wv : 0.0;
            nn += p ? 0.0 : wv;
            m += wv != 0.0 ? 1u : 0u;
        }
        n_weighted = m;
        n_pos = np;
        n_neg = nn;
    }

    /// Walks the rows (see walk_split / walk_sorted_weighted) with a visitor
    /// held by reference.
    template <class Visit>
    void walk(Visit&& v) {
        walk_value(ref_visitor<std::remove_reference_t<Visit>>{&v});
    }

    /// Walks the rows with a copy of `v` and returns it (state in registers).
    template <class Visit>
    Visit walk_value(Visit v) {
        if (weighted) {
            if (!keys_added.empty() || n_weighted == 0) {
                big_buffer<std::uint64_t> k(n_weighted + keys_added.size());
                big_buffer<double> x(n_weighted + keys_added.size());
                std::copy(wkeys.data(), wkeys.data() + n_weighted, k.data());
                std::copy(wvals.data(), wvals.data() + n_weighted, x.data());
                std::copy(keys_added.begin(), keys_added.end(), k.data() + n_weighted);
                std::copy(w_added.begin(), w_added.end(), x.data() + n_weighted);
                n_weighted += keys_added.size();
                wkeys = std::move(k);
                wvals = std::move(x);
                keys_added.clear();
                w_added.clear();
            }
            return walk_sorted_weighted(wkeys.data(), wvals.data(), n_weighted, v);
        }
        if (rel.size() != 0) {
            require(!spent && pos_added.empty() && neg_added.empty(), "assay::detail::metrics::scored_rows::walk",
                    "rows", "filled by fill_buckets_01 are walked once, with no rows added");
            spent = true;
            return walk_relative(buf.data(), rel, v, 3);
        }
        if (!pos_added.empty() || !neg_added.empty() || buf.size() == 0) {
            // Rows given one by one: lay them out (after any filled ones).
            const std::size_t np = n_pos_rows + pos_added.size(), nn = n_rows - n_pos_rows + neg_added.size();
            big_buffer<std::uint64_t> nb(np + nn + 2);
            std::size_t w = 1;
            for (std::size_t r = 0; r < n_pos_rows; ++r) nb[w++] = buf[1 + r];
            for (std::uint64_t k : pos_added) nb[w++] = k;
            ++w;
            for (std::size_t r = 0; r < n_rows - n_pos_rows; ++r) nb[w++] = buf[2 + n_pos_rows + r];
            for (std::uint64_t k : neg_added) nb[w++] = k;
            buf = std::move(nb);
            n_rows = np + nn;
            n_pos_rows = np;
            pos_added.clear();
            neg_added.clear();
        }
        return walk_split(buf.data(), n_pos_rows, n_rows, key_min, key_max, v);
    }
};

/// Distinct labels of y_true, up to three (enough to tell 1, 2 or "more").
struct label_census {
    label_type a = 0, b = 0;
    int count = 0;
    bool more = false;
    void see(label_type v) {
        if (count == 0) a = v, count = 1;
        else if (v == a) return;
        else if (count == 1) b = v, count = 2;
        else if (v != b) more = true;
    }
    label_type lo() const { return count == 2 ? std::min(a, b) : a; }
    label_type hi() const { return count == 2 ? std::max(a, b) : a; }
};

/// Census of y_true's labels (checks each fits in label_type).
template <class It>
void take_census(const char* fn, It t, std::size_t n, label_census& census) {
    const auto labels = distinct_labels(fn, "y_true", t, n);
    for (std::size_t k = 0; k < labels.size() && k < 3; ++k) census.see(labels[k]);
}

// Reads and checks (y_true, y_score[, w]); decides the positive label.
template <class RT, class RS>
void check_lengths(const char* fn, const RT& y_true, const RS& y_score, std::size_t& n) {
    n = range_size(y_true);
    require_nonempty(fn, "y_true", n);
    require_same_size(fn, "y_true", n, "y_score", range_size(y_score));
}

// Positive label by scikit-learn's `_check_pos_label_consistency`.
inline label_type resolve_pos_label(const char* fn, const label_census& c, const std::optional<label_type>& pos) {
    if (c.more && !pos) {
        throw_invalid_argument(fn, "y_true", "has more than two labels; give pos_label to choose the positive class");
    }
    if (pos) return *pos;
    bool ok;
    if (c.count == 1) ok = c.a == 0 || c.a == 1 || c.a == -1;
    else ok = (c.lo() == 0 && c.hi() == 1) || (c.lo() == -1 && c.hi() == 1);
    if (!ok) throw_invalid_argument(fn, "pos_label", "must be given: y_true's labels are not {0, 1} or {-1, 1}");
    return 1;
}

// `greater_positive`: the greater of y_true's labels is positive (roc_auc_score);
// otherwise `pos`, or scikit-learn's pos_label rule when unset.
template <class RT, class RS>
scored_rows collect(const char* fn, const RT& y_true, const RS& y_score, const std::optional<label_type>& pos,
                    label_census& census, label_type& pos_label, bool greater_positive = false) {
    std::size_t n;
    check_lengths(fn, y_true, y_score, n);
    scored_rows rows;
    if (census.count == 0 && (!pos || *pos == 1)) {
        // Labels in {0, 1} (the usual case): one pass lays the rows out with
        // 1 positive while checking that guess and the scores.
        bool other = false, bad_score = false;
        unsigned seen = 0;
        rows.fill_split_01(range_begin(y_true), range_begin(y_score), n, other, seen, bad_score);
        if (!other) {
            if (seen & 1u) census.see(0);
            if (seen & 2u) census.see(1);
            if (bad_score) check_scores(fn, "y_score", range_begin(y_score), n);
            pos_label = greater_positive ? census.hi() : resolve_pos_label(fn, census, pos);
            if (pos_label == 1) return rows;
        }
    }
    check_scores(fn, "y_score", range_begin(y_score), n);
    if (census.count == 0) take_census(fn, range_begin(y_true), n, census);
    pos_label = greater_positive ? census.hi() : resolve_pos_label(fn, census, pos);
    rows.fill_split(range_begin(y_true), range_begin(y_score), n, pos_label);
    return rows;
}

template <class RT, class RS, class RW>
scored_rows collect(const char* fn, const RT& y_true, const RS& y_score, const RW& w,
                    const std::optional<label_type>& pos, label_census& census, label_type& pos_label,
                    bool greater_positive = false) {
    std::size_t n;
    check_lengths(fn, y_true, y_score, n);
    require_same_size(fn, "y_true", n, "sample_weight", range_size(w));
    check_scores(fn, "y_score", range_begin(y_score), n);
    check_weights(fn, range_begin(w), n);
    if (census.count == 0) take_census(fn, range_begin(y_true), n, census);
    pos_label = greater_positive ? census.hi() : resolve_pos_label(fn, census, pos);
    scored_rows rows;
    rows.weighted = true;
    rows.fill_weighted(range_begin(y_true), range_begin(y_score), range_begin(w), n, pos_label);
    return rows;
}

// One point per distinct threshold; room for one per row (the most there can
// be) is reserved up front, untouched and huge-page advised, so the columns
// grow without copies and fresh memory is faulted in 2 MiB at a time.
inline binary_clf_curve_result clf_curve(scored_rows& rows) {
    const std::size_t n_rows = rows.weighted ? rows.n_weighted + rows.keys_added.size()
                                             : rows.n_rows + rows.pos_added.size() + rows.neg_added.size();
    binary_clf_curve_result c;
    reserve_big(c.fps, n_rows);
    reserve_big(c.tps, n_rows);
    reserve_big(c.thresholds, n_rows);
    rows.walk([&](double fps, double tps, double thr) {
        c.fps.push_back(fps);
        c.tps.push_back(tps);
        c.thresholds.push_back(thr);
    });
    return c;
}

inline roc_curve_result roc_from(binary_clf_curve_result c, bool drop_intermediate) {
    std::vector<double>& fps = c.fps;
    std::vector<double>& tps = c.tps;
    std::vector<double>& thr = c.thresholds;
    if (drop_intermediate && fps.size() > 2) {
        std::size_t out = 1;
        const std::size_t m = fps.size();
        for (std::size_t i = 1; i + 1 < m; ++i) {
            const double d2f = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1]);
            const double d2t = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1]);
            if (d2f != 0.0 || d2t != 0.0) {
                // i is compared with its original neighbours: copy after reading them.
                fps[out] = fps[i], tps[out] = tps[i], thr[out] = thr[i];
                ++out;
            } else {
                continue;
            }
        }
        fps[out] = fps[m - 1], tps[out] = tps[m - 1], thr[out] = thr[m - 1];
        ++out;
        fps.resize(out), tps.resize(out), thr.resize(out);
    }
    roc_curve_result r;
    const std::size_t m = fps.size() + 1;
    r.fpr.resize(m);
    r.tpr.resize(m);
    r.thresholds.resize(m);
    r.thresholds[0] = thr[0] + 1.0;
    for (std::size_t i = 1; i < m; ++i) r.thresholds[i] = thr[i - 1];
    const double nf = fps.back(), nt = tps.back();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.fpr[0] = nf <= 0 ? nan : 0.0;
    r.tpr[0] = nt <= 0 ? nan : 0.0;
    for (std::size_t i = 1; i < m; ++i) {
        r.fpr[i] = nf <= 0 ? nan : fps[i - 1] / nf;
        r.tpr[i] = nt <= 0 ? nan : tps[i - 1] / nt;
    }
    return r;
}

/// Trapezoidal area under (x, y), x non-decreasing.
inline double trapezoid(const std::vector<double>& x, const std::vector<double>& y) {
    double a = 0.0;
    for (std::size_t i = 1; i < x.size(); ++i) a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
    return a;
}

/// Full AUC straight from the walk: the area is accumulated in counts
/// (exact for unweighted data) and divided once.
/// Unweighted rows sum the doubled trapezoids in integers: the same value as
/// the double sum while that is exact (2·P·N < 2^53), exact beyond it
/// (up to 2·P·N < 2^64).
struct auc_visit {
    double area = 0.0, pf = 0.0, pt = 0.0;
    std::uint64_t iarea = 0, ipf = 0, ipt = 0;
    bool counted = false;
    void operator()(double fps, double tps, double) {
        area += (fps - pf) * (tps + pt);
        pf = fps;
        pt = tps;
    }
    void counts(std::uint64_t fps, std::uint64_t tps, double) {
        iarea += (fps - ipf) * (tps + ipt);
        ipf = fps;
        ipt = tps;
        counted = true;
    }
    double value() const {
        if (counted) return static_cast<double>(iarea) / (2.0 * static_cast<double>(ipf) * static_cast<double>(ipt));
        return area / (2.0 * pf * pt);
    }
};

inline double auc_walk(scored_rows& rows) { return rows.walk_value(auc_visit{}).value(); }

inline double partial_auc(scored_rows& rows, double max_fpr) {
    const roc_curve_result r = roc_from(clf_curve(rows), true);
    const auto& fpr = r.fpr;
    const auto& tpr = r.tpr;
    const std::size_t stop = static_cast<std::size_t>(std::upper_bound(fpr.begin(), fpr.end(), max_fpr) - fpr.begin());
    std::vector<double> x(fpr.begin(), fpr.begin() + static_cast<std::ptrdiff_t>(stop));
    std::vector<double> y(tpr.begin(), tpr.begin() + static_cast<std::ptrdiff_t>(stop));
    const double x0 = fpr[stop - 1], x1 = fpr[stop], y0 = tpr[stop - 1], y1 = tpr[stop];
    const double slope = (y1 - y0) / (x1 - x0);
    x.push_back(max_fpr);
    y.push_back(slope * (max_fpr - x0) + y0);
    const double a = trapezoid(x, y);
    const double min_area = 0.5 * max_fpr * max_fpr, max_area = max_fpr;
    return 0.5 * (1.0 + (a - min_area) / (max_area - min_area));
}

inline double roc_auc_rows(const char* fn, scored_rows& rows, const roc_auc_options& o) {
    if (o.max_fpr) {
        const double m = *o.max_fpr;
        require(m > 0.0 && m <= 1.0, fn, "max_fpr", "must lie in (0, 1], got ", m);
    }
    require(rows.n_pos > 0.0 && rows.n_neg > 0.0, fn, "y_true",
            "has only one class (with non-zero weight); ROC AUC needs both");
    if (o.max_fpr && *o.max_fpr < 1.0) return partial_auc(rows, *o.max_fpr);
    return auc_walk(rows);
}

inline precision_recall_curve_result pr_from(const binary_clf_curve_result& c) {
    precision_recall_curve_result r;
    const std::size_t m = c.tps.size();
    const double total_pos = c.tps.back();
    for (std::size_t k = m; k-- > 0;) {
        const double ps = c.tps[k] + c.fps[k];
        r.precision.push_back(ps != 0.0 ? c.tps[k] / ps : 0.0);
        r.recall.push_back(total_pos == 0.0 ? 1.0 : c.tps[k] / total_pos);
        r.thresholds.push_back(c.thresholds[k]);
    }
    r.precision.push_back(1.0);
    r.recall.push_back(0.0);
    return r;
}

struct ap_visit {
    // Σ_k (tps_k − tps_{k−1})·P_k, divided by the positives' total at the
    // end: one division per distinct score. It differs from scikit-learn's
    // Σ_k (R_k − R_{k−1})·P_k by rounding only, and unit weights give the
    // same terms as counts.
    double total_pos, sum = 0.0, prev_tps = 0.0;
    std::uint64_t prev_count = 0;  // the counts' walk keeps its previous tps apart (an integer register)
    void operator()(double fps, double tps, double) {
        const double ps = tps + fps;
        sum += (tps - prev_tps) * (tps / (ps != 0.0 ? ps : 1.0));  // ps = 0 only with tps = 0
        prev_tps = tps;
    }
    void counts(std::uint64_t fps, std::uint64_t tps, double) {
        const double ps = count_to_double(tps + fps);
        sum += count_to_double(tps - prev_count) * (count_to_double(tps) / (ps != 0.0 ? ps : 1.0));
        prev_count = tps;
    }
    /// No positive: every recall is 1, so the value is the precision at the
    /// highest threshold, 0.
    double value() const { return total_pos == 0.0 ? 0.0 : sum / total_pos; }
};

inline double average_precision_rows(scored_rows& rows) {
    // Σ_k (R_k − R_{k−1}) P_k over distinct thresholds, descending; computed
    // on the walk without building the curve.
    return rows.walk_value(ap_visit{rows.n_pos}).value();
}

inline det_curve_result det_from(const binary_clf_curve_result& c) {
    const auto& fps = c.fps;
    const auto& tps = c.tps;
    const std::size_t first = static_cast<std::size_t>(std::upper_bound(fps.begin(), fps.end(), fps[0]) - fps.begin()) - 1;
    const std::size_t last = static_cast<std::size_t>(std::lower_bound(tps.begin(), tps.end(), tps.back()) - tps.begin()) + 1;
    det_curve_result r;
    const double p = tps.back(), n = fps.back();
    for (std::size_t k = last; k-- > first;) {
        r.fpr.push_back(fps[k] / n);
        r.fnr.push_back((p - tps[k]) / p);
        r.thresholds.push_back(c.thresholds[k]);
    }
    return r;
}

template <class R>
using if_range_c = std::enable_if_t<is_range<R>::value, int>;

}  // namespace metrics
}  // namespace detail

// ===========================================================================
// Full-pass functions. Each has an unweighted and a weighted overload.
// Throws (all): invalid_argument for empty input, mismatched lengths, NaN or
// infinite scores, negative or non-finite weights, more than two labels in
// y_true without pos_label, labels outside {0,1}/{-1,1} without pos_label.
// Complexity (all): O(n) time (radix sorts; see the top of this file), O(n)
// extra memory for the keys.

#define ASSAY_CURVE_FN(RESULT, NAME, OPT, BODY)                                                               \
    template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>   \
    RESULT NAME(const RT& y_true, const RS& y_score, const OPT& opt = OPT{}) {                                \
        const char* fn = #NAME;                                                                               \
        detail::metrics::label_census census;                                                                 \
        label_type pos_label = 1;                                                                             \
        auto rows = detail::metrics::collect(fn, y_true, y_score, opt.pos_label, census, pos_label);          \
        BODY                                                                                                  \
    }                                                                                                         \
    template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0,                              \
              detail::metrics::if_range_c<RS> = 0, detail::metrics::if_range_c<RW> = 0>                      \
    RESULT NAME(const RT& y_true, const RS& y_score, const RW& sample_weight, const OPT& opt = OPT{}) {       \
        const char* fn = #NAME;                                                                               \
        detail::metrics::label_census census;                                                                 \
        label_type pos_label = 1;                                                                             \
        auto rows = detail::metrics::collect(fn, y_true, y_score, sample_weight, opt.pos_label, census, pos_label); \
        detail::require(rows.n_pos + rows.n_neg > 0.0, fn, "sample_weight", "is zero for every row");         \
        BODY                                                                                                  \
    }

/// Cumulative (weighted) fps and tps at each distinct score, descending
/// (scikit-learn 1.2.1 `_binary_clf_curve`). The building block of the curves.
ASSAY_CURVE_FN(binary_clf_curve_result, binary_clf_curve, curve_options, {
    (void)fn;
    (void)census;
    (void)pos_label;
    return detail::metrics::clf_curve(rows);
})

/// ROC curve (scikit-learn 1.2.1 `roc_curve`): with drop_intermediate,
/// collinear interior points are dropped (when there are more than two);
/// a first point (0, 0) gets threshold max(score) + 1 (scikit-learn ≥ 1.3
/// uses +inf there). fpr = fps / total negatives and tpr = tps / total
/// positives; a class that is absent makes its rate all NaN (scikit-learn
/// warns and does the same).
ASSAY_CURVE_FN(roc_curve_result, roc_curve, curve_options, {
    (void)fn;
    (void)census;
    (void)pos_label;
    return detail::metrics::roc_from(detail::metrics::clf_curve(rows), opt.drop_intermediate);
})

/// Precision-recall curve (scikit-learn 1.2.1 `precision_recall_curve`):
/// one point per distinct score in increasing threshold order (no truncation
/// at full recall), then (precision 1, recall 0) without threshold.
/// precision = tps / (tps + fps); with no positive, recall is all 1.
ASSAY_CURVE_FN(precision_recall_curve_result, precision_recall_curve, curve_options, {
    (void)fn;
    (void)census;
    (void)pos_label;
    return detail::metrics::pr_from(detail::metrics::clf_curve(rows));
})

/// Average precision Σ_k (R_k − R_{k−1}) P_k over distinct thresholds: the
/// step-wise area under the precision-recall curve, no interpolation
/// (scikit-learn 1.2.1 `average_precision_score`, binary). Also throws if
/// pos_label is not one of two labels present in y_true.
ASSAY_CURVE_FN(double, average_precision_score, curve_options, {
    (void)pos_label;
    if (opt.pos_label && census.count == 2 && census.a != *opt.pos_label && census.b != *opt.pos_label)
        detail::throw_invalid_argument(fn, "pos_label", "is ", *opt.pos_label, ", not one of y_true's labels");
    return detail::metrics::average_precision_rows(rows);
})

/// Detection error trade-off curve (scikit-learn 1.2.1 `det_curve`): the
/// points from the last one whose fps equals the first's to the first one
/// reaching every positive, in increasing threshold order; fpr = fps / N,
/// fnr = (P − tps) / P. Also throws if y_true does not have exactly two labels.
ASSAY_CURVE_FN(det_curve_result, det_curve, curve_options, {
    (void)pos_label;
    detail::require(census.count == 2 && !census.more, fn, "y_true",
                    "must contain exactly two classes; the DET curve is not defined otherwise");
    return detail::metrics::det_from(detail::metrics::clf_curve(rows));
})
#undef ASSAY_CURVE_FN

/// Area under the ROC curve (scikit-learn 1.2.1 `roc_auc_score`, binary):
/// the greater of y_true's two labels is positive; trapezoidal area, so tied
/// scores of a positive and a negative count one half. With max_fpr < 1 the
/// partial area up to max_fpr (tpr interpolated linearly at max_fpr) is
/// McClish-standardised: 0.5·(1 + (A − m²/2)/(m − m²/2)). Without weights
/// the full area is summed in counts, as integers (exact while 2·P·N < 2^64),
/// and divided once.
/// Throws: as the curve functions, and invalid_argument when y_true has one
/// class only (or one class with non-zero weight), more than two classes, or
/// max_fpr outside (0, 1]. Complexity: O(n) time and memory.
template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>
double roc_auc_score(const RT& y_true, const RS& y_score, const roc_auc_options& opt = {}) {
    const char* fn = "roc_auc_score";
    detail::metrics::label_census census;
    label_type pos = 1;
    auto rows = detail::metrics::collect(fn, y_true, y_score, std::nullopt, census, pos, true);
    detail::require(census.count == 2 && !census.more, fn, "y_true",
                    census.more ? "has more than two classes; use the multiclass roc_auc_score"
                                : "has only one class; ROC AUC needs two");
    return detail::metrics::roc_auc_rows(fn, rows, opt);
}
template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0,
          detail::metrics::if_range_c<RW> = 0>
double roc_auc_score(const RT& y_true, const RS& y_score, const RW& sample_weight, const roc_auc_options& opt = {}) {
    const char* fn = "roc_auc_score";
    detail::metrics::label_census census;
    label_type pos = 1;
    auto rows = detail::metrics::collect(fn, y_true, y_score, sample_weight, std::nullopt, census, pos, true);
    detail::require(census.count == 2 && !census.more, fn, "y_true",
                    census.more ? "has more than two classes; use the multiclass roc_auc_score"
                                : "has only one class; ROC AUC needs two");
    return detail::metrics::roc_auc_rows(fn, rows, opt);
}

// ===========================================================================
// Streaming

class ranking_accumulator;
namespace detail {
namespace metrics {
/// The cumulative counts of the rows an accumulator holds (no check: rows
/// of zero weight give an empty curve).
inline binary_clf_curve_result accumulator_curve(const ranking_accumulator& acc);
}  // namespace metrics
}  // namespace detail

/// Exact streaming accumulator for the ranking metrics of one binary
/// problem: keeps every (score, is_positive[, weight]) it is given — O(n)
/// memory — and computes the same values as the full-pass functions.
/// `merge` appends another accumulator's rows; the result equals the full
/// pass over the concatenation (exactly for unweighted rows; weighted sums of
/// tied scores may round differently).
class ranking_accumulator {
public:
    /// `pos_label`: the label counted as positive in label updates.
    explicit ranking_accumulator(label_type pos_label = 1) : pos_label_(pos_label) {}

    label_type pos_label() const noexcept { return pos_label_; }
    std::size_t size() const noexcept { return scores_.size(); }

    /// Adds one row. Throws: invalid_argument for a non-finite score or weight
    /// or a negative weight. Complexity: amortised O(1).
    template <class L>
    void update(L label, double score, double weight = 1.0) {
        detail::metrics::check_label_value("ranking_accumulator::update", "y_true", label, 0);
        add("ranking_accumulator::update", detail::metrics::to_label(label) == pos_label_, score, weight);
    }

    /// Adds a batch (ranges of equal length); unchanged if it throws.
    template <class RT, class RS, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0>
    void update(const RT& y_true, const RS& y_score) {
        const char* fn = "ranking_accumulator::update";
        std::size_t n;
        detail::metrics::check_lengths(fn, y_true, y_score, n);
        detail::metrics::check_scores(fn, "y_score", detail::metrics::range_begin(y_score), n);
        auto t = detail::metrics::range_begin(y_true);
        auto s = detail::metrics::range_begin(y_score);
        reserve(n);
        for (std::size_t i = 0; i < n; ++i, ++t, ++s) {
            detail::metrics::check_label_value(fn, "y_true", *t, i);
            push(detail::metrics::to_label(*t) == pos_label_, static_cast<double>(*s), 1.0);
        }
    }
    template <class RT, class RS, class RW, detail::metrics::if_range_c<RT> = 0, detail::metrics::if_range_c<RS> = 0,
              detail::metrics::if_range_c<RW> = 0>
    void update(const RT& y_true, const RS& y_score, const RW& sample_weight) {
        const char* fn = "ranking_accumulator::update";
        std::size_t n;
        detail::metrics::check_lengths(fn, y_true, y_score, n);
        detail::require_same_size(fn, "y_true", n, "sample_weight", detail::metrics::range_size(sample_weight));
        detail::metrics::check_scores(fn, "y_score", detail::metrics::range_begin(y_score), n);
        detail::metrics::check_weights(fn, detail::metrics::range_begin(sample_weight), n);
        auto t = detail::metrics::range_begin(y_true);
        auto s = detail::metrics::range_begin(y_score);
        auto w = detail::metrics::range_begin(sample_weight);
        reserve(n);
        for (std::size_t i = 0; i < n; ++i, ++t, ++s, ++w) {
            detail::metrics::check_label_value(fn, "y_true", *t, i);
            push(detail::metrics::to_label(*t) == pos_label_, static_cast<double>(*s), static_cast<double>(*w));
        }
    }

    /// Appends other's rows. Throws: invalid_argument if the positive labels
    /// differ. Complexity: O(size of other).
    void merge(const ranking_accumulator& o) {
        detail::require(o.pos_label_ == pos_label_, "ranking_accumulator::merge", "other",
                        "has positive label ", o.pos_label_, ", this one ", pos_label_);
        if (&o == this) {  // inserting a vector into itself is not allowed
            const ranking_accumulator copy(o);
            merge(copy);
            return;
        }
        scores_.insert(scores_.end(), o.scores_.begin(), o.scores_.end());
        positive_.insert(positive_.end(), o.positive_.begin(), o.positive_.end());
        weights_.insert(weights_.end(), o.weights_.begin(), o.weights_.end());
        weighted_ = weighted_ || o.weighted_;
    }
    ranking_accumulator& operator+=(const ranking_accumulator& o) {
        merge(o);
        return *this;
    }
    void reset() {
        scores_.clear();
        positive_.clear();
        weights_.clear();
        weighted_ = false;
    }

    /// ROC AUC (as roc_auc_score, with this accumulator's positive label).
    /// Throws: invalid_argument when a class is missing or max_fpr is bad.
    /// Complexity: O(n).
    double roc_auc(const roc_auc_options& o = {}) const {
        auto rows = this->rows();
        return detail::metrics::roc_auc_rows("ranking_accumulator::roc_auc", rows, o);
    }
    /// Average precision (as average_precision_score). Throws:
    /// invalid_argument when no row has non-zero weight. Complexity: O(n).
    double average_precision() const {
        require_rows("ranking_accumulator::average_precision");
        auto rows = this->rows();
        return detail::metrics::average_precision_rows(rows);
    }
    /// ROC curve (as roc_curve). Throws: invalid_argument when no row has
    /// non-zero weight. Complexity: O(n).
    roc_curve_result roc_curve(bool drop_intermediate = true) const {
        require_rows("ranking_accumulator::roc_curve");
        auto rows = this->rows();
        return detail::metrics::roc_from(detail::metrics::clf_curve(rows), drop_intermediate);
    }
    /// Precision-recall curve (as precision_recall_curve). Throws / Complexity: as roc_curve.
    precision_recall_curve_result precision_recall_curve() const {
        require_rows("ranking_accumulator::precision_recall_curve");
        auto rows = this->rows();
        return detail::metrics::pr_from(detail::metrics::clf_curve(rows));
    }
    /// Cumulative (weighted) true and false positives at every distinct
    /// score, decreasing (scikit-learn's `_binary_clf_curve`; what the
    /// threshold sweep and the cost curve of thresholds.hpp read). Throws:
    /// invalid_argument when no row has non-zero weight. Complexity: O(n).
    binary_clf_curve_result binary_clf_curve() const {
        require_rows("ranking_accumulator::binary_clf_curve");
        return detail::metrics::accumulator_curve(*this);
    }
    /// DET curve (as det_curve). Throws: invalid_argument unless both
    /// classes have non-zero weight. Complexity: O(n).
    det_curve_result det_curve() const {
        auto rows = this->rows();
        detail::require(rows.n_pos > 0 && rows.n_neg > 0, "ranking_accumulator::det_curve", "y_true",
                        "must contain both classes");
        return detail::metrics::det_from(detail::metrics::clf_curve(rows));
    }

private:
    friend binary_clf_curve_result detail::metrics::accumulator_curve(const ranking_accumulator& acc);

    void require_rows(const char* fn) const {
        bool any = false;
        for (std::size_t i = 0; i < weights_.size() && !any; ++i) any = weights_[i] != 0.0;
        detail::require(any, fn, "y_true", "no rows with non-zero weight");
    }
    void reserve(std::size_t n) {
        scores_.reserve(scores_.size() + n);
        positive_.reserve(positive_.size() + n);
        weights_.reserve(weights_.size() + n);
    }
    void add(const char* fn, bool pos, double score, double w) {
        detail::require(std::isfinite(score), fn, "y_score", "is ", score);
        detail::metrics::check_weight_value(fn, w);
        push(pos, score, w);
    }
    void push(bool pos, double score, double w) {
        scores_.push_back(score);
        positive_.push_back(pos ? 1 : 0);
        weights_.push_back(w);
        if (w != 1.0) weighted_ = true;
    }
    detail::metrics::scored_rows rows() const {
        detail::metrics::scored_rows r;
        r.weighted = weighted_;
        for (std::size_t i = 0; i < scores_.size(); ++i) {
            if (weighted_) r.add(positive_[i] != 0, scores_[i], weights_[i]);
            else r.add(positive_[i] != 0, scores_[i]);
        }
        return r;
    }

    label_type pos_label_;
    bool weighted_ = false;
    std::vector<double> scores_;
    std::vector<unsigned char> positive_;
    std::vector<double> weights_;
};

namespace detail {
namespace metrics {
inline binary_clf_curve_result accumulator_curve(const ranking_accumulator& acc) {
    auto rows = acc.rows();
    return clf_curve(rows);
}
}  // namespace metrics
}  // namespace detail

ASSAY_NAMESPACE_END
