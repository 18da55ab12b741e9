// The update paths of the counting accumulators allocate nothing once warm:
// global operator new is replaced here (for this test executable) by one that
// counts calls while a test asks it to.
#include "counting_new.hpp"

#include <doctest/doctest.h>

#include <assay/metrics.hpp>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

namespace {
using assay_test::count_allocations;
}  // namespace

TEST_CASE("counting accumulators allocate nothing per sample or per batch once warm") {
    std::vector<std::int64_t> y, p;
    std::vector<double> w;
    for (int i = 0; i < 10000; ++i) {
        y.push_back(i % 7);
        p.push_back((i * 3) % 7);
        w.push_back(0.5 + (i % 3));
    }
    assay::confusion_counts declared({0, 1, 2, 3, 4, 5, 6});
    declared.update(y, p);     // warms the counting table and chunk buffers
    declared.update(y, p, w);  // and the weighted one
    assay::confusion_counts discovered;
    discovered.update(y, p);
    assay::top_k_accumulator top({0, 1, 2}, 2);
    assay::log_loss_accumulator loss({0, 1});
    assay::brier_accumulator brier;
    const std::vector<double> row{0.2, 0.5, 0.3};
    {
        count_allocations guard;
        for (int r = 0; r < 5; ++r) {
            declared.update(y, p);
            declared.update(y, p, w);
            discovered.update(y, p);  // no new label: no allocation
        }
        for (int i = 0; i < 1000; ++i) {
            declared.update(y[static_cast<std::size_t>(i)], p[static_cast<std::size_t>(i)], 2.0);
            top.update(i % 3, row);
            loss.update(i % 2, 0.3);
            brier.update(i % 2, 0.3);
        }
        CHECK(guard.value() == 0);
    }
    CHECK(declared.n_samples() == 2 * 10000 + 10 * 10000 + 1000);
}
