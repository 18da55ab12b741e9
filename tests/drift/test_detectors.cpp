// Drift detectors: hand-worked examples, the common interface, and bad input.
#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace dr = assay::drift;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

template <class D>
void feed(D& d, const std::vector<double>& xs) {
    for (double x : xs) d.update(x);
}

// A value the detector rejects leaves it exactly as it was.
template <class D>
void check_rejects(D& d, double x) {
    const auto before = d.save();
    CHECK_THROWS_AS(d.update(x), assay::invalid_argument);
    CHECK(d.save() == before);
}
}  // namespace

TEST_CASE("Page-Hinkley, worked by hand") {
    // min_instances 1, delta 0, alpha 1, mode up, threshold 1.5 on 0, 0, 3:
    // means 0, 0, 1; deviations 0, 0, 2; up = 0, 0, 2; min(up) = 0 -> test 2 > 1.5.
    dr::page_hinkley_config cfg;
    cfg.min_instances = 1;
    cfg.delta = 0.0;
    cfg.alpha = 1.0;
    cfg.threshold = 1.5;
    cfg.mode = dr::page_hinkley_mode::up;
    dr::page_hinkley ph(cfg);
    CHECK(ph.update(0.0) == dr::status::stable);
    CHECK(ph.update(0.0) == dr::status::stable);
    CHECK(ph.update(3.0) == dr::status::drift);
    CHECK(ph.mean() == 1.0);
    CHECK(ph.test_increase() == 2.0);
    CHECK(ph.drift_detected());
    // The next update starts from scratch (River resets after a drift).
    CHECK(ph.update(5.0) == dr::status::stable);
    CHECK(ph.n() == 1.0);
    CHECK(ph.mean() == 5.0);
    // Mode down ignores the same increase (down = 0, 0, 2 is its own maximum) ...
    cfg.mode = dr::page_hinkley_mode::down;
    dr::page_hinkley down(cfg);
    feed(down, {0.0, 0.0, 3.0});
    CHECK_FALSE(down.drift_detected());
    CHECK(down.test_decrease() == 0.0);
    // ... and catches the mirror image: 0, 0, -3 gives down = 0, 0, -2, max(down) = 0.
    down.reset();
    feed(down, {0.0, 0.0, -3.0});
    CHECK(down.drift_detected());
    CHECK(down.test_decrease() == 2.0);
    cfg.mode = dr::page_hinkley_mode::up;
    dr::page_hinkley up(cfg);
    feed(up, {0.0, 0.0, -3.0});
    CHECK_FALSE(up.drift_detected());
}

TEST_CASE("DDM, worked by hand") {
    // warm_start 2: values 0, 0, 1. After the third, p = 1/3, s = sqrt(2/9/3).
    dr::ddm d({2, 2.0, 3.0});
    feed(d, {0.0, 0.0});
    CHECK(d.p() == 0.0);
    CHECK(std::isnan(d.p_min()));
    CHECK(d.update(1.0) == dr::status::stable);  // first decision sets the minimum
    CHECK(d.p() == doctest::Approx(1.0 / 3.0));
    CHECK(d.s() == doctest::Approx(std::sqrt(2.0 / 27.0)));
    CHECK(d.p_min() == d.p());
    CHECK(d.s_min() == d.s());
    // Another error: p = 1/2, s = sqrt(1/16) = 1/4; p + s = 0.75 > p_min + 3 s_min = 1/3 + 3*0.272 = 1.15? no.
    CHECK(d.update(1.0) == dr::status::stable);
    CHECK(d.p() == doctest::Approx(0.5));
    CHECK(d.s() == doctest::Approx(0.25));
}

TEST_CASE("ADWIN on a stationary alternating stream keeps the whole window") {
    dr::adwin a;
    std::vector<double> xs;
    for (int i = 0; i < 1000; ++i) xs.push_back(i % 2);
    for (double x : xs) CHECK(a.update(x) == dr::status::stable);
    CHECK(a.width() == 1000.0);
    CHECK(a.total() == 500.0);
    CHECK(a.estimation() == 0.5);
    CHECK(a.variance() == doctest::Approx(250.0));  // sum of squared deviations: 1000 * 0.25
    CHECK(a.variance_in_window() == doctest::Approx(0.25));
    CHECK(a.n_detections() == 0);
    CHECK(a.n_updates() == 1000);
    // Exponential histogram: at most max_buckets buckets per size, sizes add up to the width.
    CHECK(a.n_buckets() <= 5 * 10);
    a.reset();
    CHECK(a.width() == 0.0);
    CHECK(a.estimation() == 0.0);
    CHECK(a.n_updates() == 0);
}

TEST_CASE("ADWIN detects an abrupt jump and drops the old part of the window") {
    dr::adwin a;
    int first_drift = -1;
    for (int i = 0; i < 2000; ++i) {
        const double x = i < 1000 ? (i % 10 == 0 ? 1.0 : 0.0) : (i % 2 == 0 ? 1.0 : 0.0);
        if (a.update(x) == dr::status::drift && first_drift < 0) {
            first_drift = i;
            CHECK(a.width() < 1000.0 + (i - 1000) + 1);
            CHECK(a.estimation() > 0.1);
        }
    }
    CHECK(first_drift > 1000);
    CHECK(first_drift < 1200);
}

TEST_CASE("status helpers") {
    CHECK(std::string(dr::to_string(dr::status::stable)) == "stable");
    CHECK(std::string(dr::to_string(dr::status::warning)) == "warning");
    CHECK(std::string(dr::to_string(dr::status::drift)) == "drift");
}

TEST_CASE("reset() returns a detector to its freshly constructed state") {
    std::vector<double> bits;
    for (int i = 0; i < 3000; ++i) bits.push_back((i * 7919 % 13) < (i < 1500 ? 2 : 7) ? 1.0 : 0.0);
    auto check_reset = [&](auto d) {
        const auto fresh = d.save();
        feed(d, bits);
        d.reset();
        CHECK(d.save() == fresh);
    };
    check_reset(dr::adwin{});
    check_reset(dr::ddm{});
    check_reset(dr::eddm{});
    check_reset(dr::page_hinkley{});
    check_reset(dr::hddm_a{});
    check_reset(dr::hddm_w{});
}

TEST_CASE("non-finite values are rejected and leave the detector unchanged") {
    dr::adwin a;
    feed(a, {0.1, 0.2, 0.3});
    check_rejects(a, nan_v);
    check_rejects(a, inf_v);
    check_rejects(a, -inf_v);
    CHECK_THROWS_WITH_AS(a.update(nan_v), "assay::drift::adwin::update: x: must be finite, got nan",
                         assay::invalid_argument);
    dr::page_hinkley ph;
    feed(ph, {1.0, 2.0});
    check_rejects(ph, nan_v);
    check_rejects(ph, inf_v);
}

TEST_CASE("binary detectors take exactly 0 or 1") {
    auto check_binary = [](auto d, const char* name) {
        feed(d, {0.0, 1.0, 0.0});
        for (double bad : {0.5, -1.0, 2.0, 1.0000000000000002, nan_v, inf_v}) check_rejects(d, bad);
        CHECK_THROWS_WITH_AS(d.update(0.5),
                             (std::string("assay::drift::") + name + "::update: x: must be 0 (correct) or 1 (error), got 0.5")
                                 .c_str(),
                             assay::invalid_argument);
        CHECK_NOTHROW(d.update(1.0));
        CHECK_NOTHROW(d.update(0.0));
    };
    check_binary(dr::ddm{}, "ddm");
    check_binary(dr::eddm{}, "eddm");
    check_binary(dr::hddm_a{}, "hddm_a");
    check_binary(dr::hddm_w{}, "hddm_w");
}

TEST_CASE("invalid parameters are rejected") {
    using assay::invalid_argument;
    auto adwin_with = [](auto edit) {
        dr::adwin_config c;
        edit(c);
        return dr::adwin(c);
    };
    CHECK_THROWS_WITH_AS(adwin_with([](dr::adwin_config& c) { c.delta = 0.0; }),
                         "assay::drift::adwin: delta: must lie in (0, 1), got 0", invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.delta = 1.0; }), invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.delta = nan_v; }), invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.delta = -0.1; }), invalid_argument);
    CHECK_THROWS_WITH_AS(adwin_with([](dr::adwin_config& c) { c.clock = 0; }),
                         "assay::drift::adwin: clock: must be at least 1, got 0", invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.max_buckets = 1; }), invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.min_window_length = 0; }), invalid_argument);
    CHECK_THROWS_AS(adwin_with([](dr::adwin_config& c) { c.grace_period = -1; }), invalid_argument);
    CHECK_NOTHROW(adwin_with([](dr::adwin_config& c) { c.clock = 1; c.max_buckets = 2; c.grace_period = 0; }));

    CHECK_THROWS_AS(dr::ddm({-1, 2.0, 3.0}), invalid_argument);
    CHECK_THROWS_AS(dr::ddm({30, 0.0, 3.0}), invalid_argument);
    CHECK_THROWS_WITH_AS(dr::ddm({30, 2.0, 1.0}),
                         "assay::drift::ddm: config: drift_threshold must be finite and at least warning_threshold",
                         invalid_argument);
    CHECK_THROWS_AS(dr::ddm({30, nan_v, 3.0}), invalid_argument);
    CHECK_THROWS_AS(dr::ddm({30, 2.0, inf_v}), invalid_argument);

    CHECK_THROWS_AS(dr::eddm({30, 0.9, 0.95}), invalid_argument);  // alpha < beta
    CHECK_THROWS_AS(dr::eddm({30, 1.5, 0.9}), invalid_argument);
    CHECK_THROWS_AS(dr::eddm({30, 0.95, 0.0}), invalid_argument);
    CHECK_THROWS_AS(dr::eddm({-1, 0.95, 0.9}), invalid_argument);

    auto ph_with = [](auto edit) {
        dr::page_hinkley_config c;
        edit(c);
        return dr::page_hinkley(c);
    };
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.min_instances = 0; }), invalid_argument);
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.threshold = 0.0; }), invalid_argument);
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.alpha = 0.0; }), invalid_argument);
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.alpha = 1.5; }), invalid_argument);
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.delta = -1.0; }), invalid_argument);
    CHECK_THROWS_AS(ph_with([](dr::page_hinkley_config& c) { c.mode = static_cast<dr::page_hinkley_mode>(7); }),
                    invalid_argument);

    CHECK_THROWS_AS(dr::hddm_a({0.0, 0.005, false}), invalid_argument);
    CHECK_THROWS_AS(dr::hddm_a({0.001, 1.0, false}), invalid_argument);
    CHECK_THROWS_AS(dr::hddm_w({0.001, 0.005, 0.0, false}), invalid_argument);
    CHECK_THROWS_AS(dr::hddm_w({0.001, 0.005, 1.5, false}), invalid_argument);
    CHECK_THROWS_AS(dr::hddm_w({nan_v, 0.005, 0.05, false}), invalid_argument);
}

TEST_CASE("defaults equal River 0.26's") {
    const dr::adwin_config a;
    CHECK(a.delta == 0.002);
    CHECK(a.clock == 32);
    CHECK(a.max_buckets == 5);
    CHECK(a.min_window_length == 5);
    CHECK(a.grace_period == 10);
    CHECK(a.reset_on_drift);
    const dr::ddm_config d;
    CHECK(d.warm_start == 30);
    CHECK(d.warning_threshold == 2.0);
    CHECK(d.drift_threshold == 3.0);
    const dr::eddm_config e;
    CHECK(e.warm_start == 30);
    CHECK(e.alpha == 0.95);
    CHECK(e.beta == 0.9);
    const dr::page_hinkley_config p;
    CHECK(p.min_instances == 30);
    CHECK(p.delta == 0.005);
    CHECK(p.threshold == 50.0);
    CHECK(p.alpha == 1 - 0.0001);
    CHECK(p.mode == dr::page_hinkley_mode::both);
    const dr::hddm_a_config ha;
    CHECK(ha.drift_confidence == 0.001);
    CHECK(ha.warning_confidence == 0.005);
    CHECK_FALSE(ha.two_sided_test);
    const dr::hddm_w_config hw;
    CHECK(hw.lambda_val == 0.05);
    CHECK_FALSE(hw.two_sided_test);
}

namespace {
// River's AdaptiveWindowing written the plain way (every division and square
// root as River evaluates them), to check the library's division-free cut
// filter against it on many streams.
struct plain_adwin {
    double delta;
    int clock, m, min_len, grace;
    std::vector<std::vector<std::pair<double, double>>> rows;  // oldest bucket first in each row
    double total = 0, variance = 0, width = 0;
    long tick = 0;
    plain_adwin(double d, int c, int mb, int ml, int gp) : delta(d), clock(c), m(mb), min_len(ml), grace(gp) {}
    void reset() {
        rows.clear();
        total = variance = width = 0;
        tick = 0;
    }
    bool update(double x) {
        if (rows.empty()) rows.emplace_back();
        rows[0].emplace_back(x, 0.0);
        width += 1;
        if (width > 1) variance += (width - 1) * (x - total / (width - 1)) * (x - total / (width - 1)) / width;
        total += x;
        for (std::size_t r = 0; r < rows.size() && static_cast<int>(rows[r].size()) == m + 1; ++r) {
            if (r + 1 == rows.size()) rows.emplace_back();
            const double n = std::ldexp(1.0, static_cast<int>(r));
            const auto b0 = rows[r][0], b1 = rows[r][1];
            const double mu1 = b0.first / n, mu2 = b1.first / n;
            rows[r + 1].emplace_back(b0.first + b1.first, b0.second + b1.second + n * n * (mu1 - mu2) * (mu1 - mu2) / (n + n));
            rows[r].erase(rows[r].begin(), rows[r].begin() + 2);
            if (static_cast<int>(rows[r + 1].size()) <= m) break;
        }
        ++tick;
        bool changed = false;
        if (tick % clock == 0 && width > grace) {
            for (bool again = true; again;) {
                again = false;
                double n0 = 0, n1 = width, u0 = 0, u1 = total;
                for (std::size_t r = rows.size(); r-- > 0 && !again;) {
                    const double size = std::ldexp(1.0, static_cast<int>(r));
                    for (std::size_t k = 0; k < rows[r].size(); ++k) {
                        n0 += size;
                        n1 -= size;
                        u0 += rows[r][k].first;
                        u1 -= rows[r][k].first;
                        if (r == 0 && k + 1 == rows[r].size()) break;
                        const double dm = u0 / n0 - u1 / n1;
                        if (n1 >= min_len && n0 >= min_len) {
                            const double dp = std::log(2 * std::log(width) / delta);
                            const double mr = 1.0 / (n0 - min_len + 1) + 1.0 / (n1 - min_len + 1);
                            const double eps = std::sqrt(2 * mr * (variance / width) * dp) + 2.0 / 3.0 * dp * mr;
                            if (std::fabs(dm) > eps) {
                                again = changed = true;
                                const std::size_t last = rows.size() - 1;
                                const double n = std::ldexp(1.0, static_cast<int>(last));
                                const double u = rows[last][0].first, v = rows[last][0].second;
                                width -= n;
                                total -= u;
                                const double mw = total / width, mu = u / n;
                                variance -= v + n * width * (mu - mw) * (mu - mw) / (n + width);
                                rows[last].erase(rows[last].begin());
                                if (rows[last].empty()) rows.pop_back();
                                break;
                            }
                        }
                    }
                }
            }
        }
        return changed;
    }
};
}  // namespace

TEST_CASE("ADWIN's division-free cut filter decides exactly as River's arithmetic") {
    assay::rng g(99);
    std::size_t total_drifts = 0;
    for (int trial = 0; trial < 60; ++trial) {
        const double delta = trial % 3 == 0 ? 0.002 : (trial % 3 == 1 ? 0.05 : 1e-4);
        const int clock = trial % 4 == 0 ? 1 : 32 / (1 + trial % 3);
        const int m = 2 + trial % 5, min_len = 1 + trial % 7, grace = (trial * 7) % 30;
        dr::adwin_config cfg{delta, clock, m, min_len, grace, true, false};
        dr::adwin fast(cfg);
        plain_adwin plain(delta, clock, m, min_len, grace);
        // Bernoulli, Gaussian-like, a large offset (cancellation) and constant pieces.
        const double offset = trial % 5 == 4 ? 1e7 : 0.0;
        double level = 0.0;
        bool drift = false;
        std::size_t mismatches = 0, drifts = 0;
        for (int i = 0; i < 6000; ++i) {
            if (i % 1500 == 0) level = static_cast<double>(assay::uniform_index(g, 4)) * 0.3;
            double x;
            switch (trial % 4) {
                case 0: x = assay::uniform_real(g) < 0.1 + level ? 1.0 : 0.0; break;
                case 1: x = level + assay::uniform_real(g) + assay::uniform_real(g) - 1.0; break;
                case 2: x = (i / 500) % 2 == 0 ? level : level + assay::uniform_real(g) * 1e-9; break;
                default: x = std::floor(assay::uniform_real(g) * 5.0) * (1.0 + level); break;
            }
            x += offset;
            if (drift) plain.reset();
            drift = plain.update(x);
            const bool got = fast.update(x) == dr::status::drift;
            mismatches += got != drift;
            drifts += drift;
            if (got != drift) break;
        }
        total_drifts += drifts;
        CAPTURE(trial);
        CHECK(mismatches == 0);
        CHECK(fast.width() == plain.width);
        CHECK(fast.total() == plain.total);
        CHECK(fast.variance() == plain.variance);
    }
    MESSAGE("ADWIN filter check: " << total_drifts << " drifts over 60 streams");
    CHECK(total_drifts > 100);
}

