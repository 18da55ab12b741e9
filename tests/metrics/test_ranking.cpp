// Curves, AUC, average precision, log loss, Brier and top-k: the radix sort
// against std::stable_sort, AUC against the pairwise (Mann-Whitney)
// definition, and properties on random inputs (streaming and merged shards ==
// full pass, integer weight w == row repeated w times, permutation
// invariance).
#include <doctest/doctest.h>

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;

struct scored {
    ints y;
    doubles s, w;
};

// Scores on a coarse grid (ties) or continuous, optionally negative.
scored random_scored(assay::rng& g, std::size_t n, double p_pos, int grid) {
    scored d;
    for (std::size_t i = 0; i < n; ++i) {
        const bool pos = assay::uniform_real(g) < p_pos;
        double s = assay::uniform_real(g) + (pos ? 0.3 : 0.0) - 0.4;
        if (grid > 0) s = std::round(s * grid) / grid;
        d.y.push_back(pos ? 1 : 0);
        d.s.push_back(s);
        d.w.push_back(static_cast<double>(assay::uniform_index(g, 4)));
    }
    return d;
}

// Pairwise definition: P(s_pos > s_neg) + ½ P(s_pos = s_neg), weighted.
double auc_pairs(const scored& d, bool weighted) {
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < d.y.size(); ++i) {
        if (d.y[i] != 1) continue;
        for (std::size_t j = 0; j < d.y.size(); ++j) {
            if (d.y[j] != 0) continue;
            const double w = weighted ? d.w[i] * d.w[j] : 1.0;
            num += w * (d.s[i] > d.s[j] ? 1.0 : d.s[i] == d.s[j] ? 0.5 : 0.0);
            den += w;
        }
    }
    return num / den;
}

// Average precision by its definition over distinct thresholds, quadratic.
double ap_definition(const scored& d) {
    doubles thr(d.s);
    std::sort(thr.begin(), thr.end(), std::greater<double>());
    thr.erase(std::unique(thr.begin(), thr.end()), thr.end());
    double total = 0.0;
    for (std::size_t i = 0; i < d.y.size(); ++i) total += d.y[i] == 1 ? 1.0 : 0.0;
    double ap = 0.0, prev_recall = 0.0;
    for (double t : thr) {
        double tp = 0.0, fp = 0.0;
        for (std::size_t i = 0; i < d.y.size(); ++i)
            if (d.s[i] >= t) (d.y[i] == 1 ? tp : fp) += 1.0;
        const double recall = tp / total;
        ap += (recall - prev_recall) * tp / (tp + fp);
        prev_recall = recall;
    }
    return ap;
}

// The keys-only radix sort of x's keys equals std::sort of the same keys.
void keys_sort_like_std_sort(const doubles& x) {
    std::vector<std::uint64_t> k2;
    for (double v : x) k2.push_back(assay::detail::ascending_key(v));
    std::vector<std::uint64_t> k3(k2);
    assay::detail::radix_sort_keys(k2);
    std::sort(k3.begin(), k3.end());
    CHECK(k2 == k3);
}

}  // namespace

TEST_CASE("radix sort orders like std::stable_sort, ties and signed zeros included") {
    assay::rng g(99);
    for (std::size_t n : {std::size_t{10}, std::size_t{300}, std::size_t{20000}, std::size_t{300000}}) {
        doubles x;
        for (std::size_t i = 0; i < n; ++i) {
            double v = (assay::uniform_real(g) - 0.5) * 1e6;
            if (i % 5 == 0) v = std::round(v / 1e5);  // many ties
            if (i % 17 == 0) v = (i % 2) ? 0.0 : -0.0;
            if (i % 23 == 0) v = 1e-310 * (static_cast<double>(i % 3) - 1.0);  // subnormals
            x.push_back(v);
        }
        std::vector<std::uint64_t> keys;
        std::vector<std::uint32_t> idx;
        for (std::size_t i = 0; i < n; ++i) {
            keys.push_back(assay::detail::ascending_key(x[i]));
            idx.push_back(static_cast<std::uint32_t>(i));
        }
        assay::detail::radix_sort(keys, idx);
        std::vector<std::uint32_t> ref(n);
        for (std::size_t i = 0; i < n; ++i) ref[i] = static_cast<std::uint32_t>(i);
        std::stable_sort(ref.begin(), ref.end(), [&](std::uint32_t a, std::uint32_t b) { return x[a] < x[b]; });
        CHECK(idx == ref);
        bool same = true;
        for (std::size_t i = 0; i < n; ++i) same = same && assay::detail::key_to_double(keys[i]) == x[idx[i]];
        CHECK(same);
        keys_sort_like_std_sort(x);
    }
    // Skewed scores: most values in a tiny range, a few far away (buckets
    // that stay large are split again).
    doubles x;
    for (std::size_t i = 0; i < 200000; ++i)
        x.push_back(i % 1000 == 0 ? 1e6 * assay::uniform_real(g) : 1e-9 * assay::uniform_real(g));
    keys_sort_like_std_sort(x);
}

TEST_CASE("roc_auc_score equals the pairwise definition; average precision its definition") {
    assay::rng g(5);
    for (int trial = 0; trial < 12; ++trial) {
        const std::size_t n = 2 + assay::uniform_index(g, 900);
        const auto d = random_scored(g, n, 0.1 + 0.08 * trial, trial % 3 == 0 ? 0 : 10 * trial);
        const bool has_both = std::count(d.y.begin(), d.y.end(), 1) > 0 && std::count(d.y.begin(), d.y.end(), 0) > 0;
        if (!has_both) continue;
        CHECK(assay::roc_auc_score(d.y, d.s) == doctest::Approx(auc_pairs(d, false)).epsilon(1e-12));
        bool wpos = false, wneg = false;
        for (std::size_t i = 0; i < n; ++i) (d.y[i] ? wpos : wneg) |= d.w[i] > 0;
        if (wpos && wneg)
            CHECK(assay::roc_auc_score(d.y, d.s, d.w) == doctest::Approx(auc_pairs(d, true)).epsilon(1e-12));
        CHECK(assay::average_precision_score(d.y, d.s) == doctest::Approx(ap_definition(d)).epsilon(1e-12));
        // Full AUC is the area under roc_curve's points.
        const auto r = assay::roc_curve(d.y, d.s);
        double area = 0.0;
        for (std::size_t i = 1; i < r.fpr.size(); ++i) area += (r.fpr[i] - r.fpr[i - 1]) * (r.tpr[i] + r.tpr[i - 1]) / 2;
        CHECK(assay::roc_auc_score(d.y, d.s) == doctest::Approx(area).epsilon(1e-12));
        // max_fpr = 1 is the full AUC.
        CHECK(assay::roc_auc_score(d.y, d.s, assay::roc_auc_options().with_max_fpr(1.0)) ==
              doctest::Approx(area).epsilon(1e-12));
    }
}

TEST_CASE("ranking: streaming and merged shards equal the full pass") {
    assay::rng g(11);
    for (int trial = 0; trial < 10; ++trial) {
        const std::size_t n = 50 + assay::uniform_index(g, 2000);
        const auto d = random_scored(g, n, 0.4, trial % 2 ? 20 : 0);
        assay::ranking_accumulator one;
        for (std::size_t i = 0; i < n; ++i) one.update(d.y[i], d.s[i]);
        CHECK(one.roc_auc() == assay::roc_auc_score(d.y, d.s));
        CHECK(one.average_precision() == assay::average_precision_score(d.y, d.s));

        // Shards in reverse order; integer weights keep every sum exact.
        std::vector<std::size_t> cuts{0, n};
        for (int c = 0; c < 3; ++c) cuts.push_back(assay::uniform_index(g, n + 1));
        std::sort(cuts.begin(), cuts.end());
        assay::ranking_accumulator merged;
        for (std::size_t c = cuts.size() - 1; c-- > 0;) {
            const auto a = static_cast<std::ptrdiff_t>(cuts[c]), b = static_cast<std::ptrdiff_t>(cuts[c + 1]);
            assay::ranking_accumulator shard;
            shard.update(ints(d.y.begin() + a, d.y.begin() + b), doubles(d.s.begin() + a, d.s.begin() + b),
                         doubles(d.w.begin() + a, d.w.begin() + b));
            merged += shard;
        }
        CHECK(merged.roc_auc() == assay::roc_auc_score(d.y, d.s, d.w));
        CHECK(merged.average_precision() == assay::average_precision_score(d.y, d.s, d.w));
        const auto rm = merged.roc_curve(), rf = assay::roc_curve(d.y, d.s, d.w);
        CHECK(rm.fpr == rf.fpr);
        CHECK(rm.tpr == rf.tpr);
        CHECK(rm.thresholds == rf.thresholds);
        const auto pm = merged.precision_recall_curve(), pf = assay::precision_recall_curve(d.y, d.s, d.w);
        CHECK(pm.precision == pf.precision);
        CHECK(pm.recall == pf.recall);
        const auto dm = merged.det_curve(), df = assay::det_curve(d.y, d.s, d.w);
        CHECK(dm.fpr == df.fpr);
        CHECK(dm.fnr == df.fnr);
    }
}

TEST_CASE("ranking: integer weight w equals the row repeated w times; permutation invariance") {
    assay::rng g(12);
    for (int trial = 0; trial < 10; ++trial) {
        const std::size_t n = 20 + assay::uniform_index(g, 1500);
        const auto d = random_scored(g, n, 0.3, trial % 2 ? 0 : 10);
        scored rep;
        for (std::size_t i = 0; i < n; ++i)
            for (int r = 0; r < static_cast<int>(d.w[i]); ++r) rep.y.push_back(d.y[i]), rep.s.push_back(d.s[i]);
        // Curves are exact: zero-weight rows are dropped first, counts are integers.
        const auto a = assay::roc_curve(d.y, d.s, d.w, assay::curve_options().with_drop_intermediate(false));
        const auto b = assay::roc_curve(rep.y, rep.s, assay::curve_options().with_drop_intermediate(false));
        CHECK(a.fpr == b.fpr);
        CHECK(a.tpr == b.tpr);
        CHECK(a.thresholds == b.thresholds);
        CHECK(assay::roc_auc_score(d.y, d.s, d.w) == assay::roc_auc_score(rep.y, rep.s));
        CHECK(assay::roc_auc_score(d.y, d.s, d.w, assay::roc_auc_options().with_max_fpr(0.3)) ==
              doctest::Approx(assay::roc_auc_score(rep.y, rep.s, assay::roc_auc_options().with_max_fpr(0.3)))
                  .epsilon(1e-12));
        CHECK(assay::average_precision_score(d.y, d.s, d.w) ==
              doctest::Approx(assay::average_precision_score(rep.y, rep.s)).epsilon(1e-12));
        doubles p(d.s);
        for (double& v : p) v = std::min(1.0, std::max(0.0, v + 0.4));
        doubles rp;
        for (std::size_t i = 0; i < n; ++i)
            for (int r = 0; r < static_cast<int>(d.w[i]); ++r) rp.push_back(p[i]);
        CHECK(assay::log_loss(d.y, p, d.w) == doctest::Approx(assay::log_loss(rep.y, rp)).epsilon(1e-12));
        CHECK(assay::brier_score_loss(d.y, p, d.w) == doctest::Approx(assay::brier_score_loss(rep.y, rp)).epsilon(1e-12));

        // Permutation: same AUC, curve and AP (unweighted: exact).
        std::vector<std::size_t> perm(n);
        for (std::size_t i = 0; i < n; ++i) perm[i] = i;
        assay::shuffle(perm.begin(), perm.end(), g);
        scored q;
        for (std::size_t i : perm) q.y.push_back(d.y[i]), q.s.push_back(d.s[i]);
        CHECK(assay::roc_auc_score(q.y, q.s) == assay::roc_auc_score(d.y, d.s));
        CHECK(assay::average_precision_score(q.y, q.s) == assay::average_precision_score(d.y, d.s));
        CHECK(assay::roc_curve(q.y, q.s).tpr == assay::roc_curve(d.y, d.s).tpr);
    }
}

TEST_CASE("log loss, Brier and top-k accumulators equal the full pass") {
    assay::rng g(13);
    const std::size_t n = 3000, k = 4;
    ints y;
    doubles prob(n * k), p1(n), w(n);
    for (std::size_t i = 0; i < n; ++i) {
        y.push_back(10 + static_cast<std::int64_t>(assay::uniform_index(g, k)));
        double s = 0.0;
        for (std::size_t j = 0; j < k; ++j) s += prob[i * k + j] = assay::uniform_real(g) + (j + 10 == std::size_t(y[i]) ? 0.5 : 0.0);
        for (std::size_t j = 0; j < k; ++j) prob[i * k + j] /= s;
        p1[i] = assay::uniform_real(g);
        w[i] = static_cast<double>(assay::uniform_index(g, 3)) + 0.5;
    }
    const auto view = assay::as_matrix_view(prob, k);
    assay::log_loss_accumulator mc({10, 11, 12, 13});
    assay::top_k_accumulator top2({10, 11, 12, 13}, 2);
    for (std::size_t i = 0; i < n; ++i) {
        const doubles row(prob.begin() + static_cast<std::ptrdiff_t>(i * k), prob.begin() + static_cast<std::ptrdiff_t>(i * k + k));
        mc.update(y[i], row, w[i]);
        top2.update(y[i], row, w[i]);
    }
    CHECK(mc.value() == doctest::Approx(assay::log_loss(y, view, w)).epsilon(1e-12));
    CHECK(top2.value() == doctest::Approx(assay::top_k_accuracy_score(y, view, w, 2)).epsilon(1e-12));

    ints yb(n);
    for (std::size_t i = 0; i < n; ++i) yb[i] = y[i] % 2;
    assay::log_loss_accumulator b1({0, 1}), b2({0, 1});
    assay::brier_accumulator br1, br2;
    for (std::size_t i = 0; i < n; ++i) {
        (i < n / 3 ? b1 : b2).update(yb[i], p1[i], w[i]);
        (i < n / 3 ? br1 : br2).update(yb[i], p1[i], w[i]);
    }
    b1.merge(b2);
    br1.merge(br2);
    CHECK(b1.value() == doctest::Approx(assay::log_loss(yb, p1, w)).epsilon(1e-12));
    CHECK(br1.value() == doctest::Approx(assay::brier_score_loss(yb, p1, w)).epsilon(1e-12));
}

TEST_CASE("log loss: clipping at DBL_EPSILON and renormalisation, hand-worked") {
    // p = 0 for a positive row: clipped to eps, row [1 - eps, eps] sums to 1.
    const ints y{1};
    const doubles p{0.0};
    CHECK(assay::log_loss(y, p, assay::log_loss_options().with_labels({0, 1})) ==
          doctest::Approx(-std::log(2.220446049250313e-16)).epsilon(1e-14));
    // Multiclass row (0.2, 0.2, 0.2) with true class 2: renormalised to 1/3.
    const doubles m{0.2, 0.2, 0.2, 0.5, 0.25, 0.25};
    const ints ym{2, 0};
    CHECK(assay::log_loss(ym, assay::as_matrix_view(m, 3), assay::log_loss_options().with_labels({0, 1, 2})) ==
          doctest::Approx((std::log(3.0) + std::log(2.0)) / 2.0).epsilon(1e-14));
}

TEST_CASE("roc_auc_score on large inputs equals the rank-sum (Mann-Whitney) formula") {
    assay::rng g(77);
    for (int grid : {0, 1000}) {
        const std::size_t n = 250000;
        const auto d = random_scored(g, n, 0.35, grid);
        // Average ranks by std::sort, ties sharing the mean rank.
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return d.s[a] < d.s[b]; });
        double rank_sum = 0.0, n_pos = 0.0;
        for (std::size_t i = 0; i < n;) {
            std::size_t j = i;
            while (j < n && d.s[order[j]] == d.s[order[i]]) ++j;
            const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
            for (std::size_t k = i; k < j; ++k)
                if (d.y[order[k]] == 1) rank_sum += mean_rank, n_pos += 1.0;
            i = j;
        }
        const double n_neg = static_cast<double>(n) - n_pos;
        const double expected = (rank_sum - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg);
        CHECK(assay::roc_auc_score(d.y, d.s) == doctest::Approx(expected).epsilon(1e-12));
        CHECK(assay::roc_auc_score(d.y, d.s, doubles(n, 2.0)) == doctest::Approx(expected).epsilon(1e-12));
    }
}

TEST_CASE("labels {0, 1} (one-pass path) and other label pairs (general path) agree") {
    assay::rng g(31);
    const auto d = random_scored(g, 5000, 0.4, 0);
    ints shifted(d.y), pm(d.y);
    for (auto& v : shifted) v = v == 1 ? 7 : 3;
    for (auto& v : pm) v = v == 1 ? 1 : -1;
    doubles p(d.s);
    for (double& v : p) v = std::min(1.0, std::max(0.0, v + 0.4));
    CHECK(assay::log_loss(shifted, p) == assay::log_loss(d.y, p));
    CHECK(assay::log_loss(pm, p) == assay::log_loss(d.y, p));
    CHECK(assay::roc_auc_score(shifted, d.s) == assay::roc_auc_score(d.y, d.s));
    CHECK(assay::roc_auc_score(pm, d.s) == assay::roc_auc_score(d.y, d.s));
    CHECK(assay::average_precision_score(pm, d.s) == assay::average_precision_score(d.y, d.s));
    CHECK(assay::average_precision_score(shifted, d.s, assay::curve_options().with_pos_label(7)) ==
          assay::average_precision_score(d.y, d.s));
    // Positive label 0 takes the general path too.
    ints flipped(d.y);
    for (auto& v : flipped) v = 1 - v;
    CHECK(assay::roc_curve(flipped, d.s, assay::curve_options().with_pos_label(0)).tpr == assay::roc_curve(d.y, d.s).tpr);
    // One label only.
    CHECK_THROWS_WITH_AS(assay::log_loss(ints(10, 1), doubles(10, 0.5)),
                         doctest::Contains("contains only one label (1)"), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(ints(10, 0), doubles(10, 0.5)), assay::invalid_argument);
}

TEST_CASE("merging an accumulator with itself doubles every row") {
    assay::ranking_accumulator a;
    a.update(ints{0, 1, 1, 0}, doubles{0.1, 0.8, 0.4, 0.35});
    a.merge(a);
    CHECK(a.size() == 8);
    CHECK(a.roc_auc() == assay::roc_auc_score(ints{0, 1, 1, 0}, doubles{0.1, 0.8, 0.4, 0.35}));
    assay::confusion_counts c;
    c.update(ints{0, 1, 1}, ints{0, 1, 0});
    c.merge(c);
    CHECK(c(1, 0) == 2.0);
    CHECK(c.n_samples() == 6);
}
