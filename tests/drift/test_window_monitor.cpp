// The sliding-window feature monitor: its report equals the statistics
// computed directly on the window's rows; it flags a shifted feature and
// stays quiet on an unshifted one; bad input.
#include <assay/drift/window_monitor.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <deque>
#include <vector>

namespace drift = assay::drift;

namespace {

double normal(assay::rng& g) {
    const double u1 = 1.0 - assay::uniform_real(g), u2 = assay::uniform_real(g);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

}  // namespace

TEST_CASE("window_monitor: report equals the statistics of the window's rows") {
    assay::rng g(3);
    const std::size_t n_ref = 500, d = 3;
    std::vector<double> ref(n_ref * d);
    for (auto& v : ref) v = normal(g);
    drift::window_monitor_options o;
    o.window = 200;
    drift::window_monitor mon(assay::as_matrix_view(ref, d), o);
    CHECK(mon.n_features() == 3);

    std::deque<std::vector<double>> window;
    for (int t = 0; t < 750; ++t) {  // wraps the ring buffer several times
        std::vector<double> row{normal(g), 0.5 + normal(g), 2.0 * normal(g)};
        mon.update(row);
        window.push_back(row);
        if (window.size() > o.window) window.pop_front();
    }
    CHECK(mon.full());
    const auto report = mon.report();
    REQUIRE(report.features.size() == d);
    for (std::size_t j = 0; j < d; ++j) {
        std::vector<double> ref_col, live_col;
        for (std::size_t i = 0; i < n_ref; ++i) ref_col.push_back(ref[i * d + j]);
        for (const auto& row : window) live_col.push_back(row[j]);
        drift::psi_options po;
        const auto direct_psi = drift::psi(ref_col, live_col, po);
        const auto direct_ks = drift::ks_2samp(ref_col, live_col);
        CHECK(report.features[j].psi == doctest::Approx(direct_psi.psi).epsilon(1e-12));
        CHECK(report.features[j].ks.statistic == direct_ks.statistic);
        CHECK(report.features[j].ks.pvalue == doctest::Approx(direct_ks.pvalue).epsilon(1e-12));
    }
    // Feature 0 is unshifted, 1 is shifted by half a standard deviation and 2
    // has twice the spread: only the last two are flagged.
    CHECK_FALSE(report.features[0].drift);
    CHECK(report.features[1].drift);
    CHECK(report.features[2].drift);
    CHECK(report.any_drift());

    mon.reset();
    CHECK(mon.size() == 0);
    CHECK_THROWS_AS(mon.report(), assay::invalid_argument);
}

TEST_CASE("window_monitor: few false alarms on an unshifted stream") {
    assay::rng g(11);
    std::vector<double> ref(2000 * 5);
    for (auto& v : ref) v = normal(g);
    drift::window_monitor_options o;
    o.window = 300;
    drift::window_monitor mon(assay::as_matrix_view(ref, 5), o);
    int alarms = 0, reports = 0;
    std::vector<double> row(5);
    for (int t = 0; t < 30000; ++t) {
        for (auto& v : row) v = normal(g);
        mon.update(row);
        if (t % 300 == 299) {  // disjoint windows
            ++reports;
            alarms += mon.report().any_drift() ? 1 : 0;
        }
    }
    // With Bonferroni at alpha 0.01 across 5 features, and PSI < 0.25 for
    // samples of 300, at most a few of 100 windows may alarm.
    CHECK(reports == 100);
    CHECK(alarms <= 5);
}

TEST_CASE("window_monitor: bad input") {
    std::vector<double> ref{0.1, 1.0, 0.2, 2.0, 0.3, 3.0};
    const auto view = assay::as_matrix_view(ref, 2);
    drift::window_monitor_options small;
    small.window = 1;
    CHECK_THROWS_AS(drift::window_monitor(view, small), assay::invalid_argument);
    drift::window_monitor_options alpha;
    alpha.ks_alpha = 1.5;
    CHECK_THROWS_AS(drift::window_monitor(view, alpha), assay::invalid_argument);
    std::vector<double> bad_ref{0.1, std::nan("")};
    CHECK_THROWS_AS(drift::window_monitor(assay::as_matrix_view(bad_ref, 2)), assay::invalid_argument);
    drift::window_monitor mon(view);
    CHECK_THROWS_WITH_AS(mon.update(std::vector<double>{1.0}),
                         "assay::drift::window_monitor::update: row: has 1 elements but n_features has 2",
                         assay::invalid_argument);
    CHECK_THROWS_AS(mon.update(std::vector<double>{1.0, INFINITY}), assay::invalid_argument);
    CHECK(mon.size() == 0);  // nothing half-added
    mon.update(std::vector<double>{1.0, 2.0});
    CHECK_THROWS_AS(mon.report(), assay::invalid_argument);  // one row is not a sample
}
