#include "reference.hpp"

#include <assay/error.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace assay_test::ref {

namespace {

struct family_tally {
    std::size_t passed = 0;
    std::size_t total = 0;
    std::size_t skipped = 0;
};

// Prints the per-family summary when the test process exits.
struct tally_board {
    std::mutex mutex;
    std::map<std::string, family_tally> families;
    ~tally_board() {
        for (const auto& [family, t] : families) {
            if (t.total > 0 || t.skipped == 0) {
                std::printf("reference %s: %zu/%zu checks passed\n", family.c_str(), t.passed, t.total);
            }
            if (t.skipped > 0) {
                std::printf("reference %s: %zu checks not exercised\n", family.c_str(), t.skipped);
            }
        }
        std::fflush(stdout);
    }
};

tally_board& board() {
    static tally_board b;
    return b;
}

std::string format_double(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
    std::ostringstream out;
    out.precision(17);
    out << v;
    return out.str();
}

std::string short_dump(const json& j) {
    std::string s = j.dump();
    if (s.size() > 200) s = s.substr(0, 200) + "...";
    return s;
}

bool is_number_like(const json& j) {
    if (j.is_number()) return true;
    if (j.is_string()) {
        const auto& s = j.get_ref<const std::string&>();
        return s == "NaN" || s == "Infinity" || s == "-Infinity";
    }
    return false;
}

}  // namespace

std::string reference_dir() { return ASSAY_REFERENCE_DIR; }

const json& load(const std::string& relative_path) {
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<json>> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(relative_path);
    if (it != cache.end()) return *it->second;
    const std::string path = reference_dir() + "/" + relative_path;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open reference file " + path);
    auto parsed = std::make_unique<json>(json::parse(in));
    return *cache.emplace(relative_path, std::move(parsed)).first->second;
}

double to_double(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
        if (s == "Infinity") return std::numeric_limits<double>::infinity();
        if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    throw std::runtime_error("not a number: " + short_dump(v));
}

tolerance tolerance::from_json(const json& t) {
    tolerance tol;
    if (t.is_null()) return tol;  // only on error checks
    if (t.contains("exact") && t.at("exact").get<bool>()) {
        tol.exact = true;
        return tol;
    }
    tol.rtol = t.value("rtol", 0.0);
    tol.atol = t.value("atol", 0.0);
    return tol;
}

bool tolerance::close(double got, double expected) const {
    if (std::isnan(expected)) return std::isnan(got);
    if (std::isinf(expected)) return got == expected;
    if (exact) return got == expected;
    return std::fabs(got - expected) <= atol + rtol * std::fabs(expected);
}

check::check(std::string family, const json& case_file, const json& c)
    : family_(std::move(family)),
      case_name_(case_file.value("case", std::string("?"))),
      id_(c.value("id", std::string("?"))),
      function_(c.value("function", std::string())),
      inputs_(&case_file.at("inputs")),
      args_(c.value("args", json::object())),
      params_(c.value("params", json::object())),
      expected_(c.contains("expected") ? c.at("expected") : json()),
      tol_(tolerance::from_json(c.value("tolerance", json()))),
      expects_error_(c.contains("expected_error")) {
    const auto dot = function_.find_last_of(".:");
    name_ = dot == std::string::npos ? function_ : function_.substr(dot + 1);
}

bool check::has_param(const std::string& key) const { return params_.contains(key) && !params_.at(key).is_null(); }

double check::param_double(const std::string& key, double fallback) const {
    return has_param(key) ? to_double(params_.at(key)) : fallback;
}

bool check::has_arg(const std::string& key) const { return args_.contains(key); }

const json& check::arg(const std::string& key) const {
    if (!args_.contains(key)) throw std::runtime_error("check " + id_ + " has no argument " + key);
    return input(args_.at(key).get<std::string>());
}

const json& check::input(const std::string& input_name) const {
    if (!inputs_->contains(input_name)) throw std::runtime_error("case " + case_name_ + " has no input " + input_name);
    return inputs_->at(input_name);
}

std::vector<double> check::arg_doubles(const std::string& key) const {
    std::vector<double> out;
    for (const auto& v : arg(key)) out.push_back(to_double(v));
    return out;
}

std::vector<std::int64_t> check::arg_ints(const std::string& key) const {
    std::vector<std::int64_t> out;
    for (const auto& v : arg(key)) out.push_back(v.get<std::int64_t>());
    return out;
}

std::vector<std::string> check::arg_strings(const std::string& key) const {
    std::vector<std::string> out;
    for (const auto& v : arg(key)) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

std::vector<std::vector<double>> check::arg_matrix(const std::string& key) const {
    std::vector<std::vector<double>> out;
    for (const auto& row : arg(key)) {
        std::vector<double> r;
        for (const auto& v : row) r.push_back(to_double(v));
        out.push_back(std::move(r));
    }
    return out;
}

void check::fail(const std::string& message) {
    passed_ = false;
    if (report_) FAIL_CHECK("reference " << family_ << "/" << case_name_ << " [" << id_ << "]: " << message);
}

bool check::is_assay_error(const std::exception& e) { return dynamic_cast<const assay::error*>(&e) != nullptr; }

void check::expect(const json& got) {
    if (expects_error_) {
        fail("the reference raised an error here; use expect_error");
        return;
    }
    compare(expected_, got, "value");
}

void check::expect_field(const std::string& field, const json& got) {
    if (!expected_.is_object() || !expected_.contains(field)) {
        fail("expected value has no field '" + field + "'");
        return;
    }
    compare(expected_.at(field), got, field);
}

void check::expect_part(const json& expected_part, const json& got, const std::string& where) {
    compare(expected_part, got, where);
}

void check::compare(const json& expected, const json& got, const std::string& where) {
    if (expected.is_null()) {
        if (!got.is_null()) fail(where + ": expected null (undefined), got " + short_dump(got));
        return;
    }
    if (is_number_like(expected)) {
        if (!is_number_like(got)) {
            fail(where + ": expected a number " + short_dump(expected) + ", got " + short_dump(got));
            return;
        }
        if (tol_.exact && expected.is_number_integer()) {
            // Integers (counts, indices) compare as integers.
            const bool equal = got.is_number_integer() ? got.get<std::int64_t>() == expected.get<std::int64_t>()
                                                       : to_double(got) == to_double(expected);
            if (!equal) fail(where + ": expected " + expected.dump() + ", got " + got.dump());
            return;
        }
        const double e = to_double(expected), g = to_double(got);
        if (!tol_.close(g, e)) {
            fail(where + ": expected " + format_double(e) + ", got " + format_double(g) + " (difference " +
                 format_double(g - e) + ")");
        }
        return;
    }
    if (expected.is_string() || expected.is_boolean()) {
        if (got != expected) fail(where + ": expected " + expected.dump() + ", got " + short_dump(got));
        return;
    }
    if (expected.is_array()) {
        if (!got.is_array()) {
            fail(where + ": expected a list, got " + short_dump(got));
            return;
        }
        if (got.size() != expected.size()) {
            fail(where + ": expected " + std::to_string(expected.size()) + " elements, got " +
                 std::to_string(got.size()) + ": " + short_dump(got));
            return;
        }
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const bool before = passed_;
            compare(expected[i], got[i], where + "[" + std::to_string(i) + "]");
            if (before && !passed_) return;  // one message per list is enough
        }
        return;
    }
    if (expected.is_object()) {
        if (!got.is_object()) {
            fail(where + ": expected an object, got " + short_dump(got));
            return;
        }
        for (const auto& [key, value] : expected.items()) {
            if (!got.contains(key)) {
                fail(where + ": missing field '" + key + "'");
                continue;
            }
            compare(value, got.at(key), where + "." + key);
        }
        return;
    }
    fail(where + ": unsupported expected value " + short_dump(expected));
}

void record(const std::string& family, bool passed) {
    auto& b = board();
    std::lock_guard<std::mutex> lock(b.mutex);
    auto& t = b.families[family];
    ++t.total;
    if (passed) ++t.passed;
}

void record_skipped(const std::string& family, std::size_t n) {
    auto& b = board();
    std::lock_guard<std::mutex> lock(b.mutex);
    b.families[family].skipped += n;
}

void run_family(const std::string& family, const std::function<bool(check&)>& handler) {
    const json& index = load(family + "/index.json");
    std::size_t cases = 0;
    for (const auto& entry : index.at("cases")) {
        const json& case_file = load(family + "/" + entry.at("file").get<std::string>());
        ++cases;
        for (const auto& c : case_file.at("checks")) {
            check chk(family, case_file, c);
            bool exercised = false;
            try {
                exercised = handler(chk);
            } catch (const std::exception& e) {
                exercised = true;
                chk.fail(std::string("unexpected exception: ") + e.what());
            }
            if (exercised) record(family, chk.passed());
            else record_skipped(family);
        }
    }
    CHECK_MESSAGE(cases > 0, "reference family " << family << " has no cases");
}

}  // namespace assay_test::ref
