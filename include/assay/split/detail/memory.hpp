// assay/split/detail/memory.hpp — large index arrays.
//
// Splitters write index arrays of one entry per row (fold ids, row orders):
// tens of megabytes that are touched once. On Linux, first touching fresh
// memory page by page (4 KiB) costs more than the splitting itself, so large
// arrays are advised to use transparent huge pages (madvise MADV_HUGEPAGE,
// as numpy does for its arrays). Define ASSAY_NO_HUGE_PAGES before including
// assay to turn the advice off. Elsewhere this is a plain allocation.
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__) && !defined(ASSAY_NO_HUGE_PAGES)
#    include <sys/mman.h>
#endif

ASSAY_NAMESPACE_BEGIN
namespace detail {

/// Advises the kernel to back [p, p + bytes) with huge pages (Linux, 4 MiB
/// and more); a hint only, failures are ignored.
inline void advise_huge_pages(const void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && !defined(ASSAY_NO_HUGE_PAGES) && defined(MADV_HUGEPAGE)
    if (p == nullptr || bytes < (std::size_t{4} << 20)) return;
    const std::uintptr_t page = 4096;
    const auto a = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t lo = (a + page - 1) & ~(page - 1);
    const std::uintptr_t hi = (a + bytes) & ~(page - 1);
    if (hi > lo) (void)madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/// Reserves room for n elements (untouched) and advises huge pages for it.
template <class T>
void reserve_big(std::vector<T>& v, std::size_t n) {
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
}

/// A vector of n value-initialised (or `value`) elements, huge-page advised.
template <class T>
std::vector<T> big_vector(std::size_t n, const T& value = T{}) {
    std::vector<T> v;
    reserve_big(v, n);
    v.resize(n, value);
    return v;
}

}  // namespace detail
ASSAY_NAMESPACE_END
