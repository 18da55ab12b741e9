// assay/metrics/detail/radix_sort.hpp — stable LSD radix sort of doubles by
// their bit patterns, used to order scores for curves and AUC.
//
// A double maps to an unsigned key whose ascending order is the numeric
// order (sign bit flipped for positives, all bits flipped for negatives;
// -0.0 is first turned into +0.0 so the two compare equal, as numpy's sort
// does). Keys are sorted with 11-bit digits (6 passes) after one counting
// pass that builds every histogram; a pass whose digit is the same for all
// keys (common for the high bits of probabilities) is skipped. Small inputs
// use std::stable_sort. Both are stable, so ties keep their input order.
#pragma once

#include "../../config.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {
namespace metrics {

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

/// Sorts keys ascending, carrying `vals` along (stable). `vals` may be null.
/// Scratch buffers are resized as needed and may be reused across calls.
template <class V>
void radix_sort(std::vector<std::uint64_t>& keys, std::vector<V>* vals, std::vector<std::uint64_t>& key_tmp,
                std::vector<V>& val_tmp) {
    const std::size_t n = keys.size();
    if (n < radix_small) {
        if (vals == nullptr) {
            std::sort(keys.begin(), keys.end());  // plain keys: stability is invisible
            return;
        }
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
        std::vector<std::uint64_t> k2(n);
        std::vector<V> v2(n);
        for (std::size_t i = 0; i < n; ++i) k2[i] = keys[order[i]], v2[i] = (*vals)[order[i]];
        keys.swap(k2);
        vals->swap(v2);
        return;
    }
    constexpr int bits = 11;
    constexpr int passes = 6;
    constexpr std::size_t buckets = std::size_t{1} << bits;
    std::vector<std::size_t> hist(passes * buckets, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t k = keys[i];
        for (int p = 0; p < passes; ++p) ++hist[p * buckets + ((k >> (p * bits)) & (buckets - 1))];
    }
    key_tmp.resize(n);
    if (vals) val_tmp.resize(n);
    std::uint64_t* src = keys.data();
    std::uint64_t* dst = key_tmp.data();
    V* vsrc = vals ? vals->data() : nullptr;
    V* vdst = vals ? val_tmp.data() : nullptr;
    bool in_tmp = false;
    for (int p = 0; p < passes; ++p) {
        std::size_t* h = &hist[p * buckets];
        const std::uint64_t first_digit = (src[0] >> (p * bits)) & (buckets - 1);
        if (h[first_digit] == n) continue;  // every key has this digit
        std::size_t sum = 0;
        for (std::size_t b = 0; b < buckets; ++b) {
            const std::size_t c = h[b];
            h[b] = sum;
            sum += c;
        }
        const int shift = p * bits;
        if (vsrc) {
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t k = src[i];
                const std::size_t pos = h[(k >> shift) & (buckets - 1)]++;
                dst[pos] = k;
                vdst[pos] = vsrc[i];
            }
            std::swap(vsrc, vdst);
        } else {
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t k = src[i];
                dst[h[(k >> shift) & (buckets - 1)]++] = k;
            }
        }
        std::swap(src, dst);
        in_tmp = !in_tmp;
    }
    if (in_tmp) {
        keys.swap(key_tmp);
        if (vals) vals->swap(val_tmp);
    }
}

inline void radix_sort_keys(std::vector<std::uint64_t>& keys) {
    std::vector<std::uint64_t> tmp;
    std::vector<char> none;
    radix_sort<char>(keys, nullptr, tmp, none);
}

}  // namespace metrics
}  // namespace detail
ASSAY_NAMESPACE_END
