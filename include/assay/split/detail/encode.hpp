// assay/split/detail/encode.hpp — turns labels, groups or timestamps of any
// integral, enum or string type into dense codes 0..u-1 in sorted order of
// the values (what numpy's `np.unique(..., return_inverse=True)` gives).
#pragma once

#include "../../config.hpp"
#include "../../error.hpp"
#include "../../detail/memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {

template <class T>
using remove_cvref_t = std::remove_cv_t<std::remove_reference_t<T>>;

/// Element type of a range.
template <class Range>
using range_value_t = remove_cvref_t<decltype(*std::begin(std::declval<const Range&>()))>;

/// True for the key types splitters accept: integral (including bool and
/// char types), enums, and anything convertible to std::string_view.
template <class T>
struct is_split_key
    : std::integral_constant<bool, std::is_integral<T>::value || std::is_enum<T>::value ||
                                       std::is_convertible<const T&, std::string_view>::value> {};

template <class Range>
std::size_t range_size(const Range& r) {
    return static_cast<std::size_t>(std::distance(std::begin(r), std::end(r)));
}

/// Integral/enum value mapped to an unsigned key with the same order.
template <class T>
std::uint64_t ordered_key(const T& v) noexcept {
    if constexpr (std::is_enum<T>::value) {
        return ordered_key(static_cast<std::underlying_type_t<T>>(v));
    } else if constexpr (std::is_signed<T>::value) {
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)) ^ (std::uint64_t{1} << 63);
    } else {
        return static_cast<std::uint64_t>(v);
    }
}

/// Dense codes of a column: `codes[i]` is the rank of row i's value among the
/// distinct values in ascending order (numpy's `np.unique` inverse), and
/// `counts[c]` the number of rows with code c. Strings compare byte-wise
/// (lexicographically, as numpy sorts them). Codes are 32-bit signed, like
/// fold ids, so a splitter can turn the code column into its fold-id column
/// in place; columns are limited to 2^31 - 2 rows.
struct encoded_column {
    std::vector<std::int32_t> codes;
    std::vector<std::size_t> counts;
    std::size_t n_unique() const noexcept { return counts.size(); }
};

template <class It>
encoded_column encode_sorted(It first, It last, const char* function, const char* argument) {
    using value_type = remove_cvref_t<decltype(*first)>;
    static_assert(is_split_key<value_type>::value,
                  "assay splitters take labels, groups and timestamps of integral, enum or string type "
                  "(map floating-point values to integers first)");
    encoded_column out;
    const auto n = static_cast<std::size_t>(std::distance(first, last));
    require(n < static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()), function, argument,
            "has more than 2^31-2 rows");
    reserve_big(out.codes, n);
    if (n == 0) return out;
    if constexpr (std::is_integral<value_type>::value || std::is_enum<value_type>::value) {
        // Class ids 0..4095, the common case, are coded and counted in one
        // pass (no pass for the minimum and maximum first); the first value
        // outside that window falls back to the general paths below.
        {
            constexpr std::size_t window = 4096;
            const std::uint64_t zero = ordered_key(value_type{});
            std::vector<std::uint32_t> part(4 * window, 0);
            std::uint32_t* hist = part.data();
            std::size_t i = 0;
            It it = first;
            for (; it != last; ++it, ++i) {
                const std::uint64_t slot = ordered_key(*it) - zero;
                if (ASSAY_UNLIKELY(slot >= window)) break;
                out.codes.push_back(static_cast<std::int32_t>(slot));
                ++hist[(i & 3) * window + slot];
            }
            if (it == last) {
                std::int32_t rank[window];
                std::int32_t next = 0;
                bool prefix = true;  // present values are exactly 0..m-1
                for (std::size_t v = 0; v < window; ++v) {
                    const std::uint32_t c = part[v] + part[window + v] + part[2 * window + v] + part[3 * window + v];
                    rank[v] = next;
                    if (c) {
                        prefix = prefix && static_cast<std::size_t>(next) == v;
                        ++next;
                        out.counts.push_back(c);
                    }
                }
                if (!prefix) {
                    for (auto& c : out.codes) c = rank[static_cast<std::size_t>(c)];
                }
                return out;
            }
            out.codes.clear();
        }
        // Minimum and maximum, with four independent accumulator pairs so
        // that the comparisons do not form one long dependency chain.
        std::uint64_t lo = std::numeric_limits<std::uint64_t>::max(), hi = 0;
        {
            std::uint64_t l[4] = {lo, lo, lo, lo}, h[4] = {0, 0, 0, 0};
            It it = first;
            std::size_t j = 0;
            for (; j + 4 <= n; j += 4) {
                for (std::size_t u = 0; u < 4; ++u, ++it) {
                    const std::uint64_t k = ordered_key(*it);
                    l[u] = k < l[u] ? k : l[u];
                    h[u] = k > h[u] ? k : h[u];
                }
            }
            for (; j < n; ++j, ++it) {
                const std::uint64_t k = ordered_key(*it);
                l[0] = k < l[0] ? k : l[0];
                h[0] = k > h[0] ? k : h[0];
            }
            for (std::size_t u = 0; u < 4; ++u) {
                lo = std::min(lo, l[u]);
                hi = std::max(hi, h[u]);
            }
        }
        const std::uint64_t span = hi - lo;
        if (span < static_cast<std::uint64_t>(n) + 4096) {
            // Dense values: count by value, then ranks of the present values.
            // When every value in [lo, hi] occurs (labels 0..C-1, groups
            // 0..G-1), the rank is the offset and one pass suffices.
            const std::size_t slots = static_cast<std::size_t>(span) + 1;
            std::vector<std::uint32_t> count(slots, 0);
            std::size_t i = 0;
            if (slots <= 4096) {
                // Few distinct values: four interleaved histograms, so that
                // runs of one value do not serialise on one counter.
                // Codes are appended to the reserved vector (no zero-filling
                // pass over memory that is written right after).
                std::vector<std::uint32_t> part(4 * slots, 0);
                std::uint32_t* hist = part.data();
                for (It it = first; it != last; ++it, ++i) {
                    const auto slot = static_cast<std::size_t>(ordered_key(*it) - lo);
                    out.codes.push_back(static_cast<std::int32_t>(slot));
                    ++hist[(i & 3) * slots + slot];
                }
                for (std::size_t v = 0; v < slots; ++v) {
                    count[v] = part[v] + part[slots + v] + part[2 * slots + v] + part[3 * slots + v];
                }
            } else {
                std::uint32_t* hist = count.data();
                for (It it = first; it != last; ++it) {
                    const auto slot = static_cast<std::size_t>(ordered_key(*it) - lo);
                    out.codes.push_back(static_cast<std::int32_t>(slot));
                    ++hist[slot];
                }
            }
            std::vector<std::int32_t> rank(count.size());
            std::int32_t next = 0;
            for (std::size_t v = 0; v < count.size(); ++v) {
                rank[v] = next;
                if (count[v]) {
                    ++next;
                    out.counts.push_back(count[v]);
                }
            }
            if (out.counts.size() != count.size()) {
                for (auto& c : out.codes) c = rank[static_cast<std::size_t>(c)];
            }
            return out;
        }
        // Sparse values: sort the distinct keys, binary-search each row.
        std::vector<std::uint64_t> keys;
        reserve_big(keys, n);
        for (It it = first; it != last; ++it) keys.push_back(ordered_key(*it));
        std::vector<std::uint64_t> uniq(keys);
        std::sort(uniq.begin(), uniq.end());
        uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
        out.counts.assign(uniq.size(), 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<std::size_t>(std::lower_bound(uniq.begin(), uniq.end(), keys[i]) - uniq.begin());
            out.codes.push_back(static_cast<std::int32_t>(c));
            ++out.counts[c];
        }
        return out;
    } else {
        // Strings: first-seen ids through a hash map, then ranks of the
        // sorted distinct values.
        std::unordered_map<std::string_view, std::uint32_t> seen;
        std::vector<std::string_view> distinct;
        std::size_t i = 0;
        for (It it = first; it != last; ++it, ++i) {
            const std::string_view key(*it);
            auto found = seen.find(key);
            if (found == seen.end()) {
                found = seen.emplace(key, static_cast<std::uint32_t>(distinct.size())).first;
                distinct.push_back(key);
            }
            out.codes.push_back(static_cast<std::int32_t>(found->second));
        }
        std::vector<std::uint32_t> by_value(distinct.size());
        for (std::uint32_t k = 0; k < by_value.size(); ++k) by_value[k] = k;
        std::sort(by_value.begin(), by_value.end(),
                  [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
        std::vector<std::uint32_t> rank(distinct.size());
        for (std::uint32_t r = 0; r < by_value.size(); ++r) rank[by_value[r]] = r;
        out.counts.assign(distinct.size(), 0);
        for (auto& c : out.codes) {
            c = static_cast<std::int32_t>(rank[static_cast<std::size_t>(c)]);
            ++out.counts[static_cast<std::size_t>(c)];
        }
        return out;
    }
}

template <class Range>
encoded_column encode_sorted(const Range& r, const char* function, const char* argument) {
    return encode_sorted(std::begin(r), std::end(r), function, argument);
}

/// Rank of every code in order of first appearance in the column (what
/// scikit-learn's StratifiedKFold numbers its classes by). Stops scanning
/// once every code has been seen.
inline std::vector<std::int32_t> first_appearance_ranks(const encoded_column& col) {
    std::vector<std::int32_t> rank(col.n_unique(), -1);
    std::int32_t next = 0;
    const auto all = static_cast<std::int32_t>(col.n_unique());
    for (std::size_t i = 0; i < col.codes.size() && next < all; ++i) {
        auto& r = rank[static_cast<std::size_t>(col.codes[i])];
        if (r < 0) r = next++;
    }
    return rank;
}

}  // namespace detail
ASSAY_NAMESPACE_END
