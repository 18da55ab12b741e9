// Confusion counts and the metrics built on them: hand-worked values,
// label types, and properties on random inputs (streaming == full pass,
// merge of any sharding == full pass, integer weight w == row repeated w
// times, permutation invariance).
#include <doctest/doctest.h>

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using ints = std::vector<std::int64_t>;

struct sample {
    ints y, p;
    std::vector<double> w;  // integer-valued 0..3
};

sample random_sample(assay::rng& g, std::size_t n, std::size_t k, std::int64_t spread, std::int64_t offset) {
    sample s;
    for (std::size_t i = 0; i < n; ++i) {
        const auto t = static_cast<std::int64_t>(assay::uniform_index(g, k));
        // Predictions agree with the truth 60% of the time.
        const auto p = assay::uniform_real(g) < 0.6 ? t : static_cast<std::int64_t>(assay::uniform_index(g, k));
        s.y.push_back(offset + t * spread);
        s.p.push_back(offset + p * spread);
        s.w.push_back(static_cast<double>(assay::uniform_index(g, 4)));
    }
    return s;
}

template <class V>
V slice(const V& v, std::size_t a, std::size_t b) {
    return V(v.begin() + static_cast<std::ptrdiff_t>(a), v.begin() + static_cast<std::ptrdiff_t>(b));
}

}  // namespace

TEST_CASE("confusion counts: a hand-worked 3-class example") {
    // y_true = 0 1 2 2 1 0, y_pred = 0 2 2 2 1 1:
    //            pred 0  1  2
    //   true 0 [    1  1  0 ]
    //   true 1 [    0  1  1 ]
    //   true 2 [    0  0  2 ]
    const ints y{0, 1, 2, 2, 1, 0}, p{0, 2, 2, 2, 1, 1};
    const auto c = assay::confusion_matrix(y, p);
    REQUIRE(c.n_classes() == 3);
    const double expected[3][3] = {{1, 1, 0}, {0, 1, 1}, {0, 0, 2}};
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) CHECK(c(i, j) == expected[i][j]);
    CHECK(assay::accuracy_score(y, p) == doctest::Approx(4.0 / 6.0));
    CHECK(assay::accuracy_score(c) == doctest::Approx(4.0 / 6.0));
    CHECK(assay::accuracy_score(y, p, false) == 4.0);
    // precision per class: 1/1, 1/2, 2/3; recall: 1/2, 1/2, 2/2.
    const auto s = assay::precision_recall_fscore_support(c);
    CHECK(s.precision[0] == 1.0);
    CHECK(s.precision[1] == 0.5);
    CHECK(s.precision[2] == doctest::Approx(2.0 / 3.0));
    CHECK(s.recall[0] == 0.5);
    CHECK(s.recall[2] == 1.0);
    CHECK(s.fscore[2] == doctest::Approx(0.8));  // 2·(2/3)·1/(2/3 + 1)
    CHECK(assay::precision_score(c, assay::average::macro) == doctest::Approx((1.0 + 0.5 + 2.0 / 3.0) / 3.0));
    CHECK(assay::recall_score(c, assay::average::micro) == doctest::Approx(4.0 / 6.0));
    CHECK(assay::balanced_accuracy_score(c) == doctest::Approx((0.5 + 0.5 + 1.0) / 3.0));
    // Jaccard per class: 1/2, 1/3, 2/3.
    const auto j = assay::jaccard_per_class(c);
    CHECK(j[0] == 0.5);
    CHECK(j[1] == doctest::Approx(1.0 / 3.0));
    CHECK(j[2] == doctest::Approx(2.0 / 3.0));
    // Kappa: po = 4/6, pe = (2·1 + 2·2 + 2·3)/36 = 12/36.
    CHECK(assay::cohen_kappa_score(c) == doctest::Approx((4.0 / 6.0 - 1.0 / 3.0) / (1.0 - 1.0 / 3.0)));
}

TEST_CASE("binary rates and zero_division") {
    // tp = 2, fp = 1, fn = 1, tn = 3
    const ints y{1, 1, 1, 0, 0, 0, 0}, p{1, 1, 0, 1, 0, 0, 0};
    const auto r = assay::rates(y, p);
    CHECK(r.tp == 2);
    CHECK(r.fp == 1);
    CHECK(r.fn == 1);
    CHECK(r.tn == 3);
    CHECK(r.tpr == doctest::Approx(2.0 / 3.0));
    CHECK(r.fpr == doctest::Approx(0.25));
    CHECK(r.npv == doctest::Approx(0.75));
    CHECK(r.prevalence == doctest::Approx(3.0 / 7.0));
    CHECK(assay::f1_score(y, p) == doctest::Approx(2.0 / 3.0));
    CHECK(assay::fbeta_score(y, p, assay::prf_options().with_beta(2.0)) == doctest::Approx(2.0 / 3.0));
    CHECK(assay::matthews_corrcoef(y, p) == doctest::Approx((2.0 * 3 - 1.0 * 1) / std::sqrt(3.0 * 3 * 4 * 4)));

    // No predicted positive: precision is zero_division, F is 0 (recall defined).
    const ints none{0, 0, 0, 0, 0, 0, 0};
    CHECK(assay::precision_score(y, none, assay::prf_options().with_zero_division(1.0)) == 1.0);
    CHECK(assay::f1_score(y, none, assay::prf_options().with_zero_division(1.0)) == 0.0);
    // Neither positives nor predicted positives: F is zero_division too.
    CHECK(assay::f1_score(none, none, assay::prf_options().with_zero_division(1.0)) == 1.0);
    CHECK(assay::f1_score(none, none) == 0.0);
}

enum class colour : std::uint8_t { red = 3, green = 7, blue = 9 };

TEST_CASE("labels of any integral or enum type") {
    const std::vector<colour> y{colour::red, colour::green, colour::blue, colour::blue};
    const std::vector<colour> p{colour::red, colour::blue, colour::blue, colour::green};
    const auto c = assay::confusion_matrix(y, p);
    CHECK(c.labels() == ints{3, 7, 9});
    CHECK(c(2, 2) == 1.0);
    const std::vector<std::uint64_t> yu{1, 2, 3}, pu{1, 2, 2};
    CHECK(assay::accuracy_score(yu, pu) == doctest::Approx(2.0 / 3.0));
    const std::vector<short> ys{-1, 1, 1}, ps{-1, -1, 1};
    CHECK(assay::f1_score(ys, ps) == doctest::Approx(2.0 / 3.0));
    const int ya[] = {0, 1, 1, 0};
    const int pa[] = {0, 1, 0, 0};
    CHECK(assay::recall_score(ya, pa) == 0.5);  // raw arrays are ranges
}

TEST_CASE("confusion counts: wide and moving label ranges take every path of the kernel") {
    assay::rng g(7);
    // spread 1: dense window; spread 1000: labels far apart (sorted-list path);
    // negative offsets and window growth in both directions.
    for (std::int64_t spread : {std::int64_t{1}, std::int64_t{37}, std::int64_t{1000}, std::int64_t{1} << 40}) {
        for (std::int64_t offset : {std::int64_t{0}, std::int64_t{-50}, std::int64_t{1} << 50}) {
            const auto s = random_sample(g, 5000, 6, spread, offset);
            const auto full = assay::confusion_matrix(s.y, s.p, s.w);
            assay::confusion_counts one_by_one;
            for (std::size_t i = 0; i < s.y.size(); ++i) one_by_one.update(s.y[i], s.p[i], s.w[i]);
            CHECK(one_by_one == full);
            CHECK(full.n_classes() == 6);
        }
    }
    // A batch whose first chunk is narrow and later chunks widen the window
    // below and above, then leave the dense range altogether.
    ints y, p;
    for (int i = 0; i < 3000; ++i) y.push_back(i % 3), p.push_back((i * 7) % 3);
    for (int i = 0; i < 3000; ++i) y.push_back(-100 + i % 5), p.push_back(200 + i % 2);
    for (int i = 0; i < 3000; ++i) y.push_back(100000 + i % 2), p.push_back(i % 3);
    const auto full = assay::confusion_matrix(y, p);
    assay::confusion_counts one_by_one;
    for (std::size_t i = 0; i < y.size(); ++i) one_by_one.update(y[i], p[i]);
    CHECK(one_by_one == full);
}

TEST_CASE("confusion counts: merge of any sharding, streaming batches, repetition and permutation") {
    assay::rng g(2026);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t n = 1 + assay::uniform_index(g, 3000);
        const std::size_t k = 2 + assay::uniform_index(g, 8);
        const auto s = random_sample(g, n, k, trial % 3 == 0 ? 300 : 1, trial % 2 ? -3 : 0);
        const auto full = assay::confusion_matrix(s.y, s.p, s.w);

        // Random shards, merged in reverse order (weights are integers: exact).
        std::vector<std::size_t> cuts{0, n};
        for (int c = 0; c < 4; ++c) cuts.push_back(assay::uniform_index(g, n + 1));
        std::sort(cuts.begin(), cuts.end());
        assay::confusion_counts merged;
        for (std::size_t c = cuts.size() - 1; c-- > 0;) {
            assay::confusion_counts shard;
            shard.update(slice(s.y, cuts[c], cuts[c + 1]), slice(s.p, cuts[c], cuts[c + 1]),
                         slice(s.w, cuts[c], cuts[c + 1]));
            merged.merge(shard);
        }
        CHECK(merged == full);

        // Batches into one accumulator with declared labels.
        std::vector<std::int64_t> labels(s.y);
        labels.insert(labels.end(), s.p.begin(), s.p.end());
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
        assay::confusion_counts declared{assay::label_list(labels)};
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c)
            declared.update(slice(s.y, cuts[c], cuts[c + 1]), slice(s.p, cuts[c], cuts[c + 1]),
                            slice(s.w, cuts[c], cuts[c + 1]));
        CHECK(declared.labels() == full.labels());
        for (std::size_t i = 0; i < full.n_classes(); ++i)
            for (std::size_t j = 0; j < full.n_classes(); ++j) CHECK(declared(i, j) == full(i, j));

        // Integer weight w == the row repeated w times (same declared labels).
        ints ry, rp;
        for (std::size_t i = 0; i < n; ++i)
            for (int r = 0; r < static_cast<int>(s.w[i]); ++r) ry.push_back(s.y[i]), rp.push_back(s.p[i]);
        if (!ry.empty()) {
            const auto rep = assay::confusion_matrix(ry, rp, assay::label_list(labels));
            for (std::size_t i = 0; i < full.n_classes(); ++i)
                for (std::size_t j = 0; j < full.n_classes(); ++j) CHECK(rep(i, j) == full(i, j));
            const auto o = assay::prf_options(assay::average::macro).with_labels(assay::label_list(labels));
            CHECK(assay::f1_score(ry, rp, o) == doctest::Approx(assay::f1_score(s.y, s.p, s.w, o)).epsilon(1e-12));
            CHECK(assay::matthews_corrcoef(ry, rp) ==
                  doctest::Approx(assay::matthews_corrcoef(s.y, s.p, s.w)).epsilon(1e-12));
        }

        // Permutation invariance.
        std::vector<std::size_t> perm(n);
        for (std::size_t i = 0; i < n; ++i) perm[i] = i;
        assay::shuffle(perm.begin(), perm.end(), g);
        sample q;
        for (std::size_t i : perm) q.y.push_back(s.y[i]), q.p.push_back(s.p[i]), q.w.push_back(s.w[i]);
        CHECK(assay::confusion_matrix(q.y, q.p, q.w) == full);
        CHECK(assay::accuracy_score(q.y, q.p) == assay::accuracy_score(s.y, s.p));
    }
}

TEST_CASE("confusion counts: reset and copies") {
    assay::confusion_counts a;
    a.update(ints{1, 2, 3}, ints{1, 1, 3});
    assay::confusion_counts b = a;
    CHECK(b == a);
    CHECK(b.index_of(3) == 2);
    a.reset();
    CHECK(a.n_classes() == 0);
    CHECK(a.n_samples() == 0);
    assay::confusion_counts d{{0, 1}};
    d.update(0, 1);
    d.reset();
    CHECK(d.labels() == ints{0, 1});
    CHECK(d.total() == 0.0);
}
