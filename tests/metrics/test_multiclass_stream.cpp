// The exact streaming multiclass ROC AUC accumulator: row by row, in
// batches, and merged from shards it equals the full-pass roc_auc_score
// (one-vs-rest and one-vs-one, macro and weighted, with sample weights);
// integer weight w equals the row repeated w times; bad rows are refused
// and leave the accumulator unchanged.
#include <doctest/doctest.h>

#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

struct problem {
    std::vector<std::int64_t> y;
    std::vector<double> p;  // row-major, k columns
    std::vector<double> w;
    std::size_t k = 0;
    std::size_t rows() const { return y.size(); }
    assay::matrix_view<const double> view() const { return {p.data(), y.size(), k}; }
    std::vector<double> row(std::size_t i) const {
        return {p.begin() + static_cast<std::ptrdiff_t>(i * k), p.begin() + static_cast<std::ptrdiff_t>((i + 1) * k)};
    }
};

// Labels 10, 20, ... (not column indices), probabilities on a coarse grid so
// that scores tie, integer weights 1..3.
problem random_problem(assay::rng& g, std::size_t n, std::size_t k) {
    problem d;
    d.k = k;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = i < k ? i : assay::uniform_index(g, k);  // every class present
        d.y.push_back(static_cast<std::int64_t>(10 * (c + 1)));
        double sum = 0.0;
        std::vector<double> r(k);
        for (std::size_t j = 0; j < k; ++j) {
            r[j] = std::round(4.0 * (assay::uniform_real(g) + (j == c ? 0.7 : 0.0))) + 1.0;
            sum += r[j];
        }
        for (std::size_t j = 0; j < k; ++j) d.p.push_back(r[j] / sum);
        d.w.push_back(static_cast<double>(1 + assay::uniform_index(g, 3)));
    }
    return d;
}

assay::label_list declared(std::size_t k) {
    std::vector<assay::label_type> v;
    for (std::size_t c = 0; c < k; ++c) v.push_back(static_cast<assay::label_type>(10 * (c + 1)));
    return assay::label_list(v);
}

const assay::multiclass_auc_options schemes[] = {
    assay::multiclass_auc_options(assay::multi_class::ovr),
    assay::multiclass_auc_options(assay::multi_class::ovr).with_average(assay::average::weighted),
    assay::multiclass_auc_options(assay::multi_class::ovo),
    assay::multiclass_auc_options(assay::multi_class::ovo).with_average(assay::average::weighted),
};

}  // namespace

TEST_CASE("multiclass ranking accumulator: row by row, batches and merged shards equal the full pass") {
    assay::rng g(77);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t k = 3 + static_cast<std::size_t>(trial % 3);
        const auto d = random_problem(g, 50 + assay::uniform_index(g, 200), k);
        assay::multiclass_ranking_accumulator one(declared(k)), batch(declared(k));
        for (std::size_t i = 0; i < d.rows(); ++i) one.update(d.y[i], d.row(i));
        batch.update(d.y, d.view());
        // Shards of random sizes, some added row by row and some as batches.
        assay::multiclass_ranking_accumulator merged(declared(k));
        std::size_t at = 0;
        while (at < d.rows()) {
            const std::size_t len = std::min(d.rows() - at, 1 + assay::uniform_index(g, 60));
            assay::multiclass_ranking_accumulator shard(declared(k));
            if (len % 2 == 0) {
                for (std::size_t i = at; i < at + len; ++i) shard.update(d.y[i], d.row(i));
            } else {
                const std::vector<std::int64_t> ys(d.y.begin() + static_cast<std::ptrdiff_t>(at),
                                                   d.y.begin() + static_cast<std::ptrdiff_t>(at + len));
                shard.update(ys, assay::matrix_view<const double>(d.p.data() + at * k, len, k));
            }
            merged.merge(shard);
            at += len;
        }
        REQUIRE(merged.size() == d.rows());
        for (const auto& o : schemes) {
            const double full = assay::roc_auc_score(d.y, d.view(), o);
            CHECK(one.roc_auc(o) == full);
            CHECK(batch.roc_auc(o) == full);
            CHECK(merged.roc_auc(o) == full);
        }
    }
}

TEST_CASE("multiclass ranking accumulator: weights (one-vs-rest) and integer weight == repeated row") {
    assay::rng g(78);
    for (int trial = 0; trial < 10; ++trial) {
        const std::size_t k = 4;
        const auto d = random_problem(g, 120, k);
        assay::multiclass_ranking_accumulator weighted(declared(k)), repeated(declared(k)), mixed(declared(k));
        for (std::size_t i = 0; i < d.rows(); ++i) {
            weighted.update(d.y[i], d.row(i), d.w[i]);
            for (int r = 0; r < static_cast<int>(d.w[i]); ++r) repeated.update(d.y[i], d.row(i));
        }
        // Unweighted rows first, then a weighted batch: earlier rows weigh 1.
        const std::size_t half = d.rows() / 2;
        std::vector<double> w_all(d.rows(), 1.0);
        for (std::size_t i = 0; i < half; ++i) mixed.update(d.y[i], d.row(i));
        {
            const std::vector<std::int64_t> ys(d.y.begin() + static_cast<std::ptrdiff_t>(half), d.y.end());
            const std::vector<double> ws(d.w.begin() + static_cast<std::ptrdiff_t>(half), d.w.end());
            for (std::size_t i = half; i < d.rows(); ++i) w_all[i] = d.w[i];
            mixed.update(ys, assay::matrix_view<const double>(d.p.data() + half * k, d.rows() - half, k), ws);
        }
        for (const auto& o : {schemes[0], schemes[1]}) {
            const double full = assay::roc_auc_score(d.y, d.view(), d.w, o);
            CHECK(weighted.roc_auc(o) == full);
            CHECK(repeated.roc_auc(o) == doctest::Approx(full).epsilon(1e-12));
            CHECK(mixed.roc_auc(o) == assay::roc_auc_score(d.y, d.view(), w_all, o));
        }
        // One-vs-one takes no weights, as in scikit-learn.
        CHECK_THROWS_AS(weighted.roc_auc(schemes[2]), assay::invalid_argument);
        std::vector<std::int64_t> ry;
        std::vector<double> rp;
        for (std::size_t i = 0; i < d.rows(); ++i)
            for (int r = 0; r < static_cast<int>(d.w[i]); ++r) {
                ry.push_back(d.y[i]);
                const auto row = d.row(i);
                rp.insert(rp.end(), row.begin(), row.end());
            }
        CHECK(repeated.roc_auc(schemes[2]) == assay::roc_auc_score(ry, assay::matrix_view<const double>(rp.data(), ry.size(), k), schemes[2]));
    }
}

TEST_CASE("multiclass ranking accumulator: a hand-worked three-class example") {
    // Class 10 rows score (0.6, 0.3, 0.1) and (0.4, 0.4, 0.2); class 20:
    // (0.2, 0.7, 0.1); class 30: (0.3, 0.3, 0.4) and (0.5, 0.1, 0.4).
    // One-vs-rest AUC of class 10 on column 0: positives 0.6, 0.4 against
    // negatives 0.2, 0.3, 0.5 -> pairs won: 0.6 beats all 3, 0.4 beats 2 -> 5/6.
    // Class 20 on column 1: positive 0.7 beats 0.3, 0.4, 0.3, 0.1 -> 1.
    // Class 30 on column 2: positives 0.4, 0.4 against 0.1, 0.2, 0.1 -> 1.
    // Macro: (5/6 + 1 + 1) / 3 = 17/18.
    assay::multiclass_ranking_accumulator acc({10, 20, 30});
    acc.update(10, std::vector<double>{0.6, 0.3, 0.1});
    acc.update(20, std::vector<double>{0.2, 0.7, 0.1});
    acc.update(30, std::vector<double>{0.3, 0.3, 0.4});
    acc.update(10, std::vector<double>{0.4, 0.4, 0.2});
    acc.update(30, std::vector<double>{0.5, 0.1, 0.4});
    CHECK(acc.roc_auc() == doctest::Approx(17.0 / 18.0).epsilon(1e-15));
    // Weighted by support (2, 1, 2): (2·5/6 + 1 + 2) / 5 = 14/15.
    CHECK(acc.roc_auc(assay::multiclass_auc_options().with_average(assay::average::weighted)) ==
          doctest::Approx(14.0 / 15.0).epsilon(1e-15));
}

TEST_CASE("multiclass ranking accumulator: bad rows are refused and change nothing") {
    assay::multiclass_ranking_accumulator acc({0, 1, 2});
    acc.update(0, std::vector<double>{0.5, 0.25, 0.25});
    acc.update(1, std::vector<double>{0.2, 0.5, 0.3});
    acc.update(2, std::vector<double>{0.1, 0.1, 0.8});
    const double before = acc.roc_auc();
    CHECK_THROWS_WITH_AS(acc.update(0, std::vector<double>{0.5, 0.5}),
                         doctest::Contains("multiclass_ranking_accumulator::update"), assay::invalid_argument);
    CHECK_THROWS_AS(acc.update(0, std::vector<double>{0.5, NAN, 0.5}), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(acc.update(0, std::vector<double>{0.5, 0.3, 0.1}), doctest::Contains("sums to"),
                         assay::invalid_argument);
    CHECK_THROWS_WITH_AS(acc.update(7, std::vector<double>{0.5, 0.25, 0.25}), doctest::Contains("declared"),
                         assay::invalid_argument);
    CHECK_THROWS_AS(acc.update(0, std::vector<double>{0.5, 0.25, 0.25}, -1.0), assay::invalid_argument);
    const std::vector<std::int64_t> ys{0, 9};
    const std::vector<double> ps{0.5, 0.25, 0.25, 0.2, 0.5, 0.3};
    CHECK_THROWS_AS(acc.update(ys, assay::matrix_view<const double>(ps.data(), 2, 3)), assay::invalid_argument);
    const std::vector<double> bad_w{1.0};
    const std::vector<std::int64_t> ok{0, 1};
    CHECK_THROWS_AS(acc.update(ok, assay::matrix_view<const double>(ps.data(), 2, 3), bad_w), assay::invalid_argument);
    CHECK(acc.size() == 3);
    CHECK(acc.roc_auc() == before);
    assay::multiclass_ranking_accumulator other({0, 1});
    CHECK_THROWS_AS(acc.merge(other), assay::invalid_argument);
    CHECK_THROWS_AS(assay::multiclass_ranking_accumulator({4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::multiclass_ranking_accumulator({1, 1, 2}), assay::invalid_argument);
    assay::multiclass_ranking_accumulator empty({0, 1, 2});
    CHECK_THROWS_AS(empty.roc_auc(), assay::invalid_argument);
    acc.reset();
    CHECK(acc.size() == 0);
}
