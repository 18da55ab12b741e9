// An outside program that uses assay's xtensor adapter.
#include <assay/xtensor.hpp>

#include <xtensor/xarray.hpp>

#include <cstdio>

int main() {
    xt::xarray<double> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
    const auto v = assay::as_matrix_view(a);
    std::printf("consumer xtensor: %zux%zu, v(1,2) = %g\n", v.rows(), v.cols(), v(1, 2));
    return v.rows() == 2 && v.cols() == 3 && v(1, 2) == 6.0 ? 0 : 1;
}
