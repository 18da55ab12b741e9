// Reference-case harness: loads the cases in tests/reference/ (produced by
// scikit-learn, scipy, statsmodels, River and MOA; format described in
// tests/reference/README.md), hands every check of a family to a test's
// handler and compares what assay computed with the expected value at the
// stated tolerance.
//
// A test:
//
//     TEST_CASE("reference binary") {
//         ref::run_family("binary", [](ref::check& c) {
//             if (c.name() != "accuracy_score") return false;   // not exercised
//             auto y = c.arg_ints("y_true"); ...
//             c.expect(assay::accuracy_score(y, p));
//             return true;
//         });
//     }
//
// At exit the process prints one line per family it touched:
//     reference binary: 432/432 checks passed
// A check counts as passed when every comparison made on it passed and the
// handler threw nothing unexpected. Checks a handler declines (returns false)
// are not counted; their number is printed on a separate line.
#pragma once

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace assay_test::ref {

using json = nlohmann::json;

/// Absolute path of tests/reference.
std::string reference_dir();

/// Parses a JSON file under tests/reference (path relative to it); cached.
const json& load(const std::string& relative_path);

/// A JSON number, or one of the strings "NaN", "Infinity", "-Infinity".
double to_double(const json& v);

struct tolerance {
    bool exact = false;
    double rtol = 0.0;
    double atol = 0.0;
    static tolerance from_json(const json& t);
    bool close(double got, double expected) const;
};

/// One check of one case file.
class check {
public:
    check(std::string family, const json& case_file, const json& check_json);

    const std::string& family() const { return family_; }
    const std::string& case_name() const { return case_name_; }
    const std::string& id() const { return id_; }
    /// Full reference function name, e.g. "sklearn.metrics.roc_auc_score".
    const std::string& function() const { return function_; }
    /// Last component of function(): "roc_auc_score", "KFold", "group_rates".
    const std::string& name() const { return name_; }

    const json& params() const { return params_; }
    /// True if the parameter is present and not null.
    bool has_param(const std::string& key) const;
    /// The parameter, or `fallback` when absent or null.
    template <class T>
    T param(const std::string& key, T fallback) const {
        return has_param(key) ? params_.at(key).get<T>() : fallback;
    }
    double param_double(const std::string& key, double fallback) const;

    bool has_arg(const std::string& key) const;
    /// The input array bound to the reference function's argument `key`.
    const json& arg(const std::string& key) const;
    /// An input array by its own name in "inputs".
    const json& input(const std::string& input_name) const;
    const json& inputs() const { return *inputs_; }

    std::vector<double> arg_doubles(const std::string& key) const;
    std::vector<std::int64_t> arg_ints(const std::string& key) const;
    std::vector<std::string> arg_strings(const std::string& key) const;
    /// Row-major 2-D input as rows.
    std::vector<std::vector<double>> arg_matrix(const std::string& key) const;

    bool expects_error() const { return expects_error_; }
    const json& expected() const { return expected_; }
    const tolerance& tol() const { return tol_; }

    /// Compares a computed value with the whole expected value. `got` is JSON
    /// built by the test: numbers, lists, objects with the expected field
    /// names; NaN and infinities may be given as doubles. Objects: every field
    /// of the expected object must be present in `got` (extra fields in `got`
    /// are ignored). A null expected value (an undefined quantity) must be
    /// matched by null.
    void expect(const json& got);
    /// Compares `got` with the field `field` of the expected object.
    void expect_field(const std::string& field, const json& got);
    /// Compares `got` with an arbitrary part of the expected value.
    void expect_part(const json& expected_part, const json& got, const std::string& where);

    /// Runs `f`, which must throw an assay::error (a check with
    /// "expected_error" in the reference).
    template <class F>
    void expect_error(F&& f) {
        bool threw = false;
        try {
            f();
        } catch (const std::exception& e) {
            threw = is_assay_error(e);
            if (!threw) fail(std::string("threw a non-assay exception: ") + e.what());
            else return;
        }
        if (!threw) fail("expected an assay::error, nothing was thrown");
    }

    /// Records a failure with a message.
    void fail(const std::string& message);
    /// Stops failures from being reported to doctest (they are still
    /// recorded in passed()); for the harness's own tests.
    void silence() { report_ = false; }
    bool passed() const { return passed_; }

private:
    static bool is_assay_error(const std::exception& e);
    void compare(const json& expected, const json& got, const std::string& where);

    std::string family_, case_name_, id_, function_, name_;
    const json* inputs_ = nullptr;
    json args_, params_, expected_;
    tolerance tol_;
    bool expects_error_ = false;
    bool passed_ = true;
    bool report_ = true;
};

/// Runs `handler` on every check of every case file listed in
/// `<family>/index.json`. The handler returns false for a check it does not
/// exercise. Exceptions escaping the handler fail that check.
void run_family(const std::string& family, const std::function<bool(check&)>& handler);

/// Adds to a family's tally directly (for families with their own layout,
/// such as drift/): one exercised check that passed or failed.
void record(const std::string& family, bool passed);
void record_skipped(const std::string& family, std::size_t n = 1);

}  // namespace assay_test::ref
