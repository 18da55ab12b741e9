// assay/xtensor.hpp — xtensor arrays as assay inputs (target assay::xtensor).
//
// Kept apart from the core: xtensor's include paths and required C++
// standard change between versions (0.24 in Debian 12 keeps headers in
// <xtensor/...>; 0.26 moved them to subfolders; 0.27 needs C++20). Only this
// header includes xtensor. 1-D xtensor containers are ranges and work with
// every range-taking function directly; 2-D containers become
// `assay::matrix_view`s here, without copying.
#pragma once

#include "config.hpp"
#include "detail/checks.hpp"
#include "matrix_view.hpp"

#if __has_include(<xtensor/containers/xcontainer.hpp>)
#    include <xtensor/containers/xcontainer.hpp>
#else
#    include <xtensor/xcontainer.hpp>
#endif

ASSAY_NAMESPACE_BEGIN

/// View of a 2-D xtensor container (xarray, xtensor, adapted buffers), in any
/// layout. Throws `assay::invalid_argument` unless the container has exactly
/// two dimensions. Complexity: O(1).
template <class D>
auto as_matrix_view(const xt::xcontainer<D>& a) {
    using scalar = typename xt::xcontainer<D>::value_type;
    detail::require(a.dimension() == 2, "as_matrix_view", "array", "must have 2 dimensions, has ", a.dimension());
    const auto& shape = a.shape();
    const auto& strides = a.strides();
    return matrix_view<const scalar>(a.data() + a.data_offset(), static_cast<std::size_t>(shape[0]),
                                     static_cast<std::size_t>(shape[1]), static_cast<std::ptrdiff_t>(strides[0]),
                                     static_cast<std::ptrdiff_t>(strides[1]));
}

ASSAY_NAMESPACE_END
