// The bucketed walk behind unweighted ROC AUC, average precision and the
// curves at scale (walk_bucketed) against the sort-then-merge walk
// (walk_merged) on the same keys: the same visits, in the same order, with the
// same counts and thresholds — on ties, signed zeros, subnormals, scores far
// apart, skewed scores, all-equal scores and a single class. The public
// functions above the bucketing size are checked against the weighted path
// with unit weights (a separate sort and walk), and the block sort against
// std::sort.
#include <doctest/doctest.h>

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;
using visits = std::vector<std::array<double, 3>>;
namespace dm = assay::detail::metrics;

enum class kind { continuous, grid, signed_zeros, subnormal, far_apart, skewed, all_equal, two_values, confident };

doubles make_scores(assay::rng& g, std::size_t n, kind k) {
    doubles s(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double u = assay::uniform_real(g);
        double v = u * 2.0 - 0.7;
        switch (k) {
            case kind::continuous: break;
            case kind::grid: v = std::round(v * 20.0) / 20.0; break;  // many ties
            case kind::signed_zeros:
                v = i % 3 == 0 ? 0.0 : i % 3 == 1 ? -0.0 : std::round(v * 4.0) / 4.0;
                break;
            case kind::subnormal: v = (u - 0.5) * 1e-310; break;
            case kind::far_apart: {
                const double mag = std::pow(10.0, std::round(u * 600.0) - 300.0);
                v = (i % 2 ? 1.0 : -1.0) * mag;
                break;
            }
            case kind::skewed: v = i % 997 == 0 ? 1e6 * u : 1e-9 * u; break;
            case kind::all_equal: v = 0.25; break;
            case kind::two_values: v = u < 0.6 ? 0.0 : 1.0; break;
            case kind::confident: v = 1.0 / (1.0 + std::exp(-40.0 * (u - 0.5))); break;  // crowded near 0 and 1
        }
        s[i] = v;
    }
    return s;
}

struct layout {
    std::vector<std::uint64_t> buf;
    std::size_t n_pos = 0, n = 0;
    std::uint64_t kmin = ~std::uint64_t{0}, kmax = 0;
};

// The walk_split layout: [0] sentinel, positives, sentinel, negatives.
layout lay_out(const ints& y, const doubles& s) {
    layout l;
    l.n = y.size();
    std::vector<std::uint64_t> pos, neg;
    for (std::size_t i = 0; i < y.size(); ++i) {
        const std::uint64_t k = assay::detail::ascending_key(s[i]);
        (y[i] == 1 ? pos : neg).push_back(k);
        l.kmin = std::min(l.kmin, k);
        l.kmax = std::max(l.kmax, k);
    }
    l.n_pos = pos.size();
    l.buf.push_back(0);
    l.buf.insert(l.buf.end(), pos.begin(), pos.end());
    l.buf.push_back(0);
    l.buf.insert(l.buf.end(), neg.begin(), neg.end());
    return l;
}

visits merged_visits(layout l) {
    visits out;
    auto v = [&](double f, double t, double thr) { out.push_back({f, t, thr}); };
    std::uint64_t tps = 0, fps = 0;
    dm::walk_merged(l.buf.data() + 1, l.n_pos, l.buf.data() + 2 + l.n_pos, l.n - l.n_pos, tps, fps,
                    dm::ref_visitor<decltype(v)>{&v});
    return out;
}

visits bucketed_visits(const layout& l, int depth, std::size_t target) {
    visits out;
    auto v = [&](double f, double t, double thr) { out.push_back({f, t, thr}); };
    std::uint64_t tps = 0, fps = 0;
    dm::walk_bucketed(l.buf.data() + 1, l.n_pos, l.buf.data() + 2 + l.n_pos, l.n - l.n_pos, l.kmin, l.kmax, tps,
                      fps, dm::ref_visitor<decltype(v)>{&v}, depth, target);
    CHECK(tps == l.n_pos);
    CHECK(fps == l.n - l.n_pos);
    return out;
}

// Bit-identical, so -0.0 thresholds cannot hide behind == with +0.0.
bool same_bits(const visits& a, const visits& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        for (int j = 0; j < 3; ++j)
            if (std::signbit(a[i][j]) != std::signbit(b[i][j]) || !(a[i][j] == b[i][j])) return false;
    return true;
}

// Unweighted average precision and precision-recall curve equal those of
// the weighted path with unit weights.
void check_pr_as_unit_weights(const ints& y, const doubles& s) {
    const doubles ones(y.size(), 1.0);
    CHECK(assay::average_precision_score(y, s) == assay::average_precision_score(y, s, ones));
    const auto pu = assay::precision_recall_curve(y, s), pw = assay::precision_recall_curve(y, s, ones);
    CHECK(pu.precision == pw.precision);
    CHECK(pu.recall == pw.recall);
    CHECK(pu.thresholds == pw.thresholds);
}

ints make_labels(assay::rng& g, std::size_t n, double p_pos) {
    ints y(n);
    for (auto& v : y) v = assay::uniform_real(g) < p_pos ? 1 : 0;
    return y;
}

}  // namespace

TEST_CASE("bucketed walk visits exactly what the merged walk visits") {
    assay::rng g(2024);
    const kind kinds[] = {kind::continuous, kind::grid,   kind::signed_zeros, kind::subnormal, kind::far_apart,
                          kind::skewed,     kind::all_equal, kind::two_values, kind::confident};
    int checked = 0;
    for (kind k : kinds) {
        for (std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{300}, std::size_t{5000}, std::size_t{40000}}) {
            for (double p_pos : {0.0, 0.3, 1.0}) {
                const ints y = make_labels(g, n, p_pos);
                const doubles s = make_scores(g, n, k);
                const layout l = lay_out(y, s);
                const visits want = merged_visits(l);
                // Default bucket size, tiny buckets (many of them, crowded
                // ones split again) and no splitting at all.
                for (std::size_t target : {dm::bucket_walk_target, std::size_t{16}, std::size_t{1} << 30}) {
                    for (int depth : {0, 3}) {
                        CAPTURE(static_cast<int>(k));
                        CAPTURE(n);
                        CAPTURE(p_pos);
                        CAPTURE(target);
                        CAPTURE(depth);
                        CHECK(same_bits(bucketed_visits(l, depth, target), want));
                        ++checked;
                    }
                }
            }
        }
    }
    CHECK(checked == 9 * 5 * 3 * 3 * 2);
}

TEST_CASE("merged walk: one visit per distinct score, -0.0 and +0.0 one score") {
    // Hand-worked: scores 0.5 (pos), 0.0 (neg), -0.0 (pos), 0.5 (neg), 0.9 (pos).
    const ints y{1, 0, 1, 0, 1};
    const doubles s{0.5, 0.0, -0.0, 0.5, 0.9};
    const visits v = merged_visits(lay_out(y, s));
    REQUIRE(v.size() == 3);
    CHECK(v[0] == std::array<double, 3>{0.0, 1.0, 0.9});
    CHECK(v[1] == std::array<double, 3>{1.0, 2.0, 0.5});
    CHECK(v[2] == std::array<double, 3>{2.0, 3.0, 0.0});
    CHECK_FALSE(std::signbit(v[2][2]));
}

TEST_CASE("AUC, average precision and curves above the bucketing size equal the unit-weight path") {
    assay::rng g(77);
    const std::size_t n = 3 * dm::bucket_walk_min_rows + 11;
    for (kind k : {kind::continuous, kind::grid, kind::signed_zeros, kind::far_apart, kind::skewed, kind::two_values,
                   kind::confident}) {
        CAPTURE(static_cast<int>(k));
        const ints y = make_labels(g, n, 0.35);
        const doubles s = make_scores(g, n, k);
        const doubles ones(n, 1.0);
        CHECK(assay::roc_auc_score(y, s) == assay::roc_auc_score(y, s, ones));
        const auto ru = assay::roc_curve(y, s), rw = assay::roc_curve(y, s, ones);
        CHECK(ru.fpr == rw.fpr);
        CHECK(ru.tpr == rw.tpr);
        CHECK(ru.thresholds == rw.thresholds);
        check_pr_as_unit_weights(y, s);
        const auto du = assay::det_curve(y, s), dw = assay::det_curve(y, s, ones);
        CHECK(du.fpr == dw.fpr);
        CHECK(du.fnr == dw.fnr);
        CHECK(du.thresholds == dw.thresholds);
        // Labels other than {0, 1} take the general fill; same values.
        ints y2(y);
        for (auto& v : y2) v = v == 1 ? 7 : 3;
        CHECK(assay::roc_auc_score(y2, s) == assay::roc_auc_score(y, s));
        CHECK(assay::average_precision_score(y2, s, assay::curve_options{}.with_pos_label(7)) ==
              assay::average_precision_score(y, s));
        // Labels of other widths (4-byte: the vectorised count pass; 1-byte:
        // the plain one) and from a deque (not contiguous): same values.
        const std::vector<std::int32_t> y32(y.begin(), y.end());
        const std::vector<std::uint8_t> y8(y.begin(), y.end());
        const std::deque<std::int64_t> yq(y.begin(), y.end());
        const double auc = assay::roc_auc_score(y, s);
        CHECK(assay::roc_auc_score(y32, s) == auc);
        CHECK(assay::roc_auc_score(y8, s) == auc);
        CHECK(assay::roc_auc_score(yq, s) == auc);
        std::vector<std::int32_t> y32b(y32);
        for (auto& v : y32b) v = v == 1 ? 7 : -3;
        CHECK(assay::roc_auc_score(y32b, s) == auc);
    }
}

TEST_CASE("AUC and average precision: a bucket too large for the cache, inside the score range or at its end") {
    // 99% of the scores within 1e-7 of 0.3 (one bucket inside the map's
    // range holds them), of -1 (the lowest bucket) or of 0 (a bucket whose
    // keys may span 2^63: both signs), the rest spread over [-1, 1]; against
    // the unit-weight path.
    assay::rng g(404);
    const std::size_t n = 300000;
    for (double centre : {0.3, -1.0, 0.0}) {
        CAPTURE(centre);
        const ints y = make_labels(g, n, 0.4);
        doubles s(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double u = assay::uniform_real(g);
            s[i] = i % 100 == 0 ? 2.0 * u - 1.0 : centre + 1e-7 * std::round(u * 1e4) / 1e4;
        }
        CHECK(assay::roc_auc_score(y, s) == assay::roc_auc_score(y, s, doubles(n, 1.0)));
        check_pr_as_unit_weights(y, s);
    }
}

TEST_CASE("AUC above the bucketing size: all-equal scores give 0.5, a single class is an error") {
    const std::size_t n = 2 * dm::bucket_walk_min_rows;
    assay::rng g(5);
    const ints y = make_labels(g, n, 0.4);
    const doubles same(n, -0.0);
    CHECK(assay::roc_auc_score(y, same) == 0.5);
    // One threshold: precision = prevalence, recall 1.
    const double p = static_cast<double>(std::count(y.begin(), y.end(), 1));
    CHECK(assay::average_precision_score(y, same) == p / static_cast<double>(n));
    const ints zeros(n, 0);
    const doubles s = make_scores(g, n, kind::continuous);
    CHECK_THROWS_WITH_AS(assay::roc_auc_score(zeros, s), "assay::roc_auc_score: y_true: has only one class; ROC AUC needs two",
                         assay::invalid_argument);
    doubles bad(s);
    bad[n / 2] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(assay::roc_auc_score(y, bad), assay::invalid_argument);
    bad[n / 2] = s[n / 2];
    bad[n - 1] = -std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(assay::roc_auc_score(y, bad), assay::invalid_argument);
    CHECK_THROWS_AS(assay::average_precision_score(y, bad), assay::invalid_argument);
    ints three(y);
    three[n / 3] = 2;  // a third class: not a binary problem
    CHECK_THROWS_AS(assay::roc_auc_score(three, s), assay::invalid_argument);
    for (std::int32_t third : {2, -1, 1 << 20}) {  // the same through the 4-byte count pass
        std::vector<std::int32_t> three32(y.begin(), y.end());
        three32[n - 1] = third;
        CHECK_THROWS_AS(assay::roc_auc_score(three32, s), assay::invalid_argument);
    }
    const doubles confident = make_scores(g, n, kind::confident);  // a map of distances to the ends
    for (std::size_t at : {std::size_t{0}, n / 2 + 1, n - 1}) {  // a NaN in any lane
        for (const doubles* base : {&s, &confident}) {
            doubles nan(*base);
            nan[at] = std::numeric_limits<double>::quiet_NaN();
            CHECK_THROWS_AS(assay::average_precision_score(y, nan), assay::invalid_argument);
            nan[at] = std::numeric_limits<double>::infinity();
            CHECK_THROWS_AS(assay::roc_auc_score(y, nan), assay::invalid_argument);
        }
    }
}

TEST_CASE("spread maps: monotone, every bucket index in range, equal scores together") {
    // Scores crowded against 0 and 1 (a confident model), their range from
    // a sample; every map choose() may return, over sorted doubles far
    // beyond the range, the range's edges and non-finite values.
    assay::rng g(8);
    doubles sample;
    for (int i = 0; i < 1024; ++i) sample.push_back(1.0 / (1.0 + std::exp(-40.0 * (assay::uniform_real(g) - 0.5))));
    const double lo = *std::min_element(sample.begin(), sample.end()), hi = *std::max_element(sample.begin(), sample.end());
    using map = dm::spread_map;
    const double least_low = 1e-12, least_high = 3e-15;
    // The same on [0, 1], where -0.0 − 0 and 0.0 − 0 differ in sign.
    const std::vector<map> maps{map(lo, hi, 512),
                                map(map::end::low, lo, hi, 512, least_low, least_high),
                                map(map::end::high, lo, hi, 512, least_low, least_high),
                                map(map::end::both, lo, hi, 512, least_low, least_high),
                                map(map::end::low, 0.0, 1.0, 512, least_low, least_high),
                                map(map::end::high, 0.0, 1.0, 512, least_low, least_high),
                                map(map::end::both, 0.0, 1.0, 512, least_low, least_high)};
    doubles xs{-1e300, -1.0, -0.0, 0.0, lo, hi, 0.5, 1.0, 2.0, 1e300, std::nextafter(lo, 1.0), std::nextafter(hi, 0.0)};
    for (int i = 0; i < 20000; ++i) {
        const double u = assay::uniform_real(g);
        xs.push_back(i % 2 ? u : i % 4 == 0 ? std::ldexp(u, -static_cast<int>(assay::uniform_index(g, 60)))
                                            : 1.0 - std::ldexp(u, -static_cast<int>(assay::uniform_index(g, 60))));
    }
    std::sort(xs.begin(), xs.end());
    const double inf = std::numeric_limits<double>::infinity();
    for (const map& m : maps) {
        CAPTURE(static_cast<int>(m.how));
        CAPTURE(m.split);
        std::size_t prev = 0;
        bool monotone = true;
        for (double x : xs) {
            const std::size_t b = m(x);
            monotone = monotone && b >= prev && b < m.nb;
            prev = b;
        }
        CHECK(monotone);
        CHECK(m(-inf) == 0);
        for (double bad : {inf, -inf, std::numeric_limits<double>::quiet_NaN()}) CHECK(m(bad) < m.nb);
        CHECK(m(-0.0) == m(0.0));  // one score, one bucket
    }
    // choose() spreads this sample with the two-ended map.
    const map chosen = map::choose(sample, lo, hi, 512);
    CHECK(chosen.how == map::kind::distance);
    CHECK(chosen.split > lo);
    CHECK(chosen.split < hi);
}

TEST_CASE("block sort orders keys of a given width like std::sort") {
    assay::rng g(31);
    std::vector<std::uint32_t> cnt(assay::detail::block_sort_buckets);
    std::vector<std::uint16_t> cnt16(assay::detail::block_sort_buckets16);
    for (std::size_t m : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64}, std::size_t{1000},
                          std::size_t{70000}}) {
        for (int bits : {1, 5, 20, 47, 64}) {
            for (int crowd = 0; crowd < 3; ++crowd) {
                std::vector<std::uint64_t> a(m), tmp(m);
                for (auto& k : a) {
                    std::uint64_t v = 0;
                    for (int b = 0; b < 4; ++b) v = (v << 16) | assay::uniform_index(g, 65536);
                    if (bits < 64) v &= (std::uint64_t{1} << bits) - 1;
                    // crowd 1: keys share their top bits (one crowded bucket);
                    // crowd 2: few distinct keys (ties).
                    if (crowd == 1 && bits > 12) v >>= 12;
                    if (crowd == 2) v = (v % 7) << (bits > 3 ? bits - 3 : 0);
                    if (bits < 64) v &= (std::uint64_t{1} << bits) - 1;
                    k = v;
                }
                std::vector<std::uint64_t> want(a);
                std::sort(want.begin(), want.end());
                CAPTURE(m);
                CAPTURE(bits);
                CAPTURE(crowd);
                // 16-bit counters (blocks they can count) and 32-bit ones.
                if (m <= assay::detail::block_sort_max16) {
                    std::vector<std::uint64_t> b(a);
                    const std::uint64_t* r = assay::detail::sort_block_bits(b.data(), tmp.data(), cnt16.data(), m, bits);
                    CHECK(std::vector<std::uint64_t>(r, r + m) == want);
                }
                const std::uint64_t* r = assay::detail::sort_block_bits(a.data(), tmp.data(), cnt.data(), m, bits);
                CHECK(std::vector<std::uint64_t>(r, r + m) == want);
            }
        }
    }
}
