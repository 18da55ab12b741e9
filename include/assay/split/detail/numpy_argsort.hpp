// assay/split/detail/numpy_argsort.hpp — numpy 1.24's default argsort
// (`kind="quicksort"`: an introsort) on integer keys, reproduced step by step
// so that the order it leaves among equal keys — which scikit-learn's
// GroupKFold depends on — is the same. The algorithm is described in
// tests/reference/README.md ("numpy's argsort").
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// numpy's aheapsort on t[0..n) by v: a 1-based max-heap with sift-down.
inline void numpy_aheapsort(const std::int64_t* v, std::size_t* t, std::ptrdiff_t n) {
    std::size_t* a = t - 1;  // 1-based indexing, as numpy does
    std::ptrdiff_t i, j, l;
    std::size_t tmp;
    for (l = n >> 1; l > 0; --l) {
        tmp = a[l];
        for (i = l, j = l << 1; j <= n;) {
            if (j < n && v[a[j]] < v[a[j + 1]]) j += 1;
            if (v[tmp] < v[a[j]]) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
    for (; n > 1;) {
        tmp = a[n];
        a[n] = a[1];
        n -= 1;
        for (i = 1, j = 2; j <= n;) {
            if (j < n && v[a[j]] < v[a[j + 1]]) j++;
            if (v[tmp] < v[a[j]]) {
                a[i] = a[j];
                i = j;
                j += j;
            } else {
                break;
            }
        }
        a[i] = tmp;
    }
}

/// `np.argsort(v)` with numpy 1.24's default (unstable) sort: the same
/// permutation, including the order of equal keys. O(n log n).
inline std::vector<std::size_t> numpy_argsort(const std::vector<std::int64_t>& values) {
    const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(values.size());
    std::vector<std::size_t> t(values.size());
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = k;
    if (n < 2) return t;
    const std::int64_t* v = values.data();
    std::size_t* base = t.data();

    int msb = 0;
    for (std::size_t m = values.size(); m > 1; m >>= 1) ++msb;
    int cdepth = 2 * msb;

    struct frame {
        std::ptrdiff_t pl, pr;
        int depth;
    };
    std::vector<frame> stack;
    std::ptrdiff_t pl = 0, pr = n - 1;
    for (;;) {
        if (cdepth < 0) {
            numpy_aheapsort(v, base + pl, pr - pl + 1);
        } else {
            while (pr - pl > 15) {
                const std::ptrdiff_t pm = pl + ((pr - pl) >> 1);
                if (v[base[pm]] < v[base[pl]]) std::swap(base[pm], base[pl]);
                if (v[base[pr]] < v[base[pm]]) std::swap(base[pr], base[pm]);
                if (v[base[pm]] < v[base[pl]]) std::swap(base[pm], base[pl]);
                const std::int64_t vp = v[base[pm]];
                std::ptrdiff_t pi = pl, pj = pr - 1;
                std::swap(base[pm], base[pj]);
                for (;;) {
                    do ++pi; while (v[base[pi]] < vp);
                    do --pj; while (vp < v[base[pj]]);
                    if (pi >= pj) break;
                    std::swap(base[pi], base[pj]);
                }
                std::swap(base[pi], base[pr - 1]);
                if (pi - pl < pr - pi) {
                    stack.push_back({pi + 1, pr, --cdepth});
                    pr = pi - 1;
                } else {
                    stack.push_back({pl, pi - 1, --cdepth});
                    pl = pi + 1;
                }
            }
            for (std::ptrdiff_t pi = pl + 1; pi <= pr; ++pi) {
                const std::size_t vi = base[pi];
                const std::int64_t key = v[vi];
                std::ptrdiff_t pj = pi;
                while (pj > pl && key < v[base[pj - 1]]) {
                    base[pj] = base[pj - 1];
                    --pj;
                }
                base[pj] = vi;
            }
        }
        if (stack.empty()) break;
        pl = stack.back().pl;
        pr = stack.back().pr;
        cdepth = stack.back().depth;
        stack.pop_back();
    }
    return t;
}

}  // namespace detail
ASSAY_NAMESPACE_END
