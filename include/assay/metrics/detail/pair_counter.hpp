// assay/metrics/detail/pair_counter.hpp — the counting kernel behind every
// confusion-matrix metric: counts (true label, predicted label) pairs, with
// optional weights, in one pass over the data.
//
// Labels are counted in a dense table indexed by value over a window
// [lo, lo + span), span a power of two, that grows as new values appear.
// Fast path (unweighted, random-access input): for each block of 256 rows one
// pass computes the cell indices (t − lo) << log2(span) | (p − lo) and ORs the
// offsets, which are all below span exactly when every label is inside the
// window; then the increments. A block that leaves the window goes the
// general way: its min/max grow the window (re-laid out, counts kept), or,
// when the labels spread over more than `max_span` values, the kernel
// switches for good to a sorted label list and binary search. Four
// interleaved 32-bit sub-tables break the store-to-load dependency of
// consecutive increments of the same cell (imbalanced data); after 2^30 rows
// in one batch, before they could overflow, counting moves to the 64-bit
// sorted-list path.
//
// Complexity: O(n) time; O(span²) memory (O(K²) on the sorted-list path).
// The scratch tables and chunk buffers are members: a counter reused across
// batches allocates only when its window grows.
#pragma once

#include "input.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <type_traits>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {
namespace metrics {

class pair_counter {
public:
    static constexpr std::uint64_t max_span = 256;
    static constexpr std::size_t chunk = 2048;

    /// One observed (true, pred) cell.
    struct cell {
        label_type t, p;
        std::uint64_t count;
        double weight;
    };

    /// Counts n rows. `w` is an iterator over weights or unit_weights::iterator.
    /// Labels are checked for representability (uint64 > INT64_MAX); weights
    /// must have been checked by the caller.
    template <bool Weighted, class ItT, class ItP, class ItW>
    void count(const char* fn, ItT t, ItP p, ItW w, std::size_t n) {
        reset();
        weighted_ = Weighted;
        if (Weighted && weights_.size() != counts_.size()) weights_.assign(counts_.size(), 0.0);
        constexpr bool random_access = is_random_access<ItT>::value && is_random_access<ItP>::value &&
                                       (!Weighted || is_random_access<ItW>::value);
        if constexpr (random_access) {
            count_direct<Weighted>(fn, t, p, w, n);
        } else {
            count_buffered<Weighted>(fn, t, p, w, n);
        }
    }

    /// Calls f(cell) for each non-empty cell (count > 0); allocates nothing.
    template <class F>
    void for_each_cell(F&& f) const {
        if (sparse_) {
            const std::size_t k = sparse_labels_.size();
            for (std::size_t i = 0; i < k; ++i)
                for (std::size_t j = 0; j < k; ++j) {
                    const std::size_t c = i * k + j;
                    if (sparse_counts_[c] != 0)
                        f(cell{sparse_labels_[i], sparse_labels_[j], sparse_counts_[c],
                               weighted_ ? sparse_weights_[c] : static_cast<double>(sparse_counts_[c])});
                }
            return;
        }
        const std::size_t cells = span_ * span_;
        for (std::size_t c = 0; c < cells; ++c) {
            std::uint64_t cnt = 0;
            double wsum = 0.0;
            for (std::size_t s = 0; s < nsub; ++s) {
                cnt += counts_[s * cells + c];
                if (weighted_) wsum += weights_[s * cells + c];
            }
            if (cnt != 0)
                f(cell{lo_ + static_cast<label_type>(c / span_), lo_ + static_cast<label_type>(c % span_), cnt,
                       weighted_ ? wsum : static_cast<double>(cnt)});
        }
    }

    /// The non-empty cells, in no particular order.
    std::vector<cell> cells() const {
        std::vector<cell> out;
        for_each_cell([&](const cell& c) { out.push_back(c); });
        return out;
    }

    /// Clears the counts; the window and its storage are kept for reuse.
    void reset() {
        if (sparse_) span_ = 0;
        sparse_ = false;
        rows_since_fold_ = 0;
        std::fill(counts_.begin(), counts_.end(), 0u);
        std::fill(weights_.begin(), weights_.end(), 0.0);
        sparse_labels_.clear();
        sparse_counts_.clear();
        sparse_weights_.clear();
    }

private:
    static constexpr std::size_t nsub = 4;

    template <class It>
    using is_random_access = std::is_base_of<std::random_access_iterator_tag,
                                             typename std::iterator_traits<It>::iterator_category>;

    // Chunk buffers, allocated on first use and kept (no allocation per batch).
    label_type* scratch_t() {
        if (tbuf_.size() != chunk) tbuf_.resize(chunk);
        return tbuf_.data();
    }
    label_type* scratch_p() {
        if (pbuf_.size() != chunk) pbuf_.resize(chunk);
        return pbuf_.data();
    }
    double* scratch_w() {
        if (wbuf_.size() != chunk) wbuf_.resize(chunk);
        return wbuf_.data();
    }

    static std::uint64_t offset(label_type v, label_type lo) noexcept {
        return static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(lo);
    }

    // Random-access input: each chunk is scanned twice in place (a cheap
    // window test, then the counting), without copying the labels.
    template <bool Weighted, class ItT, class ItP, class ItW>
    void count_direct(const char* fn, ItT t, ItP p, ItW w, std::size_t n, bool fast = true) {
        label_type* tbuf = scratch_t();
        label_type* pbuf = scratch_p();
        double* wbuf = scratch_w();
        for (std::size_t base = 0; base < n; base += chunk) {
            const std::size_t m = std::min(chunk, n - base);
            const ItT tc = t + static_cast<std::ptrdiff_t>(base);
            const ItP pc = p + static_cast<std::ptrdiff_t>(base);
            for (std::size_t i = 0; i < m; ++i) {
                check_label_value(fn, "y_true", tc[i], base + i);
                check_label_value(fn, "y_pred", pc[i], base + i);
            }
            if constexpr (!Weighted) {
                // Fast path: blocks whose labels all lie in the window are
                // counted straight away; the rest of the chunk, if any, goes
                // the general way below.
                if (fast && !sparse_ && span_ != 0) {
                    const std::size_t done = count_in_window(tc, pc, m);
                    if (done == m) continue;
                    count_direct<false>(fn, tc + static_cast<std::ptrdiff_t>(done), pc + static_cast<std::ptrdiff_t>(done),
                                        w, m - done, /*fast=*/false);
                    continue;
                }
            }
            if (!sparse_) {
                // Spans are powers of two, so OR-ing the offsets tests the window.
                bool inside = false;
                if (span_ != 0) {
                    const label_type lo = lo_;
                    std::uint64_t acc = 0;
                    for (std::size_t i = 0; i < m; ++i)
                        acc |= offset(to_label(tc[i]), lo) | offset(to_label(pc[i]), lo);
                    inside = acc < span_;
                }
                if (!inside) {
                    label_type lo = to_label(tc[0]), hi = lo;
                    for (std::size_t i = 0; i < m; ++i) {
                        const label_type a = to_label(tc[i]), b = to_label(pc[i]);
                        lo = std::min(lo, std::min(a, b));
                        hi = std::max(hi, std::max(a, b));
                    }
                    if (!cover(lo, hi)) {
                        for (std::size_t i = 0; i < m; ++i) tbuf[i] = to_label(tc[i]), pbuf[i] = to_label(pc[i]);
                        to_sparse(tbuf, pbuf, m);
                    }
                }
            }
            if (sparse_) {
                for (std::size_t i = 0; i < m; ++i) tbuf[i] = to_label(tc[i]), pbuf[i] = to_label(pc[i]);
                if constexpr (Weighted)
                    for (std::size_t i = 0; i < m; ++i) wbuf[i] = static_cast<double>(w[static_cast<std::ptrdiff_t>(base + i)]);
                add_sparse<Weighted>(tbuf, pbuf, wbuf, m);
            } else if constexpr (Weighted) {
                add_dense<Weighted>(tc, pc, w + static_cast<std::ptrdiff_t>(base), m);
            } else {
                add_dense<Weighted>(tc, pc, wbuf, m);
            }
        }
    }

    // Counts rows from the start while whole blocks of them lie in the
    // current window; returns how many rows were counted (a block with a
    // label outside the window is left, with everything after it, uncounted).
    // The cell indices and the window test come from one pass over a block.
    template <class ItT, class ItP>
    std::size_t count_in_window(ItT t, ItP p, std::size_t m) {
        constexpr std::size_t block = 256;
        std::uint32_t idx[block];
        const label_type lo = lo_;
        const std::size_t span = span_, cells = span * span;
        unsigned shift = 0;
        while ((std::size_t{1} << shift) < span) ++shift;
        const std::uint64_t mask = span - 1;
        std::uint32_t* c0 = counts_.data();
        std::uint32_t* c1 = c0 + cells;
        std::uint32_t* c2 = c1 + cells;
        std::uint32_t* c3 = c2 + cells;
        std::size_t i = 0;
        for (; i < m; i += block) {
            const std::size_t b = std::min(block, m - i);
            std::uint64_t acc = 0;
            for (std::size_t r = 0; r < b; ++r) {
                const std::uint64_t a = offset(to_label(t[i + r]), lo), c = offset(to_label(p[i + r]), lo);
                acc |= a | c;
                idx[r] = static_cast<std::uint32_t>((a & mask) << shift | (c & mask));
            }
            if (acc >= span) break;
            std::size_t r = 0;
            for (; r + 4 <= b; r += 4) ++c0[idx[r]], ++c1[idx[r + 1]], ++c2[idx[r + 2]], ++c3[idx[r + 3]];
            for (; r < b; ++r) ++c0[idx[r]];
        }
        const std::size_t counted = std::min(i, m);
        rows_since_fold_ += counted;
        if (rows_since_fold_ >= (1u << 30)) fold_to_sparse_free();
        return counted;
    }

    // Other iterators: each chunk is copied once.
    template <bool Weighted, class ItT, class ItP, class ItW>
    void count_buffered(const char* fn, ItT t, ItP p, ItW w, std::size_t n) {
        label_type* tbuf = scratch_t();
        label_type* pbuf = scratch_p();
        double* wbuf = scratch_w();
        for (std::size_t base = 0; base < n; base += chunk) {
            const std::size_t m = std::min(chunk, n - base);
            for (std::size_t i = 0; i < m; ++i, ++t, ++p) {
                const auto tv = *t;
                const auto pv = *p;
                check_label_value(fn, "y_true", tv, base + i);
                check_label_value(fn, "y_pred", pv, base + i);
                tbuf[i] = to_label(tv);
                pbuf[i] = to_label(pv);
                if constexpr (Weighted) {
                    wbuf[i] = static_cast<double>(*w);
                    ++w;
                }
            }
            if (!sparse_) {
                label_type lo = tbuf[0], hi = tbuf[0];
                for (std::size_t i = 0; i < m; ++i) {
                    lo = std::min(lo, std::min(tbuf[i], pbuf[i]));
                    hi = std::max(hi, std::max(tbuf[i], pbuf[i]));
                }
                if (!cover(lo, hi)) to_sparse(tbuf, pbuf, m);
            }
            if (sparse_) add_sparse<Weighted>(tbuf, pbuf, wbuf, m);
            else add_dense<Weighted>(tbuf, pbuf, wbuf, m);
        }
    }

    // Makes the dense window cover [lo, hi]; false if that needs more than max_span values.
    bool cover(label_type lo, label_type hi) {
        if (span_ != 0) {
            lo = std::min(lo, lo_);
            hi = std::max(hi, lo_ + static_cast<label_type>(span_) - 1);
        }
        const std::uint64_t need = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1u;
        if (need == 0 || need > max_span) return false;
        if (span_ != 0 && lo == lo_ && need == span_) return true;
        // Grow with some slack so a slowly widening range does not re-layout
        // often; positions are computed in offset binary so nothing overflows.
        // Powers of two (the window test ORs offsets); max_span is one.
        std::uint64_t new_span = 1;
        while (new_span < need) new_span *= 2;
        const std::uint64_t bias = std::uint64_t{1} << 63;
        const std::uint64_t ulo = static_cast<std::uint64_t>(lo) + bias;
        const std::uint64_t uhi = static_cast<std::uint64_t>(hi) + bias;
        std::uint64_t start = ulo;
        if (span_ != 0 && lo < lo_) start = uhi >= new_span - 1 ? uhi - (new_span - 1) : 0;
        const std::uint64_t max_start = ~std::uint64_t{0} - (new_span - 1);
        if (start > max_start) start = max_start;
        if (start > ulo) start = ulo;
        const label_type new_lo = static_cast<label_type>(start - bias);
        relayout(new_lo, static_cast<std::size_t>(new_span));
        return true;
    }

    void relayout(label_type new_lo, std::size_t new_span) {
        const std::size_t new_cells = new_span * new_span;
        std::vector<std::uint32_t> nc(nsub * new_cells, 0u);
        std::vector<double> nw(weighted_ ? nsub * new_cells : 0, 0.0);
        const std::size_t old_cells = span_ * span_;
        for (std::size_t s = 0; s < nsub && span_ != 0; ++s)
            for (std::size_t c = 0; c < old_cells; ++c) {
                const label_type tv = lo_ + static_cast<label_type>(c / span_);
                const label_type pv = lo_ + static_cast<label_type>(c % span_);
                const std::size_t nc_idx = static_cast<std::size_t>(tv - new_lo) * new_span +
                                           static_cast<std::size_t>(pv - new_lo);
                nc[s * new_cells + nc_idx] = counts_[s * old_cells + c];
                if (weighted_) nw[s * new_cells + nc_idx] = weights_[s * old_cells + c];
            }
        counts_.swap(nc);
        weights_.swap(nw);
        lo_ = new_lo;
        span_ = new_span;
    }

    template <bool Weighted, class ItT, class ItP, class ItW>
    void add_dense(ItT t, ItP p, ItW w, std::size_t m) {
        const std::size_t cells = span_ * span_;
        const std::size_t span = span_;
        const label_type lo = lo_;
        std::uint32_t* c0 = counts_.data();
        std::uint32_t* c1 = c0 + cells;
        std::uint32_t* c2 = c1 + cells;
        std::uint32_t* c3 = c2 + cells;
        // span is a power of two: cell = (t − lo) << shift | (p − lo).
        unsigned shift = 0;
        while ((std::size_t{1} << shift) < span) ++shift;
        auto at = [&](std::size_t i) {
            return static_cast<std::size_t>(offset(to_label(t[i]), lo) << shift | offset(to_label(p[i]), lo));
        };
        std::size_t i = 0;
        if constexpr (Weighted) {
            double* w0 = weights_.data();
            double* w1 = w0 + cells;
            double* w2 = w1 + cells;
            double* w3 = w2 + cells;
            for (; i + 4 <= m; i += 4) {
                const std::size_t a = at(i), b = at(i + 1), c = at(i + 2), d = at(i + 3);
                ++c0[a], ++c1[b], ++c2[c], ++c3[d];
                w0[a] += static_cast<double>(w[i]), w1[b] += static_cast<double>(w[i + 1]),
                    w2[c] += static_cast<double>(w[i + 2]), w3[d] += static_cast<double>(w[i + 3]);
            }
            for (; i < m; ++i) {
                const std::size_t a = at(i);
                ++c0[a];
                w0[a] += static_cast<double>(w[i]);
            }
        } else {
            (void)w;
            // Cell indices of a block first (a loop the compiler vectorizes),
            // then the increments, spread over four tables.
            constexpr std::size_t block = 256;
            std::uint32_t idx[block];
            for (; i < m; i += block) {
                const std::size_t b = std::min(block, m - i);
                for (std::size_t r = 0; r < b; ++r) idx[r] = static_cast<std::uint32_t>(at(i + r));
                std::size_t r = 0;
                for (; r + 4 <= b; r += 4) ++c0[idx[r]], ++c1[idx[r + 1]], ++c2[idx[r + 2]], ++c3[idx[r + 3]];
                for (; r < b; ++r) ++c0[idx[r]];
            }
        }
        // uint32 sub-counters: fold into 64-bit totals long before they could overflow.
        rows_since_fold_ += m;
        if (rows_since_fold_ >= (1u << 30)) fold_to_sparse_free();
    }

    // Moves the uint32 dense counters into the 64-bit sparse representation's
    // dense twin. Rarely needed (more than 2^30 rows in one batch): we simply
    // switch to the sparse path, which counts in 64 bits.
    void fold_to_sparse_free() {
        label_type dummy_t[1] = {lo_}, dummy_p[1] = {lo_};
        to_sparse(dummy_t, dummy_p, 0);
        rows_since_fold_ = 0;
    }

    // Switches to sorted labels + binary search, carrying over what was counted.
    void to_sparse(const label_type* t, const label_type* p, std::size_t m) {
        std::vector<cell> old = cells();
        std::vector<label_type> labels;
        labels.reserve(old.size() * 2 + 2 * m);
        for (const auto& c : old) {
            labels.push_back(c.t);
            labels.push_back(c.p);
        }
        for (std::size_t i = 0; i < m; ++i) {
            labels.push_back(t[i]);
            labels.push_back(p[i]);
        }
        sparse_labels_ = sorted_unique(std::move(labels));
        const std::size_t k = sparse_labels_.size();
        sparse_counts_.assign(k * k, 0u);
        sparse_weights_.assign(weighted_ ? k * k : 0, 0.0);
        sparse_ = true;
        for (const auto& c : old) {
            const std::size_t idx = index(c.t) * k + index(c.p);
            sparse_counts_[idx] += c.count;
            if (weighted_) sparse_weights_[idx] += c.weight;
        }
        span_ = 0;
        std::fill(counts_.begin(), counts_.end(), 0u);
    }

    std::size_t index(label_type v) const {
        return static_cast<std::size_t>(std::lower_bound(sparse_labels_.begin(), sparse_labels_.end(), v) -
                                        sparse_labels_.begin());
    }

    template <bool Weighted>
    void add_sparse(const label_type* t, const label_type* p, const double* w, std::size_t m) {
        // New labels? Rebuild the table with the union.
        bool all_known = true;
        for (std::size_t i = 0; i < m && all_known; ++i) {
            const std::size_t a = index(t[i]), b = index(p[i]);
            all_known = a < sparse_labels_.size() && sparse_labels_[a] == t[i] && b < sparse_labels_.size() &&
                        sparse_labels_[b] == p[i];
        }
        if (!all_known) to_sparse(t, p, m);  // re-enters with the union of old cells and this chunk
        const std::size_t k = sparse_labels_.size();
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t idx = index(t[i]) * k + index(p[i]);
            ++sparse_counts_[idx];
            if constexpr (Weighted) sparse_weights_[idx] += w[i];
        }
        (void)w;
    }

    // to_sparse on an already-sparse counter: cells() reads the sparse table.
    label_type lo_ = 0;
    std::size_t span_ = 0;
    bool sparse_ = false;
    bool weighted_ = false;
    std::uint64_t rows_since_fold_ = 0;
    std::vector<std::uint32_t> counts_;
    std::vector<double> weights_;
    std::vector<label_type> tbuf_, pbuf_;
    std::vector<double> wbuf_;
    std::vector<label_type> sparse_labels_;
    std::vector<std::uint64_t> sparse_counts_;
    std::vector<double> sparse_weights_;
};

}  // namespace metrics
}  // namespace detail
ASSAY_NAMESPACE_END
