// Multilabel metrics: hand-worked values, properties of the accumulators on
// random indicator matrices (streaming == full pass, merge of shards == full
// pass, integer weight w == row repeated w times, invariance under row and
// column permutations, strided views, Eigen inputs), definitions computed
// by brute force, save / load, and bad input.
#include <doctest/doctest.h>

#include <assay/eigen.hpp>
#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

namespace {

using doubles = std::vector<double>;
using bytes = std::vector<std::uint8_t>;
using ints = std::vector<int>;

// 4 rows x 3 labels (row-major).
//   Y_true   Y_pred
//   1 0 1    1 0 0    row 0: tp 1, predicted 1, true 2
//   0 1 0    0 1 1    row 1: tp 1, predicted 2, true 1
//   1 1 0    1 1 0    row 2: exact, tp 2
//   0 0 0    0 0 0    row 3: no true and no predicted label
const ints kTrue{1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0};
const ints kPred{1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0};

assay::matrix_view<const int> view(const ints& v, std::size_t cols = 3) { return assay::as_matrix_view(v, cols); }

}  // namespace

TEST_CASE("multilabel: hand-worked counting metrics") {
    const auto t = view(kTrue), p = view(kPred);
    // Rows 2 and 3 are exact: subset accuracy 2/4.
    CHECK(assay::accuracy_score(t, p) == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(assay::zero_one_loss(t, p) == doctest::Approx(0.5).epsilon(1e-15));
    // Rows 0 and 1 each have one differing cell: 2 of 12 cells.
    CHECK(assay::hamming_loss(t, p) == doctest::Approx(1.0 / 6.0).epsilon(1e-15));

    // Per label: label 0 tp 2 tn 2; label 1 tp 2 tn 2; label 2 fp 1 (row 1), fn 1 (row 0), tn 2.
    const auto cm = assay::multilabel_confusion_matrix(t, p);
    CHECK(cm.tp == doubles{2, 2, 0});
    CHECK(cm.fp == doubles{0, 0, 1});
    CHECK(cm.fn == doubles{0, 0, 1});
    CHECK(cm.tn == doubles{2, 2, 2});

    // Samples: row precisions 1, 1/2, 1, 0/0; recalls 1/2, 1, 1, 0/0;
    // F1 2/3, 2/3, 1, 0/0; Jaccard 1/2, 1/2, 1, 0/0.
    const assay::prf_options samples = assay::average::samples;
    CHECK(assay::precision_score(t, p, samples) == doctest::Approx(2.5 / 4).epsilon(1e-15));
    CHECK(assay::precision_score(t, p, assay::prf_options(samples).with_zero_division(1)) ==
          doctest::Approx(3.5 / 4).epsilon(1e-15));
    CHECK(assay::recall_score(t, p, samples) == doctest::Approx(2.5 / 4).epsilon(1e-15));
    CHECK(assay::f1_score(t, p, samples) == doctest::Approx((7.0 / 3.0) / 4).epsilon(1e-15));
    CHECK(assay::jaccard_score(t, p, samples) == doctest::Approx(0.5).epsilon(1e-15));
    // Hamming score: the empty row scores 1: (1/2 + 1/2 + 1 + 1) / 4.
    CHECK(assay::hamming_score(t, p) == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(assay::jaccard_score(t, p, assay::prf_options(samples).with_zero_division(1)) ==
          doctest::Approx(0.75).epsilon(1e-15));
    // F2 per row (zero_division 1): 5·(1·½)/(4·1 + ½) = 5/9, 5·(½·1)/(4·½ + 1) = 5/6, 1, 1 → 61/72.
    CHECK(assay::fbeta_score(t, p, assay::prf_options(samples).with_beta(2).with_zero_division(1)) ==
          doctest::Approx(61.0 / 72.0).epsilon(1e-15));

    // Micro: tp 4, predicted 5, true 5 → P = R = F1 = 0.8, Jaccard 4/6.
    CHECK(assay::f1_score(t, p, assay::average::micro) == doctest::Approx(0.8).epsilon(1e-15));
    CHECK(assay::jaccard_score(t, p, assay::average::micro) == doctest::Approx(4.0 / 6.0).epsilon(1e-15));
    // Macro: per-label precision 1, 1, 0 → 2/3. Weighted by support 2, 2, 1 → 4/5.
    CHECK(assay::precision_score(t, p, assay::average::macro) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    CHECK(assay::precision_score(t, p, assay::average::weighted) == doctest::Approx(0.8).epsilon(1e-15));
    const auto per = assay::precision_recall_fscore_support(t, p);
    CHECK(per.precision == doubles{1, 1, 0});
    CHECK(per.support == doubles{2, 2, 1});
    CHECK(per.labels == std::vector<assay::label_type>{0, 1, 2});
    CHECK(assay::jaccard_per_class(t, p) == doubles{1, 1, 0});
    // Selected columns: labels {2, 0} → precision 0 and 1, macro 1/2.
    CHECK(assay::precision_score(t, p, assay::prf_options(assay::average::macro).with_labels({2, 0})) ==
          doctest::Approx(0.5).epsilon(1e-15));

    // Weights 2, 1, 1, 0: exact rows weigh 1 of 4; differing cells 2·1 + 1·1
    // of 3·4; samples precision (2·1 + 1·½ + 1·1) / 4.
    const doubles w{2, 1, 1, 0};
    CHECK(assay::accuracy_score(t, p, w) == doctest::Approx(0.25).epsilon(1e-15));
    CHECK(assay::hamming_loss(t, p, w) == doctest::Approx(0.25).epsilon(1e-15));
    CHECK(assay::precision_score(t, p, w, samples) == doctest::Approx(0.875).epsilon(1e-15));
    const auto cmw = assay::multilabel_confusion_matrix(t, p, w);
    CHECK(cmw.tp == doubles{3, 2, 0});  // label 0: rows 0 (w 2) and 2 (w 1)
    CHECK(cmw.fn == doubles{0, 0, 2});  // label 2: row 0
    CHECK(cmw.tn == doubles{1, 2, 1});
}

TEST_CASE("multilabel: hand-worked ranking metrics") {
    // Row a: relevant {0, 3}, scores .9 .8 .1 .8 — label 0 has rank 1 (1
    // relevant at or above), label 3 rank 3 (ties count against; 2
    // relevant) → LRAP (1 + 2/3)/2 = 5/6; coverage 3; wrong pairs: (3, 1)
    // tied → 1 of 2·2.
    // Row b: nothing relevant → LRAP 1, coverage 0, loss 0.
    // Row c: relevant {1}, scores .4 .3 .2 .1 → rank 2: LRAP 1/2, coverage 2,
    // loss 1 of 1·3.
    const ints y{1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0};
    const doubles s{.9, .8, .1, .8, .5, .4, .3, .2, .4, .3, .2, .1};
    const auto t = assay::as_matrix_view(y, 4);
    const auto sc = assay::as_matrix_view(s, 4);
    CHECK(assay::label_ranking_average_precision_score(t, sc) == doctest::Approx(7.0 / 9.0).epsilon(1e-15));
    CHECK(assay::coverage_error(t, sc) == doctest::Approx(5.0 / 3.0).epsilon(1e-15));
    CHECK(assay::label_ranking_loss(t, sc) == doctest::Approx(7.0 / 36.0).epsilon(1e-15));
    // Weights 0, 1, 1: rows b and c only.
    const doubles w{0, 1, 1};
    CHECK(assay::label_ranking_average_precision_score(t, sc, w) == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(assay::coverage_error(t, sc, w) == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(assay::label_ranking_loss(t, sc, w) == doctest::Approx(1.0 / 6.0).epsilon(1e-15));
    // Every label relevant: LRAP 1, coverage L, loss 0.
    const ints all{1, 1};
    const doubles s2{.3, .7};
    CHECK(assay::label_ranking_average_precision_score(assay::as_matrix_view(all, 2), assay::as_matrix_view(s2, 2)) ==
          1.0);
    CHECK(assay::coverage_error(assay::as_matrix_view(all, 2), assay::as_matrix_view(s2, 2)) == 2.0);
    CHECK(assay::label_ranking_loss(assay::as_matrix_view(all, 2), assay::as_matrix_view(s2, 2)) == 0.0);
}

TEST_CASE("multilabel: hand-worked ROC AUC and average precision") {
    // Label 0: positives score .9 .3, negatives .8 .1 → 3 of 4 pairs ordered.
    // Label 1: positives .7 .6, negatives .2 .5 → 4 of 4.
    // Micro: positives .9 .3 .7 .6 against .8 .1 .2 .5 → 4 + 2 + 3 + 3 = 12 of 16.
    const ints y{1, 0, 0, 1, 1, 1, 0, 0};
    const doubles s{.9, .2, .8, .7, .3, .6, .1, .5};
    const auto t = assay::as_matrix_view(y, 2);
    const auto sc = assay::as_matrix_view(s, 2);
    CHECK(assay::roc_auc_score(t, sc) == doctest::Approx(0.875).epsilon(1e-15));
    CHECK(assay::roc_auc_score(t, sc, assay::average::micro) == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(assay::roc_auc_score(t, sc, assay::average::weighted) == doctest::Approx(0.875).epsilon(1e-15));
    CHECK(assay::roc_auc_per_label(t, sc) == doubles{0.75, 1.0});
    // Label 1 ranks both positives first: AP 1. Label 0: .9 (P 1, R ½),
    // .8 (neg), .3 (P 2/3, R 1) → ½·1 + ½·2/3 = 5/6.
    const auto ap = assay::average_precision_per_label(t, sc);
    CHECK(ap[0] == doctest::Approx(5.0 / 6.0).epsilon(1e-15));
    CHECK(ap[1] == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(assay::average_precision_score(t, sc) == doctest::Approx((5.0 / 6.0 + 1.0) / 2).epsilon(1e-15));
    // Weight 2 on row 0 = row 0 given twice.
    const ints y2{1, 0, 1, 0, 0, 1, 1, 1, 0, 0};
    const doubles s2{.9, .2, .9, .2, .8, .7, .3, .6, .1, .5};
    const doubles w{2, 1, 1, 1};
    CHECK(assay::roc_auc_score(t, sc, w, assay::average::micro) ==
          doctest::Approx(assay::roc_auc_score(assay::as_matrix_view(y2, 2), assay::as_matrix_view(s2, 2),
                                               assay::average::micro))
              .epsilon(1e-14));
}

namespace {

struct random_case {
    std::size_t n, l;
    bytes y, p;
    doubles s;
    std::vector<std::uint32_t> w;  // integer weights 0..3
};

random_case make_case(std::uint64_t seed, std::size_t n, std::size_t l) {
    assay::rng g(seed);
    random_case c{n, l, bytes(n * l), bytes(n * l), doubles(n * l), std::vector<std::uint32_t>(n)};
    for (std::size_t i = 0; i < n * l; ++i) {
        c.y[i] = assay::uniform_real(g) < 0.3 ? 1 : 0;
        c.p[i] = assay::uniform_real(g) < 0.8 ? c.y[i] : static_cast<std::uint8_t>(1 - c.y[i]);
        // Scores on a coarse grid so rows have ties.
        c.s[i] = static_cast<double>(assay::uniform_index(g, 10)) / 10.0 + (c.y[i] ? 0.2 : 0.0);
    }
    for (auto& x : c.w) x = static_cast<std::uint32_t>(assay::uniform_index(g, 4));
    return c;
}

void check_same_metrics(const assay::multilabel_counts& a, const assay::multilabel_counts& b) {
    // Counts are sums of integers: exact. Per-sample ratio sums: up to rounding.
    CHECK(a.true_positives() == b.true_positives());
    CHECK(a.predicted_positives() == b.predicted_positives());
    CHECK(a.actual_positives() == b.actual_positives());
    CHECK(a.total_weight() == b.total_weight());
    CHECK(a.exact_match_weight() == b.exact_match_weight());
    CHECK(a.mismatch_weight() == b.mismatch_weight());
    for (double zd : {0.0, 1.0}) {
        const auto o = assay::prf_options(assay::average::samples).with_zero_division(zd);
        CHECK(assay::precision_score(a, o) == doctest::Approx(assay::precision_score(b, o)).epsilon(1e-12));
        CHECK(assay::recall_score(a, o) == doctest::Approx(assay::recall_score(b, o)).epsilon(1e-12));
        CHECK(assay::f1_score(a, o) == doctest::Approx(assay::f1_score(b, o)).epsilon(1e-12));
        CHECK(assay::jaccard_score(a, o) == doctest::Approx(assay::jaccard_score(b, o)).epsilon(1e-12));
    }
    CHECK(assay::hamming_score(a) == doctest::Approx(assay::hamming_score(b)).epsilon(1e-12));
}

void check_same_ranking(const assay::label_ranking_accumulator& a, const assay::label_ranking_accumulator& b) {
    CHECK(a.total_weight() == b.total_weight());
    CHECK(a.label_ranking_average_precision() ==
          doctest::Approx(b.label_ranking_average_precision()).epsilon(1e-12));
    CHECK(a.coverage_error() == doctest::Approx(b.coverage_error()).epsilon(1e-12));
    CHECK(a.label_ranking_loss() == doctest::Approx(b.label_ranking_loss()).epsilon(1e-12));
}

}  // namespace

TEST_CASE("multilabel accumulators: streaming and merged shards equal the full pass") {
    const auto c = make_case(7, 301, 6);
    const auto y = assay::as_matrix_view(c.y, c.l), p = assay::as_matrix_view(c.p, c.l);
    const auto s = assay::as_matrix_view(c.s, c.l);
    assay::multilabel_counts full(c.l);
    full.update(y, p);
    assay::label_ranking_accumulator rfull(c.l);
    rfull.update(y, s);

    // Row by row.
    assay::multilabel_counts rows(c.l);
    assay::label_ranking_accumulator rrows;  // label count fixed by the first update
    for (std::size_t i = 0; i < c.n; ++i) {
        const bytes yt(c.y.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.y.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
        const bytes yp(c.p.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.p.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
        const doubles ys(c.s.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.s.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
        rows.update(yt, yp);
        rrows.update(yt, ys);
    }
    check_same_metrics(rows, full);
    check_same_ranking(rrows, rfull);
    CHECK(rows.n_samples() == c.n);

    // Three uneven shards merged, in a different order.
    const std::size_t cuts[] = {0, 17, 200, c.n};
    std::vector<assay::multilabel_counts> shards;
    std::vector<assay::label_ranking_accumulator> rshards;
    for (int k = 0; k < 3; ++k) {
        const std::size_t a = cuts[k], b = cuts[k + 1];
        const assay::matrix_view<const std::uint8_t> ys(c.y.data() + a * c.l, b - a, c.l), ps(c.p.data() + a * c.l, b - a, c.l);
        const assay::matrix_view<const double> ss(c.s.data() + a * c.l, b - a, c.l);
        shards.emplace_back(c.l);
        shards.back().update(ys, ps);
        rshards.emplace_back(c.l);
        rshards.back().update(ys, ss);
    }
    assay::multilabel_counts merged;
    merged += shards[2];
    merged += shards[0];
    merged += shards[1];
    check_same_metrics(merged, full);
    assay::label_ranking_accumulator rmerged(c.l);
    rmerged.merge(rshards[1]);
    rmerged.merge(rshards[2]);
    rmerged.merge(rshards[0]);
    check_same_ranking(rmerged, rfull);

    // The full-pass functions read the same kernel.
    CHECK(assay::hamming_loss(y, p) == hamming_loss(full));
    CHECK(assay::f1_score(y, p, assay::average::samples) == f1_score(full, assay::average::samples));
    CHECK(assay::label_ranking_loss(y, s) == rfull.label_ranking_loss());

    // reset forgets everything but the label count.
    merged.reset();
    CHECK(merged == assay::multilabel_counts(c.l));
    rmerged.reset();
    CHECK(rmerged.n_samples() == 0);
}

TEST_CASE("multilabel accumulators: integer weight w equals the row repeated w times") {
    const auto c = make_case(11, 120, 5);
    bytes ry, rp;
    doubles rs;
    doubles w(c.w.begin(), c.w.end());
    for (std::size_t i = 0; i < c.n; ++i)
        for (std::uint32_t r = 0; r < c.w[i]; ++r) {
            ry.insert(ry.end(), c.y.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.y.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
            rp.insert(rp.end(), c.p.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.p.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
            rs.insert(rs.end(), c.s.begin() + static_cast<std::ptrdiff_t>(i * c.l), c.s.begin() + static_cast<std::ptrdiff_t>((i + 1) * c.l));
        }
    const auto y = assay::as_matrix_view(c.y, c.l), p = assay::as_matrix_view(c.p, c.l);
    const auto s = assay::as_matrix_view(c.s, c.l);
    assay::multilabel_counts weighted(c.l), repeated(c.l);
    weighted.update(y, p, w);
    repeated.update(assay::as_matrix_view(ry, c.l), assay::as_matrix_view(rp, c.l));
    check_same_metrics(weighted, repeated);
    for (auto a : {assay::average::micro, assay::average::macro, assay::average::weighted}) {
        CHECK(assay::f1_score(weighted, a) == doctest::Approx(assay::f1_score(repeated, a)).epsilon(1e-14));
        CHECK(assay::jaccard_score(weighted, a) == doctest::Approx(assay::jaccard_score(repeated, a)).epsilon(1e-14));
    }
    assay::label_ranking_accumulator rw(c.l), rr(c.l);
    rw.update(y, s, w);
    rr.update(assay::as_matrix_view(ry, c.l), assay::as_matrix_view(rs, c.l));
    check_same_ranking(rw, rr);
    for (auto a : {assay::average::micro, assay::average::macro, assay::average::weighted}) {
        CHECK(assay::roc_auc_score(y, s, w, a) ==
              doctest::Approx(assay::roc_auc_score(assay::as_matrix_view(ry, c.l), assay::as_matrix_view(rs, c.l), a))
                  .epsilon(1e-12));
        CHECK(assay::average_precision_score(y, s, w, a) ==
              doctest::Approx(assay::average_precision_score(assay::as_matrix_view(ry, c.l),
                                                             assay::as_matrix_view(rs, c.l), a))
                  .epsilon(1e-12));
    }
}

TEST_CASE("multilabel: invariant under row permutations; column permutations permute the per-label results") {
    const auto c = make_case(23, 150, 4);
    std::vector<std::size_t> order(c.n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    assay::rng g(5);
    assay::shuffle(order.begin(), order.end(), g);
    const std::size_t cols[] = {2, 0, 3, 1};  // column j of the permuted matrix is column cols[j]
    bytes py(c.y.size()), pp(c.p.size());
    doubles ps(c.s.size());
    bytes cy(c.y.size()), cp(c.p.size());
    doubles cs(c.s.size());
    for (std::size_t i = 0; i < c.n; ++i)
        for (std::size_t j = 0; j < c.l; ++j) {
            py[i * c.l + j] = c.y[order[i] * c.l + j];
            pp[i * c.l + j] = c.p[order[i] * c.l + j];
            ps[i * c.l + j] = c.s[order[i] * c.l + j];
            cy[i * c.l + j] = c.y[i * c.l + cols[j]];
            cp[i * c.l + j] = c.p[i * c.l + cols[j]];
            cs[i * c.l + j] = c.s[i * c.l + cols[j]];
        }
    const auto y = assay::as_matrix_view(c.y, c.l), p = assay::as_matrix_view(c.p, c.l);
    const auto s = assay::as_matrix_view(c.s, c.l);
    assay::multilabel_counts a(c.l), b(c.l), d(c.l);
    a.update(y, p);
    b.update(assay::as_matrix_view(py, c.l), assay::as_matrix_view(pp, c.l));
    d.update(assay::as_matrix_view(cy, c.l), assay::as_matrix_view(cp, c.l));
    check_same_metrics(a, b);
    // Column permutation: samples metrics unchanged, per-label counts permuted.
    CHECK(assay::f1_score(a, assay::average::samples) == doctest::Approx(assay::f1_score(d, assay::average::samples)).epsilon(1e-14));
    for (std::size_t j = 0; j < c.l; ++j) CHECK(d.true_positives()[j] == a.true_positives()[cols[j]]);
    CHECK(assay::f1_score(a, assay::average::macro) == doctest::Approx(assay::f1_score(d, assay::average::macro)).epsilon(1e-14));
    CHECK(assay::label_ranking_average_precision_score(y, s) ==
          doctest::Approx(assay::label_ranking_average_precision_score(assay::as_matrix_view(py, c.l), assay::as_matrix_view(ps, c.l)))
              .epsilon(1e-12));
    CHECK(assay::coverage_error(y, s) ==
          doctest::Approx(assay::coverage_error(assay::as_matrix_view(cy, c.l), assay::as_matrix_view(cs, c.l))).epsilon(1e-12));
    CHECK(assay::label_ranking_loss(y, s) ==
          doctest::Approx(assay::label_ranking_loss(assay::as_matrix_view(cy, c.l), assay::as_matrix_view(cs, c.l))).epsilon(1e-12));
    CHECK(assay::roc_auc_score(y, s, assay::average::micro) ==
          doctest::Approx(assay::roc_auc_score(assay::as_matrix_view(py, c.l), assay::as_matrix_view(ps, c.l), assay::average::micro))
              .epsilon(1e-12));
}

TEST_CASE("multilabel: strided (column-major) views and other element types give the same answers") {
    const auto c = make_case(31, 90, 5);
    bytes ty(c.y.size());
    doubles tp(c.p.size()), ts(c.s.size());
    for (std::size_t i = 0; i < c.n; ++i)
        for (std::size_t j = 0; j < c.l; ++j) {
            ty[j * c.n + i] = c.y[i * c.l + j];
            tp[j * c.n + i] = c.p[i * c.l + j];
            ts[j * c.n + i] = c.s[i * c.l + j];
        }
    const auto n = static_cast<std::ptrdiff_t>(c.n);
    const assay::matrix_view<const std::uint8_t> cy(ty.data(), c.n, c.l, 1, n);
    const assay::matrix_view<const double> cp(tp.data(), c.n, c.l, 1, n), cs(ts.data(), c.n, c.l, 1, n);
    const auto y = assay::as_matrix_view(c.y, c.l), p = assay::as_matrix_view(c.p, c.l);
    const auto s = assay::as_matrix_view(c.s, c.l);
    assay::multilabel_counts a(c.l), b(c.l);
    a.update(y, p);
    b.update(cy, cp);
    CHECK(a == b);
    CHECK(assay::label_ranking_loss(y, s) == assay::label_ranking_loss(cy, cs));
    CHECK(assay::coverage_error(y, s) == assay::coverage_error(cy, cs));
    CHECK(assay::roc_auc_score(y, s) == assay::roc_auc_score(cy, cs));
}

TEST_CASE("multilabel: bad input") {
    const auto t = view(kTrue), p = view(kPred);
    const auto t2 = view(kTrue, 2);  // 6 x 2
    CHECK_THROWS_WITH_AS(assay::hamming_loss(t, t2), "assay::hamming_loss: y_pred: has shape 6 x 2 but y_true has shape 4 x 3",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::label_ranking_loss(t, t2), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(t, t2), assay::invalid_argument);
    // Entries other than 0 / 1.
    ints bad = kPred;
    bad[4] = 2;
    CHECK_THROWS_WITH_AS(assay::accuracy_score(t, view(bad)),
                         "assay::accuracy_score: y_pred: value at row 1, column 1 is 2 (indicator entries must be 0 or 1)",
                         assay::invalid_argument);
    bad[4] = -1;
    CHECK_THROWS_AS(assay::f1_score(view(bad), p, assay::average::micro), assay::invalid_argument);
    const doubles half{1, 0.5, 0, 1, 0, 0};
    CHECK_THROWS_AS(assay::hamming_loss(assay::as_matrix_view(half, 3), assay::as_matrix_view(half, 3)),
                    assay::invalid_argument);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const doubles nan01{1, nan, 0, 1, 0, 0};
    CHECK_THROWS_AS(assay::hamming_loss(assay::as_matrix_view(nan01, 3), assay::as_matrix_view(half, 3)),
                    assay::invalid_argument);
    // NaN and infinite scores.
    doubles s(12, 0.5);
    s[7] = nan;
    CHECK_THROWS_WITH_AS(assay::coverage_error(t, assay::as_matrix_view(s, 3)),
                         "assay::coverage_error: y_score: value at row 2, column 1 is nan",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(t, assay::as_matrix_view(s, 3), assay::average::micro), assay::invalid_argument);
    s[7] = std::numeric_limits<double>::infinity();
    CHECK_THROWS_AS(assay::label_ranking_average_precision_score(t, assay::as_matrix_view(s, 3)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::average_precision_score(t, assay::as_matrix_view(s, 3)), assay::invalid_argument);
    // Empty input.
    const ints none;
    const assay::matrix_view<const int> empty(none.data(), 0, 3);
    CHECK_THROWS_WITH_AS(assay::hamming_loss(empty, empty), "assay::hamming_loss: y_true: is empty (no rows)",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::coverage_error(empty, empty), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(empty, empty), assay::invalid_argument);
    assay::multilabel_counts nothing(3);
    CHECK_THROWS_AS(assay::accuracy_score(nothing), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(nothing, assay::average::samples), assay::invalid_argument);
    CHECK_THROWS_AS(assay::label_ranking_accumulator(3).coverage_error(), assay::invalid_argument);
    CHECK_THROWS_AS(assay::multilabel_counts(0), assay::invalid_argument);
    // Weights: wrong length, negative, NaN, all zero.
    CHECK_THROWS_WITH_AS(assay::hamming_loss(t, p, doubles{1, 1, 1}),
                         "assay::hamming_loss: sample_weight: has 3 elements but y_true rows has 4", assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(t, p, doubles{1, -1, 1, 1}, assay::average::samples), assay::invalid_argument);
    CHECK_THROWS_AS(assay::accuracy_score(t, p, doubles{1, nan, 1, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::coverage_error(t, p, doubles{1, 1, -2, 1}), assay::invalid_argument);
    const doubles halves(12, 0.5);
    CHECK_THROWS_AS(assay::roc_auc_score(t, assay::as_matrix_view(halves, 3), doubles{1, 1}),
                    assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::accuracy_score(t, p, doubles{0, 0, 0, 0}), "assay::accuracy_score: sample_weight: sums to zero",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::label_ranking_loss(t, p, doubles{0, 0, 0, 0}), assay::invalid_argument);
    // Options: binary averaging, a column outside the matrix, labels with
    // samples, negative beta, a samples F-beta the counts do not keep.
    CHECK_THROWS_AS(assay::f1_score(t, p), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(t, p, assay::average::binary), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(t, p, assay::prf_options(assay::average::macro).with_labels({3})), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(t, p, assay::prf_options(assay::average::samples).with_labels({0})), assay::invalid_argument);
    CHECK_THROWS_AS(assay::fbeta_score(t, p, assay::prf_options(assay::average::micro).with_beta(-1)), assay::invalid_argument);
    assay::multilabel_counts f1_only(3);
    f1_only.update(t, p);
    CHECK_THROWS_AS(assay::fbeta_score(f1_only, assay::prf_options(assay::average::samples).with_beta(2)),
                    assay::invalid_argument);
    CHECK_NOTHROW(assay::fbeta_score(f1_only, assay::prf_options(assay::average::micro).with_beta(2)));
    // samples averaging needs multilabel input.
    const std::vector<int> y1{0, 1, 1}, p1{0, 1, 0};
    CHECK_THROWS_AS(assay::f1_score(y1, p1, assay::average::samples), assay::invalid_argument);
    CHECK_THROWS_AS(assay::jaccard_score(y1, p1, assay::average::samples), assay::invalid_argument);
    // A label with one class: ROC AUC undefined (macro), micro is fine.
    const ints one_class{1, 0, 1, 0, 1, 0};
    const doubles sc{.1, .2, .3, .4, .5, .6};
    CHECK_THROWS_AS(assay::roc_auc_score(assay::as_matrix_view(one_class, 2), assay::as_matrix_view(sc, 2)),
                    assay::invalid_argument);
    CHECK_NOTHROW(assay::roc_auc_score(assay::as_matrix_view(one_class, 2), assay::as_matrix_view(sc, 2),
                                       assay::average::micro));
    // Merging accumulators over different label counts or betas.
    assay::multilabel_counts three(3), four(4), beta2(3, 2.0);
    three.update(t, p);
    four.update(view(kTrue, 4), view(kPred, 4));
    beta2.update(t, p);
    CHECK_THROWS_AS(three.merge(four), assay::invalid_argument);
    CHECK_THROWS_AS(three.merge(beta2), assay::invalid_argument);
    assay::label_ranking_accumulator r3(3), r4(4);
    CHECK_THROWS_AS(r3.merge(r4), assay::invalid_argument);
    // A one-row update with the wrong length or a bad weight.
    CHECK_THROWS_AS(three.update(ints{1, 0}, ints{1, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(three.update(ints{1, 0, 1}, ints{1, 0, 1}, -1.0), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(three.update(ints{1, 0, 1}, ints{1, 3, 1}),
                         "assay::multilabel_counts::update: y_pred row: value at index 1 is 3 (indicator entries must be 0 or 1)",
                         assay::invalid_argument);
}

TEST_CASE("multilabel accumulators: a failed batch leaves the state unchanged") {
    const auto t = view(kTrue), p = view(kPred);
    assay::multilabel_counts c(3);
    c.update(t, p);
    const assay::multilabel_counts before = c;
    ints bad = kPred;
    bad[11] = 5;  // last row: the kernel has counted the earlier rows already
    CHECK_THROWS_AS(c.update(t, view(bad)), assay::invalid_argument);
    CHECK(c == before);
    CHECK_THROWS_AS(c.update(t, p, doubles{1, 1, 1, -1}), assay::invalid_argument);
    CHECK(c == before);

    assay::label_ranking_accumulator r(3);
    const doubles s{.1, .2, .3, .4, .5, .6, .7, .8, .9, .1, .2, .3};
    r.update(t, assay::as_matrix_view(s, 3));
    const auto rb = r;
    doubles s2 = s;
    s2[10] = std::numeric_limits<double>::quiet_NaN();
    CHECK_THROWS_AS(r.update(t, assay::as_matrix_view(s2, 3)), assay::invalid_argument);
    CHECK(r == rb);
}

TEST_CASE("multilabel counts: byte-sized input past the 2^24-row block of the 32-bit counters") {
    // Every row of label 0 is a true positive; label 1 is predicted on every
    // third row and true on none. Counts known by construction.
    const std::size_t n = (std::size_t{1} << 24) + 5;
    std::vector<std::uint8_t> y(2 * n, 0), p(2 * n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        y[2 * i] = p[2 * i] = 1;
        p[2 * i + 1] = i % 3 == 0 ? 1 : 0;
    }
    assay::multilabel_counts c(2);
    c.update(assay::as_matrix_view(y, 2), assay::as_matrix_view(p, 2));
    CHECK(c.true_positives() == doubles{static_cast<double>(n), 0.0});
    CHECK(c.predicted_positives() == doubles{static_cast<double>(n), static_cast<double>((n + 2) / 3)});
    CHECK(c.exact_match_weight() == static_cast<double>(n - (n + 2) / 3));
}

TEST_CASE("multilabel: byte-sized indicators outside {0, 1} are rejected (uint8, int8, and on the fast path)") {
    const std::vector<std::uint8_t> ok{1, 0, 1, 0};
    std::vector<std::uint8_t> two{1, 0, 2, 0};
    CHECK_THROWS_WITH_AS(assay::hamming_loss(assay::as_matrix_view(ok, 2), assay::as_matrix_view(two, 2)),
                         "assay::hamming_loss: y_pred: value at row 1, column 0 is 2 (indicator entries must be 0 or 1)",
                         assay::invalid_argument);
    const std::vector<std::int8_t> neg{1, 0, 0, -1};
    CHECK_THROWS_WITH_AS(assay::hamming_loss(assay::as_matrix_view(neg, 2), assay::as_matrix_view(ok, 2)),
                         "assay::hamming_loss: y_true: value at row 1, column 1 is -1 (indicator entries must be 0 or 1)",
                         assay::invalid_argument);
    // bool input: always valid. Rows (1,0) vs (1,0) and (1,1) vs (1,0): one of four cells differs.
    const bool bt[] = {true, false, true, true}, bp[] = {true, false, true, false};
    CHECK(assay::hamming_loss(assay::matrix_view<const bool>(bt, 2, 2), assay::matrix_view<const bool>(bp, 2, 2)) == 0.25);
}

namespace {

// The ranking metrics straight from their definitions (tests/reference/README.md,
// "Multilabel"), one row at a time, O(L²) per row.
struct ranking_oracle {
    double lrap = 0, coverage = 0, loss = 0;
};

ranking_oracle brute_force_ranking(const bytes& y, const doubles& s, std::size_t n, std::size_t l) {
    ranking_oracle o;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* yi = &y[i * l];
        const double* si = &s[i * l];
        std::size_t r = 0;
        for (std::size_t k = 0; k < l; ++k) r += yi[k];
        if (r == 0) {
            o.lrap += 1.0;
            continue;
        }
        double min_rel = 1e300, prec = 0.0;
        std::size_t wrong = 0;
        for (std::size_t a = 0; a < l; ++a) {
            if (!yi[a]) continue;
            min_rel = std::min(min_rel, si[a]);
            std::size_t rank = 0, rel_at_or_above = 0;
            for (std::size_t b = 0; b < l; ++b) {
                if (si[b] >= si[a]) ++rank, rel_at_or_above += yi[b];
                if (!yi[b] && si[b] >= si[a]) ++wrong;
            }
            prec += static_cast<double>(rel_at_or_above) / static_cast<double>(rank);
        }
        std::size_t cov = 0;
        for (std::size_t b = 0; b < l; ++b) cov += si[b] >= min_rel ? 1u : 0u;
        o.coverage += static_cast<double>(cov);
        o.lrap += r == l ? 1.0 : prec / static_cast<double>(r);
        o.loss += r == l ? 0.0 : static_cast<double>(wrong) / static_cast<double>(r * (l - r));
    }
    const double dn = static_cast<double>(n);
    o.lrap /= dn, o.coverage /= dn, o.loss /= dn;
    return o;
}

}  // namespace

TEST_CASE("label ranking metrics equal their definitions, with few and with many relevant labels per row") {
    for (const double prevalence : {0.1, 0.5, 0.9}) {
        const std::size_t n = 200, l = 40;  // rows with up to 40 relevant labels: both kernels run
        assay::rng g(static_cast<std::uint64_t>(prevalence * 100));
        bytes y(n * l);
        doubles s(n * l);
        for (std::size_t i = 0; i < n * l; ++i) {
            y[i] = assay::uniform_real(g) < prevalence ? 1 : 0;
            s[i] = static_cast<double>(assay::uniform_index(g, 8)) / 8.0 + (y[i] ? 0.25 : 0.0);  // many ties
        }
        const auto o = brute_force_ranking(y, s, n, l);
        const auto yv = assay::as_matrix_view(y, l);
        const auto sv = assay::as_matrix_view(s, l);
        CHECK(assay::label_ranking_average_precision_score(yv, sv) == doctest::Approx(o.lrap).epsilon(1e-12));
        CHECK(assay::coverage_error(yv, sv) == doctest::Approx(o.coverage).epsilon(1e-12));
        CHECK(assay::label_ranking_loss(yv, sv) == doctest::Approx(o.loss).epsilon(1e-12));
    }
}

TEST_CASE("multilabel accumulators: save, load, continue equals an uninterrupted stream; corrupt states are rejected") {
    const auto c = make_case(41, 160, 5);
    const assay::matrix_view<const std::uint8_t> y1(c.y.data(), 80, c.l), p1(c.p.data(), 80, c.l);
    const assay::matrix_view<const std::uint8_t> y2(c.y.data() + 80 * c.l, 80, c.l), p2(c.p.data() + 80 * c.l, 80, c.l);
    const assay::matrix_view<const double> s1(c.s.data(), 80, c.l), s2(c.s.data() + 80 * c.l, 80, c.l);
    const doubles w(c.w.begin(), c.w.begin() + 80);

    assay::multilabel_counts whole(c.l, 2.0);
    whole.update(y1, p1, w);
    const auto bytes_saved = whole.save();
    whole.update(y2, p2);
    assay::multilabel_counts restored;
    restored.load(bytes_saved);
    CHECK(restored.beta() == 2.0);
    restored.update(y2, p2);
    CHECK(restored == whole);

    assay::label_ranking_accumulator rwhole(c.l);
    rwhole.update(y1, s1, w);
    const auto rsaved = rwhole.save();
    rwhole.update(y2, s2);
    assay::label_ranking_accumulator rrestored;
    rrestored.load(rsaved);
    rrestored.update(y2, s2);
    CHECK(rrestored == rwhole);

    // Any changed byte, a truncation, padding, or the other accumulator's
    // state: corrupt_state, and the target is unchanged.
    const assay::multilabel_counts before = restored;
    for (std::size_t i = 0; i < bytes_saved.size(); i += 7) {
        auto bad = bytes_saved;
        bad[i] ^= 0x10;
        CHECK_THROWS_AS(restored.load(bad), assay::corrupt_state);
    }
    auto cut = bytes_saved;
    cut.resize(cut.size() - 9);
    CHECK_THROWS_AS(restored.load(cut), assay::corrupt_state);
    CHECK_THROWS_AS(restored.load(rsaved), assay::corrupt_state);
    CHECK_THROWS_AS(rrestored.load(bytes_saved), assay::corrupt_state);
    CHECK_THROWS_AS(restored.load(nullptr, 0), assay::corrupt_state);
    CHECK(restored == before);
}

namespace {

// Writes a double at `offset` and recomputes the trailing FNV-1a hash, so
// only the semantic checks of load can catch the change.
std::vector<std::uint8_t> forged(std::vector<std::uint8_t> b, std::size_t offset, std::uint64_t bits) {
    for (int i = 0; i < 8; ++i) b[offset + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bits >> (8 * i));
    const std::uint64_t h = assay::detail::metrics::fnv1a64(b.data(), b.size() - 8);
    for (int i = 0; i < 8; ++i) b[b.size() - 8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(h >> (8 * i));
    return b;
}

}  // namespace

TEST_CASE("multilabel accumulators: load checks the meaning of a well-framed state") {
    const auto t = view(kTrue), p = view(kPred);
    assay::multilabel_counts c(3);
    c.update(t, p);
    const auto b = c.save();
    // Layout: magic 4, version 2, L at 6, beta at 14, n at 22, 11 sums from 30, tp from 118.
    assay::multilabel_counts target;
    CHECK_NOTHROW(target.load(forged(b, 6, 3)));  // unchanged value: loads
    CHECK(target == c);
    CHECK_THROWS_AS(target.load(forged(b, 6, std::uint64_t{1} << 40)), assay::corrupt_state);  // L larger than the bytes
    CHECK_THROWS_AS(target.load(forged(b, 6, 4)), assay::corrupt_state);                        // L inconsistent with the size
    CHECK_THROWS_AS(target.load(forged(b, 14, assay::detail::metrics::double_bits(-1.0))), assay::corrupt_state);  // beta
    CHECK_THROWS_AS(target.load(forged(b, 30, assay::detail::metrics::double_bits(-4.0))), assay::corrupt_state);  // weight
    CHECK_THROWS_AS(target.load(forged(b, 118, assay::detail::metrics::double_bits(9.0))), assay::corrupt_state);  // tp > predicted
    CHECK_THROWS_AS(target.load(forged(b, 22, 0)), assay::corrupt_state);  // sums without rows
    CHECK(target == c);

    assay::label_ranking_accumulator r(3);
    const doubles s{.1, .2, .3, .4, .5, .6, .7, .8, .9, .1, .2, .3};
    r.update(t, assay::as_matrix_view(s, 3));
    const auto rb = r.save();
    assay::label_ranking_accumulator rt;
    CHECK_THROWS_AS(rt.load(forged(rb, 6, std::uint64_t{1} << 40)), assay::corrupt_state);  // implausible L
    CHECK_THROWS_AS(rt.load(forged(rb, 22, assay::detail::metrics::double_bits(std::numeric_limits<double>::quiet_NaN()))),
                    assay::corrupt_state);
    rt.load(rb);
    CHECK(rt == r);
    // A loaded accumulator takes updates (its row scratch is made then).
    rt.update(t, assay::as_matrix_view(s, 3));
    r.update(t, assay::as_matrix_view(s, 3));
    CHECK(rt == r);
}

TEST_CASE("multilabel: Eigen matrices (column-major, blocks) as inputs") {
    // The hand-worked 4 x 3 example, column-major, and the same inside a
    // larger matrix (a block with an outer stride).
    Eigen::Matrix<std::int8_t, Eigen::Dynamic, Eigen::Dynamic> yt(4, 3), yp(4, 3), big = decltype(yt)::Zero(6, 5);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 3; ++j) {
            yt(i, j) = static_cast<std::int8_t>(kTrue[static_cast<std::size_t>(3 * i + j)]);
            yp(i, j) = static_cast<std::int8_t>(kPred[static_cast<std::size_t>(3 * i + j)]);
        }
    big.block(1, 2, 4, 3) = yp;
    CHECK(assay::hamming_loss(assay::as_matrix_view(yt), assay::as_matrix_view(yp)) ==
          doctest::Approx(1.0 / 6.0).epsilon(1e-15));
    CHECK(assay::f1_score(assay::as_matrix_view(yt), assay::as_matrix_view(big.block(1, 2, 4, 3)),
                          assay::average::samples) == doctest::Approx((7.0 / 3.0) / 4).epsilon(1e-15));
    Eigen::MatrixXd s(2, 4);
    s << .9, .8, .1, .8, .4, .3, .2, .1;
    Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> y(2, 4);
    y << 1, 0, 0, 1, 0, 1, 0, 0;
    // Rows a and c of the hand-worked ranking example: coverage (3 + 2) / 2.
    CHECK(assay::coverage_error(assay::as_matrix_view(y), assay::as_matrix_view(s)) == 2.5);
}

TEST_CASE("multilabel: per-sample confusion matrices and unnormalized subset accuracy") {
    const auto t = view(kTrue), p = view(kPred);
    // Row 0: tp 1 (label 0), fn 1 (label 2), fp 0, tn 1 (label 1).
    // Row 1: tp 1 (label 1), fp 1 (label 2), fn 0, tn 1.
    // Row 2: tp 2, tn 1. Row 3: tn 3.
    const auto m = assay::multilabel_confusion_matrix_samplewise(t, p);
    CHECK(m.tp == doubles{1, 1, 2, 0});
    CHECK(m.fp == doubles{0, 1, 0, 0});
    CHECK(m.fn == doubles{1, 0, 0, 0});
    CHECK(m.tn == doubles{1, 1, 1, 3});
    // Weighted: each row's counts times its weight (2, 1, 1, 0).
    const auto mw = assay::multilabel_confusion_matrix_samplewise(t, p, doubles{2, 1, 1, 0});
    CHECK(mw.tp == doubles{2, 1, 2, 0});
    CHECK(mw.fn == doubles{2, 0, 0, 0});
    CHECK(mw.tn == doubles{2, 1, 1, 0});
    // Two exact rows; weighted 2, 1, 1, 0.5: exact rows 2 and 3 weigh 1.5, the others 3.
    CHECK(assay::accuracy_score(t, p, false) == 2.0);
    CHECK(assay::zero_one_loss(t, p, false) == 2.0);
    CHECK(assay::accuracy_score(t, p, doubles{2, 1, 1, 0.5}, false) == 1.5);
    CHECK(assay::zero_one_loss(t, p, doubles{2, 1, 1, 0.5}, false) == 3.0);
    CHECK(assay::accuracy_score(t, p, doubles{0, 0, 0, 0}, false) == 0.0);
    CHECK_THROWS_AS(assay::accuracy_score(t, p, doubles{0, 0, 0, 0}, true), assay::invalid_argument);
    ints bad = kPred;
    bad[0] = 7;
    CHECK_THROWS_AS(assay::multilabel_confusion_matrix_samplewise(t, view(bad)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::multilabel_confusion_matrix_samplewise(t, p, doubles{1, 1}), assay::invalid_argument);
}
