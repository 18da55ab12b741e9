// The multilabel accumulators allocate nothing per row or per batch once
// their label count is fixed (this executable counts every allocation).
#include <doctest/doctest.h>

#include "counting_new.hpp"

#include <assay/metrics/multilabel.hpp>

#include <cstdint>
#include <vector>

using assay_test::count_allocations;

TEST_CASE("multilabel accumulators allocate nothing per update") {
    const std::size_t n = 64, l = 7;
    std::vector<std::uint8_t> y(n * l), p(n * l);
    std::vector<double> s(n * l), w(n, 1.5);
    for (std::size_t i = 0; i < n * l; ++i) {
        y[i] = static_cast<std::uint8_t>(i % 3 == 0);
        p[i] = static_cast<std::uint8_t>(i % 5 < 2);
        s[i] = static_cast<double>((i * 7) % 11) / 11.0;
    }
    const auto yv = assay::as_matrix_view(y, l), pv = assay::as_matrix_view(p, l);
    const auto sv = assay::as_matrix_view(s, l);
    const std::vector<std::uint8_t> row_t(y.begin(), y.begin() + 7), row_p(p.begin(), p.begin() + 7);
    const std::vector<double> row_s(s.begin(), s.begin() + 7);
    assay::multilabel_counts c(l, 2.0);
    assay::label_ranking_accumulator r(l);
    assay::multilabel_counts other(l, 2.0);
    other.update(yv, pv);
    std::uint64_t made = 0;
    {
        count_allocations guard;
        for (int k = 0; k < 10; ++k) {
            c.update(yv, pv);
            c.update(yv, pv, w);
            c.update(row_t, row_p);
            c.update(row_t, row_p, 0.5);
            c.merge(other);
            r.update(yv, sv);
            r.update(yv, sv, w);
            r.update(row_t, row_s, 2.0);
        }
        made = guard.value();
    }
    CHECK(made == 0);
    CHECK(c.n_samples() == 10 * (2 * n + 2 + n));
    CHECK(r.n_samples() == 10 * (2 * n + 1));
}
