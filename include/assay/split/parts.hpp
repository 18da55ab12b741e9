// assay/split/parts.hpp — one-call partitions into several parts with given
// fractions, e.g. train / valid / holdout = 0.8 / 0.1 / 0.1, that respect
// strata (class shares kept in every part), groups (no group on two sides)
// or both at once:
//
//     auto p = assay::stratified_group_parts(y, groups, {0.8, 0.1, 0.1}, 42);
//     p[0] // train rows, p[1] valid rows, p[2] holdout rows (ascending)
//     p.assign // part of every row
//
// scikit-learn has no such function (it takes two chained train_test_split
// calls, which cannot keep groups and strata together); the guarantees are
// stated per function and checked by property tests.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "../random.hpp"
#include "detail/encode.hpp"
#include "../detail/memory.hpp"
#include "fold.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

/// Rows split into parts: `rows[p]` ascending, `assign[i]` = part of row i.
struct parts {
    std::vector<fold_id> assign;
    std::vector<std::vector<std::size_t>> rows;

    std::size_t size() const noexcept { return rows.size(); }
    const std::vector<std::size_t>& operator[](std::size_t p) const noexcept { return rows[p]; }
};

namespace detail {

inline void check_fractions(const char* fn, const std::vector<double>& fractions) {
    require(fractions.size() >= 2, fn, "fractions", "needs at least 2 parts, got ", fractions.size());
    double sum = 0.0;
    for (std::size_t p = 0; p < fractions.size(); ++p) {
        const double f = fractions[p];
        if (ASSAY_UNLIKELY(!(f > 0.0 && f < 1.0))) {
            throw_invalid_argument(fn, "fractions", "fraction ", p, " must lie in (0, 1), got ", f);
        }
        sum += f;
    }
    if (ASSAY_UNLIKELY(std::abs(sum - 1.0) > 1e-9)) {
        throw_invalid_argument(fn, "fractions", "must sum to 1, got ", sum);
    }
}

/// Splits `total` items into parts in proportion to `fractions`: floors,
/// then one more to the largest remainders; among equal remainders the part
/// furthest below its running target `deficit` first, then the lower index.
inline std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& fractions,
                                          const std::vector<double>* deficit) {
    const std::size_t m = fractions.size();
    std::vector<std::size_t> out(m);
    std::vector<std::pair<double, std::size_t>> rem(m);
    std::size_t given = 0;
    for (std::size_t p = 0; p < m; ++p) {
        const double exact = fractions[p] * static_cast<double>(total);
        out[p] = std::min(total, static_cast<std::size_t>(std::floor(exact)));
        given += out[p];
        rem[p] = {exact - static_cast<double>(out[p]), p};
    }
    std::stable_sort(rem.begin(), rem.end(), [&](const auto& a, const auto& b) {
        if (std::abs(a.first - b.first) > 1e-12) return a.first > b.first;
        if (deficit) return (*deficit)[a.second] > (*deficit)[b.second];
        return false;
    });
    for (std::size_t j = 0; given < total; j = (j + 1) % m, ++given) ++out[rem[j].second];
    while (given > total) {  // floors of rounded products can overshoot by rounding
        for (std::size_t p = m; p-- > 0 && given > total;) {
            if (out[p] > 0) {
                --out[p];
                --given;
            }
        }
    }
    return out;
}

inline parts collect_parts(std::vector<fold_id> assign, std::size_t n_parts, const char* fn) {
    parts out;
    out.rows.resize(n_parts);
    for (std::size_t i = 0; i < assign.size(); ++i) out.rows[static_cast<std::size_t>(assign[i])].push_back(i);
    for (std::size_t p = 0; p < n_parts; ++p) {
        if (ASSAY_UNLIKELY(out.rows[p].empty())) {
            throw_invalid_argument(fn, "fractions", "part ", p, " would be empty: too few rows or groups for its fraction");
        }
    }
    out.assign = std::move(assign);
    return out;
}

/// Greedy assignment of groups to parts: groups largest first (ties in
/// random order), each to the part where it increases most the least
///   sum_c ((count_pc - target_pc)^2 / total_c)  +  (rows_p - target_p)^2 / n,
/// i.e. class shares and part sizes both pulled towards their targets.
inline parts stratified_group_parts_impl(const encoded_column& y, const encoded_column& groups,
                                         const std::vector<double>& fractions, std::uint64_t seed, const char* fn) {
    const std::size_t n = groups.codes.size(), n_classes = y.n_unique(), n_groups = groups.n_unique();
    const std::size_t m = fractions.size();
    require(n_groups >= m, fn, "groups", "has ", n_groups, " distinct groups, fewer than the ", m, " parts");
    // Sparse class counts of every group.
    std::vector<std::size_t> goff(n_groups + 1, 0);
    for (std::size_t j = 0; j < n_groups; ++j) goff[j + 1] = goff[j] + groups.counts[j];
    std::vector<std::int32_t> by_group(n);
    {
        std::vector<std::size_t> cur(goff.begin(), goff.end() - 1);
        for (std::size_t i = 0; i < n; ++i) by_group[cur[groups.codes[i]]++] = y.codes[i];
    }
    std::vector<std::size_t> coff(n_groups + 1, 0);
    std::vector<std::pair<std::int32_t, double>> cls;  // (class, count) per group
    std::vector<double> tmp(n_classes, 0.0);
    for (std::size_t j = 0; j < n_groups; ++j) {
        for (std::size_t r = goff[j]; r < goff[j + 1]; ++r) tmp[by_group[r]] += 1.0;
        for (std::size_t r = goff[j]; r < goff[j + 1]; ++r) {
            const auto c = by_group[r];
            if (tmp[c] > 0) {
                cls.push_back({c, tmp[c]});
                tmp[c] = 0.0;
            }
        }
        coff[j + 1] = cls.size();
    }
    std::vector<std::size_t> order(n_groups);
    std::iota(order.begin(), order.end(), std::size_t{0});
    rng g(seed);
    shuffle(order.begin(), order.end(), g);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return groups.counts[a] > groups.counts[b]; });

    std::vector<double> target(m * n_classes), count(m * n_classes, 0.0), rows(m, 0.0), row_target(m);
    for (std::size_t p = 0; p < m; ++p) {
        row_target[p] = fractions[p] * static_cast<double>(n);
        for (std::size_t c = 0; c < n_classes; ++c) target[p * n_classes + c] = fractions[p] * static_cast<double>(y.counts[c]);
    }
    const double inv_n = 1.0 / static_cast<double>(n);
    std::vector<fold_id> group_part(n_groups, 0);
    for (std::size_t j : order) {
        const double s = static_cast<double>(groups.counts[j]);
        std::size_t best = 0;
        double best_cost = std::numeric_limits<double>::infinity();
        for (std::size_t p = 0; p < m; ++p) {
            double cost = s * (2.0 * (rows[p] - row_target[p]) + s) * inv_n;
            for (std::size_t e = coff[j]; e < coff[j + 1]; ++e) {
                const auto c = cls[e].first;
                const double gc = cls[e].second;
                cost += gc * (2.0 * (count[p * n_classes + c] - target[p * n_classes + c]) + gc) /
                        static_cast<double>(y.counts[c]);
            }
            if (cost < best_cost - 1e-12) {
                best_cost = cost;
                best = p;
            }
        }
        group_part[j] = static_cast<fold_id>(best);
        rows[best] += s;
        for (std::size_t e = coff[j]; e < coff[j + 1]; ++e) count[best * n_classes + cls[e].first] += cls[e].second;
    }
    std::vector<fold_id> assign(n);
    for (std::size_t i = 0; i < n; ++i) assign[i] = group_part[groups.codes[i]];
    return collect_parts(std::move(assign), m, fn);
}

}  // namespace detail

/// Random partition of `n_rows` rows into parts of the given fractions: part
/// p has floor(f_p·n) rows or one more (largest remainders get the rest).
/// Throws: `assay::invalid_argument` if n_rows == 0, fewer than 2 fractions,
/// a fraction outside (0, 1), fractions not summing to 1, or a part empty.
/// Complexity: O(n_rows).
inline parts random_parts(std::size_t n_rows, const std::vector<double>& fractions, std::uint64_t seed) {
    const char* fn = "random_parts";
    detail::require(n_rows > 0, fn, "rows", "is empty");
    detail::check_fractions(fn, fractions);
    const auto sizes = detail::apportion(n_rows, fractions, nullptr);
    auto perm = detail::big_vector<std::size_t>(n_rows);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    rng g(seed);
    shuffle(perm.begin(), perm.end(), g);
    std::vector<fold_id> assign(n_rows);
    std::size_t pos = 0;
    for (std::size_t p = 0; p < sizes.size(); ++p) {
        for (std::size_t k = 0; k < sizes[p]; ++k) assign[perm[pos++]] = static_cast<fold_id>(p);
    }
    return detail::collect_parts(std::move(assign), fractions.size(), fn);
}

/// Random partition keeping the class shares of `y` in every part: each
/// class c gives part p floor(f_p·n_c) of its rows or one more (largest
/// remainders; ties to the part furthest below its overall size), so every
/// part's count of every class is within one row of its exact share.
/// Throws: as random_parts (y empty instead of n_rows == 0).
/// Complexity: O(rows · parts).
template <class Labels>
parts stratified_parts(const Labels& y, const std::vector<double>& fractions, std::uint64_t seed) {
    const char* fn = "stratified_parts";
    detail::require(detail::range_size(y) > 0, fn, "y", "is empty");
    detail::check_fractions(fn, fractions);
    const auto enc = detail::encode_sorted(y, fn, "y");
    const std::size_t n = enc.codes.size(), m = fractions.size();
    rng g(seed);
    std::vector<std::size_t> classes(enc.n_unique());
    std::iota(classes.begin(), classes.end(), std::size_t{0});
    shuffle(classes.begin(), classes.end(), g);
    std::vector<std::vector<std::size_t>> rows_of(enc.n_unique());
    for (std::size_t i = 0; i < n; ++i) rows_of[enc.codes[i]].push_back(i);
    std::vector<double> deficit(m);
    std::vector<std::size_t> assigned(m, 0);
    std::size_t done = 0;
    std::vector<fold_id> assign(n);
    for (std::size_t c : classes) {
        auto& r = rows_of[c];
        for (std::size_t p = 0; p < m; ++p) {
            deficit[p] = fractions[p] * static_cast<double>(done + r.size()) - static_cast<double>(assigned[p]);
        }
        const auto sizes = detail::apportion(r.size(), fractions, &deficit);
        shuffle(r.begin(), r.end(), g);
        std::size_t pos = 0;
        for (std::size_t p = 0; p < m; ++p) {
            for (std::size_t k = 0; k < sizes[p]; ++k) assign[r[pos++]] = static_cast<fold_id>(p);
            assigned[p] += sizes[p];
        }
        done += r.size();
    }
    return detail::collect_parts(std::move(assign), m, fn);
}

/// Partition keeping every group wholly in one part, part sizes (in rows)
/// as close to the fractions as the groups allow: groups largest first (ties
/// in random order), each to the part it brings closest to its target.
/// Throws: as random_parts, and if there are fewer groups than parts.
/// Complexity: O(rows + G log G + G · parts).
template <class Groups>
parts group_parts(const Groups& groups, const std::vector<double>& fractions, std::uint64_t seed) {
    const char* fn = "group_parts";
    detail::require(detail::range_size(groups) > 0, fn, "groups", "is empty");
    detail::check_fractions(fn, fractions);
    const auto ge = detail::encode_sorted(groups, fn, "groups");
    detail::encoded_column one_class;
    one_class.codes.assign(ge.codes.size(), 0);
    one_class.counts.assign(1, ge.codes.size());
    return detail::stratified_group_parts_impl(one_class, ge, fractions, seed, fn);
}

/// Partition respecting groups and strata at once: no group in two parts,
/// and the share of every class in every part pulled towards the class's
/// overall share (greedy: groups largest first, ties in random order, each
/// to the part where it increases least the squared deviations of class
/// counts, relative to each class's size, and of part sizes from their
/// targets). E.g. {0.8, 0.1, 0.1} for train / valid / holdout.
/// Throws: as group_parts, and if y and groups differ in length.
/// Complexity: O(rows + G log G + G · parts · classes per group).
template <class Labels, class Groups>
parts stratified_group_parts(const Labels& y, const Groups& groups, const std::vector<double>& fractions,
                             std::uint64_t seed) {
    const char* fn = "stratified_group_parts";
    detail::require_same_size(fn, "y", detail::range_size(y), "groups", detail::range_size(groups));
    detail::require(detail::range_size(y) > 0, fn, "y", "is empty");
    detail::check_fractions(fn, fractions);
    const auto ye = detail::encode_sorted(y, fn, "y");
    const auto ge = detail::encode_sorted(groups, fn, "groups");
    return detail::stratified_group_parts_impl(ye, ge, fractions, seed, fn);
}

ASSAY_NAMESPACE_END
