// Binned (bounded-memory) ROC AUC and average precision: a hand-worked
// example, equality with the exact functions when every distinct score has its
// own bin, the stated error bounds against the exact values on many random
// inputs (and attainment of the AUC bound), convergence as the bins get finer,
// batch == row by row, merged shards == full pass, bad input.
#include <doctest/doctest.h>

#include <assay/metrics/binned_auc.hpp>
#include <assay/metrics/curves.hpp>
#include <assay/metrics/iterator_range.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <sstream>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;

struct stream {
    ints y;
    doubles s, w;
};

// n rows; scores continuous in [lo, hi] (grid == 0) or rounded to `grid`
// steps per unit (ties); positives score higher on average.
stream random_stream(assay::rng& g, std::size_t n, double p_pos, double lo, double hi, int grid) {
    stream d;
    for (std::size_t i = 0; i < n; ++i) {
        const bool pos = assay::uniform_real(g) < p_pos;
        const double u = std::min(1.0, assay::uniform_real(g) * 0.8 + (pos ? 0.2 : 0.0));
        double s = lo + (hi - lo) * u;
        if (grid > 0) s = std::round(s * grid) / grid;
        d.y.push_back(pos ? 1 : 0);
        d.s.push_back(std::min(hi, std::max(lo, s)));
        d.w.push_back(0.25 * static_cast<double>(assay::uniform_index(g, 8)));
    }
    return d;
}

assay::binned_auc_options bins(std::size_t b, double lo = 0.0, double hi = 1.0) {
    return assay::binned_auc_options{}.with_bins(b).with_range(lo, hi);
}

}  // namespace

TEST_CASE("binned_auc: hand-worked example with four bins") {
    // Bins [0, .25), [.25, .5), [.5, .75), [.75, 1]. Per bin (P, N): b3 (1, 1),
    // b2 (1, 1), b1 (1, 1), b0 (0, 1); P = 3, N = 4.
    const ints y{1, 0, 1, 0, 1, 0, 0};
    const doubles s{0.9, 0.8, 0.6, 0.55, 0.3, 0.1, 0.35};
    assay::binned_auc a(bins(4));
    a.update(y, s);
    CHECK(a.n_samples() == 7);
    CHECK(a.positives(3) == 1.0);
    CHECK(a.negatives(0) == 1.0);
    CHECK(a.total_positive() == 3.0);
    CHECK(a.total_negative() == 4.0);
    CHECK_THROWS_WITH_AS(a.positives(4), "assay::binned_auc::positives: b: is 4, not below n_bins 4",
                         assay::invalid_argument);
    CHECK_THROWS_AS(a.negatives(99), assay::invalid_argument);
    // Pairs: positive in b3 wins 3, ties 1; b2 wins 2, ties 1; b1 wins 1, ties 1:
    // (6 + 3·½)/12.
    CHECK(a.roc_auc() == doctest::Approx(7.5 / 12.0).epsilon(1e-15));
    // Three shared bins with one pair each: 3/(2·12).
    CHECK(a.roc_auc_error_bound() == doctest::Approx(0.125).epsilon(1e-15));
    // Exact: 8/12 (0.9 beats 4, 0.6 beats 3, 0.3 beats 1).
    CHECK(assay::roc_auc_score(y, s) == doctest::Approx(8.0 / 12.0).epsilon(1e-15));
    // AP: each bin adds recall 1/3 at precision 1/2.
    CHECK(a.average_precision() == doctest::Approx(0.5).epsilon(1e-15));
    // Bound: (1/3)·[(1 − 0) + (2/3 − 1/3) + (3/5 − 2/5)] = 23/45.
    CHECK(a.average_precision_error_bound() == doctest::Approx(23.0 / 45.0).epsilon(1e-15));
    CHECK(assay::average_precision_score(y, s) == doctest::Approx(13.0 / 18.0).epsilon(1e-15));
    // Curves at the lower edges of the non-empty bins.
    const auto c = a.binary_clf_curve();
    CHECK(c.thresholds == doubles{0.75, 0.5, 0.25, 0.0});
    CHECK(c.tps == doubles{1, 2, 3, 3});
    CHECK(c.fps == doubles{1, 2, 3, 4});
    std::ostringstream os;
    os << a;
    CHECK(os.str() == "binned_auc(n_bins=4, range=[0, 1], pos_label=1, n_samples=7, positive=3, negative=4)");
}

TEST_CASE("binned_auc: scores on a grid matching the bin edges give the exact values") {
    assay::rng g(7);
    struct range_case {
        std::size_t b;
        double lo, hi;
    };
    for (const range_case rc : {range_case{64, 0.0, 1.0}, range_case{32, -2.0, 2.0}, range_case{4096, 0.0, 1.0},
                                range_case{10, 0.0, 10.0}}) {
        for (int trial = 0; trial < 20; ++trial) {
            const std::size_t n = 1 + assay::uniform_index(g, 400);
            stream d;
            const double width = (rc.hi - rc.lo) / static_cast<double>(rc.b);
            for (std::size_t i = 0; i < n; ++i) {
                const std::size_t k = assay::uniform_index(g, rc.b);
                d.s.push_back(rc.lo + static_cast<double>(k) * width);
                d.y.push_back(assay::uniform_real(g) < 0.1 + 0.8 * static_cast<double>(k) / static_cast<double>(rc.b) ? 1 : 0);
                d.w.push_back(static_cast<double>(assay::uniform_index(g, 5)));
            }
            d.y[0] = 1;
            if (n > 1) d.y[1] = 0;
            assay::binned_auc a(bins(rc.b, rc.lo, rc.hi)), aw(bins(rc.b, rc.lo, rc.hi));
            a.update(d.y, d.s);
            aw.update(d.y, d.s, d.w);
            CAPTURE(rc.b);
            CAPTURE(trial);
            CHECK(a.average_precision() == doctest::Approx(assay::average_precision_score(d.y, d.s)).epsilon(1e-12));
            const auto exact_pr = assay::precision_recall_curve(d.y, d.s);
            const auto pr = a.precision_recall_curve();
            CHECK(pr.thresholds == exact_pr.thresholds);
            CHECK(pr.recall == exact_pr.recall);
            CHECK(pr.precision == exact_pr.precision);
            if (n < 2) continue;
            CHECK(a.roc_auc() == doctest::Approx(assay::roc_auc_score(d.y, d.s)).epsilon(1e-12));
            for (double m : {0.05, 0.3, 0.77, 1.0}) {
                const auto partial = assay::roc_auc_options().with_max_fpr(m);
                CHECK(a.roc_auc(partial) == doctest::Approx(assay::roc_auc_score(d.y, d.s, partial)).epsilon(1e-12));
            }
            const auto exact_roc = assay::roc_curve(d.y, d.s);
            const auto roc = a.roc_curve();
            CHECK(roc.thresholds == exact_roc.thresholds);
            CHECK(roc.fpr == exact_roc.fpr);
            CHECK(roc.tpr == exact_roc.tpr);
            if (aw.total_positive() > 0.0 && aw.total_negative() > 0.0) {
                CHECK(aw.roc_auc() == doctest::Approx(assay::roc_auc_score(d.y, d.s, d.w)).epsilon(1e-12));
                CHECK(aw.average_precision() ==
                      doctest::Approx(assay::average_precision_score(d.y, d.s, d.w)).epsilon(1e-12));
            }
        }
    }
}

TEST_CASE("binned_auc: the exact AUC and AP lie within the stated bounds on random inputs") {
    assay::rng g(2024);
    int checked = 0;
    for (int trial = 0; trial < 400; ++trial) {
        const std::size_t n = 2 + assay::uniform_index(g, 600);
        const std::size_t b = std::size_t{1} << assay::uniform_index(g, 11);  // 1 .. 1024 bins
        const int grid = trial % 3 == 0 ? static_cast<int>(1 + assay::uniform_index(g, 50)) : 0;
        const double lo = trial % 4 == 0 ? -3.0 : 0.0, hi = trial % 4 == 0 ? 5.0 : 1.0;
        const bool weighted = trial % 2 == 1;
        stream d = random_stream(g, n, 0.05 + 0.9 * assay::uniform_real(g), lo, hi, grid);
        d.y[0] = 1, d.y[1] = 0, d.w[0] = 1.0, d.w[1] = 1.0;
        assay::binned_auc a(bins(b, lo, hi));
        if (weighted) a.update(d.y, d.s, d.w);
        else a.update(d.y, d.s);
        const double exact = weighted ? assay::roc_auc_score(d.y, d.s, d.w) : assay::roc_auc_score(d.y, d.s);
        const double exact_ap =
            weighted ? assay::average_precision_score(d.y, d.s, d.w) : assay::average_precision_score(d.y, d.s);
        CAPTURE(trial);
        CAPTURE(b);
        CHECK(std::fabs(a.roc_auc() - exact) <= a.roc_auc_error_bound() + 1e-12);
        CHECK(std::fabs(a.average_precision() - exact_ap) <= a.average_precision_error_bound() + 1e-12);
        CHECK(a.roc_auc_error_bound() <= 0.5);
        ++checked;
    }
    CHECK(checked == 400);
}

TEST_CASE("binned_auc: the AUC bound is attained when every shared bin is perfectly ordered") {
    // One bin: binned AUC is ½ whatever the order; the bound is ½.
    assay::binned_auc one(bins(1));
    one.update(ints{1, 1, 0, 0, 0}, doubles{0.9, 0.8, 0.3, 0.2, 0.1});
    CHECK(one.roc_auc() == 0.5);
    CHECK(one.roc_auc_error_bound() == 0.5);
    CHECK(std::fabs(one.roc_auc() - assay::roc_auc_score(ints{1, 1, 0, 0, 0}, doubles{0.9, 0.8, 0.3, 0.2, 0.1})) ==
          one.roc_auc_error_bound());
    // Two bins, each holding one positive above one negative.
    const ints y{1, 0, 1, 0};
    const doubles s{0.4, 0.1, 0.9, 0.6};
    assay::binned_auc two(bins(2));
    two.update(y, s);
    CHECK(two.roc_auc_error_bound() == doctest::Approx(2.0 / 8.0).epsilon(1e-15));
    CHECK(assay::roc_auc_score(y, s) - two.roc_auc() == doctest::Approx(two.roc_auc_error_bound()).epsilon(1e-15));
}

TEST_CASE("binned_auc: AUC and AP converge to the exact values as the bins get finer") {
    assay::rng g(99);
    const stream d = random_stream(g, 20000, 0.3, 0.0, 1.0, 0);
    const double exact = assay::roc_auc_score(d.y, d.s), exact_ap = assay::average_precision_score(d.y, d.s);
    double prev_bound = 1.0, prev_ap_bound = 1.0;
    for (std::size_t b : {16u, 256u, 4096u, 65536u}) {
        assay::binned_auc a(bins(b));
        a.update(d.y, d.s);
        CAPTURE(b);
        CHECK(a.roc_auc_error_bound() < prev_bound);
        CHECK(a.average_precision_error_bound() < prev_ap_bound);
        CHECK(std::fabs(a.roc_auc() - exact) <= a.roc_auc_error_bound());
        CHECK(std::fabs(a.average_precision() - exact_ap) <= a.average_precision_error_bound());
        prev_bound = a.roc_auc_error_bound();
        prev_ap_bound = a.average_precision_error_bound();
    }
    // At 65536 bins the 20000 continuous scores rarely share a bin.
    assay::binned_auc fine(bins(65536));
    fine.update(d.y, d.s);
    CHECK(fine.roc_auc_error_bound() < 2e-5);
    CHECK(std::fabs(fine.average_precision() - exact_ap) < 1e-3);
}

TEST_CASE("binned_auc: batch updates equal row-by-row updates; float scores, small labels, iterator pairs") {
    assay::rng g(5);
    const stream d = random_stream(g, 5000, 0.4, 0.0, 1.0, 0);
    assay::binned_auc rows(bins(512)), batch(bins(512)), pairs(bins(512)), small(bins(512));
    for (std::size_t i = 0; i < d.y.size(); ++i) rows.update(d.y[i], d.s[i]);
    batch.update(d.y, d.s);
    pairs.update(d.y.begin(), d.y.end(), d.s.begin());
    std::vector<std::uint8_t> y8(d.y.begin(), d.y.end());
    small.update(assay::make_iterator_range(y8.data(), y8.data() + y8.size()), d.s);
    CHECK(batch == rows);
    CHECK(pairs == rows);
    CHECK(small == rows);
    CHECK(batch.roc_auc() == rows.roc_auc());

    // float scores go to the bin of their value as a double.
    std::vector<float> f(d.s.begin(), d.s.end());
    assay::binned_auc fb(bins(512)), fr(bins(512));
    fb.update(d.y, f);
    for (std::size_t i = 0; i < f.size(); ++i) fr.update(d.y[i], static_cast<double>(f[i]));
    CHECK(fb == fr);

    // Weighted rows: batch == row by row (the sums are taken in the same order).
    assay::binned_auc wb(bins(512)), wr(bins(512));
    wb.update(d.y, d.s, d.w);
    for (std::size_t i = 0; i < d.y.size(); ++i) wr.update(d.y[i], d.s[i], d.w[i]);
    CHECK(wb.roc_auc() == doctest::Approx(wr.roc_auc()).epsilon(1e-14));
    // Integer weight k == the row repeated k times.
    assay::binned_auc rep(bins(512));
    for (std::size_t i = 0; i < d.y.size(); ++i)
        for (int k = 0; k < static_cast<int>(d.w[i] * 4.0); ++k) rep.update(d.y[i], d.s[i]);
    stream d4 = d;
    for (double& w : d4.w) w *= 4.0;
    assay::binned_auc w4(bins(512));
    w4.update(d4.y, d4.s, d4.w);
    CHECK(w4.roc_auc() == doctest::Approx(rep.roc_auc()).epsilon(1e-13));
    CHECK(w4.average_precision() == doctest::Approx(rep.average_precision()).epsilon(1e-13));

    // Another positive label: rows labelled 2 are positive, every other label negative.
    ints y2(d.y);
    for (auto& v : y2) v = v == 1 ? 2 : 7;
    assay::binned_auc p2(bins(512).with_pos_label(2));
    p2.update(y2, d.s);
    CHECK(p2.roc_auc() == batch.roc_auc());
}

TEST_CASE("binned_auc: merged shards equal the full pass; merge and reset") {
    assay::rng g(11);
    const stream d = random_stream(g, 9000, 0.3, 0.0, 1.0, 20);
    assay::binned_auc full(bins(1024));
    full.update(d.y, d.s);
    assay::binned_auc s1(bins(1024)), s2(bins(1024)), s3(bins(1024));
    const std::size_t a = 2000, b = 6500;
    s1.update(d.y.begin(), d.y.begin() + a, d.s.begin());
    s2.update(d.y.begin() + a, d.y.begin() + b, d.s.begin() + a);
    for (std::size_t i = b; i < d.y.size(); ++i) s3.update(d.y[i], d.s[i]);
    assay::binned_auc merged(bins(1024));
    merged += s3;
    merged += s1;
    merged.merge(s2);
    CHECK(merged == full);
    CHECK(merged.roc_auc() == full.roc_auc());
    CHECK(merged.average_precision() == full.average_precision());

    assay::binned_auc twice = full;
    twice.merge(twice);
    CHECK(twice.n_samples() == 2 * full.n_samples());
    CHECK(twice.roc_auc() == full.roc_auc());

    twice.reset();
    CHECK(twice.n_samples() == 0);
    CHECK(twice == assay::binned_auc(bins(1024)));
    CHECK_THROWS_AS(twice.roc_auc(), assay::invalid_argument);

    CHECK_THROWS_WITH_AS(full.merge(assay::binned_auc(bins(512))),
                         "assay::binned_auc::merge: other: has bins (512 on [0, 1]), this one (1024 on [0, 1])",
                         assay::invalid_argument);
    CHECK_THROWS_AS(full.merge(assay::binned_auc(bins(1024, 0.0, 2.0))), assay::invalid_argument);
    CHECK_THROWS_AS(full.merge(assay::binned_auc(bins(1024).with_pos_label(0))), assay::invalid_argument);
    CHECK(merged == full);
}

TEST_CASE("binned_auc: scores outside the range are clamped or rejected; bad input is an error") {
    assay::binned_auc c(bins(4));
    c.update(ints{1, 0, 1}, doubles{-5.0, 1.0, 7.0});
    CHECK(c.positives(0) == 1.0);
    CHECK(c.negatives(3) == 1.0);
    CHECK(c.positives(3) == 1.0);
    // Clamped rows count as sharing their end bin, so the bound still holds.
    CHECK(std::fabs(c.roc_auc() - assay::roc_auc_score(ints{1, 0, 1}, doubles{-5.0, 1.0, 7.0})) <=
          c.roc_auc_error_bound());

    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    assay::binned_auc strict(bins(4).with_out_of_range(assay::out_of_range::error));
    strict.update(ints{1, 0}, doubles{0.0, 1.0});  // both ends of the range are inside
    const assay::binned_auc before = strict;
    CHECK_THROWS_WITH_AS(strict.update(1, 1.5),
                         "assay::binned_auc::update: y_score: value at index 0 is 1.5, outside the declared range [0, 1]",
                         assay::invalid_argument);
    CHECK_THROWS_AS(strict.update(ints{0, 1}, doubles{0.5, -0.1}), assay::invalid_argument);
    CHECK_THROWS_AS(c.update(1, nan), assay::invalid_argument);
    CHECK_THROWS_AS(c.update(1, inf), assay::invalid_argument);
    CHECK_THROWS_AS(c.update(1, 0.5, -1.0), assay::invalid_argument);
    CHECK_THROWS_AS(c.update(1, 0.5, nan), assay::invalid_argument);
    CHECK(strict == before);

    // A bad score deep in a large batch (after several internal chunks) leaves
    // the accumulator unchanged.
    assay::rng g(3);
    stream d = random_stream(g, 10000, 0.5, 0.0, 1.0, 0);
    assay::binned_auc big(bins(256));
    big.update(d.y, d.s);
    const assay::binned_auc snapshot = big;
    d.s[7777] = nan;
    CHECK_THROWS_WITH_AS(big.update(d.y, d.s), "assay::binned_auc::update: y_score: value at index 7777 is nan",
                         assay::invalid_argument);
    CHECK(big == snapshot);
    d.s[7777] = 0.5;
    d.w[9000] = -2.0;
    CHECK_THROWS_AS(big.update(d.y, d.s, d.w), assay::invalid_argument);
    d.s[12] = inf;
    d.w[9000] = 1.0;
    CHECK_THROWS_AS(big.update(d.y, d.s, d.w), assay::invalid_argument);
    CHECK(big == snapshot);
    assay::binned_auc big_strict(bins(256).with_out_of_range(assay::out_of_range::error));
    d.s[12] = 0.5;
    d.s[4100] = 1.0000001;
    CHECK_THROWS_AS(big_strict.update(d.y, d.s), assay::invalid_argument);
    CHECK(big_strict == assay::binned_auc(bins(256)));

    CHECK_THROWS_AS(c.update(ints{1, 0}, doubles{0.5}), assay::invalid_argument);
    // Labels that do not fit in a 64-bit signed integer.
    const std::uint64_t huge = std::uint64_t{1} << 63;
    const assay::binned_auc c_before = c;
    CHECK_THROWS_AS(c.update(huge, 0.5), assay::invalid_argument);
    CHECK_THROWS_AS(c.update(std::vector<std::uint64_t>{1, huge}, doubles{0.5, 0.5}), assay::invalid_argument);
    CHECK(c == c_before);
    CHECK_THROWS_AS(c.update(ints{1, 0}, doubles{0.5, 0.2}, doubles{1.0}), assay::invalid_argument);

    CHECK_THROWS_WITH_AS(assay::binned_auc(bins(0)), "assay::binned_auc: n_bins: must lie in [1, 16777216], got 0",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc(bins((std::size_t{1} << 24) + 1)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc(bins(8, 1.0, 1.0)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc(bins(8, 0.0, inf)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc(bins(8, nan, 1.0)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc(bins(8, -1e308, 1e308)), assay::invalid_argument);

    // Metrics that need both classes, or a positive.
    assay::binned_auc neg_only;
    neg_only.update(ints{0, 0}, doubles{0.2, 0.4});
    CHECK_THROWS_WITH_AS(neg_only.roc_auc(),
                         "assay::binned_auc::roc_auc: y_true: has only one class (with non-zero weight); ROC AUC needs both",
                         assay::invalid_argument);
    CHECK_THROWS_AS(neg_only.roc_auc_error_bound(), assay::invalid_argument);
    CHECK_THROWS_AS(neg_only.roc_auc(assay::roc_auc_options().with_max_fpr(0.5)), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(c.roc_auc(assay::roc_auc_options().with_max_fpr(0.0)),
                         "assay::binned_auc::roc_auc: max_fpr: must lie in (0, 1], got 0", assay::invalid_argument);
    CHECK_THROWS_AS(c.roc_auc(assay::roc_auc_options().with_max_fpr(1.5)), assay::invalid_argument);
    CHECK(c.roc_auc(assay::roc_auc_options()) == c.roc_auc());
    CHECK_THROWS_AS(neg_only.average_precision(), assay::invalid_argument);
    CHECK_THROWS_AS(neg_only.average_precision_error_bound(), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binned_auc().roc_curve(), assay::invalid_argument);
    assay::binned_auc zero_weight;
    zero_weight.update(ints{1, 0}, doubles{0.2, 0.4}, doubles{0.0, 0.0});
    CHECK(zero_weight.n_samples() == 2);
    CHECK_THROWS_AS(zero_weight.precision_recall_curve(), assay::invalid_argument);
}

namespace {

// The documented state format, written independently of the library.
struct state_writer {
    std::vector<std::uint8_t> bytes;
    void u(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f(double x) {
        std::uint64_t v;
        std::memcpy(&v, &x, 8);
        u(v, 8);
    }
    // Appends the FNV-1a 64-bit hash of everything written so far.
    std::vector<std::uint8_t> finish() {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (std::uint8_t c : bytes) h = (h ^ c) * 0x100000001b3ULL;
        u(h, 8);
        return bytes;
    }
};

// A state of B = 2 bins on [0, 1]: cells (neg, pos) per bin, n_samples, weights.
std::vector<std::uint8_t> two_bin_state(std::uint64_t n_samples, const std::vector<std::uint64_t>& counts,
                                        const doubles& weights, bool weighted, double lo = 0.0, double hi = 1.0,
                                        std::uint64_t n_bins = 2, std::uint16_t version = 1) {
    state_writer w;
    for (char c : {'A', 'S', 'B', 'H'}) w.u(static_cast<std::uint8_t>(c), 1);
    w.u(version, 2);
    w.u(0, 1);  // clamp
    w.u(weighted ? 1 : 0, 1);
    w.u(n_bins, 8);
    w.f(lo);
    w.f(hi);
    w.u(1, 8);  // pos_label
    w.u(n_samples, 8);
    for (std::uint64_t c : counts) w.u(c, 8);
    for (double x : weights) w.f(x);
    return w.finish();
}

}  // namespace

TEST_CASE("binned_auc: save writes the documented format; save, load, continue == uninterrupted") {
    assay::binned_auc a(bins(2));
    a.update(ints{1, 0, 0}, doubles{0.9, 0.2, 0.7});
    const auto expected = two_bin_state(3, {1, 0, 1, 1}, {0, 0, 0, 0}, false);
    CHECK(a.save() == expected);
    assay::binned_auc b(bins(8, -1.0, 1.0));
    b.load(expected);
    CHECK(b == a);
    CHECK(b.roc_auc() == 0.75);

    assay::rng g(8);
    const stream d = random_stream(g, 6000, 0.35, -1.0, 3.0, 0);
    for (bool weighted : {false, true}) {
        const auto o = bins(300, -1.0, 3.0).with_pos_label(1).with_out_of_range(assay::out_of_range::error);
        assay::binned_auc whole(o), first(o);
        if (weighted) whole.update(d.y, d.s, d.w), first.update(ints(d.y.begin(), d.y.begin() + 2500),
                                                                doubles(d.s.begin(), d.s.begin() + 2500),
                                                                doubles(d.w.begin(), d.w.begin() + 2500));
        else whole.update(d.y, d.s), first.update(d.y.begin(), d.y.begin() + 2500, d.s.begin());
        const auto bytes = first.save();
        assay::binned_auc resumed;
        resumed.load(bytes.data(), bytes.size());
        CHECK(resumed == first);
        CHECK(resumed.options().outside == assay::out_of_range::error);
        if (weighted) resumed.update(ints(d.y.begin() + 2500, d.y.end()), doubles(d.s.begin() + 2500, d.s.end()),
                                     doubles(d.w.begin() + 2500, d.w.end()));
        else resumed.update(d.y.begin() + 2500, d.y.end(), d.s.begin() + 2500);
        CAPTURE(weighted);
        if (!weighted) CHECK(resumed == whole);
        CHECK(resumed.roc_auc() == doctest::Approx(whole.roc_auc()).epsilon(1e-13));
        CHECK(resumed.average_precision() == doctest::Approx(whole.average_precision()).epsilon(1e-13));
    }
}

TEST_CASE("binned_auc: load rejects corrupt or foreign bytes and leaves the accumulator unchanged") {
    assay::binned_auc a(bins(4));
    a.update(ints{1, 0, 1, 0}, doubles{0.9, 0.1, 0.6, 0.3}, doubles{1.0, 2.0, 0.5, 1.0});
    const auto good = a.save();
    assay::binned_auc target(bins(16));
    target.update(ints{1, 0}, doubles{0.8, 0.2});
    const assay::binned_auc before = target;
    // Every single changed byte, every truncation.
    for (std::size_t i = 0; i < good.size(); ++i) {
        auto bad = good;
        bad[i] ^= 0x20;
        CHECK_THROWS_AS(target.load(bad), assay::corrupt_state);
    }
    for (std::size_t n = 0; n < good.size(); ++n)
        CHECK_THROWS_AS(target.load(good.data(), n), assay::corrupt_state);
    auto padded = good;
    padded.push_back(0);
    CHECK_THROWS_AS(target.load(padded), assay::corrupt_state);
    CHECK_THROWS_AS(target.load(nullptr, 10), assay::corrupt_state);
    // Well-formed bytes (hash right) whose content breaks an invariant.
    const double inf = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH_AS(target.load(two_bin_state(1, {1, 0, 1, 0}, {0, 0, 0, 0}, false)),
                         "assay::binned_auc::load: row counts exceed n_samples", assay::corrupt_state);
    CHECK_THROWS_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, 0, 0.5, 0}, false)), assay::corrupt_state);
    CHECK_THROWS_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, -1.0, 0, 0}, true)), assay::corrupt_state);
    CHECK_THROWS_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, inf, 0, 0}, true)), assay::corrupt_state);
    CHECK_THROWS_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, 0, 0, 0}, false, 1.0, 1.0)), assay::corrupt_state);
    CHECK_THROWS_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, 0, 0, 0}, false, 0.0, 1.0, 3)),
                    assay::corrupt_state);  // 3 bins declared, 2 present
    CHECK_THROWS_AS(target.load(two_bin_state(2, {}, {}, false, 0.0, 1.0, 0)), assay::corrupt_state);
    CHECK_THROWS_WITH_AS(target.load(two_bin_state(2, {1, 0, 1, 0}, {0, 0, 0, 0}, false, 0.0, 1.0, 2, 2)),
                         "assay::binned_auc::load: unsupported format version 2 (this build reads 1)",
                         assay::corrupt_state);
    CHECK(target == before);
    // The valid state loads.
    target.load(good);
    CHECK(target == a);
}

TEST_CASE("binned_auc: the bin of a score never decreases as the score grows (what the bounds rest on)") {
    assay::rng g(77);
    struct range_case {
        std::size_t b;
        double lo, hi;
    };
    for (const range_case rc : {range_case{4096, 0.0, 1.0}, range_case{1000, -3.7, 11.3}, range_case{7, 1e-300, 3e-300},
                                range_case{65536, -1e150, 1e150}, range_case{3, 0.1, 0.3}}) {
        const assay::binned_auc a(bins(rc.b, rc.lo, rc.hi));
        const double span = rc.hi - rc.lo;
        for (int i = 0; i < 20000; ++i) {
            // Neighbouring doubles, points near the edges, and random pairs (some outside the range).
            double x = rc.lo - 0.1 * span + 1.2 * span * assay::uniform_real(g);
            if (i % 3 == 0) {
                const double k = static_cast<double>(assay::uniform_index(g, rc.b + 1));
                x = rc.lo + k * (span / static_cast<double>(rc.b));
            }
            const double y = i % 2 == 0 ? std::nextafter(x, std::numeric_limits<double>::infinity())
                                        : x + span * 1e-3 * assay::uniform_real(g);
            CHECK(a.bin_of(x) <= a.bin_of(y));
            CHECK(a.bin_of(y) < rc.b);
        }
        CHECK(a.bin_of(rc.lo) == 0);
        CHECK(a.bin_of(rc.hi) == rc.b - 1);
    }
}
