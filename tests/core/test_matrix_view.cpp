#include <assay/eigen.hpp>
#include <assay/matrix_view.hpp>

#include <doctest/doctest.h>

#include <vector>

TEST_CASE("matrix_view over a row-major buffer") {
    std::vector<double> buf{1, 2, 3, 4, 5, 6};
    const auto v = assay::as_matrix_view(buf, 3);
    CHECK(v.rows() == 2);
    CHECK(v.cols() == 3);
    CHECK(v(0, 0) == 1);
    CHECK(v(1, 2) == 6);
    CHECK(v.is_row_major_contiguous());
    v(1, 1) = 50;  // a view of a mutable buffer writes through
    CHECK(buf[4] == 50);
    assay::matrix_view<const double> cv = v;
    CHECK(cv(1, 1) == 50);
    CHECK_THROWS_WITH_AS(assay::as_matrix_view(buf, 4),
                         "assay::as_matrix_view: buffer: has 6 elements, not a multiple of cols = 4",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::as_matrix_view(buf, 0), assay::invalid_argument);
}

TEST_CASE("matrix_view over Eigen matrices in either layout, blocks and maps") {
    Eigen::MatrixXd col_major(2, 3);
    col_major << 1, 2, 3, 4, 5, 6;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = col_major;
    for (const auto& v : {assay::as_matrix_view(col_major), assay::as_matrix_view(row_major)}) {
        REQUIRE(v.rows() == 2);
        REQUIRE(v.cols() == 3);
        for (std::size_t i = 0; i < 2; ++i)
            for (std::size_t j = 0; j < 3; ++j)
                CHECK(v(i, j) == col_major(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
    }
    CHECK(assay::as_matrix_view(row_major).is_row_major_contiguous());
    CHECK_FALSE(assay::as_matrix_view(col_major).is_row_major_contiguous());

    Eigen::MatrixXd big = Eigen::MatrixXd::Zero(5, 5);
    big(3, 4) = 7;
    const auto block = assay::as_matrix_view(big.block(2, 3, 2, 2));
    CHECK(block.rows() == 2);
    CHECK(block(1, 1) == 7);

    Eigen::VectorXd vec(3);
    vec << 0.5, 0.25, 0.125;
    double sum = 0;
    for (double x : vec) sum += x;  // Eigen vectors are ranges
    CHECK(sum == 0.875);
}
