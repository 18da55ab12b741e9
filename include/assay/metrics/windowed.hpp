// assay/metrics/windowed.hpp — confusion counts over a recent part of a
// stream, for monitoring a deployed classifier: exactly the last N rows
// (`windowed_confusion_counts`), or every row with a weight that decays
// geometrically with its age (`decayed_confusion_counts`). Binary and
// multiclass: the label set is declared up front ({0, 1} by default).
//
// Both give the window's counts as a `confusion_counts` (`counts()`), so every
// counting metric of classification.hpp applies to them unchanged (same
// conventions: scikit-learn 1.2.1, zero_division, averaging); the members
// accuracy(), precision(), recall(), f1(), ... are shorthands for those
// functions over counts().
//
// Saved states (`save()` / `load()`, format version 1) use the framing of
// detail/state_bytes.hpp: magic, 16-bit version, the fields below
// (little-endian; doubles as IEEE-754 bit patterns), FNV-1a 64-bit hash.
//   windowed ('A' 'S' 'W' 'C'): window u64, K u64, K labels i64 (sorted),
//     rows seen u64, weighted flag u8, rows in the window n u64, then n rows
//     oldest first: cell i·K + j u32, weight f64.
//   decayed ('A' 'S' 'D' 'C'): alpha f64, K u64, K labels i64 (sorted), rows
//     seen u64, then the K² decayed weights f64, row-major.
// `load` treats the bytes as untrusted (framing, sizes, sorted unique labels,
// alpha in (0, 1], window at most 2^32 rows and K at most 4096 for a window,
// cells in range, weights finite and non-negative, unit weights when the
// weighted flag is clear); on failure it throws assay::corrupt_state and
// leaves the accumulator unchanged. A loaded window recomputes its weight
// sums from its rows (for weighted rows they may differ from the saved
// object's in the last bits; counts of unweighted rows are exact).
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "classification.hpp"
#include "confusion_matrix.hpp"
#include "detail/input.hpp"
#include "detail/state_bytes.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <type_traits>
#include <vector>

ASSAY_NAMESPACE_BEGIN

namespace detail {
namespace metrics {

template <class T>
using if_label = std::enable_if_t<std::is_integral<T>::value || std::is_enum<T>::value, int>;

/// The counting metrics of classification.hpp as members of a class that
/// provides `confusion_counts counts() const`. Each returns the
/// function of the same name over counts(): same convention (scikit-learn
/// 1.2.1), same Throws (notably invalid_argument when no row was seen).
/// Complexity: O(K²).
template <class Derived>
class counting_getters {
public:
    /// accuracy_score over counts(). Throws: invalid_argument when the
    /// window is empty or its weight is zero.
    double accuracy() const { return assay::accuracy_score(self().counts()); }
    /// balanced_accuracy_score over counts().
    double balanced_accuracy(bool adjusted = false) const { return assay::balanced_accuracy_score(self().counts(), adjusted); }
    /// precision_score / recall_score / f1_score / fbeta_score / jaccard_score
    /// over counts(), averaged as `o` says (default: binary, pos_label 1).
    double precision(const prf_options& o = {}) const { return assay::precision_score(self().counts(), o); }
    double recall(const prf_options& o = {}) const { return assay::recall_score(self().counts(), o); }
    double f1(const prf_options& o = {}) const { return assay::f1_score(self().counts(), o); }
    double fbeta(const prf_options& o) const { return assay::fbeta_score(self().counts(), o); }
    double jaccard(const prf_options& o = {}) const { return assay::jaccard_score(self().counts(), o); }
    /// matthews_corrcoef / cohen_kappa_score over counts().
    double matthews_corrcoef() const { return assay::matthews_corrcoef(self().counts()); }
    double cohen_kappa(kappa_weights w = kappa_weights::none) const { return assay::cohen_kappa_score(self().counts(), w); }
    /// rates (TPR, FPR, TNR, FNR, PPV, NPV, prevalence, accuracy) of
    /// "pos_label vs the rest" over counts().
    binary_rates rates(label_type pos_label = 1) const { return assay::rates(self().counts(), pos_label); }

private:
    const Derived& self() const { return static_cast<const Derived&>(*this); }
};

/// Cells are indexed by 32-bit integers: at most 65535 classes.
inline void check_class_count(const char* fn, const label_list& labels) {
    require(labels.size() <= 65535, fn, "labels", "has ", labels.size(), " labels, more than the 65535 supported");
}

/// Reads K and K sorted, distinct labels (K at most max_k) of a saved state.
inline std::vector<label_type> read_labels(state_reader& in, std::uint64_t max_k) {
    const std::uint64_t k = in.u64();
    if (k < 1 || k > max_k) throw_corrupt_state(in.function(), "number of labels is ", k);
    if (in.left() / 8 < k) throw_corrupt_state(in.function(), "state ends inside the labels");
    std::vector<label_type> labels(static_cast<std::size_t>(k));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        labels[i] = in.i64();
        if (i > 0 && labels[i] <= labels[i - 1]) throw_corrupt_state(in.function(), "labels are not sorted and distinct");
    }
    return labels;
}

/// Rewrites `snap` (declared labels) to hold `cells` (K×K, row-major).
inline void fill_counts(confusion_counts& snap, const std::vector<double>& cells, double scale, std::uint64_t rows) {
    snap.reset();
    if (rows == 0) return;
    const auto& labels = snap.labels();
    const std::size_t k = labels.size();
    for (std::size_t i = 0; i < k; ++i)
        for (std::size_t j = 0; j < k; ++j) {
            const double v = cells[i * k + j] * scale;
            snap.update(labels[i], labels[j], v > 0.0 ? v : 0.0);
        }
    set_row_count(snap, rows);
}

/// Index a·K + b of the cell (true label a, predicted label b) among the
/// declared labels of `labels`; invalid_argument for a label outside them.
template <class T, class P>
std::uint32_t cell_index(const char* fn, const confusion_counts& labels, T y_true, P y_pred, std::size_t i) {
    check_label_value(fn, "y_true", y_true, i);
    check_label_value(fn, "y_pred", y_pred, i);
    const std::size_t a = labels.index_of(to_label(y_true));
    const std::size_t b = labels.index_of(to_label(y_pred));
    if (ASSAY_UNLIKELY(a == confusion_counts::npos))
        throw_invalid_argument(fn, "y_true", "label ", to_label(y_true), " at index ", i,
                               " is not in the declared label set");
    if (ASSAY_UNLIKELY(b == confusion_counts::npos))
        throw_invalid_argument(fn, "y_pred", "label ", to_label(y_pred), " at index ", i,
                               " is not in the declared label set");
    return static_cast<std::uint32_t>(a * labels.n_classes() + b);
}

/// A batch checked whole (lengths, weights, every label) before `push(cell,
/// weight)` sees its first row, so a batch that throws changes nothing.
template <bool Weighted, class RT, class RP, class RW, class Push>
void checked_cells(const char* fn, const confusion_counts& labels, const RT& y_true, const RP& y_pred, const RW& w,
                   Push push) {
    const std::size_t n = range_size(y_true);
    require_same_size(fn, "y_true", n, "y_pred", range_size(y_pred));
    if constexpr (Weighted) {
        require_same_size(fn, "y_true", n, "sample_weight", range_size(w));
        check_weights(fn, range_begin(w), n);
    }
    {
        auto t = range_begin(y_true);
        auto p = range_begin(y_pred);
        for (std::size_t i = 0; i < n; ++i, ++t, ++p) (void)cell_index(fn, labels, *t, *p, i);
    }
    auto t = range_begin(y_true);
    auto p = range_begin(y_pred);
    auto wi = range_begin(w);
    for (std::size_t i = 0; i < n; ++i, ++t, ++p, ++wi) push(cell_index(fn, labels, *t, *p, i), static_cast<double>(*wi));
}

}  // namespace metrics
}  // namespace detail

/// Confusion counts of exactly the last `window` rows of a stream: a ring
/// buffer of the window's (true index, predicted index, weight) and the
/// counts, updated by adding the new row and removing the row it pushes out.
///
/// Exactness: unweighted counts are integers, so they equal a full pass over
/// the last `window` rows exactly. With weights, removals subtract what was
/// added, and the sums are recomputed from the ring once per `window`
/// updates, so a sum differs from a full pass by at most about
/// window·2^−53 times the largest weight in the window; a cell that holds no
/// row is exactly 0.
///
/// Memory: 16 bytes per window row plus O(K²), allocated at construction;
/// updates never allocate.
class windowed_confusion_counts : public detail::metrics::counting_getters<windowed_confusion_counts> {
public:
    /// The last `window` rows, labels from `labels` (default {0, 1}).
    /// Throws: invalid_argument if window is 0, or labels is empty, has
    /// duplicates or more than 65535 values. Complexity: O(window + K²).
    explicit windowed_confusion_counts(std::size_t window, label_list labels = {0, 1})
        : labels_(check_window(window, std::move(labels))),
          ring_(window),
          cells_(labels_.n_classes() * labels_.n_classes(), 0.0),
          rows_(cells_.size(), 0) {}

    std::size_t window() const noexcept { return ring_.size(); }
    /// Rows in the window now: min(rows seen, window).
    std::size_t size() const noexcept { return size_; }
    /// Rows seen since construction or reset.
    std::uint64_t n_seen() const noexcept { return seen_; }
    const std::vector<label_type>& labels() const noexcept { return labels_.labels(); }
    std::size_t n_classes() const noexcept { return labels_.n_classes(); }
    /// Weight of the window's rows with true index i and predicted index j.
    double operator()(std::size_t i, std::size_t j) const { return cells_[i * n_classes() + j]; }

    /// Adds one row (and drops the oldest when the window is full).
    /// Throws: invalid_argument for a label outside the declared set or a
    /// negative or non-finite weight (then nothing changes).
    /// Complexity: O(1), no allocation (O(window) once per window of weighted updates).
    template <class T, class P, detail::metrics::if_label<T> = 0, detail::metrics::if_label<P> = 0>
    void update(T y_true, P y_pred, double weight = 1.0) {
        const char* fn = "windowed_confusion_counts::update";
        detail::metrics::check_weight_value(fn, weight);
        push(detail::metrics::cell_index(fn, labels_, y_true, y_pred, 0), weight);
    }

    /// Adds a batch row by row, in order (ranges of equal length). Unchanged
    /// if it throws. Throws: as the one-row update, and for mismatched lengths.
    /// Complexity: O(n).
    template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
    void update(const RT& y_true, const RP& y_pred) {
        update_batch<false>(y_true, y_pred, detail::metrics::unit_weights{});
    }
    template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
              detail::metrics::if_range<RW> = 0>
    void update(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
        update_batch<true>(y_true, y_pred, sample_weight);
    }

    /// Empties the window (keeps its length and labels). Complexity: O(K²).
    void reset() noexcept {
        std::fill(cells_.begin(), cells_.end(), 0.0);
        std::fill(rows_.begin(), rows_.end(), std::uint64_t{0});
        head_ = size_ = 0;
        seen_ = 0;
        since_sum_ = 0;
        weighted_ = false;
    }

    /// The window's length, rows and counts (as confusion_counts prints them).
    friend std::ostream& operator<<(std::ostream& os, const windowed_confusion_counts& w) {
        return os << "windowed_confusion_counts(window=" << w.window() << ", size=" << w.size() << ") " << w.counts();
    }

    /// The window's confusion counts (declared labels). Every function of
    /// classification.hpp takes it; its n_samples() is size(), the rows in
    /// the window. Built on each call (no cache), so concurrent const calls
    /// are safe. Complexity: O(K²); allocates the result.
    confusion_counts counts() const {
        confusion_counts c(labels_);
        detail::metrics::fill_counts(c, cells_, 1.0, size_);
        return c;
    }

    /// The window's configuration and rows as bytes (format in the file
    /// comment). Complexity: O(window + K).
    std::vector<std::uint8_t> save() const {
        detail::metrics::state_writer w(magic, 1, 64 + 8 * n_classes() + 12 * size_);
        w.u64(ring_.size());
        w.u64(n_classes());
        for (label_type v : labels()) w.i64(v);
        w.u64(seen_);
        w.u8(weighted_ ? 1 : 0);
        w.u64(size_);
        const std::size_t n = ring_.size();
        std::size_t at = (head_ + n - size_) % n;
        for (std::size_t r = 0; r < size_; ++r, at = at + 1 == n ? 0 : at + 1) {
            w.u32(ring_[at].cell);
            w.f64(ring_[at].weight);
        }
        return w.finish();
    }

    /// Replaces this accumulator by a saved one. Throws: assay::corrupt_state
    /// (this one unchanged) if the bytes are not a valid saved window.
    /// Complexity: O(window + K²).
    void load(const void* data, std::size_t size) {
        const char* fn = "windowed_confusion_counts::load";
        detail::metrics::state_reader in(data, size, magic, 1, fn, "windowed_confusion_counts");
        const std::uint64_t window = in.u64();
        if (window < 1 || window > (std::uint64_t{1} << 32))
            detail::throw_corrupt_state(fn, "window is ", window, ", not in [1, 2^32]");
        const std::vector<label_type> labels = detail::metrics::read_labels(in, 4096);
        const std::uint64_t seen = in.u64();
        const unsigned weighted = in.u8();
        const std::uint64_t n = in.u64();
        if (weighted > 1) detail::throw_corrupt_state(fn, "bad weighted flag");
        if (n > window || n > seen) detail::throw_corrupt_state(fn, n, " rows in a window of ", window, " after ", seen, " rows");
        if (in.left() != 12 * n) detail::throw_corrupt_state(fn, "row data is ", in.left(), " bytes, ", 12 * n, " expected");
        windowed_confusion_counts fresh(static_cast<std::size_t>(window), label_list(labels));
        const std::uint64_t cells = fresh.cells_.size();
        for (std::uint64_t r = 0; r < n; ++r) {
            const std::uint32_t c = in.u32();
            const double wt = in.f64();
            if (c >= cells) detail::throw_corrupt_state(fn, "row ", r, " has cell ", c, ", not below ", cells);
            if (!(wt >= 0.0 && wt < std::numeric_limits<double>::infinity()) || (weighted == 0 && wt != 1.0))
                detail::throw_corrupt_state(fn, "row ", r, " has weight ", wt);
            fresh.push(c, wt);
        }
        in.done();
        fresh.seen_ = seen;
        fresh.weighted_ = weighted == 1;
        if (fresh.weighted_) fresh.resum();
        *this = std::move(fresh);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

private:
    static constexpr unsigned char magic[4] = {0x41, 0x53, 0x57, 0x43};

    struct entry {
        std::uint32_t cell;
        double weight;
    };

    static label_list check_window(std::size_t window, label_list labels) {
        detail::require(window >= 1, "windowed_confusion_counts", "window", "must be at least 1, got ", window);
        detail::metrics::check_class_count("windowed_confusion_counts", labels);
        return labels;
    }

    template <bool Weighted, class RT, class RP, class RW>
    void update_batch(const RT& y_true, const RP& y_pred, const RW& w) {
        detail::metrics::checked_cells<Weighted>("windowed_confusion_counts::update", labels_, y_true, y_pred, w,
                                                 [this](std::uint32_t cell, double weight) { push(cell, weight); });
    }

    void push(std::uint32_t cell, double weight) noexcept {
        const std::size_t n = ring_.size();
        if (size_ == n) {  // the oldest row leaves
            const entry& old = ring_[head_];
            cells_[old.cell] -= old.weight;
            if (--rows_[old.cell] == 0) cells_[old.cell] = 0.0;
        } else {
            ++size_;
        }
        ring_[head_] = entry{cell, weight};
        head_ = head_ + 1 == n ? 0 : head_ + 1;
        cells_[cell] += weight;
        ++rows_[cell];
        ++seen_;
        weighted_ = weighted_ || weight != 1.0;
        if (weighted_ && ++since_sum_ >= n) resum();
    }

    // Recomputes the weight sums from the ring, oldest row first.
    void resum() noexcept {
        std::fill(cells_.begin(), cells_.end(), 0.0);
        const std::size_t n = ring_.size();
        std::size_t at = (head_ + n - size_) % n;
        for (std::size_t r = 0; r < size_; ++r, at = at + 1 == n ? 0 : at + 1) cells_[ring_[at].cell] += ring_[at].weight;
        since_sum_ = 0;
    }

    confusion_counts labels_;  // declared labels, never counted into: the label set and its index
    std::vector<entry> ring_;
    std::vector<double> cells_;      // K×K weight sums of the window
    std::vector<std::uint64_t> rows_;  // K×K row counts of the window
    std::size_t head_ = 0, size_ = 0;
    std::uint64_t seen_ = 0;
    std::size_t since_sum_ = 0;
    bool weighted_ = false;
};

/// Exponentially decayed confusion counts: each update multiplies the weight
/// of every earlier row by `alpha` in (0, 1] and adds the new row with its own
/// weight (1 unless given), so after t more updates a row weighs
/// weight·alpha^t. The effective window is 1/(1 − alpha) rows; a half-life of
/// h rows is alpha = 2^(−1/h) (`from_half_life`). alpha = 1 keeps every row at
/// full weight (plain counting).
///
/// Implementation: cells are stored divided by a running scale alpha^t, which
/// is folded back into them before it underflows, so an update is O(1) for
/// any number of classes. Values agree with an explicitly weighted full pass
/// (weights alpha^age) to a relative error of about (number of updates)·2^−53.
///
/// Memory: O(K²), allocated at construction; updates never allocate.
class decayed_confusion_counts : public detail::metrics::counting_getters<decayed_confusion_counts> {
public:
    /// Throws: invalid_argument if alpha is not in (0, 1], or labels is empty,
    /// has duplicates or more than 65535 values. Complexity: O(K²).
    explicit decayed_confusion_counts(double alpha, label_list labels = {0, 1})
        : alpha_(check_alpha(alpha)),
          labels_(checked_labels(std::move(labels))),
          cells_(labels_.n_classes() * labels_.n_classes(), 0.0) {}

    /// alpha = 2^(−1/half_life): a row's weight halves every half_life
    /// updates. Throws: invalid_argument unless half_life is finite and
    /// positive (or +infinity, meaning alpha = 1).
    static decayed_confusion_counts from_half_life(double half_life, label_list labels = {0, 1}) {
        detail::require(half_life > 0.0, "decayed_confusion_counts::from_half_life", "half_life",
                        "must be positive, got ", half_life);
        return decayed_confusion_counts(std::exp2(-1.0 / half_life), std::move(labels));
    }

    double alpha() const noexcept { return alpha_; }
    /// Half-life in updates, −1/log2(alpha) (+infinity for alpha = 1).
    double half_life() const noexcept {
        return alpha_ == 1.0 ? std::numeric_limits<double>::infinity() : -1.0 / std::log2(alpha_);
    }
    const std::vector<label_type>& labels() const noexcept { return labels_.labels(); }
    std::size_t n_classes() const noexcept { return labels_.n_classes(); }
    /// Rows seen since construction or reset.
    std::uint64_t n_seen() const noexcept { return seen_; }
    /// Decayed weight with true index i and predicted index j.
    double operator()(std::size_t i, std::size_t j) const { return cells_[i * n_classes() + j] * scale_; }
    /// Decayed weight of all rows (→ 1/(1 − alpha) for unit weights).
    double total() const noexcept {
        double s = 0.0;
        for (double c : cells_) s += c;
        return s * scale_;
    }

    /// Decays every earlier row by alpha and adds this one. Throws:
    /// invalid_argument for a label outside the declared set or a negative or
    /// non-finite weight (then nothing changes). Complexity: O(1) amortised,
    /// no allocation.
    template <class T, class P, detail::metrics::if_label<T> = 0, detail::metrics::if_label<P> = 0>
    void update(T y_true, P y_pred, double weight = 1.0) {
        const char* fn = "decayed_confusion_counts::update";
        detail::metrics::check_weight_value(fn, weight);
        push(detail::metrics::cell_index(fn, labels_, y_true, y_pred, 0), weight);
    }

    /// Adds a batch row by row, in order (each row decays the ones before it).
    /// Unchanged if it throws. Throws: as the one-row update, and for
    /// mismatched lengths. Complexity: O(n).
    template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
    void update(const RT& y_true, const RP& y_pred) {
        update_batch<false>(y_true, y_pred, detail::metrics::unit_weights{});
    }
    template <class RT, class RP, class RW, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0,
              detail::metrics::if_range<RW> = 0>
    void update(const RT& y_true, const RP& y_pred, const RW& sample_weight) {
        update_batch<true>(y_true, y_pred, sample_weight);
    }

    /// Forgets every row (keeps alpha and the labels). Complexity: O(K²).
    void reset() noexcept {
        std::fill(cells_.begin(), cells_.end(), 0.0);
        scale_ = 1.0;
        seen_ = 0;
    }

    /// alpha, rows seen and the decayed counts (as confusion_counts prints them).
    friend std::ostream& operator<<(std::ostream& os, const decayed_confusion_counts& d) {
        return os << "decayed_confusion_counts(alpha=" << d.alpha() << ", n_seen=" << d.n_seen() << ") " << d.counts();
    }

    /// The decayed confusion counts (declared labels). Every function of
    /// classification.hpp takes it; its n_samples() is n_seen(), the rows
    /// seen since the last reset (the cells hold their decayed weights).
    /// Built on each call (no cache), so concurrent const calls are safe.
    /// Complexity: O(K²); allocates the result.
    confusion_counts counts() const {
        confusion_counts c(labels_);
        detail::metrics::fill_counts(c, cells_, scale_, seen_);
        return c;
    }

    /// alpha, labels and decayed weights as bytes (format in the file
    /// comment). Complexity: O(K²).
    std::vector<std::uint8_t> save() const {
        detail::metrics::state_writer w(magic, 1, 48 + 8 * n_classes() + 8 * cells_.size());
        w.f64(alpha_);
        w.u64(n_classes());
        for (label_type v : labels()) w.i64(v);
        w.u64(seen_);
        for (double c : cells_) w.f64(c * scale_);
        return w.finish();
    }

    /// Replaces this accumulator by a saved one. Throws: assay::corrupt_state
    /// (this one unchanged) if the bytes are not a valid saved state.
    /// Complexity: O(K²).
    void load(const void* data, std::size_t size) {
        const char* fn = "decayed_confusion_counts::load";
        detail::metrics::state_reader in(data, size, magic, 1, fn, "decayed_confusion_counts");
        const double alpha = in.f64();
        if (!(alpha > 0.0 && alpha <= 1.0)) detail::throw_corrupt_state(fn, "alpha is ", alpha);
        const std::vector<label_type> labels = detail::metrics::read_labels(in, in.left() / 8);
        const std::uint64_t seen = in.u64();
        const std::uint64_t k = labels.size();
        if (in.left() != 8 * k * k)
            detail::throw_corrupt_state(fn, "cells are ", in.left(), " bytes, ", 8 * k * k, " expected for ", k, " labels");
        decayed_confusion_counts fresh(alpha, label_list(labels));
        for (double& c : fresh.cells_) {
            c = in.f64();
            if (!(c >= 0.0 && c < std::numeric_limits<double>::infinity()) || (seen == 0 && c != 0.0))
                detail::throw_corrupt_state(fn, "a cell holds ", c);
        }
        in.done();
        fresh.seen_ = seen;
        *this = std::move(fresh);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

private:
    static constexpr unsigned char magic[4] = {0x41, 0x53, 0x44, 0x43};
    // The scale is folded into the cells below this (alpha^t would underflow).
    static constexpr double fold_below = 0x1p-400;

    static label_list checked_labels(label_list labels) {
        detail::metrics::check_class_count("decayed_confusion_counts", labels);
        return labels;
    }
    static double check_alpha(double alpha) {
        detail::require(alpha > 0.0 && alpha <= 1.0, "decayed_confusion_counts", "alpha", "must lie in (0, 1], got ",
                        alpha);
        return alpha;
    }

    template <bool Weighted, class RT, class RP, class RW>
    void update_batch(const RT& y_true, const RP& y_pred, const RW& w) {
        detail::metrics::checked_cells<Weighted>("decayed_confusion_counts::update", labels_, y_true, y_pred, w,
                                                 [this](std::uint32_t cell, double weight) { push(cell, weight); });
    }

    void push(std::uint32_t cell, double weight) noexcept {
        scale_ *= alpha_;
        if (scale_ < fold_below) {
            for (double& c : cells_) c *= scale_;
            scale_ = 1.0;
        }
        cells_[cell] += weight / scale_;
        ++seen_;
    }

    double alpha_;
    confusion_counts labels_;  // declared labels, never counted into: the label set and its index
    std::vector<double> cells_;      // K×K decayed weights, divided by scale_
    double scale_ = 1.0;             // alpha^(updates since the last fold)
    std::uint64_t seen_ = 0;
};

ASSAY_NAMESPACE_END
