// The streaming accumulators of binned_auc.hpp and windowed.hpp allocate
// nothing per update after construction: global operator new is replaced
// here (for this test executable) by one that counts calls.
#include "counting_new.hpp"

#include <doctest/doctest.h>

#include <assay/metrics/binned_auc.hpp>
#include <assay/metrics/windowed.hpp>

#include <cstdint>
#include <vector>

TEST_CASE("binned_auc, windowed and decayed counts allocate nothing per update") {
    std::vector<std::int64_t> y, p;
    std::vector<std::uint8_t> y8;
    std::vector<double> s, w;
    std::vector<float> f;
    for (int i = 0; i < 5000; ++i) {
        y.push_back(i % 3);
        y8.push_back(static_cast<std::uint8_t>(i % 2));
        p.push_back((i * 7) % 3);
        s.push_back(static_cast<double>(i % 101) / 100.0);
        f.push_back(static_cast<float>(i % 53) / 52.0f);
        w.push_back(0.5 + (i % 4));
    }
    assay::binned_auc auc;
    assay::windowed_confusion_counts win(100, {0, 1, 2});
    assay::decayed_confusion_counts dec(0.99, {0, 1, 2});
    {
        assay_test::count_allocations guard;
        for (int r = 0; r < 3; ++r) {
            auc.update(y8, s);
            auc.update(y, f);
            auc.update(y8.begin(), y8.end(), s.begin());
            auc.update(y, s, w);
            win.update(y, p);
            win.update(y, p, w);
            dec.update(y, p);
            dec.update(y, p, w);
        }
        for (std::size_t i = 0; i < y.size(); ++i) {
            auc.update(y8[i], s[i]);
            auc.update(y[i], s[i], w[i]);
            win.update(y[i], p[i], w[i]);
            dec.update(y[i], p[i]);
        }
        CHECK(guard.value() == 0);
    }
    CHECK(auc.n_samples() == 3 * 4 * 5000 + 2 * 5000);
    CHECK(win.size() == 100);
    CHECK(dec.n_seen() == 3 * 2 * 5000 + 5000);
}
