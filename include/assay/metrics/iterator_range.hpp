// assay/metrics/iterator_range.hpp — an iterator pair as a range, so every
// function that takes ranges also takes iterator pairs:
//
//     assay::f1_score(assay::make_iterator_range(t, t + n),
//                     assay::make_iterator_range(p, p + n));
#pragma once

#include "../config.hpp"

#include <utility>

ASSAY_NAMESPACE_BEGIN

/// A non-owning [first, last) view. Iterators must be at least forward
/// iterators (the functions may pass over the data more than once).
template <class It>
struct iterator_range {
    It first, last;
    It begin() const { return first; }
    It end() const { return last; }
};

/// Wraps [first, last) as a range. Complexity: O(1).
template <class It>
iterator_range<It> make_iterator_range(It first, It last) {
    return {std::move(first), std::move(last)};
}

ASSAY_NAMESPACE_END
