// assay/drift/distribution.hpp — feature-distribution drift statistics:
// how far a live sample ("current") has moved from a training sample
// ("reference").
//
// * ks_2samp — two-sample Kolmogorov-Smirnov test (scipy 1.10.1
//   `scipy.stats.ks_2samp`), statistic, where it is attained, and p-value.
// * psi — population stability index over bins cut at reference quantiles
//   (or uniformly over the reference range).
// * histogram_distances — Jensen-Shannon distance, Hellinger distance (both
//   normalisations, the unnormalised one being HDDDM's), Bhattacharyya
//   coefficient and PSI between two count vectors.
// * wasserstein_distance, energy_distance — scipy's 1-D distances between
//   (optionally weighted) samples.
// * chi2_contingency — chi-square test of a categorical feature's counts in
//   the two samples (scipy's `chi2_contingency` on the 2 x K table).
//
// The exact conventions are written next to each function; they are those of
// tests/reference/README.md, checked against scipy's outputs.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../detail/kolmogorov.hpp"
#include "../detail/ks_exact.hpp"
#include "../detail/numpy.hpp"
#include "../error.hpp"
#include "../detail/radix_sort.hpp"

#include <unsupported/Eigen/SpecialFunctions>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <ostream>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

namespace detail {

using assay::detail::require;
using assay::detail::require_nonempty;
using assay::detail::require_same_size;
using assay::detail::throw_invalid_argument;

/// Copies a range of arithmetic values into doubles, checking each is finite.
template <class Range>
std::vector<double> finite_values(const char* fn, const char* arg, const Range& r) {
    using std::begin;
    using std::end;
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(std::distance(begin(r), end(r))));
    std::size_t i = 0;
    for (auto it = begin(r); it != end(r); ++it, ++i) {
        const double v = static_cast<double>(*it);
        if (ASSAY_UNLIKELY(!std::isfinite(v))) throw_invalid_argument(fn, arg, "value at index ", i, " is ", v);
        out.push_back(v);
    }
    return out;
}

/// Sorts doubles ascending with the library's radix sort (numeric order;
/// -0.0 comes back as +0.0). O(n).
inline void sort_values(std::vector<double>& v) {
    if (v.size() < 1024) {
        std::sort(v.begin(), v.end());
        return;
    }
    std::vector<std::uint64_t> keys(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) keys[i] = assay::detail::ascending_key(v[i]);
    assay::detail::radix_sort_keys(keys);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = assay::detail::key_to_double(keys[i]);
}

/// Sorts values ascending carrying their weights along. O(n).
inline void sort_values(std::vector<double>& v, std::vector<double>& w) {
    std::vector<std::uint64_t> keys(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) keys[i] = assay::detail::ascending_key(v[i]);
    assay::detail::radix_sort(keys, w);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = assay::detail::key_to_double(keys[i]);
}

inline std::vector<double> sorted_finite(std::vector<double> v) {
    sort_values(v);
    return v;
}

/// Non-negative finite counts (or weights) as doubles.
template <class Range>
std::vector<double> counts_of(const char* fn, const char* arg, const Range& r) {
    auto v = finite_values(fn, arg, r);
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (ASSAY_UNLIKELY(v[i] < 0.0)) throw_invalid_argument(fn, arg, "value at index ", i, " is negative (", v[i], ")");
    }
    return v;
}

inline double sum_of(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

/// Upper regularized incomplete gamma Q(a, x): the chi-square survival
/// function is Q(dof / 2, x / 2).
inline double chi2_sf(double x, double dof) {
    if (!(x > 0.0)) return 1.0;
    return Eigen::numext::igammac(dof / 2.0, x / 2.0);
}

}  // namespace detail

// ---------------------------------------------------------------------------
// Kolmogorov-Smirnov

enum class ks_alternative { two_sided, less, greater };
/// `automatic`: exact when both samples have at most 10000 values, else
/// asymptotic (scipy's "auto").
enum class ks_method { automatic, exact, asymp };

struct ks_options {
    ks_alternative alternative = ks_alternative::two_sided;
    ks_method method = ks_method::automatic;
};

struct ks_result {
    double statistic = 0.0;           ///< D (D+ for greater, D- for less)
    double pvalue = 1.0;
    double statistic_location = 0.0;  ///< the pooled value where D is attained
    int statistic_sign = 1;           ///< +1: reference ECDF above current's there; -1: below
    ks_method method = ks_method::exact;  ///< the method that produced the p-value
};

inline ks_result ks_2samp_sorted(const std::vector<double>& a, const std::vector<double>& b,
                                 const ks_options& options = {});

/// Two-sample Kolmogorov-Smirnov test of `reference` (scipy's data1) against
/// `current` (data2), matching scipy 1.10.1's `ks_2samp`:
/// * Both ECDFs (right-continuous) are evaluated at every value of
///   concat(sorted(reference), sorted(current)); diff = F_ref − F_cur.
///   "greater": D = max diff (sign +1); "less": D = max(−diff) clipped at 0
///   (sign −1); two-sided: the larger, "greater" on a tie.
///   statistic_location is the first pooled value (in that order) where D is
///   attained. Ties within and across samples are allowed.
/// * exact p-value: D is rounded to h / lcm(n1, n2) (the reported statistic
///   becomes that fraction) and the lattice-path probability is computed
///   exactly (Hodges' method). As in scipy, a one-sided exact test whose path
///   count would overflow a double (binom(n1 + n2, n1) > DBL_MAX, unequal
///   sizes) and an exact request with n1/g · n2/g ≥ 2^31 − 1 fall back to the
///   asymptotic p-value.
/// * asymptotic: m ≥ n the sizes, en = m·n/(m + n); one-sided
///   exp(−2z² − 2z(m + 2n)/(3·sqrt(m·n·(m + n)))) with z = sqrt(en)·D (Hodges);
///   two-sided: the one-sample Kolmogorov distribution at size round(en),
///   P(D_round(en) > D), evaluated as scipy's `kstwo.sf` (detail/kolmogorov.hpp).
/// * automatic: exact if max(n1, n2) <= 10000, else asymptotic.
/// Throws: invalid_argument for an empty sample or a NaN or infinite value.
/// Complexity: O(N log N) for the
/// statistic (sorted copies of both samples, N = n1 + n2); the exact p-value
/// costs O(max(n1, n2) · band) with band <= min(n1, n2) + 1.
template <class ReferenceRange, class CurrentRange>
ks_result ks_2samp(const ReferenceRange& reference, const CurrentRange& current, const ks_options& options = {}) {
    const char* fn = "drift::ks_2samp";
    const auto a = detail::sorted_finite(detail::finite_values(fn, "reference", reference));
    const auto b = detail::sorted_finite(detail::finite_values(fn, "current", current));
    detail::require_nonempty(fn, "reference", a.size());
    detail::require_nonempty(fn, "current", b.size());
    return ks_2samp_sorted(a, b, options);
}

/// ks_2samp on samples already sorted ascending and checked finite and
/// non-empty (what a monitor that keeps its reference sorted calls).
/// Complexity: O(n1 + n2) for the statistic, plus the p-value's cost.
inline ks_result ks_2samp_sorted(const std::vector<double>& a, const std::vector<double>& b,
                                 const ks_options& options) {
    const auto n1 = static_cast<std::int64_t>(a.size());
    const auto n2 = static_cast<std::int64_t>(b.size());
    const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);

    // diff at every pooled value, in scipy's order: first the reference
    // values, then the current ones; argmax/argmin keep the first extreme.
    double max_diff = -std::numeric_limits<double>::infinity(), min_diff = std::numeric_limits<double>::infinity();
    double max_loc = 0.0, min_loc = 0.0;
    auto visit = [&](double v, double diff) {
        if (diff > max_diff) {
            max_diff = diff;
            max_loc = v;
        }
        if (diff < min_diff) {
            min_diff = diff;
            min_loc = v;
        }
    };
    {
        std::size_t j = 0, k = 0;  // current / reference values <= v
        for (const double v : a) {
            while (k < a.size() && a[k] <= v) ++k;
            while (j < b.size() && b[j] <= v) ++j;
            visit(v, static_cast<double>(k) / dn1 - static_cast<double>(j) / dn2);
        }
        std::size_t i = 0;
        k = 0;
        for (const double v : b) {
            while (k < b.size() && b[k] <= v) ++k;
            while (i < a.size() && a[i] <= v) ++i;
            visit(v, static_cast<double>(i) / dn1 - static_cast<double>(k) / dn2);
        }
    }
    const double min_s = std::min(std::max(-min_diff, 0.0), 1.0);
    const double max_s = max_diff;

    ks_result r;
    if (options.alternative == ks_alternative::less ||
        (options.alternative == ks_alternative::two_sided && min_s > max_s)) {
        r.statistic = min_s;
        r.statistic_location = min_loc;
        r.statistic_sign = -1;
    } else {
        r.statistic = max_s;
        r.statistic_location = max_loc;
        r.statistic_sign = 1;
    }

    const std::int64_t g = std::gcd(n1, n2);
    const std::int64_t n1g = n1 / g, n2g = n2 / g;
    ks_method method = options.method;
    if (method == ks_method::automatic) {
        method = std::max(n1, n2) <= 10000 ? ks_method::exact : ks_method::asymp;
    } else if (method == ks_method::exact &&
               static_cast<double>(n1g) >= static_cast<double>(std::numeric_limits<std::int32_t>::max()) /
                                                static_cast<double>(n2g)) {
        method = ks_method::asymp;
    }
    const bool two_sided = options.alternative == ks_alternative::two_sided;

    if (method == ks_method::exact) {
        const std::int64_t lcm = n1g * n2;
        const auto h = static_cast<std::int64_t>(std::nearbyint(r.statistic * static_cast<double>(lcm)));
        const double d = static_cast<double>(h) / static_cast<double>(lcm);
        // scipy's one-sided count of paths overflows for large unequal samples.
        const double log_paths = std::lgamma(dn1 + dn2 + 1.0) - std::lgamma(dn1 + 1.0) - std::lgamma(dn2 + 1.0);
        const bool overflow = !two_sided && n1 != n2 && log_paths > std::log(std::numeric_limits<double>::max());
        if (!overflow) {
            r.statistic = d;
            r.pvalue = h == 0 ? 1.0 : assay::detail::ks_exact_pvalue(n1, n2, g, h, two_sided);
            r.pvalue = std::min(std::max(r.pvalue, 0.0), 1.0);
            r.method = ks_method::exact;
            return r;
        }
        method = ks_method::asymp;
    }

    // Asymptotic.
    const double m = std::max(dn1, dn2), n = std::min(dn1, dn2);
    const double en = m * n / (m + n);
    if (two_sided) {
        const auto n_eff = static_cast<std::int64_t>(std::nearbyint(en));
        r.pvalue = assay::detail::kolmogorov_sf(std::max<std::int64_t>(n_eff, 1), r.statistic);
        r.method = ks_method::asymp;
        return r;
    }
    const double z = std::sqrt(en) * r.statistic;
    const double expt = -2.0 * z * z - 2.0 * z * (m + 2.0 * n) / std::sqrt(m * n * (m + n)) / 3.0;
    r.pvalue = std::min(std::max(std::exp(expt), 0.0), 1.0);
    r.method = ks_method::asymp;
    return r;
}

// ---------------------------------------------------------------------------
// Binned comparisons: PSI and histogram distances

/// How PSI cuts the reference range into bins.
enum class psi_binning {
    quantile,  ///< interior edges at the reference's k/B percentiles, deduplicated
    uniform,   ///< B equal-width bins between the reference's min and max
};

struct psi_options {
    std::size_t n_bins = 10;
    psi_binning binning = psi_binning::quantile;
    double eps = 1e-4;  ///< floor applied to every bin share before the logarithm
};

struct psi_result {
    double psi = 0.0;
    std::vector<double> edges;  ///< interior edges (bins: (−inf, e1), [e1, e2), …, [e_last, +inf))
    std::vector<std::size_t> ref_counts;
    std::vector<std::size_t> cur_counts;
};

/// Interior bin edges cut from a reference sample, and counting of any sample
/// into those bins: (−inf, e1), [e1, e2), ..., [e_last, +inf) (a value on an
/// edge goes to the bin above, numpy's searchsorted(edges, x, "right")).
/// Keep one per feature to compare live windows with the training data.
class reference_bins {
public:
    reference_bins() = default;

    /// Edges from a reference sample. quantile: numpy.percentile(reference,
    /// 100·k/B) (linear interpolation) for k = 1..B−1, deduplicated (ties can
    /// leave fewer than B bins); uniform: numpy.linspace(min, max, B + 1)
    /// without its two ends.
    /// Throws: invalid_argument for an empty or non-finite reference, n_bins < 1.
    /// Complexity: O(n log B) (selection on a copy) for quantile, O(n) for uniform.
    template <class Range>
    reference_bins(const Range& reference, std::size_t n_bins, psi_binning binning = psi_binning::quantile) {
        const char* fn = "drift::reference_bins";
        detail::require(n_bins >= 1, fn, "n_bins", "must be at least 1");
        auto values = detail::finite_values(fn, "reference", reference);
        detail::require_nonempty(fn, "reference", values.size());
        if (binning == psi_binning::quantile) {
            std::vector<double> ps;
            for (std::size_t k = 1; k < n_bins; ++k) ps.push_back(100.0 * static_cast<double>(k) / static_cast<double>(n_bins));
            edges_ = assay::detail::percentiles_unsorted(values, ps);
            edges_.erase(std::unique(edges_.begin(), edges_.end()), edges_.end());
        } else {
            const auto mm = std::minmax_element(values.begin(), values.end());
            const auto all = assay::detail::linspace(*mm.first, *mm.second, n_bins + 1);
            edges_.assign(all.begin() + 1, all.end() - 1);
        }
    }

    /// From explicit interior edges (ascending). Throws: invalid_argument if
    /// an edge is not finite or the edges decrease.
    explicit reference_bins(std::vector<double> interior_edges) : edges_(std::move(interior_edges)) {
        for (std::size_t i = 0; i < edges_.size(); ++i) {
            detail::require(std::isfinite(edges_[i]), "drift::reference_bins", "edges", "edge ", i, " is not finite");
            detail::require(i == 0 || edges_[i - 1] <= edges_[i], "drift::reference_bins", "edges",
                            "must be ascending (edge ", i, ")");
        }
    }

    const std::vector<double>& edges() const noexcept { return edges_; }
    std::size_t n_bins() const noexcept { return edges_.size() + 1; }

    /// Bin of one value. Complexity: O(log bins).
    std::size_t bin_of(double x) const noexcept {
        return static_cast<std::size_t>(std::upper_bound(edges_.begin(), edges_.end(), x) - edges_.begin());
    }

    /// Counts of a sample per bin. Throws: invalid_argument for a non-finite
    /// value. Complexity: O(n log bins).
    template <class Range>
    std::vector<std::size_t> count(const Range& sample, const char* argument = "sample") const {
        std::vector<std::size_t> counts(n_bins(), 0);
        std::size_t i = 0;
        for (const auto& v : sample) {
            const double x = static_cast<double>(v);
            if (ASSAY_UNLIKELY(!std::isfinite(x))) {
                detail::throw_invalid_argument("drift::reference_bins::count", argument, "value at index ", i, " is ", x);
            }
            ++counts[bin_of(x)];
            ++i;
        }
        return counts;
    }

private:
    std::vector<double> edges_;
};

/// PSI from two count vectors over the same bins: shares p_i = ref_i/Σref and
/// q_i = cur_i/Σcur, each floored at eps (no renormalisation), then
/// PSI = Σ (q_i − p_i)·ln(q_i / p_i).
/// Throws: invalid_argument for different lengths, an empty, negative or
/// all-zero count vector, or eps outside (0, 1). Complexity: O(bins).
template <class RefCounts, class CurCounts>
double psi_from_counts(const RefCounts& ref_counts, const CurCounts& cur_counts, double eps = 1e-4) {
    const char* fn = "drift::psi_from_counts";
    const auto p = detail::counts_of(fn, "ref_counts", ref_counts);
    const auto q = detail::counts_of(fn, "cur_counts", cur_counts);
    detail::require_nonempty(fn, "ref_counts", p.size());
    detail::require_same_size(fn, "ref_counts", p.size(), "cur_counts", q.size());
    assay::detail::require_in_open(fn, "eps", eps, 0.0, 1.0);
    const double sp = detail::sum_of(p), sq = detail::sum_of(q);
    detail::require(sp > 0.0, fn, "ref_counts", "sum to zero");
    detail::require(sq > 0.0, fn, "cur_counts", "sum to zero");
    double psi = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double pi = std::max(p[i] / sp, eps);
        const double qi = std::max(q[i] / sq, eps);
        psi += (qi - pi) * std::log(qi / pi);
    }
    return psi;
}

/// Population stability index of `current` against `reference`, with bins
/// cut from the reference (see reference_bins and psi_from_counts).
/// Rules of thumb: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
/// Throws: invalid_argument for empty or non-finite samples, n_bins < 1, eps
/// outside (0, 1). Complexity: O((n_ref + n_cur) log n_ref).
template <class ReferenceRange, class CurrentRange>
psi_result psi(const ReferenceRange& reference, const CurrentRange& current, const psi_options& options = {}) {
    const reference_bins bins(reference, options.n_bins, options.binning);
    detail::require_nonempty("drift::psi", "current", static_cast<std::size_t>(std::distance(std::begin(current), std::end(current))));
    psi_result r;
    r.edges = bins.edges();
    r.ref_counts = bins.count(reference, "reference");
    r.cur_counts = bins.count(current, "current");
    r.psi = psi_from_counts(r.ref_counts, r.cur_counts, options.eps);
    return r;
}

struct histogram_distance_result {
    double jensenshannon = 0.0;         ///< Jensen-Shannon distance, natural log (scipy's default base)
    double jensenshannon_base2 = 0.0;   ///< the same in base 2, in [0, 1]
    double hellinger = 0.0;             ///< sqrt(1 − BC), in [0, 1]
    double hellinger_unnormalized = 0.0;  ///< sqrt(Σ (√p − √q)²) = √2·hellinger, in [0, √2] (HDDDM's form)
    double bhattacharyya_coefficient = 0.0;  ///< BC = Σ sqrt(p_i q_i)
    double psi = 0.0;                   ///< PSI of the same counts (eps floor)
};

/// Distances between two histograms given as counts over the same bins
/// (each normalised to sum 1 first). Jensen-Shannon distance as scipy's
/// `spatial.distance.jensenshannon`: sqrt((KL(p‖m) + KL(q‖m))/2), m = (p+q)/2.
/// Hellinger's 1 − BC is clamped at 0 against rounding.
/// Throws: invalid_argument as psi_from_counts. Complexity: O(bins).
template <class PCounts, class QCounts>
histogram_distance_result histogram_distances(const PCounts& p_counts, const QCounts& q_counts, double eps = 1e-4) {
    const char* fn = "drift::histogram_distances";
    auto p = detail::counts_of(fn, "p_counts", p_counts);
    auto q = detail::counts_of(fn, "q_counts", q_counts);
    detail::require_nonempty(fn, "p_counts", p.size());
    detail::require_same_size(fn, "p_counts", p.size(), "q_counts", q.size());
    const double sp = detail::sum_of(p), sq = detail::sum_of(q);
    detail::require(sp > 0.0, fn, "p_counts", "sum to zero");
    detail::require(sq > 0.0, fn, "q_counts", "sum to zero");
    histogram_distance_result r;
    r.psi = psi_from_counts(p, q, eps);
    for (auto& v : p) v /= sp;
    for (auto& v : q) v /= sq;
    // KL terms with scipy's rel_entr: x·log(x/y), 0 when x = 0.
    double left = 0.0, right = 0.0, bc = 0.0, sq_diff = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const double m = (p[i] + q[i]) / 2.0;
        if (p[i] > 0.0) left += p[i] * std::log(p[i] / m);
        if (q[i] > 0.0) right += q[i] * std::log(q[i] / m);
        bc += std::sqrt(p[i] * q[i]);
        const double d = std::sqrt(p[i]) - std::sqrt(q[i]);
        sq_diff += d * d;
    }
    const double js = left + right;
    r.jensenshannon = std::sqrt(js / 2.0);
    r.jensenshannon_base2 = std::sqrt(js / std::log(2.0) / 2.0);
    r.bhattacharyya_coefficient = bc;
    r.hellinger = std::sqrt(std::max(1.0 - bc, 0.0));
    r.hellinger_unnormalized = std::sqrt(sq_diff);
    return r;
}

/// numpy.histogram(values, bins=n_bins, range=(lo, hi)): n_bins equal bins,
/// [e_i, e_{i+1}) with the last one closed; values outside [lo, hi] are not
/// counted. Throws: invalid_argument for n_bins < 1, lo > hi or non-finite
/// input. Complexity: O(n).
template <class Range>
std::vector<std::size_t> histogram_counts(const Range& values, std::size_t n_bins, double lo, double hi) {
    const char* fn = "drift::histogram_counts";
    detail::require(n_bins >= 1, fn, "n_bins", "must be at least 1");
    detail::require(std::isfinite(lo) && std::isfinite(hi) && lo <= hi, fn, "range", "must be finite with lo <= hi");
    if (lo == hi) {  // numpy widens a degenerate range by 0.5 on each side
        lo -= 0.5;
        hi += 0.5;
    }
    const auto edges = assay::detail::linspace(lo, hi, n_bins + 1);
    const double norm = static_cast<double>(n_bins) / (hi - lo);
    std::vector<std::size_t> counts(n_bins, 0);
    std::size_t i = 0;
    for (const auto& v : values) {
        const double x = static_cast<double>(v);
        if (ASSAY_UNLIKELY(!std::isfinite(x))) detail::throw_invalid_argument(fn, "values", "value at index ", i, " is ", x);
        ++i;
        if (x < lo || x > hi) continue;
        auto k = static_cast<std::size_t>((x - lo) * norm);
        if (k >= n_bins) k = n_bins - 1;
        if (k > 0 && x < edges[k]) --k;
        else if (k + 1 < n_bins && x >= edges[k + 1]) ++k;
        ++counts[k];
    }
    return counts;
}

// ---------------------------------------------------------------------------
// Distances between samples

namespace detail {

// scipy's _cdf_distance: integral of |F_u − F_v|^p over the pooled support,
// with the (weighted) ECDFs evaluated on each interval between consecutive
// pooled values.
template <class U, class V, class UW, class VW>
double cdf_distance(const char* fn, int power, const U& u_values, const V& v_values, const UW* u_weights,
                    const VW* v_weights) {
    const auto u = finite_values(fn, "u_values", u_values);
    const auto v = finite_values(fn, "v_values", v_values);
    require_nonempty(fn, "u_values", u.size());
    require_nonempty(fn, "v_values", v.size());
    std::vector<double> uw(u.size(), 1.0), vw(v.size(), 1.0);
    if (u_weights) {
        uw = counts_of(fn, "u_weights", *u_weights);
        require_same_size(fn, "u_values", u.size(), "u_weights", uw.size());
        require(sum_of(uw) > 0.0, fn, "u_weights", "sum to zero");
    }
    if (v_weights) {
        vw = counts_of(fn, "v_weights", *v_weights);
        require_same_size(fn, "v_values", v.size(), "v_weights", vw.size());
        require(sum_of(vw) > 0.0, fn, "v_weights", "sum to zero");
    }
    // Sort each sample (with its weights), then walk the merged values.
    auto sorted_u = u;
    auto sorted_v = v;
    if (u_weights) sort_values(sorted_u, uw);
    else sort_values(sorted_u);
    if (v_weights) sort_values(sorted_v, vw);
    else sort_values(sorted_v);
    // Cumulative weights in sorted order.
    std::vector<double> cu, cv;
    if (u_weights) {
        cu.assign(u.size() + 1, 0.0);
        for (std::size_t i = 0; i < u.size(); ++i) cu[i + 1] = cu[i] + uw[i];
    }
    if (v_weights) {
        cv.assign(v.size() + 1, 0.0);
        for (std::size_t i = 0; i < v.size(); ++i) cv[i + 1] = cv[i] + vw[i];
    }
    std::vector<double> pooled(u.size() + v.size());
    std::merge(sorted_u.begin(), sorted_u.end(), sorted_v.begin(), sorted_v.end(), pooled.begin());
    const double nu = static_cast<double>(u.size()), nv = static_cast<double>(v.size());
    double total = 0.0;
    std::size_t iu = 0, iv = 0;  // counts of sorted u / v values <= the current pooled value
    for (std::size_t k = 0; k + 1 < pooled.size(); ++k) {
        const double x = pooled[k];
        while (iu < sorted_u.size() && sorted_u[iu] <= x) ++iu;
        while (iv < sorted_v.size() && sorted_v[iv] <= x) ++iv;
        const double fu = u_weights ? cu[iu] / cu.back() : static_cast<double>(iu) / nu;
        const double fv = v_weights ? cv[iv] / cv.back() : static_cast<double>(iv) / nv;
        const double delta = pooled[k + 1] - x;
        const double diff = std::fabs(fu - fv);
        total += (power == 1 ? diff : diff * diff) * delta;
    }
    return power == 1 ? total : std::sqrt(total);
}

}  // namespace detail

/// First Wasserstein (earth mover's) distance between two 1-D samples:
/// ∫ |F_u − F_v| (scipy's `wasserstein_distance`).
/// Throws: invalid_argument for an empty or non-finite sample.
/// Complexity: O(N log N), N = total size.
template <class U, class V>
double wasserstein_distance(const U& u_values, const V& v_values) {
    return detail::cdf_distance<U, V, std::vector<double>, std::vector<double>>("drift::wasserstein_distance", 1,
                                                                                u_values, v_values, nullptr, nullptr);
}

/// Weighted form: each value counts with its weight (non-negative, not all zero).
template <class U, class V, class UW, class VW>
double wasserstein_distance(const U& u_values, const V& v_values, const UW& u_weights, const VW& v_weights) {
    return detail::cdf_distance("drift::wasserstein_distance", 1, u_values, v_values, &u_weights, &v_weights);
}

/// Energy distance between two 1-D samples: sqrt(2·∫ (F_u − F_v)²) (scipy's
/// `energy_distance`). Throws and complexity: as wasserstein_distance.
template <class U, class V>
double energy_distance(const U& u_values, const V& v_values) {
    return std::sqrt(2.0) * detail::cdf_distance<U, V, std::vector<double>, std::vector<double>>(
                                "drift::energy_distance", 2, u_values, v_values, nullptr, nullptr);
}

template <class U, class V, class UW, class VW>
double energy_distance(const U& u_values, const V& v_values, const UW& u_weights, const VW& v_weights) {
    return std::sqrt(2.0) * detail::cdf_distance("drift::energy_distance", 2, u_values, v_values, &u_weights, &v_weights);
}

// ---------------------------------------------------------------------------
// Categorical features

struct chi2_result {
    double statistic = 0.0;
    double pvalue = 1.0;
    std::size_t dof = 0;
    std::vector<std::vector<double>> expected;  ///< 2 x K expected counts under independence
};

/// Chi-square test of independence on the 2 x K table [reference counts;
/// current counts] (scipy 1.10.1 `chi2_contingency`): expected counts from the
/// margins, dof = K − 1, Pearson's statistic, p = chi2.sf(statistic, dof).
/// Yates' continuity correction (each observed count moved towards its
/// expected value by at most 0.5) applies only when dof = 1 and `correction`
/// is true, scipy's default. dof = 0 gives statistic 0 and p-value 1.
/// Throws: invalid_argument for different lengths, negative or non-finite
/// counts, or an expected count of zero (a category absent from both
/// samples, or an empty sample). Complexity: O(K).
template <class RefCounts, class CurCounts>
chi2_result chi2_contingency(const RefCounts& ref_counts, const CurCounts& cur_counts, bool correction = true) {
    const char* fn = "drift::chi2_contingency";
    const auto r0 = detail::counts_of(fn, "ref_counts", ref_counts);
    const auto r1 = detail::counts_of(fn, "cur_counts", cur_counts);
    detail::require_nonempty(fn, "ref_counts", r0.size());
    detail::require_same_size(fn, "ref_counts", r0.size(), "cur_counts", r1.size());
    const std::size_t k = r0.size();
    const double s0 = detail::sum_of(r0), s1 = detail::sum_of(r1), total = s0 + s1;
    chi2_result r;
    r.expected.assign(2, std::vector<double>(k, 0.0));
    for (std::size_t j = 0; j < k; ++j) {
        const double col = r0[j] + r1[j];
        r.expected[0][j] = s0 * col / total;
        r.expected[1][j] = s1 * col / total;
        for (int row = 0; row < 2; ++row) {
            if (ASSAY_UNLIKELY(!(r.expected[static_cast<std::size_t>(row)][j] > 0.0))) {
                detail::throw_invalid_argument(fn, row == 0 ? "ref_counts" : "cur_counts", "expected count of category ", j,
                                               " is zero (the category or the sample is empty)");
            }
        }
    }
    r.dof = k - 1;
    if (r.dof == 0) return r;
    const bool yates = correction && r.dof == 1;
    for (std::size_t j = 0; j < k; ++j) {
        for (int row = 0; row < 2; ++row) {
            const double e = r.expected[static_cast<std::size_t>(row)][j];
            double o = (row == 0 ? r0 : r1)[j];
            if (yates) {
                const double diff = e - o;
                o += std::min(0.5, std::fabs(diff)) * (diff > 0 ? 1.0 : (diff < 0 ? -1.0 : 0.0));
            }
            r.statistic += (o - e) * (o - e) / e;
        }
    }
    r.pvalue = detail::chi2_sf(r.statistic, static_cast<double>(r.dof));
    return r;
}

inline std::ostream& operator<<(std::ostream& os, const ks_result& r) {
    return os << "KS D = " << r.statistic << " (at " << r.statistic_location << ", sign " << r.statistic_sign
              << "), p = " << r.pvalue;
}

inline std::ostream& operator<<(std::ostream& os, const psi_result& r) {
    os << "PSI = " << r.psi << " over " << r.ref_counts.size() << " bins\n";
    for (std::size_t i = 0; i < r.ref_counts.size(); ++i) {
        os << "  bin " << i << ": reference " << r.ref_counts[i] << ", current " << r.cur_counts[i] << '\n';
    }
    return os;
}

}  // namespace drift
ASSAY_NAMESPACE_END
