// Updates allocate nothing once a detector is warm: every operator new of the
// test process is counted while detectors run over the reference streams.
#include "counting_new.hpp"
#include "streams.hpp"

#include <assay/drift.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
namespace dr = assay::drift;

// Runs the whole stream twice: the first pass warms the detector (ADWIN's
// rows reach their largest count), the second must not allocate.
template <class D>
unsigned long allocations_after_warm_up(D d, const std::vector<double>& xs) {
    for (double x : xs) d.update(x);
    d.reset();
    const unsigned long before = assay_test::allocation_count().load();
    for (double x : xs) d.update(x);
    return assay_test::allocation_count().load() - before;
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
    const unsigned long before = assay_test::allocation_count().load();
    for (std::size_t i = 0; i < bits.size(); ++i) lfr.update(bits[i], i % 3 == 0 ? 1.0 - bits[i] : bits[i]);
    CHECK(assay_test::allocation_count().load() - before == 0);
    // The counter does count: a vector allocates.
    const unsigned long probe = assay_test::allocation_count().load();
    std::vector<int> v(10);
    CHECK(assay_test::allocation_count().load() - probe >= 1);
}
