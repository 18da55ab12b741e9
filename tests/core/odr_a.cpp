// Two translation units include every header; linking them together fails if
// a header defines a non-inline function or variable.
#include <assay/assay.hpp>

#include <doctest/doctest.h>

std::uint64_t odr_draw_b();

TEST_CASE("two translation units including everything link and agree") {
    assay::rng g(7);
    CHECK(g() == odr_draw_b());
}
