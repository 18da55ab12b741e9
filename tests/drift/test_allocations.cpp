// Updates allocate nothing once a detector is warm: every operator new of the
// test process is counted while detectors run over the reference streams.
#include "streams.hpp"

#include <assay/drift.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__GNUC__) && !defined(__clang__)
#    pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace {
std::atomic<unsigned long> allocations{0};
}
void* operator new(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {
namespace dr = assay::drift;

// Runs the whole stream twice: the first pass warms the detector (ADWIN's
// rows reach their largest count), the second must not allocate.
template <class D>
unsigned long allocations_after_warm_up(D d, const std::vector<double>& xs) {
    for (double x : xs) d.update(x);
    d.reset();
    const unsigned long before = allocations.load();
    for (double x : xs) d.update(x);
    return allocations.load() - before;
}
}  // namespace

TEST_CASE("detector updates allocate nothing once warm") {
    const auto& bits = drift_test::stream("b_long_s1");
    const auto& real = drift_test::stream("g_long_s1");
    CHECK(allocations_after_warm_up(dr::adwin{}, bits) == 0);
    CHECK(allocations_after_warm_up(dr::adwin{}, real) == 0);
    CHECK(allocations_after_warm_up(dr::adwin({0.05, 1, 5, 5, 10, false, false}), real) == 0);
    CHECK(allocations_after_warm_up(dr::ddm{}, bits) == 0);
    CHECK(allocations_after_warm_up(dr::eddm{}, bits) == 0);
    CHECK(allocations_after_warm_up(dr::hddm_a{}, bits) == 0);
    CHECK(allocations_after_warm_up(dr::hddm_w{}, bits) == 0);
    CHECK(allocations_after_warm_up(dr::page_hinkley{}, real) == 0);
    CHECK(allocations_after_warm_up(dr::kswin{}, real) == 0);
    dr::linear_four_rates lfr;
    const unsigned long before = allocations.load();
    for (std::size_t i = 0; i < bits.size(); ++i) lfr.update(bits[i], i % 3 == 0 ? 1.0 - bits[i] : bits[i]);
    CHECK(allocations.load() - before == 0);
    // The counter does count: a vector allocates.
    const unsigned long probe = allocations.load();
    std::vector<int> v(10);
    CHECK(allocations.load() - probe >= 1);
}
