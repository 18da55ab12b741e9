// assay/metrics/detail/big_buffer.hpp — uninitialised scratch arrays for the
// sorting metrics.
//
// The first touch of every fresh page costs a page fault; with 4 KiB pages
// that dominates an O(n) sort of tens of megabytes (in virtual machines a
// fault can cost microseconds). On Linux, buffers of 2 MiB and more are
// aligned to 2 MiB and marked with madvise(MADV_HUGEPAGE), which lets
// transparent huge pages back them (512 times fewer faults) when the system
// allows it; elsewhere, and for small buffers, this is plain operator new.
#pragma once

#include "../../config.hpp"

#include <cstddef>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>

#if defined(__linux__)
#    include <sys/mman.h>
#endif

ASSAY_NAMESPACE_BEGIN
namespace detail {
namespace metrics {

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
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        constexpr std::size_t huge = std::size_t{1} << 21;
        if (bytes >= huge) {
            const std::size_t size = (bytes + huge - 1) / huge * huge;
            if (void* q = std::aligned_alloc(huge, size)) {
                (void)::madvise(q, size, MADV_HUGEPAGE);  // a hint: failure only costs speed
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
        if (aligned_) std::free(p_);
        else ::operator delete(p_);
        p_ = nullptr;
        n_ = 0;
    }

    T* p_ = nullptr;
    std::size_t n_ = 0;
    bool aligned_ = false;
};

}  // namespace metrics
}  // namespace detail
ASSAY_NAMESPACE_END
