// The deterministic splitters against scikit-learn 1.2.1's folds on every
// case of tests/reference/split (KFold, StratifiedKFold, GroupKFold,
// StratifiedGroupKFold, TimeSeriesSplit, LeaveOneGroupOut, LeavePGroupsOut),
// including the inputs scikit-learn rejects.
#include "reference.hpp"

#include <assay/split.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ref = assay_test::ref;
using json = ref::json;

namespace {

template <class Folds>
json folds_json(const Folds& folds, bool with_train) {
    json out = json::array();
    for (const auto& f : folds) {
        json one;
        one["test"] = f.test.to_vector();
        if (with_train) one["train"] = f.train.to_vector();
        out.push_back(one);
    }
    return json{{"n_splits", folds.size()}, {"folds", out}};
}

// Also checks that train is exactly the complement of test, ascending.
template <class Folds>
void check_complement(ref::check& c, const Folds& folds, std::size_t n) {
    for (const auto& f : folds) {
        std::vector<char> in_test(n, 0);
        for (auto r : f.test) in_test[r] = 1;
        std::vector<std::size_t> expected;
        for (std::size_t i = 0; i < n; ++i) {
            if (!in_test[i]) expected.push_back(i);
        }
        if (f.train.to_vector() != expected || f.train.size() != expected.size()) {
            c.fail("train is not the complement of test in fold " + std::to_string(f.index));
        }
    }
}

bool is_string_column(const ref::check& c, const std::string& key) {
    const json& a = c.arg(key);
    return !a.empty() && a[0].is_string();
}

// Runs `f` on the column bound to `key` as strings or integers.
template <class F>
auto with_column(const ref::check& c, const std::string& key, F&& f) {
    if (is_string_column(c, key)) return f(c.arg_strings(key));
    return f(c.arg_ints(key));
}

}  // namespace

TEST_CASE("reference split: scikit-learn 1.2.1 folds") {
    ref::run_family("split", [](ref::check& c) {
        const std::string& name = c.name();
        const std::size_t n = c.arg("X").size();
        if (name == "KFold") {
            const auto k = c.param<std::size_t>("n_splits", 5);
            if (c.expects_error()) {
                c.expect_error([&] { assay::kfold(n, k); });
                return true;
            }
            const auto folds = assay::kfold(n, k);
            c.expect(folds_json(folds, false));
            check_complement(c, folds, n);
            return true;
        }
        if (name == "StratifiedKFold") {
            const auto k = c.param<std::size_t>("n_splits", 5);
            return with_column(c, "y", [&](const auto& y) {
                if (c.expects_error()) {
                    c.expect_error([&] { assay::stratified_kfold(y, k); });
                    return true;
                }
                const auto folds = assay::stratified_kfold(y, k);
                c.expect(folds_json(folds, false));
                check_complement(c, folds, n);
                if (c.inputs().contains("y_codes")) {
                    const auto codes = c.input("y_codes").get<std::vector<std::int64_t>>();
                    // Codes are lexicographic ranks: first-appearance order is
                    // the same, so the folds are too.
                    c.expect(folds_json(assay::stratified_kfold(codes, k), false));
                }
                return true;
            });
        }
        if (name == "GroupKFold") {
            const auto k = c.param<std::size_t>("n_splits", 5);
            return with_column(c, "groups", [&](const auto& groups) {
                if (c.expects_error()) {
                    c.expect_error([&] { assay::group_kfold(groups, k); });
                    return true;
                }
                const auto folds = assay::group_kfold(groups, k);
                c.expect(folds_json(folds, false));
                check_complement(c, folds, n);
                return true;
            });
        }
        if (name == "StratifiedGroupKFold") {
            const auto k = c.param<std::size_t>("n_splits", 5);
            return with_column(c, "y", [&](const auto& y) {
                return with_column(c, "groups", [&](const auto& groups) {
                    if (c.expects_error()) {
                        c.expect_error([&] { assay::stratified_group_kfold(y, groups, k); });
                        return true;
                    }
                    const auto folds = assay::stratified_group_kfold(y, groups, k);
                    c.expect(folds_json(folds, false));
                    check_complement(c, folds, n);
                    if (c.inputs().contains("y_codes")) {
                        const auto yc = c.input("y_codes").get<std::vector<std::int64_t>>();
                        const auto gc = c.input("groups_codes").get<std::vector<std::int64_t>>();
                        c.expect(folds_json(assay::stratified_group_kfold(yc, gc, k), false));
                    }
                    return true;
                });
            });
        }
        if (name == "LeaveOneGroupOut") {
            return with_column(c, "groups", [&](const auto& groups) {
                if (c.expects_error()) {
                    c.expect_error([&] { assay::leave_one_group_out(groups); });
                    return true;
                }
                const auto folds = assay::leave_one_group_out(groups);
                c.expect(folds_json(folds, false));
                check_complement(c, folds, n);
                return true;
            });
        }
        if (name == "LeavePGroupsOut") {
            const auto p = c.param<std::size_t>("n_groups", 2);
            return with_column(c, "groups", [&](const auto& groups) {
                if (c.expects_error()) {
                    c.expect_error([&] { assay::leave_p_groups_out(groups, p); });
                    return true;
                }
                const auto folds = assay::leave_p_groups_out(groups, p);
                c.expect(folds_json(folds, false));
                check_complement(c, folds, n);
                return true;
            });
        }
        if (name == "TimeSeriesSplit") {
            const auto k = c.param<std::size_t>("n_splits", 5);
            assay::time_series_options o;
            o.test_size = c.param<std::int64_t>("test_size", 0);
            o.gap = c.param<std::int64_t>("gap", 0);
            o.max_train_size = c.param<std::int64_t>("max_train_size", 0);
            if (c.expects_error()) {
                c.expect_error([&] { assay::time_series_split(n, k, o); });
                return true;
            }
            c.expect(folds_json(assay::time_series_split(n, k, o), true));
            // The same folds through a timestamp column already in order.
            std::vector<std::int64_t> t(n);
            for (std::size_t i = 0; i < n; ++i) t[i] = static_cast<std::int64_t>(10 * i);
            c.expect(folds_json(assay::time_series_split(t, k, o), true));
            return true;
        }
        return false;
    });
}
