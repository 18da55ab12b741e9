#include <assay/assay.hpp>

std::uint64_t odr_draw_b() {
    assay::rng g(7);
    return g();
}
