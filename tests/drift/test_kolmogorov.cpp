// The finite-n Kolmogorov-Smirnov distributions behind ks_2samp's asymptotic
// p-values, against scipy 1.10.1 on a grid that visits every region where
// scipy switches method (tests/data/kolmogorov_scipy.json, made by
// tests/data/gen_kolmogorov.py). Tolerance: the p-value tolerance of the
// reference cases, rtol 1e-9, atol 1e-14.
#include "reference.hpp"

#include <assay/detail/kolmogorov.hpp>

#include <cmath>
#include <string>

namespace ref = assay_test::ref;

TEST_CASE("reference kolmogorov: scipy's kstwo.sf and smirnov") {
    const auto& data = ref::load("../data/kolmogorov_scipy.json");
    const ref::tolerance tol{false, 1e-9, 1e-14};
    for (const auto& row : data.at("rows")) {
        const auto n = row.at("n").get<std::int64_t>();
        const double x = row.at("x").get<double>();
        const double sf = assay::detail::kolmogorov_sf(n, x);
        const double sm = assay::detail::smirnov_sf(n, x);
        const bool ok_sf = tol.close(sf, row.at("kstwo_sf").get<double>());
        const bool ok_sm = tol.close(sm, row.at("smirnov").get<double>());
        CHECK_MESSAGE(ok_sf, "kstwo.sf(" << x << ", " << n << "): got " << sf << ", scipy " << row.at("kstwo_sf"));
        CHECK_MESSAGE(ok_sm, "smirnov(" << n << ", " << x << "): got " << sm << ", scipy " << row.at("smirnov"));
        ref::record("kolmogorov", ok_sf);
        ref::record("kolmogorov", ok_sm);
    }
}

TEST_CASE("kolmogorov: hand-worked values") {
    // n = 1: D_1 = max(U, 1 − U) ≥ 1/2, so P(D_1 > x) = 2(1 − x) on [1/2, 1].
    CHECK(assay::detail::kolmogorov_sf(1, 0.75) == doctest::Approx(0.5));
    // One-sided, n = 1: P(D+ >= x) = 1 − x.
    CHECK(assay::detail::smirnov_sf(1, 0.3) == doctest::Approx(0.7));
    // n = 2, x = 0.6 >= 1/2: P(D+_2 >= x) = (1 − x)^2 + 2x(1 − x − 1/2)... by the
    // Birnbaum-Tingey sum: j = 0: (1 − x)^2; total x·[(1 − x)^2/x] = 0.16.
    CHECK(assay::detail::smirnov_sf(2, 0.6) == doctest::Approx(0.16));
    CHECK(assay::detail::kolmogorov_sf(10, 0.0) == 1.0);
    CHECK(assay::detail::kolmogorov_sf(10, 1.0) == 0.0);
}
