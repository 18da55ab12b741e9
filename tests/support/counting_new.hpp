// Replaces the global allocation functions of the including program with
// ones that count every allocation, for the tests and benchmarks that prove
// an update path allocates nothing. Include it in exactly ONE translation unit
// of an executable (it defines the replaceable operators).
//
// Every replaceable form that allocates or frees is replaced, so that all of
// them pair malloc with free (sanitizers check the pairing). GCC's
// -Wmismatched-new-delete cannot see that these operators are the pair.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#if defined(__GNUC__) && !defined(__clang__)
#    pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace assay_test {

/// Allocations made by this process since it started.
inline std::atomic<std::uint64_t>& allocation_count() noexcept {
    static std::atomic<std::uint64_t> count{0};
    return count;
}

/// Allocations made while the object lives (other threads included).
class count_allocations {
public:
    count_allocations() noexcept : start_(allocation_count().load()) {}
    std::uint64_t value() const noexcept { return allocation_count().load() - start_; }

private:
    std::uint64_t start_;
};

namespace detail {
inline void* counted_malloc(std::size_t n) noexcept {
    allocation_count().fetch_add(1, std::memory_order_relaxed);
    return std::malloc(n == 0 ? 1 : n);
}
}  // namespace detail

}  // namespace assay_test

void* operator new(std::size_t n) {
    if (void* p = assay_test::detail::counted_malloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    if (void* p = assay_test::detail::counted_malloc(n)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return assay_test::detail::counted_malloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return assay_test::detail::counted_malloc(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
