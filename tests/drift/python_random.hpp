// CPython's `random.Random(seed).sample(range(n), k)` for small integer seeds,
// so the tests can replay River's KSWIN draws exactly: MT19937 seeded with
// init_by_array([seed]) (Matsumoto & Nishimura's reference seeding, as
// CPython's random_seed does for a non-negative int < 2^32), `getrandbits(k)` =
// top k bits of one 32-bit output, `_randbelow(n)` by rejection, and
// `sample`'s pool method (used whenever n <= 21 + 4^ceil(log4(3k))).
#pragma once

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace drift_test {

class python_random {
public:
    explicit python_random(std::uint32_t seed) {
        init_genrand(19650218U);
        std::size_t i = 1;
        const std::uint32_t key = seed;
        for (std::size_t k = N; k > 0; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1664525U)) + key;  // + key[j] + j with j = 0
            ++i;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
        }
        for (std::size_t k = N - 1; k > 0; --k) {
            mt_[i] = (mt_[i] ^ ((mt_[i - 1] ^ (mt_[i - 1] >> 30)) * 1566083941U)) - static_cast<std::uint32_t>(i);
            ++i;
            if (i >= N) {
                mt_[0] = mt_[N - 1];
                i = 1;
            }
        }
        mt_[0] = 0x80000000U;
        mti_ = N;
    }

    std::uint32_t next32() {
        if (mti_ >= N) twist();
        std::uint32_t y = mt_[mti_++];
        y ^= (y >> 11);
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= (y >> 18);
        return y;
    }

    std::uint32_t randbelow(std::uint32_t n) {
        int k = 0;
        while ((std::uint64_t{1} << k) <= n) ++k;  // n.bit_length()
        std::uint32_t r = next32() >> (32 - k);
        while (r >= n) r = next32() >> (32 - k);
        return r;
    }

    std::vector<std::uint32_t> sample(std::uint32_t n, std::uint32_t k) {
        std::size_t setsize = 21;
        if (k > 5) setsize += static_cast<std::size_t>(std::pow(4.0, std::ceil(std::log(3.0 * k) / std::log(4.0))));
        if (n > setsize) throw std::logic_error("python_random::sample: set method not implemented");
        std::vector<std::uint32_t> pool(n), result(k);
        for (std::uint32_t i = 0; i < n; ++i) pool[i] = i;
        for (std::uint32_t i = 0; i < k; ++i) {
            const std::uint32_t j = randbelow(n - i);
            result[i] = pool[j];
            pool[j] = pool[n - i - 1];
        }
        return result;
    }

private:
    static constexpr std::size_t N = 624;
    void init_genrand(std::uint32_t s) {
        mt_[0] = s;
        for (std::size_t i = 1; i < N; ++i) {
            mt_[i] = 1812433253U * (mt_[i - 1] ^ (mt_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
        }
    }
    void twist() {
        for (std::size_t i = 0; i < N; ++i) {
            const std::uint32_t y = (mt_[i] & 0x80000000U) | (mt_[(i + 1) % N] & 0x7fffffffU);
            mt_[i] = mt_[(i + 397) % N] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        }
        mti_ = 0;
    }
    std::uint32_t mt_[N];
    std::size_t mti_ = N;
};

}  // namespace drift_test
