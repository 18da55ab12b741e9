// assay/detail/kolmogorov.hpp — distribution of the one-sample
// Kolmogorov-Smirnov statistics at finite n, as scipy 1.10.1 evaluates them
// (`scipy.special.smirnov` and `scipy.stats.kstwo.sf`, which follows Simard
// & L'Ecuyer 2011): the two-sided asymptotic p-value of ks_2samp needs the
// same method in each region of (n, x) to agree with scipy, because one of
// them (Pelz-Good) is itself an approximation.
#pragma once

#include "../config.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// One-sided Smirnov survival function P(D+_n >= x), exactly, by the
/// Birnbaum-Tingey sum x·Σ_{j=0}^{⌊n(1−x)⌋} C(n,j)(x + j/n)^{j−1}(1 − x − j/n)^{n−j},
/// every term positive and evaluated in log space. O(n).
inline double smirnov_sf(std::int64_t n, double x) {
    if (!(x > 0.0)) return 1.0;
    if (x >= 1.0) return 0.0;
    const double dn = static_cast<double>(n);
    const auto last = static_cast<std::int64_t>(std::floor(dn * (1.0 - x)));
    double log_binom = 0.0;  // log C(n, j), updated incrementally
    double sum = 0.0;
    for (std::int64_t j = 0; j <= std::min(last, n); ++j) {
        if (j > 0) log_binom += std::log(static_cast<double>(n - j + 1) / static_cast<double>(j));
        const double a = x + static_cast<double>(j) / dn;
        const double b = 1.0 - a;
        if (b <= 0.0) {
            if (j == n) sum += std::exp(log_binom + static_cast<double>(j - 1) * std::log(a));
            continue;
        }
        sum += std::exp(log_binom + static_cast<double>(j - 1) * std::log(a) + static_cast<double>(n - j) * std::log(b));
    }
    return std::min(std::max(x * sum, 0.0), 1.0);
}

/// P(D_n <= d) by Durbin's matrix method (Marsaglia, Tsang & Wang 2003):
/// with k = ⌈n·d⌉, h = k − n·d and the (2k−1)² matrix H, the probability is
/// n!/n^n · (H^n)[k−1][k−1]. Exact up to rounding; powers of two keep the
/// intermediate values in range. O(k³ log n).
inline double kolmogorov_cdf_durbin(std::int64_t n, double d) {
    const double nd = static_cast<double>(n) * d;
    if (d >= 1.0) return 1.0;
    if (nd <= 0.5) return 0.0;
    const auto k = static_cast<Eigen::Index>(std::ceil(nd));
    const double h = static_cast<double>(k) - nd;
    const Eigen::Index m = 2 * k - 1;
    // inv_factorial[i] = 1 / i!
    Eigen::VectorXd inv_factorial(m + 1);
    inv_factorial(0) = 1.0;
    for (Eigen::Index i = 1; i <= m; ++i) inv_factorial(i) = inv_factorial(i - 1) / static_cast<double>(i);
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(m, m);
    for (Eigen::Index i = 0; i < m; ++i) {
        for (Eigen::Index j = 0; j < m; ++j) {
            if (i - j + 1 >= 0) H(i, j) = inv_factorial(i - j + 1);
        }
    }
    for (Eigen::Index i = 0; i < m; ++i) {
        H(i, 0) = (1.0 - std::pow(h, static_cast<double>(i + 1))) * inv_factorial(i + 1);
        H(m - 1, m - 1 - i) = (1.0 - std::pow(h, static_cast<double>(i + 1))) * inv_factorial(i + 1);
    }
    H(m - 1, 0) = (1.0 - 2.0 * std::pow(h, static_cast<double>(m)) +
                   std::pow(std::max(2.0 * h - 1.0, 0.0), static_cast<double>(m))) *
                  inv_factorial(m);

    // H^n by squaring, tracking binary exponents separately.
    Eigen::MatrixXd result = Eigen::MatrixXd::Identity(m, m);
    long exponent = 0, h_exponent = 0;
    for (std::int64_t e = n; e > 0; e /= 2) {
        if (e % 2) {
            result = (result * H).eval();
            exponent += h_exponent;
        }
        H = (H * H).eval();
        h_exponent *= 2;
        if (std::fabs(H(k - 1, k - 1)) > 0x1p128) {
            H *= 0x1p-128;
            h_exponent += 128;
        }
        if (result.cwiseAbs().maxCoeff() > 0x1p128) {
            result *= 0x1p-128;
            exponent += 128;
        }
    }
    double p = result(k - 1, k - 1);
    // times n!/n^n
    const double dn = static_cast<double>(n);
    for (std::int64_t i = 1; i <= n; ++i) {
        p = static_cast<double>(i) * p / dn;
        if (std::fabs(p) < 0x1p-128) {
            p *= 0x1p128;
            exponent -= 128;
        }
    }
    return std::ldexp(p, static_cast<int>(exponent));
}

/// The Pelz-Good (1976) asymptotic expansion of P(D_n <= x): Li-Chien and
/// Korolyuk's K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2} with z = x√n, each
/// K written with Jacobi theta series for small z, summed over
/// k = ⌈16z/π⌉ ... 1 as scipy does.
inline double kolmogorov_cdf_pelz_good(std::int64_t n, double x) {
    constexpr double pi = 3.14159265358979323846;
    const double pi2 = pi * pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
    const double sqrt_2pi = std::sqrt(2.0 * pi);
    if (x <= 0.0) return 0.0;
    if (x >= 1.0) return 1.0;
    const double dn = static_cast<double>(n);
    const double z = std::sqrt(dn) * x;
    const double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2, z7 = z6 * z, z8 = z4 * z4, z10 = z8 * z2;
    const double qlog = -pi2 / 8.0 / z2;
    if (qlog < -708.0) return 0.0;
    const double q = std::exp(qlog);

    const double k1a = -z2, k1b = pi2 / 4.0;
    const double k2a = 6.0 * z6 + 2.0 * z4, k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0, k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    const double k3d = pi6 * (5.0 - 30.0 * z2) / 64.0, k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0,
                 k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0, k3a = -30.0 * z6 - 90.0 * z8;

    // Σ_k c(m) q^{m²} over odd m = 2k − 1, by Horner's scheme in q^{8k}.
    double K[4] = {0.0, 0.0, 0.0, 0.0};
    const auto maxk = static_cast<std::int64_t>(std::ceil(16.0 * z / pi));
    for (std::int64_t k = maxk; k >= 1; --k) {
        const double m = static_cast<double>(2 * k - 1);
        const double m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
        const double qpower = std::pow(q, static_cast<double>(8 * k));
        const double c[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
        for (int i = 0; i < 4; ++i) K[i] = K[i] * qpower + c[i];
    }
    const double scale[4] = {z, 6.0 * z4, 72.0 * z7, 6480.0 * z10};
    for (int i = 0; i < 4; ++i) K[i] = K[i] * q * sqrt_2pi / scale[i];

    // The terms over all integers k for K2 and K3.
    const double q2 = std::exp(-pi2 / 2.0 / z2);
    const double sqrt3z = std::sqrt(3.0) * z;
    double k2extra = 0.0, k3extra = 0.0;
    for (std::int64_t k = maxk; k >= 1; --k) {
        const double kk = static_cast<double>(k);
        const double k2 = kk * kk;
        const double qp = std::pow(q2, k2);
        k2extra += k2 * qp;
        k3extra += (sqrt3z + pi * kk) * (sqrt3z - pi * kk) * k2 * qp;
    }
    K[2] += k2extra * pi2 * sqrt_2pi / (-36.0 * z3);
    K[3] += k3extra * pi2 * sqrt_2pi / (216.0 * z6);
    double sum = 0.0;
    for (int i = 0; i < 4; ++i) sum += K[i] / std::pow(dn, static_cast<double>(i) / 2.0);
    return sum;
}

/// log(n!/n^n) by Stirling's series (n > 140 in use here).
inline double log_factorial_over_power(std::int64_t n) {
    // Bernoulli-number coefficients B_{2j}/(2j(2j−1)), j = 8..1.
    constexpr double c[8] = {-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3,
                             8.4175084175084175084e-4, -5.952380952380952381e-4, 7.9365079365079365079e-4,
                             -2.7777777777777777778e-3, 8.3333333333333333333e-2};
    const double dn = static_cast<double>(n);
    const double rn = 1.0 / dn, t = rn / dn;
    double poly = 0.0;
    for (double ci : c) poly = poly * t + ci;
    return std::log(dn) / 2.0 - dn + std::log(2.0 * 3.14159265358979323846) / 2.0 + rn * poly;
}

/// Survival function of the two-sided one-sample statistic, P(D_n > x)
/// (scipy's `kstwo.sf(x, n)`), with scipy 1.10.1's choice of method per
/// region: Ruben-Gambino closed forms near the ends, 2·smirnov for large x,
/// Durbin's exact matrix method (scipy uses Durbin or Pomeranz, both exact)
/// for small n·x², Pelz-Good for large n. Result clipped to [0, 1].
inline double kolmogorov_sf(std::int64_t n, double x) {
    auto clip = [](double p) { return std::min(std::max(p, 0.0), 1.0); };
    if (x >= 1.0) return 0.0;
    if (x <= 0.0) return 1.0;
    const double dn = static_cast<double>(n);
    const double t = dn * x;
    if (t <= 1.0) {
        if (t <= 0.5) return 1.0;
        double cdf;
        if (n <= 140) {
            cdf = 1.0;
            for (std::int64_t i = 1; i <= n; ++i) cdf *= static_cast<double>(i) * (1.0 / dn) * (2.0 * t - 1.0);
        } else {
            cdf = std::exp(log_factorial_over_power(n) + dn * std::log(2.0 * t - 1.0));
        }
        return clip(1.0 - cdf);
    }
    if (t >= dn - 1.0) return clip(2.0 * std::pow(1.0 - x, dn));
    if (x >= 0.5) return clip(2.0 * smirnov_sf(n, x));
    const double nx2 = t * x;
    if (n <= 140) {
        if (nx2 <= 4.0) return clip(1.0 - kolmogorov_cdf_durbin(n, x));
        return clip(2.0 * smirnov_sf(n, x));
    }
    if (nx2 >= 370.0) return 0.0;
    if (nx2 >= 2.2) return clip(2.0 * smirnov_sf(n, x));
    double cdf;
    if (nx2 >= 18.0) cdf = 1.0;
    else if (n <= 100000 && dn * std::pow(x, 1.5) <= 1.4) cdf = kolmogorov_cdf_durbin(n, x);
    else cdf = kolmogorov_cdf_pelz_good(n, x);
    return clip(1.0 - cdf);
}

}  // namespace detail
ASSAY_NAMESPACE_END
