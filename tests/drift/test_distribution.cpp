// Feature-distribution drift statistics: the `drift_stats` reference cases
// (scipy 1.10.1 and the definitions in tests/reference/README.md),
// hand-worked examples, properties and bad input.
#include "reference.hpp"

#include <assay/drift/distribution.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace ref = assay_test::ref;
namespace drift = assay::drift;

namespace {

drift::ks_options ks_options_of(const ref::check& c) {
    drift::ks_options o;
    const auto alt = c.param<std::string>("alternative", "two-sided");
    o.alternative = alt == "less" ? drift::ks_alternative::less
                                  : (alt == "greater" ? drift::ks_alternative::greater : drift::ks_alternative::two_sided);
    const auto method = c.param<std::string>("method", "auto");
    o.method = method == "exact" ? drift::ks_method::exact
                                 : (method == "asymp" ? drift::ks_method::asymp : drift::ks_method::automatic);
    return o;
}

ref::json distances_json(const drift::histogram_distance_result& d) {
    return {{"jensenshannon_base_e", d.jensenshannon},
            {"jensenshannon_base_2", d.jensenshannon_base2},
            {"hellinger", d.hellinger},
            {"hellinger_unnormalized", d.hellinger_unnormalized},
            {"bhattacharyya_coefficient", d.bhattacharyya_coefficient},
            {"psi", d.psi}};
}

}  // namespace

TEST_CASE("reference drift_stats") {
    ref::run_family("drift_stats", [](ref::check& c) {
        const std::string& f = c.name();
        if (f == "ks_2samp") {
            const auto a = c.arg_doubles("data1");
            const auto b = c.arg_doubles("data2");
            const auto r = drift::ks_2samp(a, b, ks_options_of(c));
            c.expect({{"statistic", r.statistic},
                      {"pvalue", r.pvalue},
                      {"statistic_location", r.statistic_location},
                      {"statistic_sign", r.statistic_sign}});
            return true;
        }
        if (f == "psi_quantile" || f == "psi_uniform") {
            drift::psi_options o;
            o.n_bins = c.param<std::size_t>("n_bins", 10);
            o.eps = c.param_double("eps", 1e-4);
            o.binning = f == "psi_quantile" ? drift::psi_binning::quantile : drift::psi_binning::uniform;
            const auto r = drift::psi(c.arg_doubles("reference"), c.arg_doubles("current"), o);
            c.expect({{"psi", r.psi}, {"edges", r.edges}, {"ref_counts", r.ref_counts}, {"cur_counts", r.cur_counts}});
            return true;
        }
        if (f == "histogram_distances") {
            if (c.has_arg("p_counts")) {
                const auto d = drift::histogram_distances(c.arg_doubles("p_counts"), c.arg_doubles("q_counts"),
                                                          c.param_double("eps", 1e-4));
                c.expect(distances_json(d));
                return true;
            }
            const auto ref_values = c.arg_doubles("reference");
            const auto cur_values = c.arg_doubles("current");
            std::vector<std::size_t> p, q;
            const auto histogram = c.param<std::string>("histogram", "");
            if (histogram == "quantile10") {
                const drift::reference_bins bins(ref_values, 10, drift::psi_binning::quantile);
                c.expect_part(c.params().at("edges"), bins.edges(), "edges");
                p = bins.count(ref_values);
                q = bins.count(cur_values);
            } else if (histogram == "uniform20") {
                double lo = ref_values[0], hi = ref_values[0];
                for (double v : ref_values) lo = std::min(lo, v), hi = std::max(hi, v);
                for (double v : cur_values) lo = std::min(lo, v), hi = std::max(hi, v);
                p = drift::histogram_counts(ref_values, 20, lo, hi);
                q = drift::histogram_counts(cur_values, 20, lo, hi);
            } else {
                return false;
            }
            auto got = distances_json(drift::histogram_distances(p, q));
            got["p_counts"] = p;
            got["q_counts"] = q;
            c.expect(got);
            return true;
        }
        if (f == "wasserstein_distance" || f == "energy_distance") {
            const auto u = c.arg_doubles("u_values");
            const auto v = c.arg_doubles("v_values");
            const bool weighted = c.has_arg("u_weights");
            double d;
            if (f == "wasserstein_distance") {
                d = weighted ? drift::wasserstein_distance(u, v, c.arg_doubles("u_weights"), c.arg_doubles("v_weights"))
                             : drift::wasserstein_distance(u, v);
            } else {
                d = weighted ? drift::energy_distance(u, v, c.arg_doubles("u_weights"), c.arg_doubles("v_weights"))
                             : drift::energy_distance(u, v);
            }
            c.expect(d);
            return true;
        }
        if (f == "chi2_contingency") {
            const auto r = drift::chi2_contingency(c.arg_doubles("observed_row0"), c.arg_doubles("observed_row1"),
                                                   c.param<bool>("correction", true));
            c.expect({{"statistic", r.statistic}, {"pvalue", r.pvalue}, {"dof", r.dof}, {"expected", r.expected}});
            return true;
        }
        return false;
    });
}

TEST_CASE("ks_2samp: hand-worked small samples") {
    // reference {1, 2, 3}, current {2.5, 4}: F_ref − F_cur at the pooled
    // values 1, 2, 3, 2.5, 4 is 1/3, 2/3, 1/2, 1/6, 0; D = 2/3 at 2 (sign +1).
    const std::vector<double> a{3, 1, 2}, b{4, 2.5};
    drift::ks_options o;
    o.method = drift::ks_method::exact;
    const auto r = drift::ks_2samp(a, b, o);
    CHECK(r.statistic == doctest::Approx(2.0 / 3.0));
    CHECK(r.statistic_location == 2.0);
    CHECK(r.statistic_sign == 1);
    // Exact two-sided p: the share of the C(5,2) = 10 placements of the two
    // current values among the five ranks whose D reaches 2/3. Ranks {0,1},
    // {3,4} give D = 1 and {0,2}, {1,2}, {2,3}, {2,4} give 2/3: p = 6/10.
    CHECK(r.pvalue == doctest::Approx(0.6));
    // Identical samples: D = 0, p = 1.
    const auto same = drift::ks_2samp(a, a);
    CHECK(same.statistic == 0.0);
    CHECK(same.pvalue == 1.0);
}

TEST_CASE("ks_2samp: the exact p-value is a valid, symmetric tail probability") {
    assay::rng g(5);
    for (int trial = 0; trial < 20; ++trial) {
        const std::size_t n1 = 5 + assay::uniform_index(g, 40), n2 = 5 + assay::uniform_index(g, 40);
        std::vector<double> a(n1), b(n2);
        for (auto& v : a) v = assay::uniform_real(g);
        for (auto& v : b) v = assay::uniform_real(g) + 0.1;
        drift::ks_options o;
        o.method = drift::ks_method::exact;
        const auto ab = drift::ks_2samp(a, b, o);
        const auto ba = drift::ks_2samp(b, a, o);
        CHECK(ab.statistic == ba.statistic);
        CHECK(ab.pvalue == doctest::Approx(ba.pvalue).epsilon(1e-12));
        CHECK(ab.pvalue >= 0.0);
        CHECK(ab.pvalue <= 1.0);
        o.alternative = drift::ks_alternative::greater;
        const auto greater = drift::ks_2samp(a, b, o);
        o.alternative = drift::ks_alternative::less;
        const auto less = drift::ks_2samp(b, a, o);
        CHECK(greater.statistic == less.statistic);  // D+ of (a, b) is D- of (b, a)
        CHECK(greater.pvalue == doctest::Approx(less.pvalue).epsilon(1e-12));
        if (ab.statistic_sign == 1) {
            // Same D: one tail is at most both, and both at most twice one.
            REQUIRE(greater.statistic == ab.statistic);
            CHECK(greater.pvalue <= ab.pvalue + 1e-12);
            CHECK(ab.pvalue <= 2.0 * greater.pvalue + 1e-12);
        }
    }
}

TEST_CASE("psi and histogram distances: hand-worked") {
    // Two bins, shares p = (0.5, 0.5), q = (0.25, 0.75):
    // PSI = (0.25−0.5)·ln(0.5) + (0.75−0.5)·ln(1.5).
    const std::vector<double> p{10, 10}, q{5, 15};
    CHECK(drift::psi_from_counts(p, q) == doctest::Approx(-0.25 * std::log(0.5) + 0.25 * std::log(1.5)));
    const auto d = drift::histogram_distances(p, q);
    const double bc = std::sqrt(0.5 * 0.25) + std::sqrt(0.5 * 0.75);
    CHECK(d.bhattacharyya_coefficient == doctest::Approx(bc));
    CHECK(d.hellinger == doctest::Approx(std::sqrt(1 - bc)));
    CHECK(d.hellinger_unnormalized == doctest::Approx(std::sqrt(2.0) * d.hellinger));
    CHECK(d.jensenshannon_base2 == doctest::Approx(d.jensenshannon / std::sqrt(std::log(2.0))));
    const auto zero = drift::histogram_distances(p, p);
    CHECK(zero.hellinger == 0.0);
    CHECK(zero.jensenshannon == 0.0);
    CHECK(zero.psi == 0.0);

    // An empty current bin is floored at eps instead of giving infinity.
    const std::vector<double> empty_bin{0, 20};
    CHECK(std::isfinite(drift::psi_from_counts(p, empty_bin)));

    // Values on an edge go to the bin above.
    const drift::reference_bins bins(std::vector<double>{1.0, 2.0});
    CHECK(bins.n_bins() == 3);
    CHECK(bins.bin_of(0.5) == 0);
    CHECK(bins.bin_of(1.0) == 1);
    CHECK(bins.bin_of(2.0) == 2);
}

TEST_CASE("distances between samples: hand-worked and properties") {
    // Shifting a sample by c moves it by exactly c in Wasserstein-1.
    const std::vector<double> u{0.0, 1.0, 3.0}, v{2.0, 3.0, 5.0};
    CHECK(drift::wasserstein_distance(u, v) == doctest::Approx(2.0));
    CHECK(drift::wasserstein_distance(u, u) == 0.0);
    // Integer weights equal repeated values.
    const std::vector<double> w{2, 1, 1}, ones{1, 1, 1};
    const std::vector<double> repeated{0.0, 0.0, 1.0, 3.0};
    CHECK(drift::wasserstein_distance(u, v, w, ones) == doctest::Approx(drift::wasserstein_distance(repeated, v)));
    CHECK(drift::energy_distance(u, v, w, ones) == doctest::Approx(drift::energy_distance(repeated, v)));
    // Energy distance of {0} and {1}: sqrt(2·∫_0^1 1) = sqrt(2).
    CHECK(drift::energy_distance(std::vector<double>{0.0}, std::vector<double>{1.0}) == doctest::Approx(std::sqrt(2.0)));
}

TEST_CASE("chi2_contingency: hand-worked 2 x 3 table") {
    // [[10, 20, 30], [20, 20, 20]]: totals 60/60, columns 30/40/50, expected
    // 15/20/25 per row; statistic = 2·(25/15 + 0 + 25/25) = 16/3, dof 2,
    // p = exp(−statistic/2) for 2 degrees of freedom.
    const auto r = drift::chi2_contingency(std::vector<int>{10, 20, 30}, std::vector<int>{20, 20, 20});
    CHECK(r.dof == 2);
    CHECK(r.statistic == doctest::Approx(16.0 / 3.0));
    CHECK(r.pvalue == doctest::Approx(std::exp(-8.0 / 3.0)));
    CHECK(r.expected[0][2] == doctest::Approx(25.0));
    const auto one = drift::chi2_contingency(std::vector<int>{5}, std::vector<int>{7});
    CHECK(one.dof == 0);
    CHECK(one.pvalue == 1.0);
}

TEST_CASE("drift statistics: bad input") {
    const std::vector<double> ok{1, 2, 3}, empty;
    const std::vector<double> with_nan{1, std::nan(""), 3};
    CHECK_THROWS_WITH_AS(drift::ks_2samp(empty, ok), "assay::drift::ks_2samp: reference: is empty",
                         assay::invalid_argument);
    CHECK_THROWS_WITH_AS(drift::ks_2samp(ok, with_nan), "assay::drift::ks_2samp: current: value at index 1 is nan",
                         assay::invalid_argument);
    drift::psi_options zero_bins;
    zero_bins.n_bins = 0;
    CHECK_THROWS_AS(drift::psi(ok, ok, zero_bins), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi(ok, empty), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi(ok, with_nan), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi_from_counts(ok, std::vector<double>{1, 2}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi_from_counts(ok, std::vector<double>{0, 0, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi_from_counts(ok, std::vector<double>{1, -1, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::psi_from_counts(ok, ok, 0.0), assay::invalid_argument);
    CHECK_THROWS_AS(drift::histogram_distances(ok, std::vector<double>{0, 0, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::wasserstein_distance(ok, empty), assay::invalid_argument);
    CHECK_THROWS_AS(drift::wasserstein_distance(ok, ok, std::vector<double>{1, 1}, ok), assay::invalid_argument);
    CHECK_THROWS_AS(drift::wasserstein_distance(ok, ok, std::vector<double>{0, 0, 0}, ok), assay::invalid_argument);
    CHECK_THROWS_AS(drift::chi2_contingency(std::vector<int>{1, 0}, std::vector<int>{2, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::chi2_contingency(std::vector<int>{1, 2}, std::vector<int>{2}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::reference_bins(std::vector<double>{2.0, 1.0}), assay::invalid_argument);
    CHECK_THROWS_AS(drift::histogram_counts(ok, 0, 0.0, 1.0), assay::invalid_argument);
}
