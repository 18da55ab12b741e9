// assay/detail/memory.hpp — large arrays: index arrays of the splitters and
// the scratch buffers of the sorting metrics and statistics.
//
// Splitters write index arrays of one entry per row (fold ids, row orders),
// and sorts need scratch of the input's size: tens of megabytes that are
// touched once. On Linux, first touching fresh
// memory page by page (4 KiB) costs more than the splitting itself, so large
// arrays are advised to use transparent huge pages (madvise MADV_HUGEPAGE,
// as numpy does for its arrays). Define ASSAY_NO_HUGE_PAGES before including
// assay to turn the advice off. Elsewhere this is a plain allocation.
#pragma once

#include "../config.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
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

/// Uninitialised scratch of n trivial values; buffers of 2 MiB and more are
/// aligned to 2 MiB and advised to use huge pages (see above).
template <class T>
class big_buffer {
    static_assert(std::is_trivially_copyable<T>::value && std::is_trivially_destructible<T>::value,
                  "big_buffer holds trivial values only");

public:
    big_buffer() = default;
    explicit big_buffer(std::size_t n) { allocate(n); }
    big_buffer(const big_buffer&) = delete;
    big_buffer& operator=(const big_buffer&) = delete;
    big_buffer(big_buffer&& o) noexcept : p_(o.p_), n_(o.n_), aligned_(o.aligned_) { o.p_ = nullptr, o.n_ = 0; }
    big_buffer& operator=(big_buffer&& o) noexcept {
        if (this != &o) {
            release();
            p_ = o.p_, n_ = o.n_, aligned_ = o.aligned_;
            o.p_ = nullptr, o.n_ = 0;
        }
        return *this;
    }
    ~big_buffer() { release(); }

    /// Replaces the contents with n uninitialised elements.
    void allocate(std::size_t n) {
        release();
        const std::size_t bytes = (n == 0 ? 1 : n) * sizeof(T);
#if defined(__linux__) && !defined(ASSAY_NO_HUGE_PAGES) && defined(MADV_HUGEPAGE)
        constexpr std::size_t huge = std::size_t{1} << 21;
        if (bytes >= huge) {
            const std::size_t size = (bytes + huge - 1) / huge * huge;
            // The aligned operator new (not aligned_alloc + free): one
            // allocation family for both branches, so no mismatched-deallocation
            // diagnostics when a compiler sees both.
            if (void* q = ::operator new(size, std::align_val_t(huge), std::nothrow)) {
                advise_huge_pages(q, size);  // aligned to 2 MiB so whole huge pages fit
                p_ = static_cast<T*>(q);
                n_ = n;
                aligned_ = true;
                return;
            }
        }
#endif
        p_ = static_cast<T*>(::operator new(bytes));
        n_ = n;
        aligned_ = false;
    }

    T* data() noexcept { return p_; }
    const T* data() const noexcept { return p_; }
    std::size_t size() const noexcept { return n_; }
    T& operator[](std::size_t i) noexcept { return p_[i]; }
    const T& operator[](std::size_t i) const noexcept { return p_[i]; }

private:
    void release() noexcept {
        if (p_ == nullptr) return;
        if (aligned_) ::operator delete(p_, std::align_val_t(std::size_t{1} << 21));
        else ::operator delete(p_);
        p_ = nullptr;
        n_ = 0;
    }

    T* p_ = nullptr;
    std::size_t n_ = 0;
    bool aligned_ = false;
};

}  // namespace detail
ASSAY_NAMESPACE_END
