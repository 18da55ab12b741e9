// assay/random.hpp — reproducible randomness, identical on every platform.
//
// The standard library's engines are portable but its distributions
// (uniform_int_distribution, shuffle) are not: libstdc++, libc++ and MSVC
// give different sequences for the same seed. Everything random in assay
// (shuffled splits, bootstrap, KSWIN's sampling) goes through the generator
// and the helpers below, so a seed gives the same folds on every compiler,
// standard library and platform.
//
// * `assay::splitmix64` — Steele, Lea & Flood's SplitMix64; used to expand a
//   64-bit seed into a full generator state (Vigna's recommendation).
// * `assay::xoshiro256ss` — Blackman & Vigna's xoshiro256** 1.0: 256-bit
//   state, period 2^256 − 1, with `jump()` (2^128 steps) and `long_jump()`
//   (2^192 steps) for non-overlapping parallel streams.
// * `assay::rng` — the library's default generator (xoshiro256**).
// * `uniform_index(g, n)` — unbiased integer in [0, n) (Lemire's
//   multiply-and-reject method; consumes one draw except with probability
//   < n / 2^64).
// * `uniform_real(g)` — double in [0, 1) with 53 random bits.
// * `shuffle(first, last, g)` — Fisher-Yates, from the last element down.
//
// All generators satisfy the standard UniformRandomBitGenerator requirements,
// so they also work with <random>'s distributions (at the cost of
// portability of those distributions' output).
#pragma once

#include "config.hpp"
#include "error.hpp"

#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>

ASSAY_NAMESPACE_BEGIN

/// SplitMix64. Any 64-bit seed is a valid state.
class splitmix64 {
public:
    using result_type = std::uint64_t;

    constexpr explicit splitmix64(std::uint64_t seed = 0) noexcept : state_(seed) {}

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    constexpr result_type operator()() noexcept {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    constexpr std::uint64_t state() const noexcept { return state_; }

    friend constexpr bool operator==(const splitmix64& a, const splitmix64& b) noexcept {
        return a.state_ == b.state_;
    }
    friend constexpr bool operator!=(const splitmix64& a, const splitmix64& b) noexcept { return !(a == b); }

private:
    std::uint64_t state_;
};

/// xoshiro256** 1.0.
class xoshiro256ss {
public:
    using result_type = std::uint64_t;
    using state_type = std::array<std::uint64_t, 4>;

    /// Seeds the state with four successive outputs of splitmix64(seed), as
    /// the generator's authors recommend. Every seed, including 0, is valid.
    constexpr explicit xoshiro256ss(std::uint64_t seed = 0) noexcept : s_{} { this->seed(seed); }

    /// Takes a raw state. Throws `assay::invalid_argument` if it is all zero
    /// (the one state the generator cannot leave).
    explicit xoshiro256ss(const state_type& state) : s_(state) {
        detail::require((s_[0] | s_[1] | s_[2] | s_[3]) != 0, "xoshiro256ss", "state",
                        "must not be all zero");
    }

    constexpr void seed(std::uint64_t seed) noexcept {
        splitmix64 expand(seed);
        for (auto& word : s_) word = expand();
    }

    static constexpr result_type min() noexcept { return 0; }
    static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

    constexpr result_type operator()() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    /// Advances the state by 2^128 steps: 2^128 non-overlapping streams.
    constexpr void jump() noexcept {
        constexpr std::uint64_t poly[4] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL, 0xa9582618e03fc9aaULL,
                                           0x39abdc4529b1661cULL};
        apply(poly);
    }

    /// Advances the state by 2^192 steps: 2^64 starting points, each with
    /// room for 2^64 `jump()` sub-streams.
    constexpr void long_jump() noexcept {
        constexpr std::uint64_t poly[4] = {0x76e15d3efefdcbbfULL, 0xc5004e441c522fb3ULL, 0x77710069854ee241ULL,
                                           0x39109bb02acbe635ULL};
        apply(poly);
    }

    /// Advances the state by `n` steps (discarding n outputs). O(n).
    constexpr void discard(std::uint64_t n) noexcept {
        while (n--) (*this)();
    }

    constexpr const state_type& state() const noexcept { return s_; }

    friend constexpr bool operator==(const xoshiro256ss& a, const xoshiro256ss& b) noexcept {
        return a.s_[0] == b.s_[0] && a.s_[1] == b.s_[1] && a.s_[2] == b.s_[2] && a.s_[3] == b.s_[3];
    }
    friend constexpr bool operator!=(const xoshiro256ss& a, const xoshiro256ss& b) noexcept { return !(a == b); }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

    constexpr void apply(const std::uint64_t (&poly)[4]) noexcept {
        state_type acc{};
        for (std::uint64_t word : poly) {
            for (int b = 0; b < 64; ++b) {
                if (word & (std::uint64_t{1} << b)) {
                    for (int i = 0; i < 4; ++i) acc[i] ^= s_[i];
                }
                (*this)();
            }
        }
        s_ = acc;
    }

    state_type s_;
};

/// The library's default generator.
using rng = xoshiro256ss;

namespace detail {

/// Full 64x64 -> 128-bit product, returned as (high, low).
constexpr std::pair<std::uint64_t, std::uint64_t> mul_64x64(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    const u128 p = static_cast<u128>(a) * b;
    return {static_cast<std::uint64_t>(p >> 64), static_cast<std::uint64_t>(p)};
#else
    const std::uint64_t a_lo = a & 0xffffffffULL, a_hi = a >> 32;
    const std::uint64_t b_lo = b & 0xffffffffULL, b_hi = b >> 32;
    const std::uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
    const std::uint64_t mid = (ll >> 32) + (lh & 0xffffffffULL) + (hl & 0xffffffffULL);
    return {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (ll & 0xffffffffULL)};
#endif
}

template <class G>
constexpr void check_64bit_generator() noexcept {
    static_assert(G::min() == 0 && G::max() == std::numeric_limits<std::uint64_t>::max(),
                  "assay's random helpers need a generator of full 64-bit words, such as assay::rng");
}

}  // namespace detail

/// Unbiased integer uniformly drawn from [0, n), n >= 1 (Lemire 2019,
/// "Fast random integer generation in an interval"). The result depends only
/// on the generator's 64-bit outputs, so it is the same on every platform.
/// Throws `assay::invalid_argument` if n == 0.
template <class G>
std::uint64_t uniform_index(G& g, std::uint64_t n) {
    detail::check_64bit_generator<G>();
    detail::require(n != 0, "uniform_index", "n", "must be at least 1");
    auto m = detail::mul_64x64(static_cast<std::uint64_t>(g()), n);
    if (ASSAY_UNLIKELY(m.second < n)) {
        const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
        while (m.second < threshold) m = detail::mul_64x64(static_cast<std::uint64_t>(g()), n);
    }
    return m.first;
}

/// Double uniformly drawn from [0, 1) on the grid k * 2^-53.
template <class G>
double uniform_real(G& g) noexcept {
    detail::check_64bit_generator<G>();
    return static_cast<double>(static_cast<std::uint64_t>(g()) >> 11) * 0x1.0p-53;
}

/// Fisher-Yates shuffle of [first, last): for i = n−1 down to 1, swap element
/// i with element uniform_index(g, i + 1). Same permutation on every platform
/// for the same generator state. O(n).
template <class RandomIt, class G>
void shuffle(RandomIt first, RandomIt last, G& g) {
    using std::swap;
    const auto n = static_cast<std::uint64_t>(std::distance(first, last));
    for (std::uint64_t i = n; i > 1; --i) {
        const auto j = uniform_index(g, i);
        swap(first[static_cast<std::ptrdiff_t>(i - 1)], first[static_cast<std::ptrdiff_t>(j)]);
    }
}

ASSAY_NAMESPACE_END
