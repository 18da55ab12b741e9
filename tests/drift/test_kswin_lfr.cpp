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

// ---------------------------------------------------------------------------
// Linear Four Rates.

TEST_CASE("linear_four_rates::normal_quantile equals scipy.stats.norm.ppf") {
    // Values printed by scipy 1.10.1's norm.ppf.
    const std::pair<double, double> table[] = {
        {1e-300, -37.0470962993612},      {1e-20, -9.262340089798409},    {1e-08, -5.612001244174789},
        {1.25e-05, -4.214799669992512},   {0.00125, -3.0233414397391476}, {0.02, -2.053748910631823},
        {0.02425, -1.972961051311885},    {0.3, -0.5244005127080409},     {0.5, 0.0},
        {0.7, 0.5244005127080407},        {0.975, 1.959963984540054},     {0.99999, 4.264890793923841},
        {1 - 1e-12, 7.0344869100478356}};
    for (const auto& entry : table) {
        const double p = entry.first, z = entry.second;
        CAPTURE(p);
        CHECK(dr::linear_four_rates::normal_quantile(p) == doctest::Approx(z).epsilon(1e-13));
    }
    CHECK_THROWS_AS(dr::linear_four_rates::normal_quantile(0.0), assay::invalid_argument);
    CHECK_THROWS_AS(dr::linear_four_rates::normal_quantile(1.0), assay::invalid_argument);
}

TEST_CASE("linear four rates, worked by hand") {
    dr::linear_four_rates lfr;  // eta 0.9
    // A true positive: TPR and PPV move, R = 0.9 * 0.5 + 0.1 = 0.55; TNR, NPV stay.
    CHECK(lfr.update(1, 1) == dr::status::stable);
    CHECK(lfr.statistic(dr::linear_four_rates::tpr) == doctest::Approx(0.55));
    CHECK(lfr.statistic(dr::linear_four_rates::ppv) == doctest::Approx(0.55));
    CHECK(lfr.statistic(dr::linear_four_rates::tnr) == 0.5);
    CHECK(lfr.statistic(dr::linear_four_rates::npv) == 0.5);
    CHECK(lfr.rate_value(dr::linear_four_rates::tpr) == doctest::Approx(2.0 / 3.0));  // tp 2, fn 1
    // A false negative (y 1, predicted 0): TPR and NPV move towards 0.
    lfr.update(1, 0);
    CHECK(lfr.statistic(dr::linear_four_rates::tpr) == doctest::Approx(0.9 * 0.55));
    CHECK(lfr.statistic(dr::linear_four_rates::npv) == doctest::Approx(0.45));
    CHECK(lfr.rate_value(dr::linear_four_rates::npv) == doctest::Approx(1.0 / 3.0));  // tn 1, fn 2
    // Bonferroni: per-rate two-sided level / 4 -> quantile 1 - level / 8.
    CHECK(lfr.z_warning() == doctest::Approx(3.0233414397391476));
    CHECK(lfr.z_drift() == doctest::Approx(4.214799669992512));
}

namespace {
// A classifier on a balanced stream whose recall is `recall` and whose
// specificity is 0.85, drawn with assay::rng.
struct classifier_stream {
    assay::rng g;
    explicit classifier_stream(std::uint64_t seed) : g(seed) {}
    std::pair<double, double> next(double recall) {
        const double y = assay::uniform_real(g) < 0.5 ? 1.0 : 0.0;
        const double correct = y == 1.0 ? recall : 0.85;
        const double pred = assay::uniform_real(g) < correct ? y : 1.0 - y;
        return {y, pred};
    }
};
}  // namespace

TEST_CASE("linear four rates: rare false alarms, prompt detection of a recall collapse") {
    dr::linear_four_rates lfr;
    classifier_stream s(3);
    int drifts = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const auto [y, p] = s.next(0.9);
        drifts += lfr.update(y, p) == dr::status::drift;
    }
    MESSAGE("linear four rates: " << drifts << " false drifts in " << n << " stationary updates");
    // The normal bounds are lighter-tailed than the simulated ones: allow up
    // to three times the nominal family-wise level per update.
    CHECK(drifts <= 3 * n * 0.0001);

    dr::linear_four_rates after;
    classifier_stream t(4);
    int first = -1;
    for (int i = 0; i < 6000 && first < 0; ++i) {
        const auto [y, p] = t.next(i < 5000 ? 0.9 : 0.3);
        if (after.update(y, p) == dr::status::drift && i >= 5000) first = i;
    }
    CHECK(first >= 5000);
    CHECK(first < 5100);
}

TEST_CASE("linear four rates: bad input, reset and checkpoint round trip") {
    CHECK_THROWS_AS(dr::linear_four_rates({1.0, 0.01, 0.0001, 50}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::linear_four_rates({0.9, 0.01, 0.1, 50}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::linear_four_rates({0.9, 0.0, 0.0, 50}), assay::invalid_argument);
    CHECK_THROWS_AS(dr::linear_four_rates({0.9, 0.01, 0.0001, -1}), assay::invalid_argument);
    dr::linear_four_rates lfr;
    const auto fresh = lfr.save();
    lfr.update(1, 0);
    const auto before = lfr.save();
    CHECK_THROWS_WITH_AS(lfr.update(0.5, 1), "assay::drift::linear_four_rates::update: y_true: must be 0 or 1, got 0.5",
                         assay::invalid_argument);
    CHECK_THROWS_AS(lfr.update(1, 2), assay::invalid_argument);
    CHECK_THROWS_AS(lfr.update(1, std::numeric_limits<double>::quiet_NaN()), assay::invalid_argument);
    CHECK(lfr.save() == before);
    lfr.reset();
    CHECK(lfr.save() == fresh);

    // save -> load -> continue == uninterrupted, cut at several points.
    std::vector<std::pair<double, double>> pairs;
    classifier_stream s(9);
    for (int i = 0; i < 20000; ++i) pairs.push_back(s.next(i < 8000 ? 0.9 : (i < 14000 ? 0.4 : 0.9)));
    dr::linear_four_rates whole;
    std::vector<dr::status> expected;
    for (const auto& [y, p] : pairs) expected.push_back(whole.update(y, p));
    CHECK(std::count(expected.begin(), expected.end(), dr::status::drift) >= 1);
    for (std::size_t cut : {std::size_t{1}, std::size_t{60}, std::size_t{8000}, std::size_t{15000}}) {
        dr::linear_four_rates first;
        std::vector<dr::status> got;
        for (std::size_t i = 0; i < cut; ++i) got.push_back(first.update(pairs[i].first, pairs[i].second));
        dr::linear_four_rates resumed({0.5, 0.2, 0.1, 3});
        resumed.load(first.save());
        for (std::size_t i = cut; i < pairs.size(); ++i) got.push_back(resumed.update(pairs[i].first, pairs[i].second));
        CHECK(got == expected);
        CHECK(resumed.save() == whole.save());
    }
    // Damaged checkpoints are refused.
    const auto good = whole.save();
    dr::linear_four_rates target;
    for (std::size_t n = 0; n < good.size(); ++n) CHECK_THROWS_AS(target.load(good.data(), n), assay::corrupt_state);
    for (std::size_t i = 0; i < good.size(); ++i) {
        auto bad = good;
        bad[i] ^= 0x5a;
        CHECK_THROWS_AS(target.load(bad), assay::corrupt_state);
    }
    CHECK(target.save() == fresh);
}

TEST_CASE("KSWIN's statistic equals a direct KS count of its two windows") {
    // With window_size = 2 * stat_size the drawn sample is the whole older
    // half, so the statistic can be recomputed from the window itself.
    for (int r : {7, 30, 31}) {
        for (int ties = 0; ties < 2; ++ties) {
            dr::kswin k({0.001, 2 * r, r, 5});
            assay::rng g(static_cast<std::uint64_t>(r * 10 + ties));
            std::vector<double> window;
            std::size_t checked = 0;
            for (int i = 0; i < 4000; ++i) {
                const double x = ties ? std::floor(assay::uniform_real(g) * 4.0) + (i > 2000 ? 1.0 : 0.0)
                                      : assay::uniform_real(g) + (i > 2000 ? 0.3 : 0.0);
                if (k.drift_detected()) window.clear();
                window.push_back(x);
                if (window.size() > static_cast<std::size_t>(2 * r)) window.erase(window.begin());
                k.update(x);
                if (window.size() == static_cast<std::size_t>(2 * r)) {
                    std::vector<double> a(window.begin(), window.begin() + r), b(window.begin() + r, window.end());
                    std::sort(a.begin(), a.end());
                    std::sort(b.begin(), b.end());
                    const int h = dr::kswin::statistic_count(a.data(), b.data(), static_cast<std::size_t>(r));
                    CHECK(k.statistic() == static_cast<double>(h) / r);
                    CHECK(k.p_value() == dr::kswin::exact_p_value(r, h));
                    ++checked;
                }
            }
            CHECK(checked > 1000);
        }
    }
}
