#include <assay/xtensor.hpp>

#include <doctest/doctest.h>

#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>

TEST_CASE("matrix_view over xtensor containers in either layout") {
    xt::xarray<double> rm = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
    xt::xarray<double, xt::layout_type::column_major> cm = rm;
    for (const auto& v : {assay::as_matrix_view(rm), assay::as_matrix_view(cm)}) {
        REQUIRE(v.rows() == 2);
        REQUIRE(v.cols() == 3);
        CHECK(v(0, 1) == 2.0);
        CHECK(v(1, 0) == 4.0);
        CHECK(v(1, 2) == 6.0);
    }
    CHECK(assay::as_matrix_view(rm).is_row_major_contiguous());
    xt::xtensor<float, 2> t = {{0.25f, 0.75f}};
    const auto tv = assay::as_matrix_view(t);
    CHECK(tv.rows() == 1);
    CHECK(tv(0, 1) == 0.75f);
    xt::xarray<double> three = xt::zeros<double>({2, 2, 2});
    CHECK_THROWS_AS(assay::as_matrix_view(three), assay::invalid_argument);
}

TEST_CASE("1-D xtensor containers are ranges") {
    xt::xarray<double> a = {0.5, 0.25, 0.125};
    double sum = 0;
    for (double x : a) sum += x;
    CHECK(sum == 0.875);
}
