// assay/matrix_view.hpp — a non-owning, strided view of a 2-D array.
//
// Functions that take a matrix (multiclass probabilities, multilabel
// indicator matrices, multioutput regression targets) take a
// `matrix_view<const T>`. It is built from a row-major buffer here, from an
// Eigen matrix by assay/eigen.hpp, and from an xtensor array by
// assay/xtensor.hpp. A view never owns or copies its data; the caller keeps
// the buffer alive while the view is used.
#pragma once

#include "config.hpp"
#include "detail/checks.hpp"

#include <cstddef>
#include <type_traits>

ASSAY_NAMESPACE_BEGIN

template <class T>
class matrix_view {
public:
    using value_type = std::remove_cv_t<T>;

    constexpr matrix_view() noexcept = default;

    /// General strided view: element (i, j) is data[i * row_stride + j * col_stride]
    /// (strides in elements, may be any non-negative values).
    constexpr matrix_view(T* data, std::size_t rows, std::size_t cols, std::ptrdiff_t row_stride,
                          std::ptrdiff_t col_stride) noexcept
        : data_(data), rows_(rows), cols_(cols), row_stride_(row_stride), col_stride_(col_stride) {}

    /// Contiguous row-major view of rows x cols elements.
    constexpr matrix_view(T* data, std::size_t rows, std::size_t cols) noexcept
        : matrix_view(data, rows, cols, static_cast<std::ptrdiff_t>(cols), 1) {}

    /// A view of a mutable matrix converts to a view of a const one.
    template <class U, class = std::enable_if_t<std::is_same<const U, T>::value && !std::is_same<U, T>::value>>
    constexpr matrix_view(const matrix_view<U>& other) noexcept  // NOLINT: implicit by design
        : matrix_view(other.data(), other.rows(), other.cols(), other.row_stride(), other.col_stride()) {}

    constexpr T& operator()(std::size_t i, std::size_t j) const noexcept {
        return data_[static_cast<std::ptrdiff_t>(i) * row_stride_ + static_cast<std::ptrdiff_t>(j) * col_stride_];
    }

    constexpr T* data() const noexcept { return data_; }
    constexpr std::size_t rows() const noexcept { return rows_; }
    constexpr std::size_t cols() const noexcept { return cols_; }
    constexpr std::size_t size() const noexcept { return rows_ * cols_; }
    constexpr bool empty() const noexcept { return rows_ == 0 || cols_ == 0; }
    constexpr std::ptrdiff_t row_stride() const noexcept { return row_stride_; }
    constexpr std::ptrdiff_t col_stride() const noexcept { return col_stride_; }
    /// True when rows are contiguous and follow each other (a plain row-major buffer).
    constexpr bool is_row_major_contiguous() const noexcept {
        return col_stride_ == 1 && row_stride_ == static_cast<std::ptrdiff_t>(cols_);
    }

private:
    T* data_ = nullptr;
    std::size_t rows_ = 0;
    std::size_t cols_ = 0;
    std::ptrdiff_t row_stride_ = 0;
    std::ptrdiff_t col_stride_ = 0;
};

/// View of a row-major buffer (e.g. a std::vector<double> holding n rows of
/// `cols` values). Throws `assay::invalid_argument` if cols is 0 or the size is
/// not a multiple of cols. Complexity: O(1).
template <class Container>
auto as_matrix_view(Container& buffer, std::size_t cols) {
    using pointer = decltype(buffer.data());
    using element = std::remove_pointer_t<pointer>;
    detail::require(cols != 0, "as_matrix_view", "cols", "must be at least 1");
    detail::require(buffer.size() % cols == 0, "as_matrix_view", "buffer", "has ", buffer.size(),
                    " elements, not a multiple of cols = ", cols);
    return matrix_view<element>(buffer.data(), buffer.size() / cols, cols);
}

ASSAY_NAMESPACE_END
