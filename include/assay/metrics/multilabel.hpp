// assay/metrics/multilabel.hpp — metrics of multilabel classification:
// per-label confusion matrices, subset accuracy, Hamming loss and Hamming
// score, precision / recall / F-beta / Jaccard averaged over samples,
// labels (macro, weighted), cells (micro) or per label, and the label
// ranking metrics (LRAP, coverage error, ranking loss), plus ROC AUC and
// average precision of score matrices.
//
// Inputs are matrices, rows = samples, columns = labels, taken as
// `matrix_view`s of any arithmetic element type: a row-major buffer
// (`as_matrix_view(buffer, n_labels)`), an Eigen matrix (assay/eigen.hpp) or
// an xtensor array (assay/xtensor.hpp), with any strides. Indicator matrices
// (`Y_true`, `Y_pred`) hold 0 or 1 only; score matrices (`Y_score`) finite
// reals. Nothing is copied except where a function says so.
//
// Two accumulators carry the streaming forms; the full-pass functions run
// the same kernels:
//   * `multilabel_counts` — per-label tp / predicted / true sums and the
//     per-sample sums behind subset accuracy, Hamming loss and every
//     `average::samples` score;
//   * `label_ranking_accumulator` — the per-sample sums of LRAP, coverage
//     error and ranking loss.
// Both merge exactly for counts (and up to rounding of the per-sample
// ratio sums), reset, save / load a versioned, hashed byte state (validated
// as untrusted input), and allocate nothing per update once constructed.
//
// Conventions are scikit-learn 1.2.1's (tests/reference/README.md,
// "Multilabel"). Where assay is stricter: entries other than 0 / 1, NaN or
// infinite scores, negative or non-finite weights and an all-zero weight
// total (which scikit-learn turns into NaN or a ZeroDivisionError) are
// `assay::invalid_argument`.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "../matrix_view.hpp"
#include "classification.hpp"
#include "curves.hpp"
#include "detail/input.hpp"
#include "detail/state_bytes.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <ostream>
#include <type_traits>
#include <vector>

#if defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#    define ASSAY_ML_RESTRICT __restrict
#else
#    define ASSAY_ML_RESTRICT
#endif

ASSAY_NAMESPACE_BEGIN

/// One 2×2 confusion matrix per label (scikit-learn's
/// `multilabel_confusion_matrix`, whose entry k is [[tn, fp], [fn, tp]]),
/// as four columns of (weighted) counts, label k at index k.
struct multilabel_confusion_matrix_result {
    std::vector<double> tn, fp, fn, tp;
    std::size_t n_labels() const noexcept { return tp.size(); }
};

inline std::ostream& operator<<(std::ostream& os, const multilabel_confusion_matrix_result& r) {
    os << "multilabel_confusion_matrix(";
    for (std::size_t k = 0; k < r.n_labels(); ++k) {
        os << (k ? ", " : "") << "[[" << r.tn[k] << ", " << r.fp[k] << "], [" << r.fn[k] << ", " << r.tp[k] << "]]";
    }
    return os << ")";
}

/// Options of the multilabel ROC AUC and average precision: how the
/// per-label (or per-sample) scores are combined.
struct multilabel_auc_options {
    /// macro: unweighted mean over labels; weighted: mean weighted by each
    /// label's (weighted) number of positives; micro: one score over every
    /// cell; samples: one score per row over its labels, then the (weighted)
    /// mean over rows. `binary` is not allowed.
    average averaging = average::macro;

    multilabel_auc_options() = default;
    multilabel_auc_options(average a) : averaging(a) {}  // NOLINT: implicit by design
    multilabel_auc_options& with_average(average a) { averaging = a; return *this; }
};

namespace detail {
namespace metrics {

template <class T>
struct indicator_traits {
    static_assert(std::is_arithmetic<T>::value,
                  "assay: indicator matrices must hold an arithmetic type (bool, an integer or a floating type)");
};

// 0 / 1 value of an indicator entry; `bad` is set when it is neither.
template <class T>
inline unsigned indicator_bit(T v, bool& bad) noexcept {
    if constexpr (std::is_same<T, bool>::value) {
        return v ? 1u : 0u;
    } else if constexpr (std::is_integral<T>::value) {
        const auto u = static_cast<std::uint64_t>(v);
        bad |= u > 1u;
        return static_cast<unsigned>(u & 1u);
    } else {
        bad |= !(v == T(0) || v == T(1));
        return v == T(1) ? 1u : 0u;
    }
}

template <class T>
inline auto printable(T v) {
    if constexpr (std::is_same<T, bool>::value) return static_cast<int>(v);
    else if constexpr (std::is_integral<T>::value && std::is_signed<T>::value) return static_cast<long long>(v);
    else if constexpr (std::is_integral<T>::value) return static_cast<unsigned long long>(v);
    else return static_cast<double>(v);
}

// Throws for the first entry of `m` that is not 0 or 1 (called once a kernel
// has seen one, so the message can say where).
template <class T>
[[noreturn]] void throw_bad_indicator(const char* fn, const char* arg, matrix_view<T> m, std::size_t row0 = 0) {
    for (std::size_t i = 0; i < m.rows(); ++i)
        for (std::size_t j = 0; j < m.cols(); ++j) {
            bool bad = false;
            (void)indicator_bit(m(i, j), bad);
            if (bad)
                throw_invalid_argument(fn, arg, "value at row ", row0 + i, ", column ", j, " is ",
                                       printable(m(i, j)), " (indicator entries must be 0 or 1)");
        }
    throw_invalid_argument(fn, arg, "has an entry that is not 0 or 1");
}

template <class A, class B>
void check_same_shape(const char* fn, const char* arg_a, matrix_view<A> a, const char* arg_b, matrix_view<B> b) {
    require(a.rows() != 0, fn, arg_a, "is empty (no rows)");
    require(a.cols() != 0, fn, arg_a, "has no columns (no labels)");
    if (a.rows() != b.rows() || a.cols() != b.cols())
        throw_invalid_argument(fn, arg_b, "has shape ", b.rows(), " x ", b.cols(), " but ", arg_a, " has shape ",
                               a.rows(), " x ", a.cols());
}

template <class RW>
void check_row_weights(const char* fn, std::size_t rows, const RW& w) {
    require_same_size(fn, "y_true rows", rows, "sample_weight", range_size(w));
    check_weights(fn, range_begin(w), rows);
}

// Applies f(pointer to the first entry of row i, column stride) with a
// compile-time unit stride when the columns are contiguous.
template <class T>
struct row_access {
    const T* data;
    std::ptrdiff_t rs, cs;
    explicit row_access(matrix_view<T> m) : data(m.data()), rs(m.row_stride()), cs(m.col_stride()) {}
    const T* row(std::size_t i) const noexcept { return data + static_cast<std::ptrdiff_t>(i) * rs; }
};

template <class T>
using elem_t = std::remove_cv_t<T>;

// #{k < n: x[k] ≥ t} for finite x and t, branch-free: x − t is +0 or
// positive exactly when x ≥ t (a difference of finite doubles is zero only
// when they are equal, and then +0), so the count is n minus the sign bits.
// Written so compilers vectorise it.
inline std::size_t count_at_least(const double* x, std::size_t n, double t) noexcept {
    std::uint64_t neg = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const double d = x[k] - t;
        std::uint64_t b;
        std::memcpy(&b, &d, sizeof b);
        neg += b >> 63;
    }
    return n - static_cast<std::size_t>(neg);
}

// Copies a row given as a range of l indicator entries into 0 / 1 bytes.
template <class R>
void copy_indicator_row(const char* fn, const char* arg, const R& row, std::uint8_t* dst, std::size_t l) {
    (void)indicator_traits<range_value_t<R>>{};
    auto it = range_begin(row);
    for (std::size_t k = 0; k < l; ++k, ++it) {
        bool bad = false;
        const auto v = *it;
        dst[k] = static_cast<std::uint8_t>(indicator_bit(v, bad));
        if (ASSAY_UNLIKELY(bad))
            throw_invalid_argument(fn, arg, "value at index ", k, " is ", printable(v),
                                   " (indicator entries must be 0 or 1)");
    }
}

}  // namespace metrics
}  // namespace detail

namespace detail {
namespace metrics {
struct ml_access;  // lets the full-pass functions report errors under their own names
}  // namespace metrics
}  // namespace detail

// ===========================================================================
// multilabel_counts

/// Streaming counts of multilabel hard predictions — a mergeable
/// accumulator over a fixed number of labels L (the columns).
///
/// It keeps, weighted by sample_weight (1 per row when none is given):
///   * per label k: true positives, predicted positives, true positives + false
///     negatives (the `class_counts` every per-label and macro / micro /
///     weighted score reads);
///   * per sample i, summed over samples: whether the row is predicted exactly
///     (subset accuracy), how many cells differ (Hamming loss), and the row's
///     precision tp_i / pred_i, recall tp_i / true_i, Jaccard tp_i / |y_i ∪ ŷ_i|,
///     F1 and F-beta (beta fixed at construction) over the rows where they
///     are defined, plus the weight of the rows where they are 0/0 (no
///     predicted label, no true label, neither) — so any `zero_division`
///     can be applied when a score is read.
/// Counts are sums of weights (exact integers up to 2^53 when unweighted), so
/// shards merged in any order give the full-pass counts exactly; the per-
/// sample ratio sums agree with a full pass up to rounding.
/// Updates allocate nothing once the label count is known (construction, or
/// the first update of a default-constructed accumulator). A batch update
/// that throws leaves the accumulator unchanged.
class multilabel_counts {
public:
    /// No labels yet: the first update fixes L.
    multilabel_counts() = default;

    /// L labels; `beta` is the F-beta computed per sample for
    /// `average::samples` (F1 is always kept as well).
    /// Throws: invalid_argument when n_labels is 0 or beta is negative or NaN.
    explicit multilabel_counts(std::size_t n_labels, double beta = 1.0) : beta_(beta) {
        detail::require(n_labels != 0, "multilabel_counts", "n_labels", "must be at least 1");
        detail::require(beta >= 0.0, "multilabel_counts", "beta", "must be non-negative, got ", beta);
        set_labels(n_labels);
    }

    /// Adds a batch of rows (Y_true and Y_pred of the same shape, L columns).
    /// Throws: invalid_argument for an empty batch, mismatched shapes, a
    /// column count other than L, entries other than 0 / 1.
    /// Complexity: O(rows·L), no allocation (after the first update).
    template <class T, class P>
    void update(matrix_view<T> y_true, matrix_view<P> y_pred) {
        update_as("multilabel_counts::update", y_true, y_pred);
    }

    /// Adds a weighted batch (one finite, non-negative weight per row).
    /// Throws: as the unweighted update, and for a weight count other than
    /// the number of rows or a negative / non-finite weight.
    template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>
    void update(matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight) {
        update_as("multilabel_counts::update", y_true, y_pred, sample_weight);
    }

    /// Adds one row given as two ranges of L entries, with a weight.
    /// Throws: invalid_argument for lengths other than L, entries other than
    /// 0 / 1, a negative or non-finite weight. Complexity: O(L).
    template <class RT, class RP, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RP> = 0>
    void update(const RT& y_true_row, const RP& y_pred_row, double weight = 1.0) {
        const char* fn = "multilabel_counts::update";
        detail::metrics::check_weight_value(fn, weight);
        const std::size_t l = detail::metrics::range_size(y_true_row);
        detail::require_same_size(fn, "y_true row", l, "y_pred row", detail::metrics::range_size(y_pred_row));
        if (labels_ == 0) {
            detail::require(l != 0, fn, "y_true row", "is empty (no labels)");
            set_labels(l);
        }
        detail::require(l == labels_, fn, "y_true row", "has ", l, " labels but the counts have ", labels_);
        detail::metrics::copy_indicator_row(fn, "y_true row", y_true_row, row_true_.data(), l);
        detail::metrics::copy_indicator_row(fn, "y_pred row", y_pred_row, row_pred_.data(), l);
        const double w[1] = {weight};
        update(matrix_view<const std::uint8_t>(row_true_.data(), 1, l),
               matrix_view<const std::uint8_t>(row_pred_.data(), 1, l), w);
    }

    /// Adds another accumulator's counts. Throws: invalid_argument when the
    /// label counts or betas differ. Complexity: O(L).
    void merge(const multilabel_counts& o) {
        if (o.labels_ == 0) return;
        if (labels_ == 0) {
            *this = o;
            return;
        }
        detail::require(o.labels_ == labels_, "multilabel_counts::merge", "other", "has ", o.labels_,
                        " labels, these counts have ", labels_);
        detail::require(o.beta_ == beta_, "multilabel_counts::merge", "other", "keeps F-beta for beta = ", o.beta_,
                        ", these counts for beta = ", beta_);
        for (std::size_t k = 0; k < labels_; ++k) tp_[k] += o.tp_[k], pred_[k] += o.pred_[k], truth_[k] += o.truth_[k];
        n_ += o.n_;
        s_ += o.s_;
    }
    multilabel_counts& operator+=(const multilabel_counts& o) {
        merge(o);
        return *this;
    }

    /// Forgets every row (keeps L and beta). Complexity: O(L).
    void reset() {
        for (std::size_t k = 0; k < labels_; ++k) tp_[k] = pred_[k] = truth_[k] = 0.0;
        n_ = 0;
        s_ = sums{};
    }

    std::size_t n_labels() const noexcept { return labels_; }
    std::uint64_t n_samples() const noexcept { return n_; }
    double beta() const noexcept { return beta_; }
    /// Sum of the row weights (the number of rows when unweighted).
    double total_weight() const noexcept { return s_.weight; }
    /// Weight of the rows predicted exactly (every label right).
    double exact_match_weight() const noexcept { return s_.exact; }
    /// Σ weight · (number of cells where y ≠ ŷ).
    double mismatch_weight() const noexcept { return s_.mismatch; }
    /// Per-label true positives, predicted positives (tp + fp), true
    /// positives + false negatives; label k at index k.
    const std::vector<double>& true_positives() const noexcept { return tp_; }
    const std::vector<double>& predicted_positives() const noexcept { return pred_; }
    const std::vector<double>& actual_positives() const noexcept { return truth_; }

    /// Sum over rows of weight · row score, for the rows where the score is
    /// defined, and the weight of the rows where it is 0/0 (see the class
    /// comment); `average::samples` reads these.
    struct sums {
        double weight = 0, exact = 0, mismatch = 0;
        double precision = 0, recall = 0, jaccard = 0, f1 = 0, fbeta = 0;  // rows with a true and a predicted label
        double w_no_pred = 0;         // rows with a true label and no predicted label
        double w_no_true = 0;         // rows with a predicted label and no true label
        double w_empty = 0;           // rows with neither
        sums& operator+=(const sums& o) {
            weight += o.weight, exact += o.exact, mismatch += o.mismatch;
            precision += o.precision, recall += o.recall, jaccard += o.jaccard, f1 += o.f1, fbeta += o.fbeta;
            w_no_pred += o.w_no_pred, w_no_true += o.w_no_true, w_empty += o.w_empty;
            return *this;
        }
        friend bool operator==(const sums& a, const sums& b) {
            return a.weight == b.weight && a.exact == b.exact && a.mismatch == b.mismatch &&
                   a.precision == b.precision && a.recall == b.recall && a.jaccard == b.jaccard && a.f1 == b.f1 &&
                   a.fbeta == b.fbeta && a.w_no_pred == b.w_no_pred &&
                   a.w_no_true == b.w_no_true && a.w_empty == b.w_empty;
        }
    };
    const sums& sample_sums() const noexcept { return s_; }

    /// The state as bytes, format version 1 (little-endian; doubles as their
    /// IEEE-754 bit patterns): magic "ASML", u16 version, u64 L, f64 beta,
    /// u64 n_samples, f64 × 11 per-sample sums (weight, exact, mismatch,
    /// precision, recall, jaccard, f1, fbeta, no-pred, no-true, empty
    /// weights), f64 × 3L per-label tp, predicted, actual; then an FNV-1a
    /// 64-bit hash of everything before it. Complexity: O(L).
    std::vector<std::uint8_t> save() const {
        detail::metrics::state_writer w(magic_, 1, 6 + 8 * (3 + 11 + 3 * labels_) + 8);
        w.u64(labels_);
        w.f64(beta_);
        w.u64(n_);
        for (double v : {s_.weight, s_.exact, s_.mismatch, s_.precision, s_.recall, s_.jaccard, s_.f1, s_.fbeta,
                         s_.w_no_pred, s_.w_no_true, s_.w_empty})
            w.f64(v);
        for (const auto* v : {&tp_, &pred_, &truth_})
            for (double x : *v) w.f64(x);
        return w.finish();
    }

    /// Replaces these counts by saved ones. The bytes are untrusted: framing,
    /// hash, sizes, beta, finiteness and signs of every sum, tp ≤ predicted
    /// and tp ≤ actual per label are checked first. Throws: corrupt_state
    /// (these counts unchanged). Complexity: O(L).
    void load(const void* data, std::size_t size) {
        const char* fn = "multilabel_counts::load";
        detail::metrics::state_reader in(data, size, magic_, 1, fn, "multilabel_counts");
        const std::uint64_t l = in.u64();
        if (in.left() / 24 < l) detail::throw_corrupt_state(fn, "state is too short for ", l, " labels");
        const double beta = in.f64();
        if (!(beta >= 0.0)) detail::throw_corrupt_state(fn, "beta is ", beta);
        multilabel_counts fresh;
        fresh.beta_ = beta;
        if (l != 0) fresh.set_labels(static_cast<std::size_t>(l));
        fresh.n_ = in.u64();
        if (in.left() != 8 * (11 + 3 * l))
            detail::throw_corrupt_state(fn, "state holds ", in.left(), " bytes of sums, ", 8 * (11 + 3 * l),
                                        " expected for ", l, " labels (truncated or padded)");
        sums& m = fresh.s_;
        for (double* v : {&m.weight, &m.exact, &m.mismatch, &m.precision, &m.recall, &m.jaccard, &m.f1, &m.fbeta,
                          &m.w_no_pred, &m.w_no_true, &m.w_empty})
            *v = read_sum(in);
        for (auto* v : {&fresh.tp_, &fresh.pred_, &fresh.truth_})
            for (double& x : *v) x = read_sum(in);
        in.done();
        for (std::size_t k = 0; k < fresh.labels_; ++k)
            if (fresh.tp_[k] > fresh.pred_[k] || fresh.tp_[k] > fresh.truth_[k])
                detail::throw_corrupt_state(fn, "label ", k, " has more true positives than positives");
        if (fresh.n_ == 0 && !(m == sums{})) detail::throw_corrupt_state(fn, "sums are non-zero with no rows");
        if (l == 0 && fresh.n_ != 0) detail::throw_corrupt_state(fn, "rows counted with no labels");
        *this = std::move(fresh);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    friend bool operator==(const multilabel_counts& a, const multilabel_counts& b) {
        return a.labels_ == b.labels_ && a.beta_ == b.beta_ && a.n_ == b.n_ && a.tp_ == b.tp_ && a.pred_ == b.pred_ &&
               a.truth_ == b.truth_ && a.s_ == b.s_;
    }
    friend bool operator!=(const multilabel_counts& a, const multilabel_counts& b) { return !(a == b); }

private:
    friend struct detail::metrics::ml_access;
    static constexpr unsigned char magic_[4] = {0x41, 0x53, 0x4d, 0x4c};  // "ASML"

    static double read_sum(detail::metrics::state_reader& in) {
        const double v = in.f64();
        if (!(v >= 0.0 && v < std::numeric_limits<double>::infinity()))
            detail::throw_corrupt_state(in.function(), "a sum is ", v, " (sums are finite and non-negative)");
        return v;
    }

    template <class T, class P>
    void update_as(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred) {
        prepare(fn, y_true, y_pred);
        run<false>(fn, y_true, y_pred, static_cast<const double*>(nullptr));
    }
    template <class T, class P, class RW>
    void update_as(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight) {
        prepare(fn, y_true, y_pred);
        detail::metrics::check_row_weights(fn, y_true.rows(), sample_weight);
        run<true>(fn, y_true, y_pred, detail::metrics::range_begin(sample_weight));
    }

    void set_labels(std::size_t l) {
        labels_ = l;
        tp_.assign(l, 0.0);
        pred_.assign(l, 0.0);
        truth_.assign(l, 0.0);
        icount_.assign(3 * l, 0);
        icount32_.assign(3 * l, 0);
        wcount_.assign(3 * l, 0.0);
        row_true_.assign(l, 0);
        row_pred_.assign(l, 0);
    }

    template <class T, class P>
    void prepare(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred) {
        (void)detail::metrics::indicator_traits<detail::metrics::elem_t<T>>{};
        (void)detail::metrics::indicator_traits<detail::metrics::elem_t<P>>{};
        detail::metrics::check_same_shape(fn, "y_true", y_true, "y_pred", y_pred);
        if (labels_ == 0) set_labels(y_true.cols());
        detail::require(y_true.cols() == labels_, fn, "y_true", "has ", y_true.cols(), " columns but the counts have ",
                        labels_, " labels");
    }

    // One pass over the batch into scratch counters and local sums; they are
    // added to the state only when the whole batch was valid.
    template <bool Weighted, class T, class P, class ItW>
    void run(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred, ItW w) {
        const std::size_t n = y_true.rows(), l = labels_;
        if (y_true.col_stride() == 1 && y_pred.col_stride() == 1)
            kernel<Weighted, true>(fn, y_true, y_pred, w, n, l);
        else
            kernel<Weighted, false>(fn, y_true, y_pred, w, n, l);
    }

    template <bool Weighted, bool Unit, class T, class P, class ItW>
    void kernel(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred, ItW w, std::size_t n, std::size_t l) {
        const detail::metrics::row_access<T> at(y_true);
        const detail::metrics::row_access<P> ap(y_pred);
        const std::ptrdiff_t cst = Unit ? 1 : at.cs, csp = Unit ? 1 : ap.cs;
        // The scratch counters never overlap the input (restrict lets the
        // compiler vectorise the per-label updates over byte-sized input).
        std::uint64_t* ASSAY_ML_RESTRICT ic = icount_.data();  // [tp | pred | true] per label, unweighted
        double* ASSAY_ML_RESTRICT wc = wcount_.data();         // the same, weighted
        // Unweighted counts go to 32-bit block counters first (they vectorise
        // better), added to the 64-bit ones every 2^24 rows.
        std::uint32_t* ASSAY_ML_RESTRICT c32 = icount32_.data();
        constexpr std::size_t flush_every = std::size_t{1} << 24;
        std::size_t block_rows = 0;
        auto flush = [&] {
            for (std::size_t k = 0; k < 3 * l; ++k) ic[k] += c32[k], c32[k] = 0;
            block_rows = 0;
        };
        constexpr bool byte_input = std::is_integral<detail::metrics::elem_t<T>>::value &&
                                    std::is_integral<detail::metrics::elem_t<P>>::value &&
                                    sizeof(detail::metrics::elem_t<T>) == 1 && sizeof(detail::metrics::elem_t<P>) == 1;
        if constexpr (Weighted) {
            for (std::size_t k = 0; k < 3 * l; ++k) wc[k] = 0.0;
        } else {
            for (std::size_t k = 0; k < 3 * l; ++k) ic[k] = 0, c32[k] = 0;
        }
        const double b2 = beta_ * beta_;
        const bool same_beta = beta_ == 1.0;
        sums s;
        std::uint64_t exact_rows = 0, mismatch_cells = 0;
        bool bad = false;
        for (std::size_t i = 0; i < n; ++i) {
            const auto* ASSAY_ML_RESTRICT rt = at.row(i);
            const auto* ASSAY_ML_RESTRICT rp = ap.row(i);
            unsigned tp = 0, np = 0, nt = 0;
            double wi = 1.0;
            if constexpr (Weighted) {
                wi = static_cast<double>(*w);
                ++w;
                for (std::size_t k = 0; k < l; ++k) {
                    const unsigned t = detail::metrics::indicator_bit(rt[static_cast<std::ptrdiff_t>(k) * cst], bad);
                    const unsigned p = detail::metrics::indicator_bit(rp[static_cast<std::ptrdiff_t>(k) * csp], bad);
                    const unsigned both = t & p;
                    wc[k] += both ? wi : 0.0;
                    wc[l + k] += p ? wi : 0.0;
                    wc[2 * l + k] += t ? wi : 0.0;
                    tp += both, np += p, nt += t;
                }
            } else {
                if constexpr (byte_input) {
                    // Bytes: an entry is valid when it is at most 1 as unsigned
                    // char, so the check is one OR per cell (vectorisable).
                    const auto* ASSAY_ML_RESTRICT bt = reinterpret_cast<const unsigned char*>(rt);
                    const auto* ASSAY_ML_RESTRICT bp = reinterpret_cast<const unsigned char*>(rp);
                    unsigned any = 0;
                    for (std::size_t k = 0; k < l; ++k) {
                        const unsigned t = bt[static_cast<std::ptrdiff_t>(k) * cst];
                        const unsigned p = bp[static_cast<std::ptrdiff_t>(k) * csp];
                        any |= t | p;
                        const unsigned both = t & p;
                        c32[k] += both;
                        c32[l + k] += p;
                        c32[2 * l + k] += t;
                        tp += both, np += p, nt += t;
                    }
                    bad |= any > 1u;
                } else {
                    for (std::size_t k = 0; k < l; ++k) {
                        const unsigned t = detail::metrics::indicator_bit(rt[static_cast<std::ptrdiff_t>(k) * cst], bad);
                        const unsigned p = detail::metrics::indicator_bit(rp[static_cast<std::ptrdiff_t>(k) * csp], bad);
                        const unsigned both = t & p;
                        c32[k] += both;
                        c32[l + k] += p;
                        c32[2 * l + k] += t;
                        tp += both, np += p, nt += t;
                    }
                }
                if (++block_rows == flush_every) flush();
            }
            const unsigned diff = np + nt - 2 * tp;
            // Per-sample scores (the row's own weight cancels in scikit-learn's
            // ratios, so the unweighted ratio is taken and then weighted).
            if (np != 0 && nt != 0) {
                const double dtp = static_cast<double>(tp);
                const double pr = dtp / static_cast<double>(np), rc = dtp / static_cast<double>(nt);
                const double jc = dtp / static_cast<double>(np + nt - tp);
                const double f1 = detail::metrics::fbeta_from(pr, rc, 1.0);
                const double fb = same_beta ? f1 : detail::metrics::fbeta_from(pr, rc, b2);
                if constexpr (Weighted) {
                    s.precision += wi * pr, s.recall += wi * rc, s.jaccard += wi * jc, s.f1 += wi * f1,
                        s.fbeta += wi * fb;
                } else {
                    s.precision += pr, s.recall += rc, s.jaccard += jc, s.f1 += f1, s.fbeta += fb;
                }
            } else if (np == 0 && nt == 0) {
                s.w_empty += wi;
            } else if (np == 0) {
                s.w_no_pred += wi;
            } else {
                s.w_no_true += wi;
            }
            if constexpr (Weighted) {
                s.exact += diff == 0 ? wi : 0.0;
                s.mismatch += wi * static_cast<double>(diff);
                s.weight += wi;
            } else {
                exact_rows += diff == 0 ? 1u : 0u;
                mismatch_cells += diff;
            }
        }
        if constexpr (!Weighted) flush();
        if (ASSAY_UNLIKELY(bad)) {
            bool bt = false;
            for (std::size_t i = 0; i < n && !bt; ++i)
                for (std::size_t k = 0; k < l && !bt; ++k) (void)detail::metrics::indicator_bit(y_true(i, k), bt);
            if (bt) detail::metrics::throw_bad_indicator(fn, "y_true", y_true);
            detail::metrics::throw_bad_indicator(fn, "y_pred", y_pred);
        }
        if constexpr (Weighted) {
            for (std::size_t k = 0; k < l; ++k) tp_[k] += wc[k], pred_[k] += wc[l + k], truth_[k] += wc[2 * l + k];
        } else {
            for (std::size_t k = 0; k < l; ++k) {
                tp_[k] += static_cast<double>(ic[k]);
                pred_[k] += static_cast<double>(ic[l + k]);
                truth_[k] += static_cast<double>(ic[2 * l + k]);
            }
            s.exact = static_cast<double>(exact_rows);
            s.mismatch = static_cast<double>(mismatch_cells);
            s.weight = static_cast<double>(n);
        }
        n_ += n;
        s_ += s;
    }

    std::size_t labels_ = 0;
    double beta_ = 1.0;
    std::uint64_t n_ = 0;
    std::vector<double> tp_, pred_, truth_;
    sums s_;
    std::vector<std::uint64_t> icount_;  // scratch of a batch update
    std::vector<std::uint32_t> icount32_;
    std::vector<double> wcount_;         // scratch of a weighted batch update
    std::vector<std::uint8_t> row_true_, row_pred_;  // scratch of a one-row update
};

namespace detail {
namespace metrics {

inline void require_ml_rows(const char* fn, const multilabel_counts& c) {
    require(c.n_samples() != 0, fn, "y_true", "is empty");
}

inline double require_ml_total(const char* fn, const multilabel_counts& c) {
    require_ml_rows(fn, c);
    const double t = c.total_weight();
    require(t > 0.0, fn, "sample_weight", "sums to zero");
    return t;
}

// The per-label counts of the selected labels (o.labels: column indices;
// empty: every column), as the class_counts the single-label scoring reads.
inline class_counts ml_select(const char* fn, const multilabel_counts& c, const prf_options& o) {
    require_ml_rows(fn, c);
    require(o.averaging != average::binary, fn, "average",
            "is binary, which multilabel input does not have; choose samples, micro, macro or weighted");
    class_counts out;
    const std::size_t l = c.n_labels();
    if (o.labels.empty()) {
        for (std::size_t k = 0; k < l; ++k) out.labels.push_back(static_cast<label_type>(k));
    } else {
        require(o.averaging != average::samples, fn, "labels",
                "cannot be combined with average = samples (per-sample scores use every label)");
        for (label_type v : o.labels.values) {
            if (v < 0 || static_cast<std::uint64_t>(v) >= l)
                throw_invalid_argument(fn, "labels", "label ", v, " is not a column index in [0, ", l, ")");
            out.labels.push_back(v);
        }
    }
    for (label_type v : out.labels) {
        const auto k = static_cast<std::size_t>(v);
        out.tp.push_back(c.true_positives()[k]);
        out.pred.push_back(c.predicted_positives()[k]);
        out.truth.push_back(c.actual_positives()[k]);
    }
    return out;
}

// average = samples: the (weighted) mean over rows of the per-row scores,
// 0/0 rows scoring zero_division.
inline prf_scores ml_samples_prf(const char* fn, const multilabel_counts& c, const prf_options& o) {
    const double total = require_ml_total(fn, c);
    const auto& s = c.sample_sums();
    const double zd = o.zero_division, b2 = o.beta * o.beta;
    double fsum = 0.0;
    if (o.beta == 1.0) fsum = s.f1;
    else if (o.beta == c.beta()) fsum = s.fbeta;
    else
        throw_invalid_argument(fn, "beta", "is ", o.beta, " but these counts keep per-sample F-beta for beta = ",
                               c.beta(), " (and F1); build multilabel_counts with this beta");
    const double p = s.precision + zd * (s.w_no_pred + s.w_empty);
    const double r = s.recall + zd * (s.w_no_true + s.w_empty);
    const double f = fsum + s.w_no_pred * fbeta_from(zd, 0.0, b2) + s.w_no_true * fbeta_from(0.0, zd, b2) +
                     s.w_empty * fbeta_from(zd, zd, b2);
    return {p / total, r / total, f / total};
}

}  // namespace metrics
}  // namespace detail

// ===========================================================================
// Metrics over multilabel_counts

/// Per-label 2×2 confusion matrices (scikit-learn 1.2.1
/// `multilabel_confusion_matrix` on indicator input): tn, fp, fn, tp of each
/// label, weighted. Throws: invalid_argument on empty counts.
/// Complexity: O(L).
inline multilabel_confusion_matrix_result multilabel_confusion_matrix(const multilabel_counts& c) {
    detail::metrics::require_ml_rows("multilabel_confusion_matrix", c);
    multilabel_confusion_matrix_result r;
    const double total = c.total_weight();
    for (std::size_t k = 0; k < c.n_labels(); ++k) {
        const double tp = c.true_positives()[k], pp = c.predicted_positives()[k], ap = c.actual_positives()[k];
        r.tp.push_back(tp);
        r.fp.push_back(pp - tp);
        r.fn.push_back(ap - tp);
        r.tn.push_back(total - pp - ap + tp);
    }
    return r;
}

/// Subset accuracy: the (weighted) share of rows whose every label is
/// predicted right (scikit-learn 1.2.1 `accuracy_score` on indicator input).
/// Throws: invalid_argument on empty counts or zero total weight. Complexity: O(1).
inline double accuracy_score(const multilabel_counts& c) {
    const double t = detail::metrics::require_ml_total("accuracy_score", c);
    return c.exact_match_weight() / t;
}

/// 1 − subset accuracy (scikit-learn 1.2.1 `zero_one_loss` on indicator
/// input). Throws / Complexity: as accuracy_score.
inline double zero_one_loss(const multilabel_counts& c) { return 1.0 - accuracy_score(c); }

/// Hamming loss: the (weighted) share of cells where y ≠ ŷ, Σ wᵢ·dᵢ / (L·Σ wᵢ)
/// (scikit-learn 1.2.1 `hamming_loss` on indicator input).
/// Throws: invalid_argument on empty counts or zero total weight. Complexity: O(1).
inline double hamming_loss(const multilabel_counts& c) {
    const double t = detail::metrics::require_ml_total("hamming_loss", c);
    return c.mismatch_weight() / (static_cast<double>(c.n_labels()) * t);
}

/// Averaged precision, recall and F-beta of multilabel counts (scikit-learn
/// 1.2.1 `precision_recall_fscore_support(average=...)` on indicator input):
/// `samples` — mean over rows of each row's score (weighted by sample_weight;
/// a row with no predicted label has precision zero_division, one with no
/// true label recall zero_division; F-beta from those); `micro`, `macro`,
/// `weighted` — over the per-label counts as for single-label classes, with
/// `o.labels` selecting columns. `samples` F-beta needs o.beta = 1 or the
/// beta the counts were built with.
/// Throws: invalid_argument on empty counts, average = binary, beta < 0, a
/// column index outside [0, L), labels with samples, zero total weight
/// (samples). Complexity: O(L).
inline prf_scores precision_recall_fscore(const multilabel_counts& c, const prf_options& o = {}) {
    const char* fn = "precision_recall_fscore";
    detail::require(o.beta >= 0.0, fn, "beta", "must be non-negative, got ", o.beta);
    auto s = detail::metrics::ml_select(fn, c, o);
    if (o.averaging == average::samples) return detail::metrics::ml_samples_prf(fn, c, o);
    return detail::metrics::prf_average(s, o);
}

/// Per-label precision, recall, F-beta and support (scikit-learn 1.2.1
/// `precision_recall_fscore_support(average=None)` on indicator input);
/// `labels` are the column indices (all, or `o.labels`); `o.averaging` is
/// ignored. Throws: invalid_argument on empty counts or a column outside
/// [0, L). Complexity: O(L).
inline class_scores precision_recall_fscore_support(const multilabel_counts& c, prf_options o = {}) {
    o.averaging = average::macro;
    return detail::metrics::prf_each(detail::metrics::ml_select("precision_recall_fscore_support", c, o), o);
}

/// Precision of multilabel counts (scikit-learn 1.2.1 `precision_score`).
/// Throws / Complexity: as precision_recall_fscore.
inline double precision_score(const multilabel_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).precision;
}
/// Recall of multilabel counts (scikit-learn 1.2.1 `recall_score`).
inline double recall_score(const multilabel_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).recall;
}
/// F-beta of multilabel counts (scikit-learn 1.2.1 `fbeta_score`).
inline double fbeta_score(const multilabel_counts& c, const prf_options& o = {}) {
    return precision_recall_fscore(c, o).fscore;
}
/// F1 of multilabel counts (scikit-learn 1.2.1 `f1_score`; o.beta is ignored).
inline double f1_score(const multilabel_counts& c, prf_options o = {}) {
    o.beta = 1.0;
    return precision_recall_fscore(c, o).fscore;
}

/// Per-label Jaccard index tp / (tp + fp + fn) (scikit-learn 1.2.1
/// `jaccard_score(average=None)` on indicator input), 0/0 → zero_division.
/// Throws: invalid_argument on empty counts or a column outside [0, L).
/// Complexity: O(L).
inline std::vector<double> jaccard_per_class(const multilabel_counts& c, prf_options o = {}) {
    o.averaging = average::macro;
    return detail::metrics::jaccard_each(detail::metrics::ml_select("jaccard_per_class", c, o), o.zero_division);
}

/// Jaccard index averaged as `o` says (scikit-learn 1.2.1 `jaccard_score` on
/// indicator input): `samples` is the (weighted) mean over rows of
/// |y ∧ ŷ| / |y ∨ ŷ|, a row with neither scoring zero_division; micro /
/// macro / weighted as for single-label classes.
/// Throws: as precision_recall_fscore. Complexity: O(L).
inline double jaccard_score(const multilabel_counts& c, const prf_options& o = {}) {
    const char* fn = "jaccard_score";
    const auto s = detail::metrics::ml_select(fn, c, o);
    if (o.averaging == average::samples) {
        const double total = detail::metrics::require_ml_total(fn, c);
        const auto& m = c.sample_sums();
        return (m.jaccard + o.zero_division * m.w_empty) / total;
    }
    return detail::metrics::jaccard_average(s, o);
}

/// Hamming score (accuracy in the multilabel sense): the (weighted) mean
/// over rows of |y ∧ ŷ| / |y ∨ ŷ|, a row whose y and ŷ are both empty
/// scoring 1. Equals `jaccard_score(average::samples, zero_division = 1)`
/// (tests/reference/README.md, `definition:hamming_score`).
/// Throws: invalid_argument on empty counts or zero total weight. Complexity: O(1).
inline double hamming_score(const multilabel_counts& c) {
    const double total = detail::metrics::require_ml_total("hamming_score", c);
    const auto& m = c.sample_sums();
    return (m.jaccard + m.w_empty) / total;
}

// ===========================================================================
// Over whole indicator matrices: count with the accumulator's kernel, then
// read the metric. (Y_true, Y_pred[, sample_weight][, options]); entries of
// any arithmetic type, 0 or 1.
// Throws (in addition to the metric's own): invalid_argument for an empty
// matrix, mismatched shapes, entries other than 0 / 1, a weight count other
// than the number of rows, negative or non-finite weights.
// Complexity: O(n·L) time, O(L) extra memory.

namespace detail {
namespace metrics {

struct ml_access {
    template <class Acc, class... A>
    static void update(Acc& acc, const char* fn, const A&... a) {
        acc.update_as(fn, a...);
    }
};

template <class T, class P>
multilabel_counts count_indicators(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred, double beta = 1.0) {
    check_same_shape(fn, "y_true", y_true, "y_pred", y_pred);
    require(beta >= 0.0, fn, "beta", "must be non-negative, got ", beta);
    multilabel_counts c(y_true.cols(), beta);
    ml_access::update(c, fn, y_true, y_pred);
    return c;
}
template <class T, class P, class RW>
multilabel_counts count_indicators(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred, const RW& w,
                                   double beta = 1.0) {
    check_same_shape(fn, "y_true", y_true, "y_pred", y_pred);
    require(beta >= 0.0, fn, "beta", "must be non-negative, got ", beta);
    check_row_weights(fn, y_true.rows(), w);
    multilabel_counts c(y_true.cols(), beta);
    ml_access::update(c, fn, y_true, y_pred, w);
    return c;
}

}  // namespace metrics
}  // namespace detail

#define ASSAY_MULTILABEL_PLAIN(NAME)                                                                            \
    template <class T, class P>                                                                                 \
    auto NAME(matrix_view<T> y_true, matrix_view<P> y_pred) {                                                   \
        return NAME(detail::metrics::count_indicators(#NAME, y_true, y_pred));                                  \
    }                                                                                                           \
    template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>                                    \
    auto NAME(matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight) {                          \
        return NAME(detail::metrics::count_indicators(#NAME, y_true, y_pred, sample_weight));                   \
    }

ASSAY_MULTILABEL_PLAIN(multilabel_confusion_matrix)
ASSAY_MULTILABEL_PLAIN(accuracy_score)
ASSAY_MULTILABEL_PLAIN(zero_one_loss)
ASSAY_MULTILABEL_PLAIN(hamming_loss)
ASSAY_MULTILABEL_PLAIN(hamming_score)
#undef ASSAY_MULTILABEL_PLAIN

#define ASSAY_MULTILABEL_PRF(NAME)                                                                              \
    template <class T, class P>                                                                                 \
    auto NAME(matrix_view<T> y_true, matrix_view<P> y_pred, const prf_options& opt = {}) {                      \
        return NAME(detail::metrics::count_indicators(#NAME, y_true, y_pred, opt.beta), opt);                  \
    }                                                                                                           \
    template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>                                    \
    auto NAME(matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight, const prf_options& opt = {}) { \
        return NAME(detail::metrics::count_indicators(#NAME, y_true, y_pred, sample_weight, opt.beta), opt);   \
    }

ASSAY_MULTILABEL_PRF(precision_recall_fscore)
ASSAY_MULTILABEL_PRF(precision_recall_fscore_support)
ASSAY_MULTILABEL_PRF(precision_score)
ASSAY_MULTILABEL_PRF(recall_score)
ASSAY_MULTILABEL_PRF(fbeta_score)
ASSAY_MULTILABEL_PRF(f1_score)
ASSAY_MULTILABEL_PRF(jaccard_score)
ASSAY_MULTILABEL_PRF(jaccard_per_class)
#undef ASSAY_MULTILABEL_PRF

namespace detail {
namespace metrics {

template <class T, class P>
multilabel_confusion_matrix_result samplewise_impl(const char* fn, matrix_view<T> y_true, matrix_view<P> y_pred,
                                                   const double* w) {
    (void)indicator_traits<elem_t<T>>{};
    (void)indicator_traits<elem_t<P>>{};
    const std::size_t n = y_true.rows(), l = y_true.cols();
    multilabel_confusion_matrix_result r;
    r.tn.resize(n), r.fp.resize(n), r.fn.resize(n), r.tp.resize(n);
    bool bad_t = false, bad_p = false;
    for (std::size_t i = 0; i < n; ++i) {
        unsigned tp = 0, np = 0, nt = 0;
        for (std::size_t k = 0; k < l; ++k) {
            const unsigned t = indicator_bit(y_true(i, k), bad_t), p = indicator_bit(y_pred(i, k), bad_p);
            tp += t & p, np += p, nt += t;
        }
        const double wi = w ? w[i] : 1.0;
        r.tp[i] = wi * tp;
        r.fp[i] = wi * (np - tp);
        r.fn[i] = wi * (nt - tp);
        r.tn[i] = wi * static_cast<double>(l) - r.tp[i] - r.fp[i] - r.fn[i];
    }
    if (bad_t) throw_bad_indicator(fn, "y_true", y_true);
    if (bad_p) throw_bad_indicator(fn, "y_pred", y_pred);
    return r;
}

}  // namespace metrics
}  // namespace detail

/// Per-sample 2×2 confusion matrices (scikit-learn 1.2.1
/// `multilabel_confusion_matrix(samplewise=True)`): entry i counts row i's
/// labels — tp, fp, fn and tn = L − tp − fp − fn — each times the row's
/// weight when weights are given. Throws: invalid_argument for an empty
/// matrix, mismatched shapes, entries other than 0 / 1, bad weights.
/// Complexity: O(n·L) time, O(n) memory for the result.
template <class T, class P>
multilabel_confusion_matrix_result multilabel_confusion_matrix_samplewise(matrix_view<T> y_true,
                                                                          matrix_view<P> y_pred) {
    const char* fn = "multilabel_confusion_matrix_samplewise";
    detail::metrics::check_same_shape(fn, "y_true", y_true, "y_pred", y_pred);
    return detail::metrics::samplewise_impl(fn, y_true, y_pred, nullptr);
}
template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>
multilabel_confusion_matrix_result multilabel_confusion_matrix_samplewise(matrix_view<T> y_true, matrix_view<P> y_pred,
                                                                          const RW& sample_weight) {
    const char* fn = "multilabel_confusion_matrix_samplewise";
    detail::metrics::check_same_shape(fn, "y_true", y_true, "y_pred", y_pred);
    detail::metrics::check_row_weights(fn, y_true.rows(), sample_weight);
    const std::vector<double> w(detail::metrics::range_begin(sample_weight), detail::metrics::range_end(sample_weight));
    return detail::metrics::samplewise_impl(fn, y_true, y_pred, w.data());
}

/// Subset accuracy with scikit-learn's `normalize` (1.2.1 `accuracy_score`
/// on indicator input): the share of exactly predicted rows, or with
/// normalize = false their (weighted) number. Throws: as accuracy_score
/// (zero total weight only when normalizing). Complexity: O(n·L).
template <class T, class P>
double accuracy_score(matrix_view<T> y_true, matrix_view<P> y_pred, bool normalize) {
    const auto c = detail::metrics::count_indicators("accuracy_score", y_true, y_pred);
    return normalize ? accuracy_score(c) : c.exact_match_weight();
}
template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>
double accuracy_score(matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight, bool normalize) {
    const auto c = detail::metrics::count_indicators("accuracy_score", y_true, y_pred, sample_weight);
    return normalize ? accuracy_score(c) : c.exact_match_weight();
}
/// 1 − subset accuracy, or with normalize = false the (weighted) number of
/// rows with any label wrong (scikit-learn 1.2.1 `zero_one_loss`).
/// Throws / Complexity: as accuracy_score.
template <class T, class P>
double zero_one_loss(matrix_view<T> y_true, matrix_view<P> y_pred, bool normalize) {
    const auto c = detail::metrics::count_indicators("zero_one_loss", y_true, y_pred);
    return normalize ? zero_one_loss(c) : c.total_weight() - c.exact_match_weight();
}
template <class T, class P, class RW, detail::metrics::if_range<RW> = 0>
double zero_one_loss(matrix_view<T> y_true, matrix_view<P> y_pred, const RW& sample_weight, bool normalize) {
    const auto c = detail::metrics::count_indicators("zero_one_loss", y_true, y_pred, sample_weight);
    return normalize ? zero_one_loss(c) : c.total_weight() - c.exact_match_weight();
}

// ===========================================================================
// Label ranking metrics

/// Streaming label ranking metrics — a mergeable accumulator of the
/// per-sample sums behind scikit-learn 1.2.1's
/// `label_ranking_average_precision_score`, `coverage_error` and
/// `label_ranking_loss`, over L labels (the columns). Per row, with R the
/// relevant (true) labels and scores s (ties count against: a label's rank
/// is the number of labels scored at least as high):
///   * LRAP = mean over r in R of #{r' in R: s_r' ≥ s_r} / #{j: s_j ≥ s_r};
///     1 when R is empty or every label is relevant;
///   * coverage = #{j: s_j ≥ min over R of s}; 0 when R is empty;
///   * ranking loss = #{(r, f): r in R, f not in R, s_f ≥ s_r} / (|R|·(L − |R|));
///     0 when R is empty or every label is relevant.
/// Each is averaged over rows weighted by sample_weight. A row with R
/// relevant labels costs O(L·R) while R ≤ 16, O(L log L) beyond (a sort of
/// the row). Updates allocate nothing once the row scratch exists (made at
/// construction, or by the first update after `load` or after merging into
/// an empty accumulator); a batch update that throws leaves the accumulator
/// unchanged. Merging adds the sums (equal to a full pass up to rounding).
/// `save` / `load` give a versioned, hashed byte state.
class label_ranking_accumulator {
public:
    /// No labels yet: the first update fixes L.
    label_ranking_accumulator() = default;
    /// Throws: invalid_argument when n_labels is 0.
    explicit label_ranking_accumulator(std::size_t n_labels) {
        detail::require(n_labels != 0, "label_ranking_accumulator", "n_labels", "must be at least 1");
        set_labels(n_labels);
    }

    /// Adds a batch: Y_true (0 / 1) and Y_score (finite) of the same shape.
    /// Throws: invalid_argument for an empty batch, mismatched shapes, a
    /// column count other than L, entries other than 0 / 1, NaN or infinite
    /// scores. Complexity: O(rows·L·min(R, log L)) for R relevant labels per
    /// row, no allocation.
    template <class T, class S>
    void update(matrix_view<T> y_true, matrix_view<S> y_score) {
        update_as(fn_, y_true, y_score);
    }
    /// Weighted batch. Throws: as above, and for a weight count other than
    /// the number of rows or a negative / non-finite weight.
    template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>
    void update(matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight) {
        update_as(fn_, y_true, y_score, sample_weight);
    }
    /// One row given as two ranges of L entries, with a weight.
    template <class RT, class RS, detail::metrics::if_range<RT> = 0, detail::metrics::if_range<RS> = 0>
    void update(const RT& y_true_row, const RS& y_score_row, double weight = 1.0) {
        detail::metrics::check_weight_value(fn_, weight);
        const std::size_t l = detail::metrics::range_size(y_true_row);
        detail::require_same_size(fn_, "y_true row", l, "y_score row", detail::metrics::range_size(y_score_row));
        if (labels_ == 0) {
            detail::require(l != 0, fn_, "y_true row", "is empty (no labels)");
            set_labels(l);
        }
        detail::require(l == labels_, fn_, "y_true row", "has ", l, " labels but the accumulator has ", labels_);
        if (score_.size() != labels_) set_labels(labels_);  // first update after load
        detail::metrics::copy_indicator_row(fn_, "y_true row", y_true_row, row_true_.data(), l);
        auto it = detail::metrics::range_begin(y_score_row);
        for (std::size_t k = 0; k < l; ++k, ++it) row_score_[k] = static_cast<double>(*it);
        const double w[1] = {weight};
        update(matrix_view<const std::uint8_t>(row_true_.data(), 1, l),
               matrix_view<const double>(row_score_.data(), 1, l), w);
    }

    /// Adds another accumulator's sums. Throws: invalid_argument when the
    /// label counts differ. Complexity: O(1).
    void merge(const label_ranking_accumulator& o) {
        if (o.labels_ == 0) return;
        if (labels_ == 0) labels_ = o.labels_;  // scratch allocated by the first update
        detail::require(o.labels_ == labels_, "label_ranking_accumulator::merge", "other", "has ", o.labels_,
                        " labels, this accumulator has ", labels_);
        n_ += o.n_;
        s_ += o.s_;
    }
    label_ranking_accumulator& operator+=(const label_ranking_accumulator& o) {
        merge(o);
        return *this;
    }
    /// Forgets every row (keeps L).
    void reset() {
        n_ = 0;
        s_ = sums{};
    }

    std::size_t n_labels() const noexcept { return labels_; }
    std::uint64_t n_samples() const noexcept { return n_; }
    double total_weight() const noexcept { return s_.weight; }

    /// Label ranking average precision (scikit-learn 1.2.1
    /// `label_ranking_average_precision_score`). Throws: invalid_argument when
    /// empty or the weights sum to zero. Complexity: O(1).
    double label_ranking_average_precision() const { return s_.lrap / total("label_ranking_average_precision"); }
    /// Coverage error (scikit-learn 1.2.1 `coverage_error`). Throws: as above.
    double coverage_error() const { return s_.coverage / total("coverage_error"); }
    /// Ranking loss (scikit-learn 1.2.1 `label_ranking_loss`). Throws: as above.
    double label_ranking_loss() const { return s_.loss / total("label_ranking_loss"); }

    struct sums {
        double weight = 0, lrap = 0, coverage = 0, loss = 0;
        sums& operator+=(const sums& o) {
            weight += o.weight, lrap += o.lrap, coverage += o.coverage, loss += o.loss;
            return *this;
        }
        friend bool operator==(const sums& a, const sums& b) {
            return a.weight == b.weight && a.lrap == b.lrap && a.coverage == b.coverage && a.loss == b.loss;
        }
    };
    const sums& sample_sums() const noexcept { return s_; }

    /// The state as bytes, format version 1: magic "ASLR", u16 version, u64 L,
    /// u64 n_samples, f64 weight, LRAP, coverage and ranking-loss sums, FNV-1a
    /// 64-bit hash. Complexity: O(1).
    std::vector<std::uint8_t> save() const {
        detail::metrics::state_writer w(magic_, 1, 6 + 48 + 8);
        w.u64(labels_);
        w.u64(n_);
        for (double v : {s_.weight, s_.lrap, s_.coverage, s_.loss}) w.f64(v);
        return w.finish();
    }
    /// Replaces this accumulator by a saved one (untrusted bytes: framing,
    /// hash, size, finite non-negative sums checked first). Throws:
    /// corrupt_state (this one unchanged). Complexity: O(L).
    void load(const void* data, std::size_t size) {
        const char* fn = "label_ranking_accumulator::load";
        detail::metrics::state_reader in(data, size, magic_, 1, fn, "label_ranking_accumulator");
        const std::uint64_t l = in.u64();
        const std::uint64_t n = in.u64();
        if (in.left() != 32) detail::throw_corrupt_state(fn, "state holds ", in.left(), " bytes of sums, 32 expected");
        sums m;
        for (double* v : {&m.weight, &m.lrap, &m.coverage, &m.loss}) {
            *v = in.f64();
            if (!(*v >= 0.0 && *v < std::numeric_limits<double>::infinity()))
                detail::throw_corrupt_state(fn, "a sum is ", *v, " (sums are finite and non-negative)");
        }
        in.done();
        if (l > std::numeric_limits<std::uint32_t>::max())
            detail::throw_corrupt_state(fn, "label count ", l, " is implausible");
        if ((l == 0 || n == 0) && (n != 0 || !(m == sums{})))
            detail::throw_corrupt_state(fn, "sums or rows without labels or rows");
        // The row scratch is allocated by the first update, not from a size
        // read out of untrusted bytes.
        label_ranking_accumulator fresh;
        fresh.labels_ = static_cast<std::size_t>(l);
        fresh.n_ = n;
        fresh.s_ = m;
        *this = std::move(fresh);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

    friend bool operator==(const label_ranking_accumulator& a, const label_ranking_accumulator& b) {
        return a.labels_ == b.labels_ && a.n_ == b.n_ && a.s_ == b.s_;
    }
    friend bool operator!=(const label_ranking_accumulator& a, const label_ranking_accumulator& b) {
        return !(a == b);
    }

private:
    friend struct detail::metrics::ml_access;
    static constexpr const char* fn_ = "label_ranking_accumulator::update";
    static constexpr unsigned char magic_[4] = {0x41, 0x53, 0x4c, 0x52};  // "ASLR"
    // Rows with more relevant labels than this are ranked by a sort of the
    // row (O(L log L)) instead of counting per relevant label (O(L·R)).
    static constexpr std::size_t sort_above = 16;

    template <class T, class S>
    void update_as(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score) {
        prepare(fn, y_true, y_score);
        run<false>(fn, y_true, y_score, static_cast<const double*>(nullptr));
    }
    template <class T, class S, class RW>
    void update_as(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight) {
        prepare(fn, y_true, y_score);
        detail::metrics::check_row_weights(fn, y_true.rows(), sample_weight);
        run<true>(fn, y_true, y_score, detail::metrics::range_begin(sample_weight));
    }

    double total(const char* fn) const {
        detail::require(n_ != 0, fn, "y_true", "is empty");
        detail::require(s_.weight > 0.0, fn, "sample_weight", "sums to zero");
        return s_.weight;
    }

    void set_labels(std::size_t l) {
        labels_ = l;
        score_.assign(l, 0.0);
        relevant_.assign(l, 0);
        order_.assign(l, 0);
        flag_.assign(l, 0);
        rel_score_.assign(l, 0.0);
        row_true_.assign(l, 0);
        row_score_.assign(l, 0.0);
    }

    template <class T, class S>
    void prepare(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score) {
        (void)detail::metrics::indicator_traits<detail::metrics::elem_t<T>>{};
        (void)detail::metrics::score_traits<detail::metrics::elem_t<S>>{};
        detail::metrics::check_same_shape(fn, "y_true", y_true, "y_score", y_score);
        if (labels_ == 0) set_labels(y_true.cols());
        detail::require(y_true.cols() == labels_, fn, "y_true", "has ", y_true.cols(),
                        " columns but the accumulator has ", labels_, " labels");
        if (score_.size() != labels_) set_labels(labels_);  // first update after load
    }

    template <bool Weighted, class T, class S, class ItW>
    void run(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score, ItW w) {
        const std::size_t n = y_true.rows(), l = labels_;
        double* sc = score_.data();
        std::uint32_t* rel = relevant_.data();
        sums s;
        for (std::size_t i = 0; i < n; ++i) {
            double wi = 1.0;
            if constexpr (Weighted) {
                wi = static_cast<double>(*w);
                ++w;
            }
            // The row's scores, and its relevant labels' indices.
            std::size_t nr = 0;
            bool bad = false;
            for (std::size_t k = 0; k < l; ++k) {
                const double x = static_cast<double>(y_score(i, k));
                if (ASSAY_UNLIKELY(!std::isfinite(x)))
                    detail::throw_invalid_argument(fn, "y_score", "value at row ", i, ", column ", k, " is ", x);
                sc[k] = x;
                const unsigned t = detail::metrics::indicator_bit(y_true(i, k), bad);
                rel[nr] = static_cast<std::uint32_t>(k);
                nr += t;
            }
            if (ASSAY_UNLIKELY(bad)) detail::metrics::throw_bad_indicator(fn, "y_true", y_true);
            s.weight += wi;
            if (nr == 0) {
                s.lrap += wi;  // the ranking has no meaning: 1; coverage and loss 0
                continue;
            }
            double ratio_sum = 0.0;
            std::size_t coverage = 0, wrong = 0;
            if (nr <= sort_above) {
                // For each relevant label r: how many labels, and how many
                // relevant labels, score at least s_r. O(L·R).
                double* rs = rel_score_.data();
                for (std::size_t a = 0; a < nr; ++a) rs[a] = sc[rel[a]];
                for (std::size_t a = 0; a < nr; ++a) {
                    const double sr = rs[a];
                    const std::size_t ge = detail::metrics::count_at_least(sc, l, sr);
                    const std::size_t rel_ge = detail::metrics::count_at_least(rs, nr, sr);
                    ratio_sum += static_cast<double>(rel_ge) / static_cast<double>(ge);
                    coverage = ge > coverage ? ge : coverage;
                    wrong += ge - rel_ge;
                }
            } else {
                // Many relevant labels: sort the row by score, descending, and
                // walk its groups of tied scores. Every relevant label of a
                // group has the same rank (all labels up to the group's end)
                // and the same count of relevant labels at or above it.
                // O(L log L).
                std::uint32_t* ord = order_.data();
                std::uint8_t* is_rel = flag_.data();
                for (std::size_t k = 0; k < l; ++k) ord[k] = static_cast<std::uint32_t>(k), is_rel[k] = 0;
                for (std::size_t a = 0; a < nr; ++a) is_rel[rel[a]] = 1;
                std::sort(ord, ord + l, [sc](std::uint32_t a, std::uint32_t b) { return sc[a] > sc[b]; });
                std::size_t all_le = 0, rel_le = 0;  // labels / relevant labels up to the current group
                for (std::size_t g = 0; g < l;) {
                    std::size_t e = g, g_rel = 0;
                    while (e < l && sc[ord[e]] == sc[ord[g]]) g_rel += is_rel[ord[e]], ++e;
                    all_le += e - g;
                    rel_le += g_rel;
                    if (g_rel != 0) {
                        ratio_sum += static_cast<double>(g_rel) *
                                     (static_cast<double>(rel_le) / static_cast<double>(all_le));
                        coverage = all_le;
                        wrong += g_rel * (all_le - rel_le);
                    }
                    g = e;
                }
            }
            const double lrap = nr == l ? 1.0 : ratio_sum / static_cast<double>(nr);
            const double loss = nr == l ? 0.0
                                        : static_cast<double>(wrong) /
                                              (static_cast<double>(nr) * static_cast<double>(l - nr));
            if constexpr (Weighted) {
                s.lrap += wi * lrap, s.coverage += wi * static_cast<double>(coverage), s.loss += wi * loss;
            } else {
                s.lrap += lrap, s.coverage += static_cast<double>(coverage), s.loss += loss;
            }
        }
        n_ += n;
        s_ += s;
    }

    std::size_t labels_ = 0;
    std::uint64_t n_ = 0;
    sums s_;
    std::vector<double> score_;            // scratch: one row's scores
    std::vector<std::uint32_t> relevant_;  // scratch: one row's relevant labels
    std::vector<std::uint32_t> order_;     // scratch: one row's labels by score (rows with many relevant labels)
    std::vector<std::uint8_t> flag_;
    std::vector<double> rel_score_;        // scratch: the relevant labels' scores
    std::vector<std::uint8_t> row_true_;   // scratch of a one-row update
    std::vector<double> row_score_;
};

#define ASSAY_LABEL_RANKING(NAME, GETTER)                                                                       \
    template <class T, class S>                                                                                 \
    double NAME(matrix_view<T> y_true, matrix_view<S> y_score) {                                                \
        detail::metrics::check_same_shape(#NAME, "y_true", y_true, "y_score", y_score);                         \
        label_ranking_accumulator a(y_true.cols());                                                             \
        detail::metrics::ml_access::update(a, #NAME, y_true, y_score);                                          \
        return a.GETTER();                                                                                      \
    }                                                                                                           \
    template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>                                    \
    double NAME(matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight) {                       \
        detail::metrics::check_same_shape(#NAME, "y_true", y_true, "y_score", y_score);                         \
        detail::metrics::check_row_weights(#NAME, y_true.rows(), sample_weight);                                \
        label_ranking_accumulator a(y_true.cols());                                                             \
        detail::metrics::ml_access::update(a, #NAME, y_true, y_score, sample_weight);                           \
        detail::require(a.total_weight() > 0.0, #NAME, "sample_weight", "sums to zero");                        \
        return a.GETTER();                                                                                      \
    }

/// Label ranking average precision (scikit-learn 1.2.1
/// `label_ranking_average_precision_score`; see label_ranking_accumulator).
/// Throws: invalid_argument for an empty matrix, mismatched shapes, entries
/// other than 0 / 1, NaN / infinite scores, bad weights or zero total weight.
/// Complexity: O(n·L·min(R, log L)) time (R relevant labels per row), O(L) memory.
ASSAY_LABEL_RANKING(label_ranking_average_precision_score, label_ranking_average_precision)
/// Coverage error (scikit-learn 1.2.1 `coverage_error`): the mean number of
/// top-scored labels needed to cover every relevant label (ties count
/// against). Throws / Complexity: as label_ranking_average_precision_score.
ASSAY_LABEL_RANKING(coverage_error, coverage_error)
/// Ranking loss (scikit-learn 1.2.1 `label_ranking_loss`): the mean share of
/// (relevant, irrelevant) pairs ordered wrongly, ties counting as wrong.
/// Throws / Complexity: as label_ranking_average_precision_score.
ASSAY_LABEL_RANKING(label_ranking_loss, label_ranking_loss)
#undef ASSAY_LABEL_RANKING

// ===========================================================================
// ROC AUC and average precision of score matrices

namespace detail {
namespace metrics {

enum class ml_binary_metric { roc_auc, average_precision };

inline double ml_binary_score(const char* fn, scored_rows& rows, ml_binary_metric m) {
    if (m == ml_binary_metric::roc_auc) return roc_auc_rows(fn, rows, roc_auc_options{});
    return average_precision_rows(rows);
}

// Walks the cells of a matrix row by row, reading each as Out: indicator entries as 0 / 1
// bytes (already checked), scores as doubles.
template <class T, class Out>
struct cell_iterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = Out;
    using difference_type = std::ptrdiff_t;
    using pointer = const Out*;
    using reference = Out;

    const T* base;
    std::ptrdiff_t rs, cs;
    std::size_t cols, i = 0, k = 0;
    const T* p;

    cell_iterator(const T* b, std::ptrdiff_t row_stride, std::ptrdiff_t col_stride, std::size_t c)
        : base(b), rs(row_stride), cs(col_stride), cols(c), p(b) {}
    Out operator*() const noexcept {
        if constexpr (std::is_same<Out, std::uint8_t>::value) {
            bool ignored = false;
            return static_cast<std::uint8_t>(indicator_bit(*p, ignored));
        } else {
            return static_cast<Out>(*p);
        }
    }
    cell_iterator& operator++() noexcept {
        if (++k == cols) {
            k = 0;
            ++i;
            p = base + static_cast<std::ptrdiff_t>(i) * rs;
        } else {
            p += cs;
        }
        return *this;
    }
};

template <class Out, class T>
cell_iterator<T, Out> cells(matrix_view<T> m) {
    return {m.data(), m.row_stride(), m.col_stride(), m.cols()};
}

// Each row weight repeated `times` times (the micro average's weights).
struct repeated_weights {
    using iterator_category = std::forward_iterator_tag;
    using value_type = double;
    using difference_type = std::ptrdiff_t;
    using pointer = const double*;
    using reference = double;
    const double* w;
    std::size_t times, k = 0;
    double operator*() const noexcept { return *w; }
    repeated_weights& operator++() noexcept {
        if (++k == times) k = 0, ++w;
        return *this;
    }
};

// scikit-learn's _average_binary_score over an indicator matrix and a score
// matrix: per label (macro / weighted / none), per row (samples) or over
// every cell (micro).
template <class T, class S, class RW>
std::vector<double> ml_binary_each(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score, const RW* w,
                                   average a, ml_binary_metric m, std::vector<double>* support) {
    (void)indicator_traits<elem_t<T>>{};
    (void)score_traits<elem_t<S>>{};
    check_same_shape(fn, "y_true", y_true, "y_score", y_score);
    require(a != average::binary, fn, "average", "is binary, which multilabel input does not have");
    const std::size_t n = y_true.rows(), l = y_true.cols();
    std::vector<double> wv;
    if (w) {
        check_row_weights(fn, n, *w);
        wv.assign(range_begin(*w), range_end(*w));
    }
    // Every entry checked (0 / 1 indicators, finite scores); the first bad
    // one is reported.
    auto locate_bad = [&]() {
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < l; ++k) {
                const double x = static_cast<double>(y_score(i, k));
                if (ASSAY_UNLIKELY(!std::isfinite(x)))
                    throw_invalid_argument(fn, "y_score", "value at row ", i, ", column ", k, " is ", x);
            }
        throw_bad_indicator(fn, "y_true", y_true);
    };
    std::vector<double> out;
    if (a != average::macro && a != average::weighted) {
        bool bad = false;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t k = 0; k < l; ++k) {
                const double x = static_cast<double>(y_score(i, k));
                (void)indicator_bit(y_true(i, k), bad);
                bad |= !(x - x == 0.0);  // NaN or infinite
            }
        if (ASSAY_UNLIKELY(bad)) locate_bad();
    }
    if (a == average::micro) {
        scored_rows rows;
        rows.weighted = w != nullptr;
        if (w) rows.fill_weighted(cells<std::uint8_t>(y_true), cells<double>(y_score), repeated_weights{wv.data(), l},
                                  n * l, 1);
        else rows.fill_split(cells<std::uint8_t>(y_true), cells<double>(y_score), n * l, 1);
        out.push_back(ml_binary_score(fn, rows, m));
        return out;
    }
    if (a == average::samples) {
        for (std::size_t i = 0; i < n; ++i) {
            scored_rows rows;
            const matrix_view<T> row(&y_true(i, 0), 1, l, 0, y_true.col_stride());
            const matrix_view<S> srow(&y_score(i, 0), 1, l, 0, y_score.col_stride());
            rows.fill_split(cells<std::uint8_t>(row), cells<double>(srow), l, 1);
            out.push_back(ml_binary_score(fn, rows, m));
        }
        if (support) *support = w ? wv : std::vector<double>(n, 1.0);
        return out;
    }
    // Per label: the columns are copied once into column-major buffers, in
    // blocks of rows that stay in cache (reading a row-major matrix column by
    // column would stream the whole matrix once per label).
    // The entries are checked in the same pass.
    big_buffer<std::uint8_t> lab(n * l);  // uninitialised: every element is written below
    big_buffer<double> sco(n * l);
    constexpr std::size_t block = 256;
    bool bad = false;
    for (std::size_t i0 = 0; i0 < n; i0 += block) {
        const std::size_t i1 = i0 + block < n ? i0 + block : n;
        for (std::size_t k = 0; k < l; ++k) {
            std::uint8_t* lk = lab.data() + k * n;
            double* sk = sco.data() + k * n;
            for (std::size_t i = i0; i < i1; ++i) {
                const double x = static_cast<double>(y_score(i, k));
                lk[i] = static_cast<std::uint8_t>(indicator_bit(y_true(i, k), bad));
                sk[i] = x;
                bad |= !(x - x == 0.0);  // NaN or infinite
            }
        }
    }
    if (ASSAY_UNLIKELY(bad)) locate_bad();
    if (support) support->assign(l, 0.0);
    for (std::size_t k = 0; k < l; ++k) {
        const std::uint8_t* lk = lab.data() + k * n;
        const double* sk = sco.data() + k * n;
        scored_rows rows;
        rows.weighted = w != nullptr;
        if (w) rows.fill_weighted(lk, sk, wv.data(), n, 1);
        else rows.fill_split(lk, sk, n, 1);
        if (support) {
            double sup = 0.0;
            for (std::size_t i = 0; i < n; ++i) sup += lk[i] ? (w ? wv[i] : 1.0) : 0.0;
            (*support)[k] = sup;
        }
        out.push_back(ml_binary_score(fn, rows, m));
    }
    return out;
}

template <class T, class S, class RW>
double ml_binary_average(const char* fn, matrix_view<T> y_true, matrix_view<S> y_score, const RW* w, average a,
                         ml_binary_metric m) {
    std::vector<double> support;
    const auto each = ml_binary_each(fn, y_true, y_score, w, a, m, &support);
    if (a == average::micro) return each[0];
    if (a == average::macro) return weighted_mean(each, nullptr);
    double tot = 0.0;
    for (double v : support) tot += v;
    if (a == average::weighted && std::fabs(tot) <= 1e-8) return 0.0;  // numpy.isclose(sum, 0), as scikit-learn
    require(tot > 0.0, fn, "sample_weight", "sums to zero");
    return weighted_mean(each, &support);
}

}  // namespace metrics
}  // namespace detail

/// ROC AUC of a multilabel score matrix (scikit-learn 1.2.1 `roc_auc_score`
/// on indicator y_true): each label's (or row's, or the cells') binary ROC
/// AUC with sample weights, combined as `o.averaging` says (macro by
/// default). Copies the scores it sorts.
/// Throws: invalid_argument for an empty matrix, mismatched shapes, entries
/// other than 0 / 1, NaN / infinite scores, bad weights, average = binary,
/// and a label (or row, for samples) with only one class.
/// Complexity: O(n·L·log(n·L)) time, O(n·L) memory (the scores are copied
/// column by column, or whole for micro, before sorting).
template <class T, class S>
double roc_auc_score(matrix_view<T> y_true, matrix_view<S> y_score, const multilabel_auc_options& o = {}) {
    return detail::metrics::ml_binary_average<T, S, std::vector<double>>(
        "roc_auc_score", y_true, y_score, nullptr, o.averaging, detail::metrics::ml_binary_metric::roc_auc);
}
template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>
double roc_auc_score(matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight,
                     const multilabel_auc_options& o = {}) {
    return detail::metrics::ml_binary_average("roc_auc_score", y_true, y_score, &sample_weight, o.averaging,
                                              detail::metrics::ml_binary_metric::roc_auc);
}

/// Average precision of a multilabel score matrix (scikit-learn 1.2.1
/// `average_precision_score` on indicator y_true), combined as
/// `o.averaging` says; a label without positives scores 0 (scikit-learn's
/// recall-of-1 convention). Throws / Complexity: as the multilabel
/// roc_auc_score, without the one-class error.
template <class T, class S>
double average_precision_score(matrix_view<T> y_true, matrix_view<S> y_score, const multilabel_auc_options& o = {}) {
    return detail::metrics::ml_binary_average<T, S, std::vector<double>>(
        "average_precision_score", y_true, y_score, nullptr, o.averaging,
        detail::metrics::ml_binary_metric::average_precision);
}
template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>
double average_precision_score(matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight,
                               const multilabel_auc_options& o = {}) {
    return detail::metrics::ml_binary_average("average_precision_score", y_true, y_score, &sample_weight,
                                              o.averaging, detail::metrics::ml_binary_metric::average_precision);
}

/// Per-label ROC AUC (scikit-learn 1.2.1 `roc_auc_score(average=None)` on
/// indicator y_true), label k at index k. Throws / Complexity: as roc_auc_score.
template <class T, class S>
std::vector<double> roc_auc_per_label(matrix_view<T> y_true, matrix_view<S> y_score) {
    return detail::metrics::ml_binary_each<T, S, std::vector<double>>("roc_auc_per_label", y_true, y_score, nullptr,
                                                                      average::macro,
                                                                      detail::metrics::ml_binary_metric::roc_auc,
                                                                      nullptr);
}
template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>
std::vector<double> roc_auc_per_label(matrix_view<T> y_true, matrix_view<S> y_score, const RW& sample_weight) {
    return detail::metrics::ml_binary_each("roc_auc_per_label", y_true, y_score, &sample_weight, average::macro,
                                           detail::metrics::ml_binary_metric::roc_auc, nullptr);
}

/// Per-label average precision (scikit-learn 1.2.1
/// `average_precision_score(average=None)` on indicator y_true).
/// Throws / Complexity: as average_precision_score.
template <class T, class S>
std::vector<double> average_precision_per_label(matrix_view<T> y_true, matrix_view<S> y_score) {
    return detail::metrics::ml_binary_each<T, S, std::vector<double>>(
        "average_precision_per_label", y_true, y_score, nullptr, average::macro,
        detail::metrics::ml_binary_metric::average_precision, nullptr);
}
template <class T, class S, class RW, detail::metrics::if_range<RW> = 0>
std::vector<double> average_precision_per_label(matrix_view<T> y_true, matrix_view<S> y_score,
                                                const RW& sample_weight) {
    return detail::metrics::ml_binary_each("average_precision_per_label", y_true, y_score, &sample_weight,
                                           average::macro, detail::metrics::ml_binary_metric::average_precision,
                                           nullptr);
}

ASSAY_NAMESPACE_END

#undef ASSAY_ML_RESTRICT
