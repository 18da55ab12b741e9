// KSWIN: its KS statistic and p-value against scipy, its false-alarm rate,
// reproducibility and bad input.
#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace dr = assay::drift;

namespace {
// Standard normal draws from assay::rng (Box-Muller), for synthetic streams.
struct normal_source {
    assay::rng g;
    explicit normal_source(std::uint64_t seed) : g(seed) {}
    double operator()() {
        const double u1 = 1.0 - assay::uniform_real(g), u2 = assay::uniform_real(g);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
};
}  // namespace

TEST_CASE("KSWIN's KS statistic and exact p-value equal scipy's ks_2samp") {
    // tests/drift/data/ks_scipy.txt, written by gen_ks_scipy.py with scipy 1.10.1.
    std::ifstream in(std::string(ASSAY_DRIFT_TEST_DATA) + "/ks_scipy.txt");
    REQUIRE(in);
    std::string line;
    std::size_t rows = 0;
    while (std::getline(in, line)) {
        std::istringstream row(line);
        std::size_t n = 0;
        int exact = 0;
        double st = 0, p = 0;
        row >> n >> exact >> st >> p;
        std::vector<double> a(n), b(n);
        for (auto& v : a) row >> v;
        for (auto& v : b) row >> v;
        REQUIRE(row);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        const int h = dr::kswin::statistic_count(a.data(), b.data(), n);
        CAPTURE(line.substr(0, 60));
        CHECK(static_cast<double>(h) / static_cast<double>(n) == st);
        const double got = dr::kswin::exact_p_value(static_cast<int>(n), h);
        // exact = 0: scipy's exact sum left [0, 1] (p ~ 1) and it fell back to
        // the asymptotic law, which also gives 1 after clipping.
        CHECK(got == doctest::Approx(p).epsilon(exact ? 1e-13 : 1e-9));
        ++rows;
    }
    CHECK(rows == 120);
    CHECK(dr::kswin::exact_p_value(30, 0) == 1.0);
    CHECK_THROWS_AS(dr::kswin::exact_p_value(30, 31), assay::invalid_argument);
    CHECK_THROWS_AS(dr::kswin::exact_p_value(0, 0), assay::invalid_argument);
}

TEST_CASE("KSWIN's false-alarm rate on stationary data matches the exact null law") {
    // Under no drift the drawn and the recent values are disjoint i.i.d.
    // samples, so a single test alarms with probability P(D >= h*/n), h* the
    // smallest count whose p-value is <= alpha and whose statistic is > 0.1.
    auto per_test_probability = [](const dr::kswin_config& cfg) {
        int h = 0;
        while (!(dr::kswin::exact_p_value(cfg.stat_size, h) <= cfg.alpha &&
                 static_cast<double>(h) / cfg.stat_size > 0.1))
            ++h;
        return dr::kswin::exact_p_value(cfg.stat_size, h);
    };
    {
        // Independent trials: a fresh window, exactly one test each.
        const dr::kswin_config cfg{0.05, 60, 30, 3};
        const double p = per_test_probability(cfg);
        CHECK(p <= cfg.alpha);
        dr::kswin k(cfg);
        normal_source z(5);
        const int trials = 20000;
        int alarms = 0;
        for (int t = 0; t < trials; ++t) {
            k.reset();
            for (int i = 0; i < cfg.window_size; ++i) k.update(z());
            alarms += k.drift_detected() ? 1 : 0;
        }
        const double expected = p * trials, sd = std::sqrt(trials * p * (1 - p));
        MESSAGE("KSWIN single-test false alarms: " << alarms << " of " << trials << " (exact expectation " << expected
                                                   << ")");
        CHECK(std::fabs(alarms - expected) < 5 * sd);
    }
    {
        // A long stationary stream with the defaults: consecutive tests share
        // most values, so alarms per test stay below the single-test rate.
        const dr::kswin_config cfg;
        const double p = per_test_probability(cfg);
        dr::kswin k(cfg);
        normal_source z(7);
        std::size_t tests = 0, alarms = 0;
        for (int i = 0; i < 200000; ++i) {
            const bool tests_now = !k.drift_detected() && k.width() + 1 >= static_cast<std::size_t>(cfg.window_size);
            if (k.update(z()) == dr::status::drift) ++alarms;
            tests += tests_now ? 1 : 0;
        }
        const double rate = static_cast<double>(alarms) / static_cast<double>(tests);
        MESSAGE("KSWIN false alarms per test on a stationary stream: " << rate << " (single-test probability " << p
                                                                       << ", alpha " << cfg.alpha << ")");
        CHECK(alarms > 0);
        CHECK(rate < p);
    }
}

TEST_CASE("KSWIN detects a shift, is reproducible by seed, and resets after a drift") {
    auto run = [](std::uint64_t seed) {
        dr::kswin k({0.005, 100, 30, seed});
        normal_source z(11);
        std::vector<int> drifts;
        for (int i = 0; i < 3000; ++i) {
            const double x = z() + (i >= 1500 ? 2.0 : 0.0);
            if (k.update(x) == dr::status::drift) {
                drifts.push_back(i);
                CHECK(k.p_value() <= 0.005);
                CHECK(k.statistic() > 0.1);
            }
        }
        return drifts;
    };
    const auto a = run(1), b = run(1), c = run(2);
    CHECK(a == b);
    const auto first_after = [](const std::vector<int>& d) {
        return *std::find_if(d.begin(), d.end(), [](int i) { return i >= 1500; });
    };
    CHECK(first_after(a) < 1530);
    CHECK(first_after(c) < 1530);
    // After a drift the window restarts empty: no test for window_size - 1 updates.
    for (std::size_t i = 1; i < a.size(); ++i) CHECK(a[i] - a[i - 1] >= 100);
}

TEST_CASE("KSWIN rejects bad input") {
    CHECK_THROWS_AS(dr::kswin({0.0, 100, 30, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::kswin({1.0, 100, 30, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::kswin({0.005, 59, 30, 0}), assay::invalid_argument);  // cannot draw 30 of 29
    CHECK_THROWS_AS(dr::kswin({0.005, 100, 0, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::kswin({0.005, 30000, 10001, 0}), assay::invalid_argument);
    CHECK_NOTHROW(dr::kswin({0.005, 60, 30, 0}));
    dr::kswin k;
    k.update(1.0);
    const auto before = k.save();
    CHECK_THROWS_AS(k.update(std::numeric_limits<double>::quiet_NaN()), assay::invalid_argument);
    CHECK_THROWS_AS(k.update(-std::numeric_limits<double>::infinity()), assay::invalid_argument);
    CHECK(k.save() == before);
}
