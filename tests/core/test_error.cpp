#include <assay/detail/checks.hpp>
#include <assay/error.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

TEST_CASE("the error hierarchy") {
    try {
        assay::detail::throw_invalid_argument("kfold", "n_splits", "must be at least 2, got ", 1);
        FAIL("nothing thrown");
    } catch (const assay::invalid_argument& e) {
        CHECK(std::string(e.what()) == "assay::kfold: n_splits: must be at least 2, got 1");
        CHECK(e.code() == assay::errc::invalid_argument);
        const assay::error& base = e;
        CHECK(base.code() == assay::errc::invalid_argument);
        const std::runtime_error& std_base = e;
        CHECK(std::string(std_base.what()) == e.what());
    }
    CHECK_THROWS_AS(assay::detail::throw_corrupt_state("adwin::load", "truncated at byte ", 12),
                    assay::corrupt_state);
    CHECK_THROWS_WITH_AS(assay::detail::throw_corrupt_state("adwin::load", "truncated at byte ", 12),
                         "assay::adwin::load: truncated at byte 12", assay::error);
}

TEST_CASE("shared input checks name the function, the argument and the problem") {
    using namespace assay::detail;
    CHECK_NOTHROW(require_same_size("f1_score", "y_true", 3, "y_pred", 3));
    CHECK_THROWS_WITH_AS(require_same_size("f1_score", "y_true", 3, "y_pred", 4),
                         "assay::f1_score: y_pred: has 4 elements but y_true has 3", assay::invalid_argument);
    CHECK_THROWS_WITH_AS(require_nonempty("accuracy_score", "y_true", 0), "assay::accuracy_score: y_true: is empty",
                         assay::invalid_argument);
    const std::vector<double> scores{0.1, 0.2, std::numeric_limits<double>::quiet_NaN(), 0.4};
    CHECK_THROWS_WITH_AS(require_finite("roc_auc", "y_score", scores.begin(), scores.end()),
                         "assay::roc_auc: y_score: value at index 2 is nan", assay::invalid_argument);
    const std::vector<double> inf{std::numeric_limits<double>::infinity()};
    CHECK_THROWS_WITH_AS(require_finite("roc_auc", "y_score", inf.begin(), inf.end()),
                         "assay::roc_auc: y_score: value at index 0 is inf", assay::invalid_argument);
    CHECK_NOTHROW(require_finite("roc_auc", "y_score", scores.begin(), scores.begin() + 2));
    CHECK_THROWS_WITH_AS(require_in_open("adwin", "delta", 1.0, 0.0, 1.0), "assay::adwin: delta: must lie in (0, 1), got 1",
                         assay::invalid_argument);
    CHECK_THROWS_AS(require_in_open("adwin", "delta", std::nan(""), 0.0, 1.0), assay::invalid_argument);
    CHECK_NOTHROW(require_in_closed("psi", "eps", 0.0, 0.0, 1.0));
    CHECK_THROWS_AS(require_in_closed("psi", "eps", -0.5, 0.0, 1.0), assay::invalid_argument);
}

TEST_CASE("set_error_handler swaps handlers and restores the default on nullptr") {
    auto handler = +[](assay::errc, const char*) {};
    const auto previous = assay::set_error_handler(handler);
    CHECK((previous != nullptr));
    CHECK((assay::set_error_handler(nullptr) == handler));
    CHECK((assay::set_error_handler(previous) == previous));
}
