// Tests of the reference-case harness itself: tolerances, the JSON encodings
// of non-finite numbers, and that a wrong value is caught.
#include "reference.hpp"

#include <assay/error.hpp>

#include <cmath>
#include <limits>

namespace ref = assay_test::ref;

namespace {

ref::json make_case(const ref::json& expected, const ref::json& tolerance) {
    return ref::json{{"case", "synthetic"},
                     {"inputs", {{"y", {1, 2, 3}}, {"s", {"a", "b"}}, {"m", {{1.0, "NaN"}, {2.0, 3.5}}}}},
                     {"checks",
                      {{{"id", "c1"},
                        {"function", "sklearn.metrics.roc_auc_score"},
                        {"args", {{"y_true", "y"}, {"labels", "s"}, {"X", "m"}}},
                        {"params", {{"max_fpr", 0.3}, {"labels", nullptr}}},
                        {"expected", expected},
                        {"tolerance", tolerance}}}}};
}

}  // namespace

TEST_CASE("harness: non-finite numbers and tolerances") {
    CHECK(std::isnan(ref::to_double("NaN")));
    CHECK(ref::to_double("Infinity") == std::numeric_limits<double>::infinity());
    CHECK(ref::to_double("-Infinity") == -std::numeric_limits<double>::infinity());
    CHECK(ref::to_double(0.25) == 0.25);
    CHECK_THROWS(ref::to_double("zero"));

    const auto tol = ref::tolerance::from_json({{"rtol", 1e-12}, {"atol", 1e-14}});
    CHECK(tol.close(1.0 + 5e-13, 1.0));
    CHECK_FALSE(tol.close(1.0 + 5e-12, 1.0));
    CHECK(tol.close(1e-15, 0.0));
    CHECK_FALSE(tol.close(1e-13, 0.0));
    CHECK(tol.close(std::nan(""), std::nan("")));
    CHECK_FALSE(tol.close(0.0, std::nan("")));
    const auto exact = ref::tolerance::from_json({{"exact", true}});
    CHECK(exact.exact);
    CHECK_FALSE(exact.close(1.0 + 1e-16 * 4, 1.0));
}

TEST_CASE("harness: accessors resolve args through the inputs") {
    const auto c = make_case(0.5, {{"rtol", 1e-12}, {"atol", 1e-12}});
    ref::check chk("binary", c, c["checks"][0]);
    CHECK(chk.name() == "roc_auc_score");
    CHECK(chk.case_name() == "synthetic");
    CHECK(chk.arg_ints("y_true") == std::vector<std::int64_t>{1, 2, 3});
    CHECK(chk.arg_strings("labels") == std::vector<std::string>{"a", "b"});
    const auto m = chk.arg_matrix("X");
    REQUIRE(m.size() == 2);
    CHECK(std::isnan(m[0][1]));
    CHECK(chk.has_param("max_fpr"));
    CHECK_FALSE(chk.has_param("labels"));  // null counts as absent
    CHECK(chk.param_double("max_fpr", 1.0) == 0.3);
    CHECK(chk.param<int>("k", 7) == 7);
    CHECK_THROWS(chk.arg("nope"));
}

TEST_CASE("harness: comparisons pass and fail as they should") {
    const ref::json tol{{"rtol", 1e-12}, {"atol", 1e-12}};
    {
        const auto c = make_case(0.5, tol);
        ref::check chk("binary", c, c["checks"][0]);
        chk.expect(0.5 + 1e-14);
        CHECK(chk.passed());
    }
    {
        const auto c = make_case(0.5, tol);
        ref::check chk("binary", c, c["checks"][0]);
        chk.silence();
        chk.expect(0.5001);
        CHECK_FALSE(chk.passed());
    }
    {
        const ref::json expected{{"fpr", {0.0, 0.5, 1.0}}, {"auc", "NaN"}, {"undefined", nullptr}};
        const auto c = make_case(expected, tol);
        ref::check ok("binary", c, c["checks"][0]);
        ok.expect({{"fpr", {0.0, 0.5, 1.0}}, {"auc", std::nan("")}, {"undefined", nullptr}, {"extra", 1}});
        CHECK(ok.passed());
        ref::check too_short("binary", c, c["checks"][0]);
        too_short.silence();
        too_short.expect({{"fpr", {0.0, 0.5}}, {"auc", std::nan("")}, {"undefined", nullptr}});
        CHECK_FALSE(too_short.passed());
        ref::check missing("binary", c, c["checks"][0]);
        missing.silence();
        missing.expect({{"fpr", {0.0, 0.5, 1.0}}, {"auc", std::nan("")}});
        CHECK_FALSE(missing.passed());
        ref::check not_null("binary", c, c["checks"][0]);
        not_null.silence();
        not_null.expect({{"fpr", {0.0, 0.5, 1.0}}, {"auc", std::nan("")}, {"undefined", 0.0}});
        CHECK_FALSE(not_null.passed());
    }
    {
        const auto c = make_case(ref::json{{"folds", {{{"test", {0, 1}}}, {{"test", {2}}}}}}, {{"exact", true}});
        ref::check chk("split", c, c["checks"][0]);
        chk.expect_field("folds", ref::json::array({{{"test", {0, 1}}}, {{"test", {2}}}}));
        CHECK(chk.passed());
        ref::check wrong("split", c, c["checks"][0]);
        wrong.silence();
        wrong.expect_field("folds", ref::json::array({{{"test", {0, 2}}}, {{"test", {1}}}}));
        CHECK_FALSE(wrong.passed());
    }
}

TEST_CASE("harness: expected errors must be assay errors") {
    ref::json c = make_case(0.0, nullptr);
    c["checks"][0].erase("expected");
    c["checks"][0]["expected_error"] = {{"type", "ValueError"}, {"message", "..."}};
    ref::check chk("binary", c, c["checks"][0]);
    CHECK(chk.expects_error());
    chk.expect_error([] { assay::detail::throw_invalid_argument("f", "x", "bad"); });
    CHECK(chk.passed());
    ref::check none("binary", c, c["checks"][0]);
    none.silence();
    none.expect_error([] {});
    CHECK_FALSE(none.passed());
    ref::check foreign("binary", c, c["checks"][0]);
    foreign.silence();
    foreign.expect_error([] { throw std::runtime_error("not ours"); });
    CHECK_FALSE(foreign.passed());
}

TEST_CASE("harness: every family's index lists readable case files") {
    for (const char* family : {"binary", "calibration", "drift_stats", "fairness", "multiclass", "multilabel",
                               "regression", "residuals", "split"}) {
        const auto& index = ref::load(std::string(family) + "/index.json");
        REQUIRE(index.at("cases").size() > 0);
        for (const auto& entry : index.at("cases")) {
            const auto& case_file = ref::load(std::string(family) + "/" + entry.at("file").get<std::string>());
            CHECK(case_file.at("family") == family);
            CHECK(case_file.at("checks").size() == entry.at("n_checks").get<std::size_t>());
        }
    }
    CHECK(ref::load("drift/cases/index.json").size() > 0);
}
