// assay/eigen.hpp — Eigen matrices as assay inputs.
//
// Eigen vectors are already ranges (Eigen 3.4 gives them begin()/end()), so
// every function that takes a range takes them directly. Matrices become
// `assay::matrix_view`s, row- or column-major, including blocks and maps with
// inner/outer strides. No data is copied.
#pragma once

#include "config.hpp"
#include "matrix_view.hpp"

#include <Eigen/Core>

ASSAY_NAMESPACE_BEGIN

/// View of a dense Eigen expression with direct access (Matrix, Array, Map,
/// Block, Ref). Complexity: O(1).
template <class Derived>
auto as_matrix_view(const Eigen::DenseBase<Derived>& m) {
    static_assert(static_cast<int>(Eigen::internal::traits<Derived>::Flags) & Eigen::DirectAccessBit,
                  "assay::as_matrix_view needs an Eigen object with direct access (evaluate the expression "
                  "into a matrix first)");
    using scalar = typename Derived::Scalar;
    const auto& d = m.derived();
    const auto inner = static_cast<std::ptrdiff_t>(d.innerStride());
    const auto outer = static_cast<std::ptrdiff_t>(d.outerStride());
    if (Derived::IsRowMajor) {
        return matrix_view<const scalar>(d.data(), static_cast<std::size_t>(d.rows()),
                                         static_cast<std::size_t>(d.cols()), outer, inner);
    }
    return matrix_view<const scalar>(d.data(), static_cast<std::size_t>(d.rows()), static_cast<std::size_t>(d.cols()),
                                     inner, outer);
}

ASSAY_NAMESPACE_END
