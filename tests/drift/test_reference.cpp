// Reference traces of River 0.26.1 and MOA drift detectors
// (tests/reference/drift/): every case file is one check, passed when the
// drift indices, the warning runs and the recorded detector states all match.
#include "reference.hpp"
#include "python_random.hpp"
#include "streams.hpp"

#include <assay/drift.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ref = assay_test::ref;
using json = ref::json;
namespace dr = assay::drift;

namespace {

struct trace {
    std::vector<long> drifts;
    std::vector<std::pair<long, long>> warnings;  // inclusive runs
    json at_drift = json::array();
    json final_state = json::object();
};

void add_warning(trace& t, long i) {
    if (!t.warnings.empty() && t.warnings.back().second == i - 1) t.warnings.back().second = i;
    else t.warnings.emplace_back(i, i);
}

json adwin_state(const dr::adwin& d, bool moa) {
    json s;
    s["width"] = d.width();
    s["estimation"] = d.estimation();
    s["total"] = d.total();
    if (moa) s["variance_over_width"] = d.variance_in_window();
    else s["variance"] = d.variance();
    return s;
}

template <class Detector, class OnDrift>
trace run(Detector& d, const std::vector<double>& xs, OnDrift on_drift) {
    trace t;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        d.update(xs[i]);
        if (d.warning_detected()) add_warning(t, static_cast<long>(i));
        if (d.drift_detected()) {
            t.drifts.push_back(static_cast<long>(i));
            on_drift(static_cast<long>(i));
        }
    }
    return t;
}

double max_rel_dev = 0.0;

bool close(double got, double expected) {
    if (got == expected) return true;
    const double dev = std::fabs(got - expected) / std::max(std::fabs(expected), 1e-300);
    if (dev > max_rel_dev) max_rel_dev = dev;
    return std::fabs(got - expected) <= 1e-12 * std::max(1.0, std::fabs(expected));
}

bool same_state(const json& expected, const json& got, std::string& why) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        if (it.key() == "index") continue;
        if (!got.contains(it.key())) continue;  // counters compared separately
        const double e = ref::to_double(*it), g = got.at(it.key()).get<double>();
        if (!close(g, e)) {
            std::ostringstream o;
            o.precision(17);
            o << it.key() << ": got " << g << ", expected " << e;
            why = o.str();
            return false;
        }
    }
    return true;
}

// River's KSWIN loop (deque window, random.Random(seed).sample of positions,
// ks_2samp, reset with re-seeding on the update after a drift), with assay's
// KS kernel (kswin::statistic_count, kswin::exact_p_value) deciding.
trace replay_river_kswin(const json& p, const std::vector<double>& xs, double& last_p) {
    const double alpha = p.at("alpha");
    const auto ws = p.at("window_size").get<std::size_t>();
    const auto r = p.at("stat_size").get<std::size_t>();
    const auto seed = p.at("seed").get<std::uint32_t>();
    trace t;
    std::vector<double> window;
    drift_test::python_random rnd(seed);
    bool drift = false;
    last_p = 0.0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (drift) {
            window.clear();
            rnd = drift_test::python_random(seed);
            last_p = 0.0;
        }
        window.push_back(xs[i]);
        if (window.size() > ws) window.erase(window.begin());
        drift = false;
        if (window.size() >= ws) {
            std::vector<double> sample;
            for (std::uint32_t k : rnd.sample(static_cast<std::uint32_t>(ws - r), static_cast<std::uint32_t>(r)))
                sample.push_back(window[k]);
            std::vector<double> recent(window.end() - static_cast<std::ptrdiff_t>(r), window.end());
            std::sort(sample.begin(), sample.end());
            std::sort(recent.begin(), recent.end());
            const int h = dr::kswin::statistic_count(sample.data(), recent.data(), r);
            const double st = static_cast<double>(h) / static_cast<double>(r);
            last_p = dr::kswin::exact_p_value(static_cast<int>(r), h);
            drift = last_p <= alpha && st > 0.1;
        }
        if (drift) t.drifts.push_back(static_cast<long>(i));
    }
    return t;
}

// Returns true when the case matched; `why` explains a mismatch. Sets
// `exercised` false for cases not covered.
bool run_case(const json& c, bool& exercised, std::string& why) {
    const std::string det = c.at("detector"), impl = c.at("implementation");
    const json& p = c.at("params");
    const std::vector<double>& xs = drift_test::stream(c.at("stream").get<std::string>());
    exercised = true;
    trace t;
    json adwin_final;
    std::uint64_t adwin_detections = 0;
    if (det == "ADWIN" || det == "ADWINChangeDetector") {
        const bool moa = impl == "moa";
        dr::adwin_config cfg;
        if (moa) {
            cfg.delta = p.value("delta", p.value("deltaAdwin", 0.002));
            cfg.clock = p.value("clock", 32);
            cfg.reset_on_drift = false;
            cfg.increase_only = det == "ADWINChangeDetector";
        } else {
            cfg.delta = p.at("delta");
            cfg.clock = p.at("clock");
            cfg.max_buckets = p.at("max_buckets");
            cfg.min_window_length = p.at("min_window_length");
            cfg.grace_period = p.at("grace_period");
        }
        dr::adwin d(cfg);
        json at = json::array();
        t = run(d, xs, [&](long) { at.push_back(adwin_state(d, moa)); });
        t.at_drift = at;
        adwin_final = adwin_state(d, moa);
        adwin_detections = d.n_detections();
    } else if (det == "DDM" && impl == "river") {
        dr::ddm d({p.at("warm_start").get<int>(), p.at("warning_threshold").get<double>(),
                   p.at("drift_threshold").get<double>()});
        t = run(d, xs, [](long) {});
    } else if (det == "EDDM" && impl == "river") {
        dr::eddm d({p.at("warm_start").get<int>(), p.at("alpha").get<double>(), p.at("beta").get<double>()});
        t = run(d, xs, [](long) {});
    } else if (det == "HDDM_A" && impl == "river") {
        dr::hddm_a d({p.at("drift_confidence").get<double>(), p.at("warning_confidence").get<double>(),
                      p.at("two_sided_test").get<bool>()});
        t = run(d, xs, [](long) {});
    } else if (det == "HDDM_W" && impl == "river") {
        dr::hddm_w d({p.at("drift_confidence").get<double>(), p.at("warning_confidence").get<double>(),
                      p.at("lambda_val").get<double>(), p.at("two_sided_test").get<bool>()});
        t = run(d, xs, [](long) {});
    } else if (det == "PageHinkley" && impl == "river") {
        dr::page_hinkley_config cfg;
        cfg.min_instances = p.at("min_instances");
        cfg.delta = p.at("delta");
        cfg.threshold = p.at("threshold");
        cfg.alpha = p.at("alpha");
        const std::string mode = p.at("mode");
        cfg.mode = mode == "up" ? dr::page_hinkley_mode::up
                                : (mode == "down" ? dr::page_hinkley_mode::down : dr::page_hinkley_mode::both);
        dr::page_hinkley d(cfg);
        t = run(d, xs, [](long) {});
    } else if (det == "HDDM_A_Test") {
        dr::hddm_a d({p.at("driftConfidence").get<double>(), p.at("warningConfidence").get<double>(),
                      p.at("typeOfTest").get<int>() == 1, /*signal_decrease=*/false});
        t = run(d, xs, [](long) {});
    } else if (det == "HDDM_W_Test") {
        dr::hddm_w_config cfg{p.at("driftConfidence").get<double>(), p.at("warningConfidence").get<double>(),
                              p.at("lambda").get<double>(), p.at("typeOfTest").get<int>() == 1};
        cfg.moa_semantics = true;
        dr::hddm_w d(cfg);
        t = run(d, xs, [](long) {});
    } else if (det == "PageHinkleyDM") {
        dr::page_hinkley_config cfg;
        cfg.min_instances = p.at("minNumInstances");
        cfg.delta = p.at("delta");
        cfg.threshold = p.at("lambda");
        cfg.alpha = p.at("alpha");
        cfg.moa_semantics = true;
        dr::page_hinkley d(cfg);
        t = run(d, xs, [](long) {});
    } else if (det == "DDM" && impl == "moa") {
        dr::ddm_config cfg{p.at("minNumInstances").get<int>(), p.at("warningLevel").get<double>(),
                           p.at("outcontrolLevel").get<double>()};
        cfg.moa_semantics = true;
        dr::ddm d(cfg);
        t = run(d, xs, [](long) {});
    } else if (det == "EDDM" && impl == "moa") {
        dr::eddm_config cfg;
        cfg.moa_semantics = true;
        dr::eddm d(cfg);
        t = run(d, xs, [](long) {});
    } else if (det == "KSWIN" && impl == "river") {
        double last_p = 0.0;
        t = replay_river_kswin(p, xs, last_p);
        const double expected_p = ref::to_double(c.at("final").at("p_value"));
        if (!close(last_p, expected_p)) {
            why = "final p_value " + std::to_string(last_p) + ", expected " + std::to_string(expected_p);
            return false;
        }
    } else {
        exercised = false;
        return false;
    }

    // Drift indices.
    const std::vector<long> expected_drifts = c.at("drifts").get<std::vector<long>>();
    if (t.drifts != expected_drifts) {
        std::ostringstream o;
        o << "drifts differ: got " << json(t.drifts).dump().substr(0, 300) << ", expected "
          << json(expected_drifts).dump().substr(0, 300);
        why = o.str();
        return false;
    }
    // Warning runs.
    if (c.contains("warnings")) {
        std::vector<std::pair<long, long>> expected;
        for (const auto& run_ : c.at("warnings")) expected.emplace_back(run_.at(0).get<long>(), run_.at(1).get<long>());
        if (t.warnings != expected) {
            std::size_t k = 0;
            while (k < t.warnings.size() && k < expected.size() && t.warnings[k] == expected[k]) ++k;
            std::ostringstream o;
            o << "warning runs differ at run " << k << " (got " << t.warnings.size() << " runs, expected "
              << expected.size() << ")";
            if (k < t.warnings.size()) o << " got [" << t.warnings[k].first << "," << t.warnings[k].second << "]";
            if (k < expected.size()) o << " expected [" << expected[k].first << "," << expected[k].second << "]";
            why = o.str();
            return false;
        }
    }
    // ADWIN states.
    if (c.contains("adwin_at_drift")) {
        const json& e = c.at("adwin_at_drift");
        if (e.size() != t.at_drift.size()) {
            why = "adwin_at_drift count differs";
            return false;
        }
        for (std::size_t k = 0; k < e.size(); ++k) {
            if (!same_state(e[k], t.at_drift[k], why)) {
                why = "adwin_at_drift[" + std::to_string(k) + "] " + why;
                return false;
            }
        }
    }
    if (c.contains("final") && !adwin_final.is_null()) {
        const json& e = c.at("final");
        if (!same_state(e, adwin_final, why)) {
            why = "final " + why;
            return false;
        }
        const std::uint64_t expected_n =
            e.contains("n_detections_since_reset") ? e.at("n_detections_since_reset").get<std::uint64_t>()
                                                   : e.value("n_detections", adwin_detections);
        if (expected_n != adwin_detections) {
            why = "final n_detections " + std::to_string(adwin_detections) + ", expected " + std::to_string(expected_n);
            return false;
        }
    }
    return true;
}

}  // namespace

TEST_CASE("reference drift traces (River 0.26.1 and MOA)") {
    const json& index = ref::load("drift/cases/index.json");
    std::size_t failed = 0;
    for (const auto& entry : index) {
        const std::string file = entry.at("file");
        const json& c = ref::load("drift/" + file);
        bool exercised = false;
        std::string why;
        bool ok = false;
        try {
            ok = run_case(c, exercised, why);
        } catch (const std::exception& e) {
            exercised = true;
            why = std::string("threw: ") + e.what();
        }
        if (!exercised) {
            ref::record_skipped("drift");
            continue;
        }
        ref::record("drift", ok);
        if (!ok) {
            ++failed;
            if (failed <= 40) FAIL_CHECK(file << ": " << why);
        }
    }
    MESSAGE("largest relative deviation of a compared floating-point field: " << max_rel_dev);
    CHECK(failed == 0);
}

TEST_CASE("the Python random replay used for River's KSWIN draws matches CPython") {
    // Values printed by CPython 3.11: random.Random(42).getrandbits(32) twice,
    // random.Random(42).sample(range(70), 30), random.Random(7).sample(range(250), 50)[:10].
    drift_test::python_random a(42);
    CHECK(a.next32() == 2746317213U);
    CHECK(a.next32() == 478163327U);
    drift_test::python_random b(42);
    CHECK(b.sample(70, 30) == std::vector<std::uint32_t>{14, 3,  35, 31, 28, 17, 13, 43, 47, 57, 34, 5,  37, 27, 2,
                                                         1,  58, 63, 69, 32, 38, 54, 67, 12, 45, 41, 59, 26, 51, 65});
    CHECK(b.sample(70, 30)[0] == 35);
    drift_test::python_random c(7);
    const auto s = c.sample(250, 50);
    CHECK(std::vector<std::uint32_t>(s.begin(), s.begin() + 10) ==
          std::vector<std::uint32_t>{82, 242, 38, 101, 166, 12, 18, 210, 137, 24});
}
