// Calibration curve, ECE/MCE and the calibration accumulator: the reference
// cases of the `calibration` family (scikit-learn 1.2.1 and the definition in
// tests/reference/README.md), hand-worked examples, properties, bad input.
#include "reference.hpp"

#include <assay/metrics/calibration.hpp>
#include <assay/metrics/probabilistic.hpp>
#include <assay/random.hpp>

#include <cmath>

#include <cstdint>
#include <vector>

namespace ref = assay_test::ref;

namespace {

ref::json curve_json(const assay::calibration_curve_result& r) {
    return {{"prob_true", r.prob_true}, {"prob_pred", r.prob_pred}};
}

}  // namespace

TEST_CASE("reference calibration") {
    ref::run_family("calibration", [](ref::check& c) {
        if (c.name() == "calibration_curve") {
            const auto y = c.arg_ints("y_true");
            const auto p = c.arg_doubles("y_prob");
            assay::calibration_options opt;
            opt.n_bins = c.param<std::size_t>("n_bins", 5);
            opt.strategy = c.param<std::string>("strategy", "uniform") == "quantile"
                               ? assay::calibration_strategy::quantile
                               : assay::calibration_strategy::uniform;
            if (c.expects_error()) {
                c.expect_error([&] { assay::calibration_curve(y, p, opt); });
            } else {
                c.expect(curve_json(assay::calibration_curve(y, p, opt)));
            }
            return true;
        }
        if (c.name() == "expected_calibration_error") {
            const auto y = c.arg_ints("y_true");
            const auto p = c.arg_doubles("y_prob");
            const auto r = assay::calibration_error(y, p, c.param<std::size_t>("n_bins", 10));
            c.expect({{"ece", r.ece}, {"mce", r.mce}, {"bin_counts", r.bin_counts}, {"bin_edges", r.bin_edges}});
            return true;
        }
        if (c.name() == "brier_score_loss") {
            c.expect(assay::brier_score_loss(c.arg_ints("y_true"), c.arg_doubles("y_prob")));
            return true;
        }
        if (c.name() == "log_loss") {
            c.expect(assay::log_loss(c.arg_ints("y_true"), c.arg_doubles("y_pred")));
            return true;
        }
        return false;
    });
}

TEST_CASE("calibration_curve: a hand-worked example") {
    // Two uniform bins [0, 0.5], (0.5, 1]: 0.5 sits on the interior edge and
    // goes to the lower bin.
    const std::vector<int> y{0, 1, 0, 1, 1};
    const std::vector<double> p{0.1, 0.5, 0.4, 0.9, 0.7};
    assay::calibration_options opt;
    opt.n_bins = 2;
    const auto r = assay::calibration_curve(y, p, opt);
    REQUIRE(r.prob_true.size() == 2);
    CHECK(r.prob_true[0] == doctest::Approx(1.0 / 3.0));
    CHECK(r.prob_pred[0] == doctest::Approx((0.1 + 0.5 + 0.4) / 3.0));
    CHECK(r.prob_true[1] == 1.0);
    CHECK(r.prob_pred[1] == doctest::Approx(0.8));
    CHECK(r.counts == std::vector<std::size_t>{3, 2});
    // ECE = 3/5·|1/3 − 1/3| + 2/5·|1 − 0.8| = 0.08; MCE = 0.2.
    const auto e = assay::calibration_error(y, p, 2);
    CHECK(e.ece == doctest::Approx(0.08));
    CHECK(e.mce == doctest::Approx(0.2));

    // Labels {-1, 1} are binary with positive 1; other labels need pos_label.
    const std::vector<int> pm{-1, 1, -1, 1, 1};
    CHECK(assay::calibration_curve(pm, p, opt).prob_true == r.prob_true);
    const std::vector<int> ab{3, 7, 3, 7, 7};
    CHECK_THROWS_AS(assay::calibration_curve(ab, p, opt), assay::invalid_argument);
    opt.pos_label = 7;
    CHECK(assay::calibration_curve(ab, p, opt).prob_true == r.prob_true);
}

TEST_CASE("calibration_accumulator: merge of shards equals the full pass") {
    assay::rng g(17);
    std::vector<int> y(5000);
    std::vector<double> p(5000);
    for (std::size_t i = 0; i < y.size(); ++i) {
        p[i] = static_cast<double>(assay::uniform_index(g, 21)) / 20.0;  // many values on bin edges
        y[i] = assay::uniform_real(g) < p[i] ? 1 : 0;
    }
    assay::calibration_accumulator full(10);
    full.update(y, p);
    const auto expected = assay::calibration_error(y, p, 10);
    CHECK(full.error().bin_counts == expected.bin_counts);
    CHECK(full.expected_calibration_error() == expected.ece);

    for (std::size_t shards : {2u, 3u, 7u}) {
        std::vector<assay::calibration_accumulator> parts(shards, assay::calibration_accumulator(10));
        for (std::size_t i = 0; i < y.size(); ++i) parts[i % shards].update(y[i], p[i]);
        assay::calibration_accumulator merged(10);
        for (const auto& part : parts) merged += part;
        CHECK(merged.n_samples() == y.size());
        const auto m = merged.error();
        CHECK(m.bin_counts == expected.bin_counts);
        CHECK(m.ece == doctest::Approx(expected.ece).epsilon(1e-12));
        CHECK(m.mce == doctest::Approx(expected.mce).epsilon(1e-12));
        const auto mc = merged.curve();
        const auto fc = full.curve();
        REQUIRE(mc.prob_pred.size() == fc.prob_pred.size());
        for (std::size_t b = 0; b < fc.prob_pred.size(); ++b) {
            CHECK(mc.prob_true[b] == fc.prob_true[b]);
            CHECK(mc.prob_pred[b] == doctest::Approx(fc.prob_pred[b]).epsilon(1e-12));
        }
    }
    full.reset();
    CHECK(full.n_samples() == 0);
    CHECK(std::isnan(full.expected_calibration_error()));
}

TEST_CASE("calibration: bad input") {
    const std::vector<int> y{0, 1, 1};
    const std::vector<double> p{0.2, 0.8, 0.6};
    CHECK_THROWS_WITH_AS(assay::calibration_curve(std::vector<int>{}, std::vector<double>{}),
                         "assay::calibration_curve: y_true: is empty", assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::calibration_curve(y, std::vector<double>{0.2, 0.8}),
                         "assay::calibration_curve: y_prob: has 2 elements but y_true has 3", assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::calibration_curve(y, std::vector<double>{0.2, 1.5, 0.1}),
                         "assay::calibration_curve: y_prob: value at index 1 is 1.5, not a probability in [0, 1]",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::calibration_curve(y, std::vector<double>{0.2, std::nan(""), 0.1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::calibration_curve(std::vector<int>{0, 1, 2}, p), assay::invalid_argument);
    assay::calibration_options zero;
    zero.n_bins = 0;
    CHECK_THROWS_AS(assay::calibration_curve(y, p, zero), assay::invalid_argument);
    CHECK_THROWS_AS(assay::calibration_accumulator(0), assay::invalid_argument);
    assay::calibration_accumulator acc(5);
    CHECK_THROWS_AS(acc.update(1, -0.1), assay::invalid_argument);
    CHECK_THROWS_AS(acc.update(y, std::vector<double>{0.1, 0.2, 7.0}), assay::invalid_argument);
    CHECK(acc.n_samples() == 0);  // a rejected batch counts nothing
    CHECK_THROWS_AS(acc.merge(assay::calibration_accumulator(6)), assay::invalid_argument);
}

TEST_CASE("calibration_accumulator with explicit edges") {
    // Edges 0, 0.3, 0.3, 1: the middle bin can only stay empty; 0.3 goes to
    // the lower bin, values outside [0, 1] to the end bins.
    assay::calibration_accumulator acc(std::vector<double>{0.0, 0.3, 0.3, 1.0}, 1);
    CHECK(acc.n_bins() == 3);
    acc.update(std::vector<int>{1, 0, 1, 0}, std::vector<double>{0.3, 0.1, 0.9, 0.31});
    const auto r = acc.error();
    CHECK(r.bin_counts == std::vector<std::size_t>{2, 0, 2});
    const auto c = acc.curve();
    REQUIRE(c.prob_true.size() == 2);
    CHECK(c.prob_true[0] == 0.5);
    CHECK(c.prob_pred[1] == doctest::Approx(0.605));
    CHECK_THROWS_AS(assay::calibration_accumulator(std::vector<double>{0.5}, 1), assay::invalid_argument);
    CHECK_THROWS_AS(assay::calibration_accumulator(std::vector<double>{0.0, 0.6, 0.5}, 1), assay::invalid_argument);
    CHECK_THROWS_AS(acc.merge(assay::calibration_accumulator(3)), assay::invalid_argument);
}
