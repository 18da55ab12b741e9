// Windowed and exponentially decayed confusion counts: at every step of
// random streams, the windowed counts equal a full pass over the last N rows
// and the decayed counts a full pass weighted by alpha^age; hand-worked
// values; bad parameters and labels; save / load. Also checks that these
// accumulators and binned_auc allocate nothing per update: global operator
// new is replaced in this translation unit (for the whole test executable) by
// one that counts calls.
#include "counting_new.hpp"

#include <doctest/doctest.h>

#include <assay/metrics/binned_auc.hpp>
#include <assay/metrics/classification.hpp>
#include <assay/metrics/confusion_matrix.hpp>
#include <assay/metrics/windowed.hpp>
#include <assay/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <utility>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;

struct rows {
    ints y, p;
    doubles w;
};

// Predictions right 60% of the time, otherwise a random label.
rows random_rows(assay::rng& g, std::size_t n, const ints& labels) {
    rows r;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t t = labels[assay::uniform_index(g, labels.size())];
        r.y.push_back(t);
        r.p.push_back(assay::uniform_real(g) < 0.6 ? t : labels[assay::uniform_index(g, labels.size())]);
        r.w.push_back(0.5 * static_cast<double>(assay::uniform_index(g, 7)) + 0.1);
    }
    return r;
}

// |a − b| within rel · scale (NaN matches NaN: a rate that is 0/0 on both sides).
bool close(double a, double b, double rel, double scale) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= rel * scale;
}

// Compares the accumulator's cells and metrics with confusion counts `ref`.
template <class Acc>
void check_same(const Acc& acc, const assay::confusion_counts& ref, double rel) {
    const std::size_t k = ref.n_classes();
    REQUIRE(acc.n_classes() == k);
    const double total = ref.total();
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) CHECK(close(acc(i, j), ref(i, j), rel, total));
    const auto& c = acc.counts();
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) CHECK(close(c(i, j), ref(i, j), rel, total));
    if (total <= 0.0) return;
    const assay::prf_options macro(assay::average::macro), micro(assay::average::micro),
        weighted(assay::average::weighted);
    CHECK(close(acc.accuracy(), assay::accuracy_score(ref), rel, 1.0));
    CHECK(close(acc.f1(macro), assay::f1_score(ref, macro), rel, 1.0));
    CHECK(close(acc.precision(weighted), assay::precision_score(ref, weighted), rel, 1.0));
    CHECK(close(acc.recall(micro), assay::recall_score(ref, micro), rel, 1.0));
    // MCC takes s² − Σ p_k² and s² − Σ t_k²: when nearly all weight sits in
    // one class (fast decay) that difference cancels, and a relative change
    // of the cells is amplified by s² / (the difference).
    {
        const auto tt = ref.true_totals(), pp = ref.pred_totals();
        double s2 = total * total, cov_tt = s2, cov_pp = s2;
        for (std::size_t i = 0; i < k; ++i) cov_tt -= tt[i] * tt[i], cov_pp -= pp[i] * pp[i];
        const double amplification = std::min(cov_tt, cov_pp) > 0.0 ? s2 / std::min(cov_tt, cov_pp) : 1.0;
        CHECK(close(acc.matthews_corrcoef(), assay::matthews_corrcoef(ref), rel * amplification, 1.0));
    }
    const std::int64_t pos = ref.labels().back();
    const auto r = acc.rates(pos), e = assay::rates(ref, pos);
    CHECK(close(r.tpr, e.tpr, rel, 1.0));
    CHECK(close(r.fpr, e.fpr, rel, 1.0));
    CHECK(close(r.ppv, e.ppv, rel, 1.0));
    CHECK(close(r.npv, e.npv, rel, 1.0));
}

}  // namespace

TEST_CASE("windowed counts equal a full pass over the last N rows at every step") {
    assay::rng g(17);
    for (const ints& labels : {ints{0, 1}, ints{-1, 3, 10, 11}}) {
        for (std::size_t window : {std::size_t{1}, std::size_t{7}, std::size_t{50}}) {
            for (bool weighted : {false, true}) {
                const rows r = random_rows(g, 400, labels);
                assay::windowed_confusion_counts acc(window, assay::label_list(labels));
                CAPTURE(window);
                CAPTURE(weighted);
                for (std::size_t t = 0; t < r.y.size(); ++t) {
                    if (weighted) acc.update(r.y[t], r.p[t], r.w[t]);
                    else acc.update(r.y[t], r.p[t]);
                    const std::size_t first = t + 1 > window ? t + 1 - window : 0;
                    const ints y(r.y.begin() + static_cast<std::ptrdiff_t>(first), r.y.begin() + static_cast<std::ptrdiff_t>(t + 1));
                    const ints p(r.p.begin() + static_cast<std::ptrdiff_t>(first), r.p.begin() + static_cast<std::ptrdiff_t>(t + 1));
                    const doubles w(r.w.begin() + static_cast<std::ptrdiff_t>(first), r.w.begin() + static_cast<std::ptrdiff_t>(t + 1));
                    const auto ref = weighted ? assay::confusion_matrix(y, p, w, assay::label_list(labels))
                                              : assay::confusion_matrix(y, p, assay::label_list(labels));
                    CHECK(acc.size() == y.size());
                    // Unweighted counts are integers: exactly equal.
                    check_same(acc, ref, weighted ? 1e-12 : 0.0);
                }
                CHECK(acc.n_seen() == r.y.size());
            }
        }
    }
}

TEST_CASE("windowed counts: batches equal row-by-row updates; reset") {
    assay::rng g(23);
    const ints labels{0, 1, 2};
    const rows r = random_rows(g, 1000, labels);
    assay::windowed_confusion_counts one(64, {0, 1, 2}), batch(64, {0, 1, 2});
    for (std::size_t t = 0; t < r.y.size(); ++t) one.update(r.y[t], r.p[t], r.w[t]);
    batch.update(ints(r.y.begin(), r.y.begin() + 500), ints(r.p.begin(), r.p.begin() + 500),
                 doubles(r.w.begin(), r.w.begin() + 500));
    batch.update(ints(r.y.begin() + 500, r.y.end()), ints(r.p.begin() + 500, r.p.end()),
                 doubles(r.w.begin() + 500, r.w.end()));
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) CHECK(batch(i, j) == one(i, j));
    batch.reset();
    CHECK(batch.size() == 0);
    CHECK(batch.n_seen() == 0);
    CHECK(batch.counts().total() == 0.0);
    CHECK_THROWS_AS(batch.accuracy(), assay::invalid_argument);
    batch.update(ints{2, 2}, ints{2, 0});
    CHECK(batch.accuracy() == 0.5);
}

TEST_CASE("windowed and decayed counts: hand-worked values") {
    // Window of 2 over (1,1), (0,1), (1,0), (1,1): the last two rows remain.
    assay::windowed_confusion_counts w(2);
    w.update(ints{1, 0, 1, 1}, ints{1, 1, 0, 1});
    CHECK(w.size() == 2);
    CHECK(w(1, 0) == 1.0);
    CHECK(w(1, 1) == 1.0);
    CHECK(w(0, 1) == 0.0);
    CHECK(w.accuracy() == 0.5);
    CHECK(w.recall() == 0.5);
    CHECK(w.precision() == 1.0);
    CHECK(w.counts().n_samples() == 2);  // the rows in the window
    std::ostringstream os;
    os << w;
    CHECK(os.str() == "windowed_confusion_counts(window=2, size=2) confusion_counts(labels=[0, 1], rows=true, cols=pred)\n"
                      "  [0, 0]\n  [1, 1]\n");
    // A cell emptied by the window is exactly 0 even after weighted rows.
    assay::windowed_confusion_counts wz(1);
    wz.update(1, 1, 0.1);
    wz.update(0, 0, 0.7);
    CHECK(wz(1, 1) == 0.0);
    CHECK(wz.precision(assay::prf_options{}.with_zero_division(1.0)) == 1.0);  // 0/0 → zero_division

    // alpha = 0.5 over (1,1), (0,1), (1,0): weights 1/4, 1/2, 1.
    assay::decayed_confusion_counts d(0.5);
    d.update(1, 1);
    d.update(0, 1);
    d.update(1, 0);
    CHECK(d(1, 1) == 0.25);
    CHECK(d(0, 1) == 0.5);
    CHECK(d(1, 0) == 1.0);
    CHECK(d.total() == 1.75);
    CHECK(d.counts().n_samples() == 3);  // rows seen
    assay::decayed_confusion_counts fresh_d(0.5, {0, 1});
    CHECK(fresh_d.counts().n_samples() == 0);
    assay::windowed_confusion_counts fresh_w(3, {0, 1});
    CHECK(fresh_w.counts().n_samples() == 0);
    std::ostringstream dos;
    dos << d;
    CHECK(dos.str() == "decayed_confusion_counts(alpha=0.5, n_seen=3) confusion_counts(labels=[0, 1], rows=true, cols=pred)\n"
                       "  [0, 0.5]\n  [1, 0.25]\n");
    CHECK(d.precision() == doctest::Approx(0.25 / 0.75).epsilon(1e-15));
    CHECK(d.recall() == doctest::Approx(0.25 / 1.25).epsilon(1e-15));
    CHECK(d.accuracy() == doctest::Approx(0.25 / 1.75).epsilon(1e-15));

    // Half-life 10: the first row weighs 1/2 after ten more updates.
    auto h = assay::decayed_confusion_counts::from_half_life(10.0);
    CHECK(h.alpha() == doctest::Approx(std::pow(2.0, -0.1)).epsilon(1e-15));
    CHECK(h.half_life() == doctest::Approx(10.0).epsilon(1e-12));
    h.update(1, 1);
    for (int i = 0; i < 10; ++i) h.update(0, 0);
    CHECK(h(1, 1) == doctest::Approx(0.5).epsilon(1e-14));
    // alpha = 1: plain counting.
    assay::decayed_confusion_counts plain(1.0, {0, 1, 2});
    plain.update(ints{0, 1, 2, 2}, ints{0, 2, 2, 2});
    CHECK(plain(2, 2) == 2.0);
    CHECK(plain.accuracy() == 0.75);
    CHECK(std::isinf(plain.half_life()));
    CHECK(assay::decayed_confusion_counts::from_half_life(std::numeric_limits<double>::infinity()).alpha() == 1.0);
}

TEST_CASE("decayed counts equal a full pass weighted by alpha^age at every step") {
    assay::rng g(31);
    for (const ints& labels : {ints{0, 1}, ints{2, 4, 6}}) {
        // 0.5 and 0.3 fold the running scale into the cells several times.
        for (double alpha : {1.0, 0.999, 0.97, 0.5, 0.3}) {
            for (bool weighted : {false, true}) {
                const rows r = random_rows(g, 1200, labels);
                assay::decayed_confusion_counts acc(alpha, assay::label_list(labels));
                CAPTURE(alpha);
                CAPTURE(weighted);
                doubles w(r.y.size());
                for (std::size_t t = 0; t < r.y.size(); ++t) {
                    if (weighted) acc.update(r.y[t], r.p[t], r.w[t]);
                    else acc.update(r.y[t], r.p[t]);
                    if (t % 7 != 0 && t + 1 != r.y.size()) continue;  // every 7th step: O(n²) overall
                    for (std::size_t i = 0; i <= t; ++i)
                        w[i] = (weighted ? r.w[i] : 1.0) * std::pow(alpha, static_cast<double>(t - i));
                    const auto ref = assay::confusion_matrix(
                        ints(r.y.begin(), r.y.begin() + static_cast<std::ptrdiff_t>(t + 1)),
                        ints(r.p.begin(), r.p.begin() + static_cast<std::ptrdiff_t>(t + 1)),
                        doubles(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(t + 1)), assay::label_list(labels));
                    check_same(acc, ref, 1e-12);
                    CHECK(close(acc.total(), ref.total(), 1e-12, ref.total()));
                }
                CHECK(acc.n_seen() == r.y.size());
            }
        }
    }
}

TEST_CASE("windowed and decayed counts: bad parameters and labels are errors; nothing changes") {
    CHECK_THROWS_WITH_AS(assay::windowed_confusion_counts(0),
                         "assay::windowed_confusion_counts: window: must be at least 1, got 0", assay::invalid_argument);
    CHECK_THROWS_AS(assay::windowed_confusion_counts(5, {1, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::windowed_confusion_counts(5, assay::label_list(ints{})), assay::invalid_argument);
    ints many(65536);
    for (std::size_t i = 0; i < many.size(); ++i) many[i] = static_cast<std::int64_t>(i);
    CHECK_THROWS_WITH_AS(assay::windowed_confusion_counts(5, assay::label_list(many)),
                         "assay::windowed_confusion_counts: labels: has 65536 labels, more than the 65535 supported",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::decayed_confusion_counts(0.5, assay::label_list(many)), assay::invalid_argument);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (double alpha : {0.0, -0.5, 1.5, nan, std::numeric_limits<double>::infinity()})
        CHECK_THROWS_AS(static_cast<void>(assay::decayed_confusion_counts(alpha)), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::decayed_confusion_counts(1.5),
                         "assay::decayed_confusion_counts: alpha: must lie in (0, 1], got 1.5", assay::invalid_argument);
    for (double h : {0.0, -3.0, nan})
        CHECK_THROWS_AS(assay::decayed_confusion_counts::from_half_life(h), assay::invalid_argument);

    assay::windowed_confusion_counts w(3, {0, 1, 2});
    w.update(ints{0, 1, 2}, ints{0, 1, 1});
    CHECK_THROWS_WITH_AS(w.update(3, 0),
                         "assay::windowed_confusion_counts::update: y_true: label 3 at index 0 is not in the declared label set",
                         assay::invalid_argument);
    CHECK_THROWS_AS(w.update(0, -1), assay::invalid_argument);
    CHECK_THROWS_AS(w.update(0, 0, -1.0), assay::invalid_argument);
    CHECK_THROWS_AS(w.update(0, 0, nan), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(w.update(ints{0, 0, 5}, ints{0, 0, 0}),
                         "assay::windowed_confusion_counts::update: y_true: label 5 at index 2 is not in the declared label set",
                         assay::invalid_argument);
    CHECK_THROWS_AS(w.update(ints{0, 0}, ints{0}), assay::invalid_argument);
    CHECK_THROWS_AS(w.update(ints{0, 0}, ints{0, 0}, doubles{1.0, -1.0}), assay::invalid_argument);
    CHECK_THROWS_AS(w.update(ints{0, 0}, ints{0, 0}, doubles{1.0}), assay::invalid_argument);
    CHECK(w.size() == 3);
    CHECK(w.n_seen() == 3);
    CHECK(w(0, 0) == 1.0);
    CHECK(w(2, 1) == 1.0);

    assay::decayed_confusion_counts d(0.9, {0, 1, 2});
    d.update(1, 1);
    CHECK_THROWS_WITH_AS(d.update(1, 7),
                         "assay::decayed_confusion_counts::update: y_pred: label 7 at index 0 is not in the declared label set",
                         assay::invalid_argument);
    CHECK_THROWS_AS(d.update(ints{1, 9}, ints{1, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(d.update(ints{1, 1}, ints{1, 1}, doubles{1.0, nan}), assay::invalid_argument);
    CHECK(d.n_seen() == 1);
    CHECK(d(1, 1) == 1.0);
    CHECK(d.total() == 1.0);

    // No rows yet: the metrics report empty input.
    CHECK_THROWS_AS(assay::windowed_confusion_counts(4).accuracy(), assay::invalid_argument);
    CHECK_THROWS_AS(assay::decayed_confusion_counts(0.9).f1(), assay::invalid_argument);
}

TEST_CASE("windowed and decayed counts: save, load, continue == uninterrupted") {
    assay::rng g(41);
    const ints labels{0, 1, 5};
    const rows r = random_rows(g, 900, labels);
    for (bool weighted : {false, true}) {
        CAPTURE(weighted);
        assay::windowed_confusion_counts whole(100, {0, 1, 5}), first(100, {0, 1, 5});
        assay::decayed_confusion_counts dwhole(0.98, {0, 1, 5}), dfirst(0.98, {0, 1, 5});
        for (std::size_t t = 0; t < r.y.size(); ++t) {
            const double w = weighted ? r.w[t] : 1.0;
            whole.update(r.y[t], r.p[t], w);
            dwhole.update(r.y[t], r.p[t], w);
            if (t < 333) first.update(r.y[t], r.p[t], w), dfirst.update(r.y[t], r.p[t], w);
        }
        assay::windowed_confusion_counts resumed(1);
        resumed.load(first.save());
        assay::decayed_confusion_counts dresumed(0.5);
        dresumed.load(dfirst.save());
        CHECK(resumed.window() == 100);
        CHECK(resumed.labels() == labels);
        CHECK(resumed.n_seen() == 333);
        CHECK(dresumed.alpha() == 0.98);
        CHECK(dresumed.n_seen() == 333);
        for (std::size_t t = 333; t < r.y.size(); ++t) {
            const double w = weighted ? r.w[t] : 1.0;
            resumed.update(r.y[t], r.p[t], w);
            dresumed.update(r.y[t], r.p[t], w);
        }
        CHECK(resumed.size() == whole.size());
        CHECK(resumed.n_seen() == whole.n_seen());
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = 0; j < 3; ++j) {
                if (weighted) CHECK(close(resumed(i, j), whole(i, j), 1e-12, whole.counts().total()));
                else CHECK(resumed(i, j) == whole(i, j));
                CHECK(close(dresumed(i, j), dwhole(i, j), 1e-12, dwhole.total()));
            }
        CHECK(resumed.save().size() == whole.save().size());
    }
    // An empty window and a fresh decayed accumulator round-trip too.
    assay::windowed_confusion_counts empty(5);
    assay::windowed_confusion_counts e2(9, {3, 4, 5});
    e2.load(empty.save());
    CHECK(e2.size() == 0);
    CHECK(e2.window() == 5);
    CHECK(e2.labels() == ints{0, 1});
}

TEST_CASE("windowed and decayed counts: load rejects corrupt bytes and leaves the accumulator unchanged") {
    assay::windowed_confusion_counts w(4, {0, 1, 2});
    w.update(ints{0, 1, 2, 2, 1}, ints{0, 2, 2, 1, 1}, doubles{1.0, 0.5, 2.0, 1.0, 3.0});
    assay::decayed_confusion_counts d(0.9, {0, 1, 2});
    d.update(ints{0, 1, 2, 2, 1}, ints{0, 2, 2, 1, 1});
    const auto wgood = w.save(), dgood = d.save();
    assay::windowed_confusion_counts wt(3);
    wt.update(1, 1);
    assay::decayed_confusion_counts dt(0.5);
    dt.update(0, 1);
    for (std::size_t i = 0; i < wgood.size(); ++i) {
        auto bad = wgood;
        bad[i] ^= 0x01;
        CHECK_THROWS_AS(wt.load(bad), assay::corrupt_state);
    }
    for (std::size_t i = 0; i < dgood.size(); ++i) {
        auto bad = dgood;
        bad[i] ^= 0x80;
        CHECK_THROWS_AS(dt.load(bad), assay::corrupt_state);
    }
    for (std::size_t n = 0; n < wgood.size(); ++n) CHECK_THROWS_AS(wt.load(wgood.data(), n), assay::corrupt_state);
    for (std::size_t n = 0; n < dgood.size(); ++n) CHECK_THROWS_AS(dt.load(dgood.data(), n), assay::corrupt_state);
    CHECK_THROWS_AS(wt.load(dgood), assay::corrupt_state);  // another kind of state
    CHECK_THROWS_AS(dt.load(wgood), assay::corrupt_state);

    // Well-framed bytes whose content breaks an invariant.
    const unsigned char wmagic[4] = {'A', 'S', 'W', 'C'}, dmagic[4] = {'A', 'S', 'D', 'C'};
    auto window_state = [&](std::uint64_t window, const ints& labels, std::uint64_t seen, std::uint8_t weighted,
                            const std::vector<std::pair<std::uint32_t, double>>& rows_) {
        assay::detail::metrics::state_writer s(wmagic, 1);
        s.u64(window);
        s.u64(labels.size());
        for (auto v : labels) s.i64(v);
        s.u64(seen);
        s.u8(weighted);
        s.u64(rows_.size());
        for (const auto& e : rows_) s.u32(e.first), s.f64(e.second);
        return s.finish();
    };
    auto decayed_state = [&](double alpha, const ints& labels, std::uint64_t seen, const doubles& cells) {
        assay::detail::metrics::state_writer s(dmagic, 1);
        s.f64(alpha);
        s.u64(labels.size());
        for (auto v : labels) s.i64(v);
        s.u64(seen);
        for (double c : cells) s.f64(c);
        return s.finish();
    };
    wt.load(window_state(2, {0, 1}, 5, 0, {{0, 1.0}, {3, 1.0}}));  // a valid one loads
    CHECK(wt.size() == 2);
    const auto wbefore_00 = wt(0, 0), wbefore_11 = wt(1, 1);
    CHECK_THROWS_AS(wt.load(window_state(0, {0, 1}, 0, 0, {})), assay::corrupt_state);
    CHECK_THROWS_AS(wt.load(window_state(2, {1, 0}, 1, 0, {{0, 1.0}})), assay::corrupt_state);
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 0}, 1, 0, {{0, 1.0}})), assay::corrupt_state);
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 1}, 1, 0, {{4, 1.0}})), assay::corrupt_state);   // cell out of range
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 1}, 1, 0, {{0, 0.5}})), assay::corrupt_state);   // not a unit weight
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 1}, 1, 1, {{0, -0.5}})), assay::corrupt_state);  // negative weight
    CHECK_THROWS_AS(wt.load(window_state(1, {0, 1}, 2, 0, {{0, 1.0}, {1, 1.0}})), assay::corrupt_state);  // n > window
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 1}, 1, 0, {{0, 1.0}, {1, 1.0}})), assay::corrupt_state);  // n > seen
    CHECK_THROWS_AS(wt.load(window_state(2, {0, 1}, 1, 2, {{0, 1.0}})), assay::corrupt_state);   // bad flag
    CHECK_THROWS_AS(wt.load(window_state(2, {}, 0, 0, {})), assay::corrupt_state);               // no labels
    CHECK(wt.size() == 2);
    CHECK(wt(0, 0) == wbefore_00);
    CHECK(wt(1, 1) == wbefore_11);

    dt.load(decayed_state(0.5, {0, 1}, 3, {0.25, 0.5, 0.0, 1.0}));  // a valid one loads
    CHECK(dt(0, 1) == 0.5);
    CHECK_THROWS_AS(dt.load(decayed_state(0.0, {0, 1}, 3, {0, 0, 0, 0})), assay::corrupt_state);
    CHECK_THROWS_AS(dt.load(decayed_state(1.5, {0, 1}, 3, {0, 0, 0, 0})), assay::corrupt_state);
    CHECK_THROWS_AS(dt.load(decayed_state(0.5, {0, 1}, 3, {0, 0, 0})), assay::corrupt_state);
    CHECK_THROWS_AS(dt.load(decayed_state(0.5, {0, 1}, 3, {0, -1.0, 0, 0})), assay::corrupt_state);
    CHECK_THROWS_AS(dt.load(decayed_state(0.5, {0, 1}, 0, {0, 1.0, 0, 0})), assay::corrupt_state);
    CHECK_THROWS_AS(dt.load(decayed_state(0.5, {2, 1}, 3, {0, 0, 0, 0})), assay::corrupt_state);
    CHECK(dt.alpha() == 0.5);
    CHECK(dt(0, 1) == 0.5);
    CHECK(dt(1, 1) == 1.0);
}

TEST_CASE("binned_auc, windowed and decayed counts allocate nothing per update") {
    std::vector<std::int64_t> y, p;
    std::vector<std::uint8_t> y8;
    std::vector<double> s, w;
    std::vector<float> f;
    for (int i = 0; i < 5000; ++i) {
        y.push_back(i % 3);
        y8.push_back(static_cast<std::uint8_t>(i % 2));
        p.push_back((i * 7) % 3);
        s.push_back(static_cast<double>(i % 101) / 100.0);
        f.push_back(static_cast<float>(i % 53) / 52.0f);
        w.push_back(0.5 + (i % 4));
    }
    assay::binned_auc auc;
    assay::windowed_confusion_counts win(100, {0, 1, 2});
    assay::decayed_confusion_counts dec(0.99, {0, 1, 2});
    {
        assay_test::count_allocations guard;
        for (int r = 0; r < 3; ++r) {
            auc.update(y8, s);
            auc.update(y, f);
            auc.update(y8.begin(), y8.end(), s.begin());
            auc.update(y, s, w);
            win.update(y, p);
            win.update(y, p, w);
            dec.update(y, p);
            dec.update(y, p, w);
        }
        for (std::size_t i = 0; i < y.size(); ++i) {
            auc.update(y8[i], s[i]);
            auc.update(y[i], s[i], w[i]);
            win.update(y[i], p[i], w[i]);
            dec.update(y[i], p[i]);
        }
        CHECK(guard.value() == 0);
    }
    CHECK(auc.n_samples() == 3 * 4 * 5000 + 2 * 5000);
    CHECK(win.size() == 100);
    CHECK(dec.n_seen() == 3 * 2 * 5000 + 5000);
}
