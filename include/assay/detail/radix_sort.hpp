// assay/detail/radix_sort.hpp — stable LSD radix sort of doubles by
// their bit patterns, used to order scores for curves and AUC.
//
// A double maps to an unsigned key whose ascending order is the numeric
// order (sign bit flipped for positives, all bits flipped for negatives;
// -0.0 is first turned into +0.0 so the two compare equal, as numpy's sort
// does). Large inputs are split into 256 value-ordered buckets (a linear map
// of the score, so each bucket fits in cache), then each bucket is finished
// by an 8-bit LSD radix sort that skips the digits its keys share. Small
// inputs use std::stable_sort. Every step is stable: ties keep input order.
//
// For blocks that fit in cache there is also a keys-only sort of keys below
// 2^bits (`sort_block_bits`): one MSD pass on the top bits into about one
// bucket per key, then an insertion sort that only moves keys within their
// bucket (buckets that stay crowded are LSD-sorted first).
#pragma once

#include "../config.hpp"
#include "memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#if defined(__SSE2__) || defined(_M_X64)
#    include <emmintrin.h>
#endif

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// Key whose unsigned order is the ascending numeric order of finite doubles.
inline std::uint64_t ascending_key(double x) noexcept {
    x += 0.0;  // -0.0 -> +0.0
    std::uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    const std::uint64_t mask = static_cast<std::uint64_t>(-static_cast<std::int64_t>(b >> 63)) | (std::uint64_t{1} << 63);
    return b ^ mask;
}

inline double key_to_double(std::uint64_t k) noexcept {
    const std::uint64_t b = (k >> 63) ? (k ^ (std::uint64_t{1} << 63)) : ~k;
    double x;
    std::memcpy(&x, &b, sizeof x);
    return x;
}

constexpr std::size_t radix_small = 256;

/// LSD radix sort of keys[0, n) (with vals[0, n) if HasVals), 8-bit digits;
/// the histogram of the next digit is counted during the scatter of the
/// current one, and a digit shared by every key is skipped. `ktmp` / `vtmp`
/// are scratch of n elements. The result ends in keys / vals.
template <bool HasVals, class V>
void lsd_radix(std::uint64_t* keys, V* vals, std::uint64_t* ktmp, V* vtmp, std::size_t n) {
    constexpr std::size_t B = 256;
    std::size_t h0[B] = {}, h1[B];
    for (std::size_t i = 0; i < n; ++i) ++h0[keys[i] & 255u];
    std::uint64_t* src = keys;
    std::uint64_t* dst = ktmp;
    V* vsrc = vals;
    V* vdst = vtmp;
    for (int p = 0; p < 8; ++p) {
        const int sh = p * 8;
        const bool last = p == 7;
        std::fill(h1, h1 + B, std::size_t{0});
        if (h0[(src[0] >> sh) & 255u] == n) {
            if (!last)
                for (std::size_t i = 0; i < n; ++i) ++h1[(src[i] >> (sh + 8)) & 255u];
        } else {
            std::size_t off[B], sum = 0;
            for (std::size_t b = 0; b < B; ++b) off[b] = sum, sum += h0[b];
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t k = src[i];
                const std::size_t pos = off[(k >> sh) & 255u]++;
                dst[pos] = k;
                if constexpr (HasVals) vdst[pos] = vsrc[i];
                if (!last) ++h1[(k >> (sh + 8)) & 255u];
            }
            std::swap(src, dst);
            if constexpr (HasVals) std::swap(vsrc, vdst);
        }
        std::copy(h1, h1 + B, h0);
    }
    if (src != keys) {
        std::copy(src, src + n, keys);
        if constexpr (HasVals) std::copy(vsrc, vsrc + n, vals);
    }
}

/// Sorts keys[0, n) ascending (stable, carrying vals). Large inputs are first
/// split into 256 buckets by a linear map of the scores' values (monotone, so
/// buckets are ordered); each bucket then fits in cache and is finished by
/// LSD radix, where the digits its keys share are skipped. Buckets that stay
/// large (skewed scores) are split again, up to `depth` times.
template <bool HasVals, class V>
void hybrid_radix(std::uint64_t* keys, V* vals, std::uint64_t* ktmp, V* vtmp, std::size_t n, int depth) {
    constexpr std::size_t cache_block = std::size_t{1} << 16;
    if (n <= cache_block || depth == 0) {
        lsd_radix<HasVals>(keys, vals, ktmp, vtmp, n);
        return;
    }
    std::uint64_t kmin = keys[0], kmax = keys[0];
    for (std::size_t i = 0; i < n; ++i) kmin = std::min(kmin, keys[i]), kmax = std::max(kmax, keys[i]);
    if (kmin == kmax) return;  // all equal: already sorted (and stable)
    const double lo = key_to_double(kmin), hi = key_to_double(kmax);
    const double scale = 256.0 / (hi - lo);
    if (!(scale > 0.0 && scale < std::numeric_limits<double>::infinity())) {
        lsd_radix<HasVals>(keys, vals, ktmp, vtmp, n);
        return;
    }
    // Bucket of each key, computed once (count pass) and reused (scatter).
    big_buffer<std::uint8_t> id(n);
    std::size_t count[256] = {};
    for (std::size_t i = 0; i < n; ++i) {
        const double b = (key_to_double(keys[i]) - lo) * scale;
        const std::uint8_t k = b >= 255.0 ? std::uint8_t{255} : static_cast<std::uint8_t>(b);
        id[i] = k;
        ++count[k];
    }
    std::size_t off[256], start[257], sum = 0;
    for (std::size_t b = 0; b < 256; ++b) off[b] = start[b] = sum, sum += count[b];
    start[256] = n;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t pos = off[id[i]]++;
        ktmp[pos] = keys[i];
        if constexpr (HasVals) vtmp[pos] = vals[i];
    }
    // Each bucket is sorted where it landed (the original array is now the
    // scratch) and copied back while it is still in cache.
    for (std::size_t b = 0; b < 256; ++b) {
        const std::size_t a = start[b], m = start[b + 1] - start[b];
        if (m > 1)
            hybrid_radix<HasVals>(ktmp + a, vtmp ? vtmp + a : nullptr, keys + a, vals ? vals + a : nullptr, m,
                                  depth - 1);
        std::copy(ktmp + a, ktmp + a + m, keys + a);
        if constexpr (HasVals) std::copy(vtmp + a, vtmp + a + m, vals + a);
    }
}

/// Moves a[i] (i >= 1) down into the sorted a[0, i); no store when it is
/// in place already.
inline void insert_last(std::uint64_t* a, std::size_t i) noexcept {
    const std::uint64_t x = a[i];
    if (ASSAY_LIKELY(a[i - 1] <= x)) return;
    std::size_t j = i;
    do {
        a[j] = a[j - 1];
        --j;
    } while (j > 0 && a[j - 1] > x);
    a[j] = x;
}

/// Insertion sort of a[0, m) ascending: O(m + inversions), so linear when
/// every key is near its place.
inline void insertion_sort_keys(std::uint64_t* a, std::size_t m) noexcept {
    for (std::size_t i = 1; i < m; ++i) insert_last(a, i);
}

/// LSD sort of a[0, m), every key below 2^bits (1 <= bits <= 64), 8-bit
/// digits: the histograms of all digits are counted in one read pass and a
/// digit shared by every key costs nothing. `tmp` holds m keys. Returns where
/// the sorted keys are (a or tmp). Complexity: O(m · bits / 8).
inline std::uint64_t* lsd_sort_bits(std::uint64_t* a, std::uint64_t* tmp, std::size_t m, int bits) noexcept {
    constexpr int digit = 8;
    constexpr std::size_t R = std::size_t{1} << digit;
    const int passes = (bits + digit - 1) / digit;
    std::size_t h[8][R];
    for (int p = 0; p < passes; ++p) std::fill(h[p], h[p] + R, std::size_t{0});
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint64_t k = a[i];
        for (int p = 0; p < passes; ++p) ++h[p][(k >> (p * digit)) & (R - 1)];
    }
    std::uint64_t* src = a;
    std::uint64_t* dst = tmp;
    for (int p = 0; p < passes && m > 0; ++p) {
        const int sh = p * digit;
        if (h[p][(src[0] >> sh) & (R - 1)] == m) continue;  // digit shared by every key
        std::size_t off[R], sum = 0;
        for (std::size_t b = 0; b < R; ++b) off[b] = sum, sum += h[p][b];
        for (std::size_t i = 0; i < m; ++i) {
            const std::uint64_t k = src[i];
            dst[off[(k >> sh) & (R - 1)]++] = k;
        }
        std::swap(src, dst);
    }
    return src;
}

/// Replaces c[0, n) by its exclusive prefix sums (32-bit counters: total
/// below 2^31; 16-bit ones: below 2^16); returns whether some c[b] was
/// above 16 (a bucket worth sorting apart).
template <class C>
bool exclusive_prefix_sum(C* c, std::size_t n) noexcept {
    static_assert(std::is_same<C, std::uint32_t>::value || std::is_same<C, std::uint16_t>::value, "16 or 32-bit counters");
    std::size_t b = 0;
    C sum = 0;
    bool over = false;
#if defined(__SSE2__) || defined(_M_X64)
    // A register of counters at a time: in-register prefix sums plus a
    // running carry; a lane above 16 leaves a non-zero saturated difference
    // (16 bits) or a true comparison (32 bits).
    constexpr std::size_t lanes = 16 / sizeof(C);
    __m128i carry = _mm_setzero_si128(), big = _mm_setzero_si128();
    for (; b + lanes <= n; b += lanes) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + b));
        if constexpr (lanes == 8) {
            big = _mm_or_si128(big, _mm_subs_epu16(v, _mm_set1_epi16(16)));
            __m128i x = _mm_add_epi16(v, _mm_slli_si128(v, 2));
            x = _mm_add_epi16(x, _mm_slli_si128(x, 4));
            x = _mm_add_epi16(x, _mm_slli_si128(x, 8));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(c + b), _mm_add_epi16(_mm_sub_epi16(x, v), carry));
            carry = _mm_add_epi16(carry, _mm_shuffle_epi32(_mm_shufflehi_epi16(x, 0xFF), 0xFF));
        } else {
            big = _mm_or_si128(big, _mm_cmpgt_epi32(v, _mm_set1_epi32(16)));
            __m128i x = _mm_add_epi32(v, _mm_slli_si128(v, 4));
            x = _mm_add_epi32(x, _mm_slli_si128(x, 8));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(c + b), _mm_add_epi32(_mm_sub_epi32(x, v), carry));
            carry = _mm_add_epi32(carry, _mm_shuffle_epi32(x, 0xFF));
        }
    }
    sum = static_cast<C>(_mm_cvtsi128_si32(carry));
    over = _mm_movemask_epi8(_mm_cmpeq_epi8(big, _mm_setzero_si128())) != 0xFFFF;
#endif
    for (; b < n; ++b) {
        const C v = c[b];
        c[b] = sum;
        sum = static_cast<C>(sum + v);
        over |= v > 16;
    }
    return over;
}

/// Size of the `cnt` scratch of sort_block_bits (entries): 32-bit counters
/// for blocks of 2^16 keys or more, 16-bit ones below.
constexpr std::size_t block_sort_buckets = std::size_t{1} << 16;
constexpr std::size_t block_sort_buckets16 = std::size_t{1} << 17;
/// Largest block sort_block_bits counts in 16 bits.
constexpr std::size_t block_sort_max16 = 65535;

/// Sorts a block a[0, m) of keys below 2^bits ascending, meant for blocks
/// that fit in cache (m < 2^32; m <= block_sort_max16 with 16-bit
/// counters). One pass counts the keys' top bits (one to two buckets per
/// key with 32-bit counters, two to four with 16-bit ones: the same memory),
/// one scatters them into `tmp`; buckets holding more than 16 keys are
/// LSD-sorted on the remaining bits; two branch-free rounds of odd-even
/// transposition sort the buckets of two keys, and an insertion sort
/// finishes the rest, moving keys only inside their bucket. `tmp` holds m
/// keys, `cnt` min(block_sort_buckets, 2·m) 32-bit counters or
/// min(block_sort_buckets16, 4·m) 16-bit ones. While the keys are in cache,
/// the next block's (`next`, next_m keys) are asked for. Returns where the
/// sorted keys are (a or tmp).
/// Complexity: O(m) for keys spread evenly over their range (and for equal
/// keys), O(m · bits / 8) at worst.
template <class C>
std::uint64_t* sort_block_bits(std::uint64_t* a, std::uint64_t* tmp, C* cnt, std::size_t m, int bits,
                               const std::uint64_t* next = nullptr, std::size_t next_m = 0) noexcept {
    static_assert(std::is_same<C, std::uint32_t>::value || std::is_same<C, std::uint16_t>::value, "16 or 32-bit counters");
    if (m < 64) {
        insertion_sort_keys(a, m);
        return a;
    }
    constexpr bool narrow = sizeof(C) == 2;
    int d = 2;
    if (narrow)
        while ((std::size_t{1} << d) <= 2 * m && d < 17) ++d;  // 2^d > 2m
    else
        while ((std::size_t{1} << d) <= m && d < 16) ++d;  // 2^d > m
    d = std::min(d, bits);
    const int sh = bits - d;
    const std::size_t R = std::size_t{1} << d;
    std::fill(cnt, cnt + R, C{0});
    for (std::size_t i = 0; i < m; ++i) ++cnt[a[i] >> sh];
    const bool crowded = exclusive_prefix_sum(cnt, R);
    for (std::size_t i = 0; i < m; ++i) {
        const std::uint64_t k = a[i];
        tmp[cnt[k >> sh]++] = k;
    }
    if (crowded && sh > 0) {
        // cnt[b] is now the end of bucket b.
        std::uint32_t start = 0;
        for (std::size_t b = 0; b < R; ++b) {
            const std::uint32_t end = cnt[b], size = end - start;
            if (size > 16) {
                const std::uint64_t* r = lsd_sort_bits(tmp + start, a + start, size, sh);
                if (r != tmp + start) std::copy(r, r + size, tmp + start);
            }
            start = end;
        }
    }
    // Most buckets hold one key or two: two rounds of odd-even transposition
    // (branch-free; across buckets they change nothing) sort every bucket of
    // two, so the insertion sort rarely moves a key (a move costs mispredicted
    // branches).
    // While the keys are in cache, the first round asks for the next
    // block's keys (one line in every four steps).
    for (std::size_t i = 0; i + 1 < m; i += 2) {
        if ((i & 7u) == 0 && i < next_m) ASSAY_PREFETCH(next + i);
        const std::uint64_t x = tmp[i], y = tmp[i + 1];
        tmp[i] = x < y ? x : y;
        tmp[i + 1] = x < y ? y : x;
    }
    // The second round (pairs from index 1) finishes the order as it goes:
    // tmp[0, i) is sorted when pair (i, i + 1) is ordered, and the pair's
    // keys are then inserted (rarely moving: most are in place already).
    std::size_t i = 1;
    for (; i + 1 < m; i += 2) {
        const std::uint64_t x = tmp[i], y = tmp[i + 1];
        const std::uint64_t lo = x < y ? x : y, hi = x < y ? y : x;
        tmp[i] = lo;
        tmp[i + 1] = hi;
        if (ASSAY_UNLIKELY(tmp[i - 1] > lo)) {
            insert_last(tmp, i);
            insert_last(tmp, i + 1);
        }
    }
    for (; i < m; ++i) insert_last(tmp, i);
    return tmp;
}

/// Sorts keys[0, n) ascending in place; `scratch` holds n keys.
inline void sort_keys(std::uint64_t* keys, std::size_t n, std::uint64_t* scratch) {
    if (n < radix_small) {
        std::sort(keys, keys + n);  // plain keys: stability is invisible
        return;
    }
    hybrid_radix<false, char>(keys, nullptr, scratch, nullptr, n, 3);
}

/// Sorts keys[0, n) ascending in place, carrying vals[0, n) (stable).
/// Complexity: O(n) passes (about three over memory for smooth score
/// distributions), O(n) scratch.
template <class V>
void sort_pairs(std::uint64_t* keys, V* vals, std::size_t n) {
    if (n < radix_small) {
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
        std::vector<std::uint64_t> k2(n);
        std::vector<V> v2(n);
        for (std::size_t i = 0; i < n; ++i) k2[i] = keys[order[i]], v2[i] = vals[order[i]];
        std::copy(k2.begin(), k2.end(), keys);
        std::copy(v2.begin(), v2.end(), vals);
        return;
    }
    big_buffer<std::uint64_t> kt(n);
    big_buffer<V> vt(n);
    hybrid_radix<true>(keys, vals, kt.data(), vt.data(), n, 3);
}

/// Vector forms (sorted in place).
template <class V>
void radix_sort(std::vector<std::uint64_t>& keys, std::vector<V>& vals) {
    sort_pairs(keys.data(), vals.data(), keys.size());
}
inline void radix_sort_keys(std::vector<std::uint64_t>& keys) {
    big_buffer<std::uint64_t> scratch(keys.size());
    sort_keys(keys.data(), keys.size(), scratch.data());
}

}  // namespace detail
ASSAY_NAMESPACE_END
