// examples/lemons.hpp — a seeded simulator of a realistic evaluation case,
// the bundled data of assay's demo and examples.
//
// A packing house photographs lemons on a conveyor and a vision model scores
// each photo for mold. The data has every trap assay exists to catch:
//
// * Groups: each lemon is photographed 1 to 5 times (different sides). All
//   photos of a lemon share its label, and look alike: a split that puts
//   photos of one lemon on both sides leaks.
// * A rare label: about 6% of lemons are moldy; the share differs by
//   segment, so a fold can easily miss the mold that matters.
// * Time: lemons arrive over `days` days, photos of one lemon seconds apart.
// * Segments: three customers (north farms, south farms, export), the export
//   lemons hardest to judge.
// * Drift: from `drift_day` on, a new supplier's waxed lemons arrive. Wax
//   shifts the colour hue down and makes clean lemons look moldier to the
//   model, so its false-positive rate climbs.
//
// Every quantity comes from assay::rng with the given seed, so the data set is
// the same on every platform. Normal draws use the Box-Muller transform.
#pragma once

#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace lemons {

enum class segment : std::uint8_t { north = 0, south = 1, export_ = 2 };

inline const char* name(segment s) {
    switch (s) {
        case segment::north: return "north";
        case segment::south: return "south";
        case segment::export_: return "export";
    }
    return "?";
}

/// One photo: one row of the data set.
struct photo {
    std::uint32_t lemon;     ///< group: the lemon photographed
    std::int64_t timestamp;  ///< seconds since the start of the season
    segment seg;             ///< customer segment
    int mold;                ///< label: 1 if the lemon is moldy
    double score;            ///< the model's probability of mold for this photo
    double hue;              ///< feature: mean colour hue of the photo (degrees)
    double size_mm;          ///< feature: estimated diameter
};

struct options {
    std::uint32_t n_lemons = 4000;
    int days = 60;
    int drift_day = 30;  ///< first day of waxed lemons
    std::uint64_t seed = 7;
};

namespace detail {

inline double normal(assay::rng& g, double mean, double sd) {
    // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
    const double u1 = 1.0 - assay::uniform_real(g);
    const double u2 = assay::uniform_real(g);
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    return mean + sd * z;
}

inline double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace detail

/// Simulates one season of photos, ordered by time.
inline std::vector<photo> simulate(const options& opt = {}) {
    assay::rng g(opt.seed);
    std::vector<photo> rows;
    rows.reserve(opt.n_lemons * 3);
    const double seconds_per_lemon = opt.days * 86400.0 / opt.n_lemons;
    for (std::uint32_t lemon = 0; lemon < opt.n_lemons; ++lemon) {
        const double u = assay::uniform_real(g);
        const segment seg = u < 0.5 ? segment::north : (u < 0.85 ? segment::south : segment::export_);
        const double mold_rate = seg == segment::north ? 0.04 : (seg == segment::south ? 0.07 : 0.10);
        const int mold = assay::uniform_real(g) < mold_rate ? 1 : 0;
        const auto arrival = static_cast<std::int64_t>((lemon + assay::uniform_real(g)) * seconds_per_lemon);
        const bool waxed = arrival >= static_cast<std::int64_t>(opt.drift_day) * 86400;
        // The lemon's visual mold signal; export lemons are harder (noisier).
        const double lemon_noise = seg == segment::export_ ? 1.1 : 0.8;
        double signal = detail::normal(g, mold ? 1.8 : 0.0, lemon_noise);
        if (waxed && !mold) signal += 0.9;  // wax glare looks like mold to the model
        const double size = detail::normal(g, 60.0, 5.0);
        const double hue_base = (waxed ? 89.0 : 95.0) - (mold ? 8.0 : 0.0);
        const auto n_photos = 1 + static_cast<int>(assay::uniform_index(g, 5));
        for (int k = 0; k < n_photos; ++k) {
            photo p;
            p.lemon = lemon;
            p.timestamp = arrival + 4 * k;
            p.seg = seg;
            p.mold = mold;
            p.score = detail::sigmoid(-3.2 + 1.7 * (signal + detail::normal(g, 0.0, 0.6)));
            p.hue = detail::normal(g, hue_base, 6.0);
            p.size_mm = size + detail::normal(g, 0.0, 0.8);
            rows.push_back(p);
        }
    }
    return rows;
}

}  // namespace lemons
