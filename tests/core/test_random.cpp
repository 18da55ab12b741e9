// Known-answer and property tests of assay's generators and helpers. The
// known answers are the generators' published reference outputs; the derived
// expectations (bounded integers, doubles, shuffles) were worked out by hand
// from those published outputs with the algorithms' definitions.
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <numeric>
#include <vector>

namespace {

// xoshiro256** 1.0 reference outputs from the state {1, 2, 3, 4}.
constexpr std::array<std::uint64_t, 10> xoshiro_1234 = {
    11520ULL, 0ULL, 1509978240ULL, 1215971899390074240ULL, 1216172134540287360ULL, 607988272756665600ULL,
    16172922978634559625ULL, 8476171486693032832ULL, 10595114339597558777ULL, 2904607092377533576ULL};

assay::xoshiro256ss from_1234() { return assay::xoshiro256ss(assay::xoshiro256ss::state_type{1, 2, 3, 4}); }

double chi_square_uniform(const std::vector<std::size_t>& counts, std::size_t draws) {
    const double expected = static_cast<double>(draws) / static_cast<double>(counts.size());
    double chi2 = 0;
    for (auto c : counts) chi2 += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
    return chi2;
}

}  // namespace

TEST_CASE("splitmix64 reproduces its published first outputs for seed 1234567") {
    assay::splitmix64 g(1234567);
    CHECK(g() == 6457827717110365317ULL);
    CHECK(g() == 3203168211198807973ULL);
    CHECK(g() == 9817491932198370423ULL);
    CHECK(g() == 4593380528125082431ULL);
    CHECK(g() == 16408922859458223821ULL);
}

TEST_CASE("xoshiro256** reproduces its reference outputs from state {1,2,3,4}") {
    auto g = from_1234();
    for (auto expected : xoshiro_1234) CHECK(g() == expected);
}

TEST_CASE("xoshiro256** seeded from an integer uses four splitmix64 outputs") {
    assay::splitmix64 expand(1234567);
    const assay::xoshiro256ss::state_type words{expand(), expand(), expand(), expand()};
    CHECK(assay::xoshiro256ss(1234567).state() == words);
    CHECK(assay::xoshiro256ss(1234567) == assay::xoshiro256ss(words));
    CHECK(assay::xoshiro256ss(1) != assay::xoshiro256ss(2));
}

TEST_CASE("seeding, jump and long_jump together match a published value") {
    // Seed 1234 through splitmix64, 10000 draws, jump(), long_jump(), then one
    // draw: 0x239196a79c7e191f (a published test of another xoshiro256**
    // implementation, which prints the word's little-endian bytes).
    assay::xoshiro256ss g(1234);
    g.discard(10000);
    g.jump();
    g.long_jump();
    CHECK(g() == 0x239196a79c7e191fULL);
}

TEST_CASE("jump and long_jump move to different streams and are deterministic") {
    assay::rng a(99), b(99), c(99);
    b.jump();
    c.long_jump();
    CHECK(a != b);
    CHECK(b != c);
    assay::rng b2(99);
    b2.jump();
    CHECK(b == b2);
    CHECK(b() == b2());
}

TEST_CASE("an all-zero raw state is rejected") {
    CHECK_THROWS_AS(assay::xoshiro256ss(assay::xoshiro256ss::state_type{0, 0, 0, 0}), assay::invalid_argument);
}

TEST_CASE("uniform_index gives Lemire's values, including a rejected draw") {
    // With n = 10 the second reference output (0) has low word 0 < 2^64 mod 10
    // = 6 and is rejected, so the second result comes from the third output.
    auto g = from_1234();
    const std::array<std::uint64_t, 6> expected10 = {0, 0, 0, 0, 0, 8};
    for (auto e : expected10) CHECK(assay::uniform_index(g, 10) == e);
    CHECK(g() == xoshiro_1234[7]);  // exactly seven outputs consumed

    auto h = from_1234();
    const std::array<std::uint64_t, 6> expected_big = {0, 0, 65918, 65929, 32959, 876738};
    for (auto e : expected_big) CHECK(assay::uniform_index(h, 1000003) == e);
}

TEST_CASE("uniform_index edge cases") {
    assay::rng g(5);
    CHECK_THROWS_AS(assay::uniform_index(g, 0), assay::invalid_argument);
    CHECK_THROWS_WITH(assay::uniform_index(g, 0), "assay::uniform_index: n: must be at least 1");
    for (int i = 0; i < 100; ++i) CHECK(assay::uniform_index(g, 1) == 0);
    // n just above 2^63: about half of all draws are rejected.
    const std::uint64_t n = (std::uint64_t{1} << 63) + 1;
    for (int i = 0; i < 1000; ++i) CHECK(assay::uniform_index(g, n) < n);
    const std::uint64_t max = ~std::uint64_t{0};
    for (int i = 0; i < 100; ++i) CHECK(assay::uniform_index(g, max) < max);
}

TEST_CASE("uniform_index is uniform (chi-square)") {
    assay::rng g(2024);
    for (std::uint64_t n : {2ULL, 3ULL, 7ULL, 10ULL, 97ULL}) {
        std::vector<std::size_t> counts(n, 0);
        const std::size_t draws = 20000 * n;
        for (std::size_t i = 0; i < draws; ++i) ++counts[assay::uniform_index(g, n)];
        // 99.99th percentile of chi-square with n-1 <= 96 degrees of freedom is below 160.
        CHECK(chi_square_uniform(counts, draws) < 160.0);
    }
}

TEST_CASE("uniform_real uses the top 53 bits") {
    auto g = from_1234();
    CHECK(assay::uniform_real(g) == static_cast<double>(11520ULL >> 11) * 0x1.0p-53);
    CHECK(assay::uniform_real(g) == 0.0);
    CHECK(assay::uniform_real(g) == static_cast<double>(1509978240ULL >> 11) * 0x1.0p-53);
    assay::rng h(3);
    double lo = 1, hi = 0, sum = 0;
    for (int i = 0; i < 100000; ++i) {
        const double u = assay::uniform_real(h);
        lo = std::min(lo, u);
        hi = std::max(hi, u);
        sum += u;
    }
    CHECK(lo >= 0.0);
    CHECK(hi < 1.0);
    CHECK(sum / 100000 == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("shuffle is Fisher-Yates from the last element down") {
    // For i = 5, 4, 3, 2 the draws are uniform_index(g, i) on the reference
    // outputs: 0, 0 (after rejecting the output 0), 0, 0, so element i-1 is
    // swapped with element 0 each time.
    auto g = from_1234();
    std::vector<int> v{0, 1, 2, 3, 4};
    assay::shuffle(v.begin(), v.end(), g);
    CHECK(v == std::vector<int>{1, 2, 3, 4, 0});
    CHECK(g() == xoshiro_1234[4]);  // four outputs consumed

    std::vector<int> empty;
    assay::shuffle(empty.begin(), empty.end(), g);
    std::vector<int> one{42};
    assay::shuffle(one.begin(), one.end(), g);
    CHECK(one == std::vector<int>{42});
}

TEST_CASE("shuffle gives every permutation equally often") {
    assay::rng g(11);
    std::map<std::array<int, 4>, std::size_t> seen;
    const std::size_t draws = 240000;
    for (std::size_t i = 0; i < draws; ++i) {
        std::array<int, 4> a{0, 1, 2, 3};
        assay::shuffle(a.begin(), a.end(), g);
        ++seen[a];
    }
    REQUIRE(seen.size() == 24);
    std::vector<std::size_t> counts;
    for (const auto& kv : seen) counts.push_back(kv.second);
    CHECK(chi_square_uniform(counts, draws) < 60.0);  // 23 dof, p < 1e-4
}

TEST_CASE("the generators work with standard algorithms") {
    assay::rng g(1);
    std::vector<int> v(10);
    std::iota(v.begin(), v.end(), 0);
    std::shuffle(v.begin(), v.end(), g);  // UniformRandomBitGenerator
    std::sort(v.begin(), v.end());
    CHECK(v.front() == 0);
    CHECK(v.back() == 9);
}
