// Threshold sweep, target precision / recall, cost curve: hand-worked
// examples, every sweep entry against the confusion matrix of the
// predictions "score >= threshold" (and the metric functions on it), integer
// weights == repeated rows, the cost-minimising threshold against every
// other threshold, bad input.
#include <doctest/doctest.h>

#include <assay/metrics.hpp>
#include <assay/metrics/thresholds.hpp>
#include <assay/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;

// Six rows, P = N = 3, a tie at 0.7 between a positive and a negative.
const ints hy{1, 0, 1, 0, 1, 0};
const doubles hs{0.9, 0.8, 0.7, 0.7, 0.5, 0.2};

struct data {
    ints y;
    doubles s, w;
};

// Two sweeps of the same rows (repeated, permuted or streamed) agree exactly:
// thresholds, counts and the metrics derived from them.
void check_same_sweep(const assay::threshold_sweep_result& a, const assay::threshold_sweep_result& b) {
    CHECK(a.thresholds == b.thresholds);
    CHECK(a.tp == b.tp);
    CHECK(a.fp == b.fp);
    CHECK(a.tn == b.tn);
    CHECK(a.fn == b.fn);
    CHECK(a.precision == b.precision);
    CHECK(a.mcc == b.mcc);
    CHECK(a.f_beta == b.f_beta);
}

data make_data(assay::rng& g, std::size_t n, int grid) {
    data d;
    for (std::size_t i = 0; i < n; ++i) {
        const bool pos = assay::uniform_real(g) < 0.4;
        double s = assay::uniform_real(g) + (pos ? 0.25 : 0.0);
        if (grid > 0) s = std::round(s * grid) / grid;
        d.y.push_back(pos ? 1 : 0);
        d.s.push_back(s);
        d.w.push_back(static_cast<double>(assay::uniform_index(g, 4)));
    }
    // Both classes with non-zero weight.
    d.y[0] = 1, d.w[0] = 1.0;
    d.y[1] = 0, d.w[1] = 2.0;
    return d;
}

}  // namespace

TEST_CASE("threshold_sweep: hand-worked example with a tie") {
    const auto r = assay::threshold_sweep(hy, hs);
    REQUIRE(r.size() == 5);
    CHECK(r.thresholds == doubles{0.9, 0.8, 0.7, 0.5, 0.2});
    CHECK(r.tp == doubles{1, 1, 2, 3, 3});
    CHECK(r.fp == doubles{0, 1, 2, 2, 3});
    CHECK(r.tn == doubles{3, 2, 1, 1, 0});
    CHECK(r.fn == doubles{2, 2, 1, 0, 0});
    CHECK(r.positives == 3.0);
    CHECK(r.negatives == 3.0);
    const doubles precision{1.0, 0.5, 0.5, 0.6, 0.5}, recall{1.0 / 3, 1.0 / 3, 2.0 / 3, 1.0, 1.0};
    const doubles npv{0.6, 0.5, 0.5, 1.0, 0.0}, f1{0.5, 0.4, 4.0 / 7, 0.75, 2.0 / 3};
    const doubles acc{4.0 / 6, 0.5, 0.5, 4.0 / 6, 0.5}, ppr{1.0 / 6, 2.0 / 6, 4.0 / 6, 5.0 / 6, 1.0};
    const double m = 3.0 / std::sqrt(45.0);
    const doubles mcc{m, 0.0, 0.0, m, 0.0};
    for (std::size_t i = 0; i < 5; ++i) {
        CAPTURE(i);
        CHECK(r.precision[i] == doctest::Approx(precision[i]).epsilon(1e-15));
        CHECK(r.recall[i] == doctest::Approx(recall[i]).epsilon(1e-15));
        CHECK(r.fnr[i] == doctest::Approx(1.0 - recall[i]).epsilon(1e-15));
        CHECK(r.fpr[i] == doctest::Approx(r.fp[i] / 3.0).epsilon(1e-15));
        CHECK(r.tnr[i] == doctest::Approx(r.tn[i] / 3.0).epsilon(1e-15));
        CHECK(r.npv[i] == doctest::Approx(npv[i]).epsilon(1e-15));
        CHECK(r.f_beta[i] == doctest::Approx(f1[i]).epsilon(1e-15));
        CHECK(r.accuracy[i] == doctest::Approx(acc[i]).epsilon(1e-15));
        CHECK(r.mcc[i] == doctest::Approx(mcc[i]).epsilon(1e-15));
        CHECK(r.predicted_positive_rate[i] == doctest::Approx(ppr[i]).epsilon(1e-15));
    }
    // zero_division decides NPV where nothing is predicted negative.
    CHECK(assay::threshold_sweep(hy, hs, assay::threshold_options().with_zero_division(1.0)).npv[4] == 1.0);
    // F2 at threshold 0.5: 5·3 / (5·3 + 4·0 + 2) = 15/17.
    const auto f2 = assay::threshold_sweep(hy, hs, assay::threshold_options().with_beta(2.0));
    CHECK(f2.f_beta[3] == doctest::Approx(15.0 / 17.0).epsilon(1e-15));
    CHECK(f2.beta == 2.0);
    // pos_label 0 swaps the roles: at threshold 0.8, tp = 1 (the 0.8 negative), fp = 1.
    const ints y12{2, 1, 2, 1, 2, 1};
    const auto r0 = assay::threshold_sweep(y12, hs, assay::threshold_options().with_pos_label(1));
    CHECK(r0.tp == doubles{0, 1, 2, 2, 3});
    CHECK(r0.fp == doubles{1, 1, 2, 3, 3});
    std::ostringstream os;
    os << r.at(3);
    CHECK(os.str().find("threshold=0.5, tp=3, fp=2, tn=1, fn=0, precision=0.6") != std::string::npos);
    std::ostringstream os2;
    os2 << r;
    CHECK(os2.str().find("thresholds=[0.9, 0.8, 0.7, 0.5, 0.2]") != std::string::npos);
}

namespace {
#include "thresholds_cases.inc"
}  // namespace

TEST_CASE("threshold_sweep: weighted, tied scores, against scikit-learn's metrics at each threshold") {
    // Rows of zero weight (scores 0.4 and 0.7) are not thresholds.
    const auto r = assay::threshold_sweep(gy, gs, gw, assay::threshold_options().with_beta(2.0));
    REQUIRE(r.size() == gexpected.size());
    for (std::size_t k = 0; k < r.size(); ++k) {
        const doubles& e = gexpected[k];
        CAPTURE(k);
        CHECK(r.thresholds[k] == e[0]);
        CHECK(r.tn[k] == doctest::Approx(e[1]).epsilon(1e-12));
        CHECK(r.fp[k] == doctest::Approx(e[2]).epsilon(1e-12));
        CHECK(r.fn[k] == doctest::Approx(e[3]).epsilon(1e-12));
        CHECK(r.tp[k] == doctest::Approx(e[4]).epsilon(1e-12));
        CHECK(r.precision[k] == doctest::Approx(e[5]).epsilon(1e-12));
        CHECK(r.recall[k] == doctest::Approx(e[6]).epsilon(1e-12));
        CHECK(r.f_beta[k] == doctest::Approx(e[7]).epsilon(1e-12));
        CHECK(r.accuracy[k] == doctest::Approx(e[8]).epsilon(1e-12));
        CHECK(r.mcc[k] == doctest::Approx(e[9]).epsilon(1e-12).scale(1e-300));
    }
}

TEST_CASE("threshold_for_precision / threshold_for_recall: hand-worked") {
    const auto r = assay::threshold_sweep(hy, hs);
    // Precision >= 0.6 at thresholds 0.9 (recall 1/3) and 0.5 (recall 1): the latter.
    auto p = assay::threshold_for_precision(r, 0.6);
    CHECK(p.threshold == 0.5);
    CHECK(p.recall == 1.0);
    CHECK(p.precision == 0.6);
    CHECK(assay::threshold_for_precision(r, 0.61).threshold == 0.9);
    CHECK(assay::threshold_for_precision(r, 1.0).threshold == 0.9);
    // Precision >= 0.5 everywhere, recall 1 at 0.5 and 0.2: the higher threshold.
    CHECK(assay::threshold_for_precision(r, 0.5).threshold == 0.5);
    CHECK(assay::threshold_for_precision(r, 0.0).threshold == 0.5);
    // Recall >= 0.5 at 0.7 (precision 0.5), 0.5 (0.6), 0.2 (0.5): 0.5.
    auto q = assay::threshold_for_recall(r, 0.5);
    CHECK(q.threshold == 0.5);
    CHECK(q.precision == 0.6);
    CHECK(q.tp == 3.0);
    CHECK(q.fp == 2.0);
    CHECK(assay::threshold_for_recall(r, 0.3).threshold == 0.9);
    CHECK(assay::threshold_for_recall(r, 1.0).threshold == 0.5);
    // Recall >= 0.9 at 0.7 (precision 2/3) and 0.6 (precision 1/2): 0.7.
    const ints y2{1, 0, 1, 0};
    const doubles s2{0.9, 0.8, 0.7, 0.6};  // precision 1, .5, 2/3, .5; recall .5, .5, 1, 1
    const auto r2 = assay::threshold_sweep(y2, s2);
    CHECK(assay::threshold_for_recall(r2, 0.9).threshold == 0.7);
    // Equal best precision 1/2 at 0.8 (recall 1/2) and 0.6 (recall 1): the higher recall.
    const auto r3 = assay::threshold_sweep(ints{0, 1, 0, 1, 0}, doubles{0.9, 0.8, 0.7, 0.6, 0.5});
    CHECK(r3.precision == doubles{0.0, 0.5, 1.0 / 3, 0.5, 0.4});
    CHECK(assay::threshold_for_recall(r3, 0.5).threshold == 0.6);
    // Recall 1 at 0.6 and 0.5, both with precision >= 0.3: the higher threshold.
    CHECK(assay::threshold_for_precision(r3, 0.3).threshold == 0.6);
    CHECK(assay::threshold_for_precision(r3, 0.5).threshold == 0.6);
    CHECK_THROWS_AS(assay::threshold_for_precision(r3, 0.6), assay::invalid_argument);
    // An unreachable precision is an error naming the best one.
    const auto bad = assay::threshold_sweep(ints{0, 1}, doubles{0.9, 0.1});
    CHECK_THROWS_WITH_AS(assay::threshold_for_precision(bad, 0.75),
                         "assay::threshold_for_precision: target: precision 0.75 is not reached (highest is 0.5)",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_for_precision(r, 1.5), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_for_recall(r, -0.1), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_for_recall(r, std::nan("")), assay::invalid_argument);
}

TEST_CASE("threshold_sweep: each entry equals the confusion matrix of score >= threshold") {
    assay::rng g(2026);
    for (int grid : {0, 5, 20}) {
        for (std::size_t n : {std::size_t{7}, std::size_t{60}, std::size_t{400}}) {
            const data d = make_data(g, n, grid);
            for (bool weighted : {false, true}) {
                CAPTURE(grid);
                CAPTURE(n);
                CAPTURE(weighted);
                const auto opt = assay::threshold_options().with_beta(0.5);
                const auto r = weighted ? assay::threshold_sweep(d.y, d.s, d.w, opt) : assay::threshold_sweep(d.y, d.s, opt);
                // The distinct scores of rows with non-zero weight, decreasing.
                doubles thr;
                for (std::size_t i = 0; i < n; ++i)
                    if (!weighted || d.w[i] != 0.0) thr.push_back(d.s[i]);
                std::sort(thr.begin(), thr.end(), std::greater<double>());
                thr.erase(std::unique(thr.begin(), thr.end()), thr.end());
                REQUIRE(r.thresholds == thr);
                for (std::size_t k = 0; k < thr.size(); ++k) {
                    ints pred(n);
                    for (std::size_t i = 0; i < n; ++i) pred[i] = d.s[i] >= thr[k] ? 1 : 0;
                    const auto c = weighted ? assay::confusion_matrix(d.y, pred, d.w, assay::label_list{0, 1})
                                            : assay::confusion_matrix(d.y, pred, assay::label_list{0, 1});
                    const auto rt = assay::rates(c, 1);
                    CHECK(r.tp[k] == doctest::Approx(rt.tp).epsilon(1e-12));
                    CHECK(r.fp[k] == doctest::Approx(rt.fp).epsilon(1e-12));
                    CHECK(r.tn[k] == doctest::Approx(rt.tn).epsilon(1e-12));
                    CHECK(r.fn[k] == doctest::Approx(rt.fn).epsilon(1e-12));
                    const auto prf = assay::precision_recall_fscore(c, assay::prf_options().with_beta(0.5));
                    CHECK(r.precision[k] == doctest::Approx(prf.precision).epsilon(1e-12));
                    CHECK(r.recall[k] == doctest::Approx(prf.recall).epsilon(1e-12));
                    CHECK(r.f_beta[k] == doctest::Approx(prf.fscore).epsilon(1e-12));
                    CHECK(r.fpr[k] == doctest::Approx(rt.fpr).epsilon(1e-12));
                    CHECK(r.tnr[k] == doctest::Approx(rt.tnr).epsilon(1e-12));
                    CHECK(r.fnr[k] == doctest::Approx(rt.fnr).epsilon(1e-12));
                    if (!std::isnan(rt.npv)) CHECK(r.npv[k] == doctest::Approx(rt.npv).epsilon(1e-12));
                    else CHECK(r.npv[k] == 0.0);
                    CHECK(r.accuracy[k] == doctest::Approx(rt.accuracy).epsilon(1e-12));
                    CHECK(r.mcc[k] == doctest::Approx(assay::matthews_corrcoef(c)).epsilon(1e-12));
                    CHECK(r.predicted_positive_rate[k] ==
                          doctest::Approx((rt.tp + rt.fp) / (rt.tp + rt.fp + rt.tn + rt.fn)).epsilon(1e-12));
                }
            }
        }
    }
}

TEST_CASE("threshold_sweep and cost_curve: integer weight w == the row repeated w times") {
    assay::rng g(7);
    for (int grid : {0, 10}) {
        const data d = make_data(g, 300, grid);
        ints ry;
        doubles rs;
        for (std::size_t i = 0; i < d.y.size(); ++i)
            for (int k = 0; k < static_cast<int>(d.w[i]); ++k) ry.push_back(d.y[i]), rs.push_back(d.s[i]);
        check_same_sweep(assay::threshold_sweep(d.y, d.s, d.w), assay::threshold_sweep(ry, rs));
        const auto o = assay::cost_options().with_cost_fp(1.5).with_cost_fn(4.0).with_benefit_tp(0.5);
        const auto ca = assay::cost_curve(d.y, d.s, d.w, o), cb = assay::cost_curve(ry, rs, o);
        CHECK(ca.cost == cb.cost);
        CHECK(ca.best_index == cb.best_index);
    }
}

TEST_CASE("cost_curve and cost_saving: hand-worked") {
    const auto o = assay::cost_options().with_cost_fp(1.0).with_cost_fn(5.0);
    const auto c = assay::cost_curve(hy, hs, o);
    REQUIRE(c.size() == 6);
    CHECK(c.thresholds[0] == std::numeric_limits<double>::infinity());
    CHECK(c.cost == doubles{15, 10, 11, 7, 2, 3});
    CHECK(c.total_weight == 6.0);
    CHECK(c.expected_cost[1] == doctest::Approx(10.0 / 6.0).epsilon(1e-15));
    CHECK(c.best_index == 4);
    CHECK(c.best.threshold == 0.5);
    CHECK(c.best.cost == 2.0);
    CHECK(c.best.fp == 2.0);
    CHECK(c.best.expected_cost == doctest::Approx(2.0 / 6.0).epsilon(1e-15));
    using rp = assay::reference_policy;
    auto s = assay::cost_saving(c, rp::all_negative());
    CHECK(s.reference.cost == 15.0);
    CHECK(s.saving == 13.0);
    CHECK(s.saving_per_row == doctest::Approx(13.0 / 6.0).epsilon(1e-15));
    CHECK(assay::cost_saving(c, rp::all_positive()).saving == 1.0);
    s = assay::cost_saving(c, rp::at_threshold(0.75));  // flags 0.9 and 0.8: the 0.8 entry
    CHECK(s.reference.threshold == 0.75);
    CHECK(s.reference.cost == 11.0);
    CHECK(s.saving == 9.0);
    CHECK(assay::cost_at(c, rp::at_threshold(0.8)).cost == 11.0);
    CHECK(assay::cost_at(c, rp::at_threshold(0.95)).cost == 15.0);
    CHECK(assay::cost_at(c, rp::at_threshold(0.5)).cost == 2.0);
    CHECK(assay::cost_at(c, rp::at_threshold(-1.0)).cost == 3.0);
    CHECK(assay::cost_at(c, rp::at_threshold(std::numeric_limits<double>::infinity())).cost == 15.0);
    CHECK(assay::cost_saving(c, rp::at_threshold(0.5)).saving == 0.0);
    CHECK_THROWS_AS(assay::cost_at(c, rp::at_threshold(std::nan(""))), assay::invalid_argument);
    // A benefit per true positive (and per true negative) turns costs into profits.
    const auto p = assay::cost_curve(hy, hs, assay::cost_options(o).with_benefit_tp(2.0).with_benefit_tn(1.0));
    // threshold 0.5: fp 2, fn 0, tp 3, tn 1 → 2 − 6 − 1 = −5.
    CHECK(p.cost[4] == -5.0);
    CHECK(p.best.cost == -5.0);
    // Equal costs on a tie: the higher threshold wins (cost_fn 1: 3, 2, 3, 3, 2, 3).
    const auto t = assay::cost_curve(hy, hs, assay::cost_options());
    CHECK(t.cost == doubles{3, 2, 3, 3, 2, 3});
    CHECK(t.best.threshold == 0.9);
    std::ostringstream os;
    os << assay::cost_saving(c, rp::all_negative());
    CHECK(os.str().find("saving=13") != std::string::npos);
    std::ostringstream os2;
    os2 << c;
    CHECK(os2.str().find("cost=[15, 10, 11, 7, 2, 3]") != std::string::npos);
}

TEST_CASE("cost_curve: the best threshold beats every other decision threshold") {
    assay::rng g(31);
    for (int rep = 0; rep < 20; ++rep) {
        const data d = make_data(g, 150, rep % 2 ? 8 : 0);
        auto o = assay::cost_options()
                     .with_cost_fp(assay::uniform_real(g) * 3)
                     .with_cost_fn(assay::uniform_real(g) * 3)
                     .with_benefit_tp(rep % 3 == 0 ? assay::uniform_real(g) : 0.0)
                     .with_benefit_tn(rep % 4 == 0 ? assay::uniform_real(g) : 0.0);
        const auto c = assay::cost_curve(d.y, d.s, d.w, o);
        // Direct cost of "positive when score >= t" for t at every score, between
        // scores, below and above them all.
        doubles ts(d.s);
        for (double v : d.s) ts.push_back(v + 1e-3), ts.push_back(v - 1e-3);
        ts.push_back(1e9);
        ts.push_back(-1e9);
        for (double t : ts) {
            double cost = 0.0;
            for (std::size_t i = 0; i < d.y.size(); ++i) {
                const bool pp = d.s[i] >= t, pos = d.y[i] == 1;
                cost += d.w[i] * (pp ? (pos ? -o.benefit_tp : o.cost_fp) : (pos ? o.cost_fn : -o.benefit_tn));
            }
            CHECK(c.best.cost <= cost + 1e-9);
            CHECK(assay::cost_at(c, assay::reference_policy::at_threshold(t)).cost == doctest::Approx(cost).epsilon(1e-12).scale(1.0));
        }
    }
}

TEST_CASE("thresholds: bad input") {
    const double nan = std::nan("");
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, nan}),
                         "assay::threshold_sweep: y_score: value at index 1 is nan", assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, 0.2}, doubles{0.0, 0.0}),
                         "assay::threshold_sweep: y_true: must contain both classes with non-zero weight (0 positive, 0 negative)",
                         assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::cost_curve(ints{0, 1, 1}, doubles{0.1, 0.2}),
                         "assay::cost_curve: y_score: has 2 elements but y_true has 3", assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, HUGE_VAL}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{}, doubles{}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, 0.2}, doubles{1.0}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, 0.2}, doubles{1.0, -1.0}), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(ints{1, 1}, doubles{0.1, 0.2}),
                         "assay::threshold_sweep: y_true: must contain both classes with non-zero weight (2 positive, 0 negative)",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, 0.2}, doubles{1.0, 0.0}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::threshold_sweep(ints{3, 5}, doubles{0.1, 0.2}), assay::invalid_argument);  // no pos_label
    CHECK_THROWS_AS(assay::threshold_sweep(ints{0, 1}, doubles{0.1, 0.2}, assay::threshold_options().with_beta(0.0)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(ints{0, 0}, doubles{0.1, 0.2}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(ints{0, 1}, doubles{nan, 0.2}), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::cost_curve(ints{0, 1}, doubles{0.1, 0.2}, assay::cost_options().with_cost_fp(-1.0)),
                         "assay::cost_curve: cost_fp: must be finite and >= 0, got -1", assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(ints{0, 1}, doubles{0.1, 0.2}, assay::cost_options().with_benefit_tn(nan)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(ints{0, 1}, doubles{0.1, 0.2}, assay::cost_options().with_cost_fn(-0.5)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_at(assay::cost_curve_result{}, assay::reference_policy::all_negative()),
                    assay::invalid_argument);
}

TEST_CASE("threshold_sweep: permutation invariance; float scores, small label types, iterator pairs") {
    assay::rng g(11);
    const data d = make_data(g, 500, 12);
    std::vector<std::size_t> order(d.y.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    assay::shuffle(order.begin(), order.end(), g);
    data p;
    for (std::size_t i : order) p.y.push_back(d.y[i]), p.s.push_back(d.s[i]), p.w.push_back(d.w[i]);
    check_same_sweep(assay::threshold_sweep(d.y, d.s), assay::threshold_sweep(p.y, p.s));
    const auto ca = assay::cost_curve(d.y, d.s, d.w), cb = assay::cost_curve(p.y, p.s, p.w);
    CHECK(ca.thresholds == cb.thresholds);
    CHECK(ca.best_index == cb.best_index);
    // The hand-worked example with int8 labels, float scores and pointers.
    const std::int8_t y8[] = {1, 0, 1, 0, 1, 0};
    const float sf[] = {0.9f, 0.8f, 0.7f, 0.7f, 0.5f, 0.2f};
    const auto r = assay::threshold_sweep(assay::make_iterator_range(y8, y8 + 6), assay::make_iterator_range(sf, sf + 6));
    CHECK(r.tp == doubles{1, 1, 2, 3, 3});
    CHECK(r.fp == doubles{0, 1, 2, 2, 3});
    CHECK(r.thresholds[2] == static_cast<double>(0.7f));
}

TEST_CASE("threshold_sweep and cost_curve of a streaming ranking accumulator equal the full pass") {
    assay::rng g(21);
    const auto costs = assay::cost_options().with_cost_fp(1.0).with_cost_fn(4.0).with_benefit_tp(0.5);
    for (int trial = 0; trial < 30; ++trial) {
        const auto d = make_data(g, 50 + assay::uniform_index(g, 400), trial % 3 == 0 ? 0 : 20);
        // Shards of random sizes, merged; weighted on odd trials.
        const bool weighted = trial % 2 == 1;
        assay::ranking_accumulator acc;
        std::size_t at = 0;
        while (at < d.y.size()) {
            const std::size_t len = std::min(d.y.size() - at, 1 + assay::uniform_index(g, 80));
            assay::ranking_accumulator shard;
            for (std::size_t i = at; i < at + len; ++i) shard.update(d.y[i], d.s[i], weighted ? d.w[i] : 1.0);
            acc.merge(shard);
            at += len;
        }
        const auto full = weighted ? assay::threshold_sweep(d.y, d.s, d.w) : assay::threshold_sweep(d.y, d.s);
        check_same_sweep(assay::threshold_sweep(acc), full);
        const auto cfull = weighted ? assay::cost_curve(d.y, d.s, d.w, costs) : assay::cost_curve(d.y, d.s, costs);
        const auto cgot = assay::cost_curve(acc, costs);
        CHECK(cgot.thresholds == cfull.thresholds);
        CHECK(cgot.cost == cfull.cost);
        CHECK(cgot.best_index == cfull.best_index);
        const auto c = acc.binary_clf_curve();
        CHECK(c.thresholds == full.thresholds);
    }
    // Bad input: nothing, one class, bad options.
    assay::ranking_accumulator empty, one;
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(empty), "assay::threshold_sweep: y_true: is empty",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(empty), assay::invalid_argument);
    one.update(1, 0.3);
    one.update(1, 0.6);
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(one), doctest::Contains("must contain both classes"),
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(one), assay::invalid_argument);
    // Rows of zero weight only: the full pass's error, under the caller's name.
    assay::ranking_accumulator weightless;
    weightless.update(ints{0, 1}, doubles{0.1, 0.2}, doubles{0.0, 0.0});
    CHECK_THROWS_WITH_AS(assay::threshold_sweep(weightless),
                         "assay::threshold_sweep: y_true: must contain both classes with non-zero weight (0 positive, 0 negative)",
                         assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::cost_curve(weightless), doctest::Contains("assay::cost_curve: y_true: must contain both classes"),
                         assay::invalid_argument);
    one.update(0, 0.4);
    CHECK_THROWS_AS(assay::threshold_sweep(one, assay::threshold_options().with_beta(0.0)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::cost_curve(one, assay::cost_options().with_cost_fp(-1.0)), assay::invalid_argument);
    // Hand-worked: scores 0.6 (+), 0.4 (−), 0.3 (+): at threshold 0.4, tp 1, fp 1.
    const auto s = assay::threshold_sweep(one);
    REQUIRE(s.thresholds.size() == 3);
    CHECK(s.thresholds[1] == 0.4);
    CHECK(s.tp[1] == 1.0);
    CHECK(s.fp[1] == 1.0);
    CHECK(s.precision[1] == 0.5);
}
