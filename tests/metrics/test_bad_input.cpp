// Bad input gets a clear assay::invalid_argument naming the function, the
// argument and the problem; a failed batch update leaves an accumulator as
// it was.
#include <doctest/doctest.h>

#include <assay/metrics.hpp>

#include <cstdint>
#include <limits>
#include <vector>

namespace {
using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("bad input: mismatched lengths and empty input") {
    const ints y{0, 1, 1}, p{0, 1};
    const doubles s{0.1, 0.9}, w2{1.0, 1.0};
    CHECK_THROWS_WITH_AS(assay::accuracy_score(y, p), "assay::accuracy_score: y_pred: has 2 elements but y_true has 3",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::confusion_matrix(y, p), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(y, p), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(y, ints{0, 1, 1}, w2), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(y, s), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_curve(y, s), assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(y, s), assay::invalid_argument);
    CHECK_THROWS_AS(assay::brier_score_loss(y, s), assay::invalid_argument);
    const ints e;
    const doubles es;
    CHECK_THROWS_WITH_AS(assay::accuracy_score(e, e), "assay::accuracy_score: y_true: is empty", assay::invalid_argument);
    CHECK_THROWS_AS(assay::confusion_matrix(e, e), assay::invalid_argument);
    CHECK_THROWS_AS(assay::matthews_corrcoef(e, e), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(e, es), assay::invalid_argument);
    CHECK_THROWS_AS(assay::average_precision_score(e, es), assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(e, es), assay::invalid_argument);
    // An accumulator with nothing in it has no metric to give.
    assay::confusion_counts c;
    CHECK_THROWS_AS(assay::accuracy_score(c), assay::invalid_argument);
    CHECK_THROWS_AS(assay::f1_score(c), assay::invalid_argument);
    assay::ranking_accumulator r;
    CHECK_THROWS_AS(r.roc_auc(), assay::invalid_argument);
    assay::log_loss_accumulator l({0, 1});
    CHECK_THROWS_AS(l.value(), assay::invalid_argument);
}

TEST_CASE("bad input: NaN and infinite scores, probabilities outside [0, 1], bad weights") {
    const ints y{0, 1, 1, 0};
    CHECK_THROWS_WITH_AS(assay::roc_auc_score(y, doubles{0.1, kNaN, 0.3, 0.4}),
                         "assay::roc_auc_score: y_score: value at index 1 is nan", assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_curve(y, doubles{0.1, 0.2, kInf, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::precision_recall_curve(y, doubles{-kInf, 0.2, 0.3, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::average_precision_score(y, doubles{0.1, 0.2, 0.3, kNaN}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::det_curve(y, doubles{0.1, 0.2, 0.3, kNaN}), assay::invalid_argument);
    CHECK_THROWS_WITH_AS(assay::log_loss(y, doubles{0.1, 1.5, 0.3, 0.4}),
                         "assay::log_loss: y_prob: value at index 1 is 1.5, not a probability in [0, 1]",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(y, doubles{0.1, kNaN, 0.3, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::brier_score_loss(y, doubles{0.1, -0.1, 0.3, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(y, doubles{0.1, 0.2, 0.3, 0.4}, doubles{1, -1, 1, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::accuracy_score(y, y, doubles{1, kNaN, 1, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::confusion_matrix(y, y, doubles{1, 1, kInf, 1}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::accuracy_score(y, y, doubles{0, 0, 0, 0}), assay::invalid_argument);
    const doubles zero_w{0, 0, 0, 0}, s4{0.1, 0.2, 0.3, 0.4};
    CHECK_THROWS_WITH_AS(assay::roc_curve(y, s4, zero_w), "assay::roc_curve: sample_weight: is zero for every row",
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::precision_recall_curve(y, s4, zero_w), assay::invalid_argument);
    CHECK_THROWS_AS(assay::det_curve(y, s4, zero_w), assay::invalid_argument);
    CHECK_THROWS_AS(assay::average_precision_score(y, s4, zero_w), assay::invalid_argument);
    CHECK_THROWS_AS(assay::binary_clf_curve(y, s4, zero_w), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(y, s4, zero_w), assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(y, doubles{0.1, 0.2, 0.3, 0.4}, assay::log_loss_options().with_eps(0.7)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(y, doubles{0.1, 0.2, 0.3, 0.4}, assay::roc_auc_options().with_max_fpr(0.0)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(y, doubles{0.1, 0.2, 0.3, 0.4}, assay::roc_auc_options().with_max_fpr(1.5)),
                    assay::invalid_argument);
    // Multiclass: non-finite scores and rows that are not probabilities.
    const ints ym{0, 1, 2};
    const doubles ok{0.2, 0.3, 0.5, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4};
    doubles bad_sum(ok);
    bad_sum[4] = 0.9;
    CHECK_THROWS_AS(assay::roc_auc_score(ym, assay::as_matrix_view(bad_sum, 3)), assay::invalid_argument);
    doubles with_nan(ok);
    with_nan[0] = kNaN;
    CHECK_THROWS_AS(assay::top_k_accuracy_score(ym, assay::as_matrix_view(with_nan, 3)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(ym, assay::as_matrix_view(with_nan, 3)), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(ym, assay::as_matrix_view(ok, 3), doubles{1, 1, 1},
                                         assay::multiclass_auc_options(assay::multi_class::ovo)),
                    assay::invalid_argument);
}

TEST_CASE("bad input: labels outside the declared set, classes the metric cannot use") {
    const ints y{0, 1, 2, 1}, p{0, 1, 1, 3};
    CHECK_THROWS_WITH_AS(assay::confusion_matrix(y, p, {0, 1, 2}),
                         "assay::confusion_counts::update: y_pred: label 3 is not in the declared label set",
                         assay::invalid_argument);
    assay::confusion_counts declared{{0, 1, 2}};
    declared.update(ints{0, 1}, ints{1, 1});
    const auto before = declared;
    CHECK_THROWS_AS(declared.update(y, p), assay::invalid_argument);
    CHECK(declared == before);  // unchanged by the failed batch
    CHECK_THROWS_AS(declared.update(5, 0), assay::invalid_argument);
    assay::confusion_counts other;
    other.update(7, 7);
    CHECK_THROWS_AS(declared.merge(other), assay::invalid_argument);
    CHECK_THROWS_AS(assay::confusion_counts({1, 1}), assay::invalid_argument);

    // average = binary needs at most two labels, and pos_label among them.
    CHECK_THROWS_WITH_AS(assay::f1_score(y, p), doctest::Contains("average: is binary but the data has 4 labels"),
                         assay::invalid_argument);
    CHECK_THROWS_AS(assay::precision_score(ints{0, 1}, ints{1, 0}, assay::prf_options().with_pos_label(2)),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::precision_score(y, p, assay::prf_options(assay::average::macro).with_labels({0, 1})),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::fbeta_score(ints{0, 1}, ints{1, 0}, assay::prf_options().with_beta(-1.0)),
                    assay::invalid_argument);

    // AUC needs two classes; DET too; curves need a pos_label for other labels.
    const doubles s{0.1, 0.2, 0.3, 0.4};
    CHECK_THROWS_WITH_AS(assay::roc_auc_score(ints{1, 1, 1, 1}, s),
                         "assay::roc_auc_score: y_true: has only one class; ROC AUC needs two", assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(ints{0, 1, 1, 0}, s, doubles{0, 1, 1, 0}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(ints{0, 1, 2, 0}, s), assay::invalid_argument);
    CHECK_THROWS_AS(assay::det_curve(ints{0, 0, 0, 0}, s), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_curve(ints{2, 3, 3, 2}, s), assay::invalid_argument);
    CHECK_NOTHROW(assay::roc_curve(ints{2, 3, 3, 2}, s, assay::curve_options().with_pos_label(3)));
    CHECK_THROWS_AS(assay::roc_curve(ints{0, 1, 2, 0}, s), assay::invalid_argument);
    assay::ranking_accumulator acc;
    acc.update(ints{1, 1}, doubles{0.2, 0.3});
    CHECK_THROWS_AS(acc.roc_auc(), assay::invalid_argument);
    CHECK_THROWS_AS(acc.det_curve(), assay::invalid_argument);
    CHECK_THROWS_AS(acc.update(0, kNaN), assay::invalid_argument);
    CHECK(acc.size() == 2);

    // Log loss: one label without declared labels; a label outside them; three labels with one column.
    CHECK_THROWS_WITH_AS(assay::log_loss(ints{0, 0}, doubles{0.2, 0.3}),
                         doctest::Contains("y_true: contains only one label (0)"), assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(ints{0, 5}, doubles{0.2, 0.3}, assay::log_loss_options().with_labels({0, 1})),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::log_loss(ints{0, 1, 2}, doubles{0.2, 0.3, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::brier_score_loss(ints{0, 1, 2}, doubles{0.2, 0.3, 0.4}), assay::invalid_argument);
    CHECK_THROWS_AS(assay::brier_score_loss(ints{3, 4}, doubles{0.2, 0.3}), assay::invalid_argument);

    // Top-k: k larger than the number of classes, k = 0, classes != columns.
    const ints ym{0, 1, 2};
    const doubles m{0.2, 0.3, 0.5, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4};
    CHECK_THROWS_WITH_AS(assay::top_k_accuracy_score(ym, assay::as_matrix_view(m, 3), 4),
                         "assay::top_k_accuracy_score: k: is 4 but there are only 3 classes", assay::invalid_argument);
    CHECK_THROWS_AS(assay::top_k_accuracy_score(ym, assay::as_matrix_view(m, 3), 0), assay::invalid_argument);
    CHECK_THROWS_AS(assay::top_k_accuracy_score(ints{0, 1, 1}, assay::as_matrix_view(m, 3), 1), assay::invalid_argument);
    CHECK_THROWS_AS(assay::top_k_accuracy_score(ints{0, 1, 7}, assay::as_matrix_view(m, 3),
                                                assay::top_k_options(1).with_labels({0, 1, 2})),
                    assay::invalid_argument);
    CHECK_THROWS_AS(assay::top_k_accumulator({0, 1, 2}, 4), assay::invalid_argument);
    CHECK_THROWS_AS(assay::roc_auc_score(ints{0, 1, 1}, assay::as_matrix_view(m, 3)), assay::invalid_argument);

    // Unsigned 64-bit labels that do not fit in int64.
    const std::vector<std::uint64_t> big{1, std::uint64_t{1} << 63};
    CHECK_THROWS_AS(assay::confusion_matrix(big, big), assay::invalid_argument);
    CHECK_THROWS_AS(assay::accuracy_score(big, big), assay::invalid_argument);
}
