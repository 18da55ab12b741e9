// Evaluating a classifier end to end with assay: a classification report,
// the scalar metrics, ROC and precision-recall curve points, AUC and partial
// AUC, log loss and Brier score, calibration, the comparison with guessing,
// a cost curve and its best threshold, and the same numbers computed
// by streaming accumulators over shards (as threads or machines would) and
// merged.
//
// The "model" is simulated: a score that is higher for positives, turned
// into a probability by a logistic link, and a 3-class variant.
#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

int main() {
    assay::rng g(2026);
    const std::size_t n = 20000;

    // ---- Binary problem -------------------------------------------------
    std::vector<std::int64_t> y(n), y_pred(n);
    std::vector<double> prob(n);
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = assay::uniform_real(g) < 0.3 ? 1 : 0;
        const double score = 2.0 * assay::uniform_real(g) - 1.0 + (y[i] ? 0.9 : 0.0);
        prob[i] = 1.0 / (1.0 + std::exp(-4.0 * (score - 0.45)));
        y_pred[i] = prob[i] >= 0.5 ? 1 : 0;
    }

    // One pass of the counting kernel gives every confusion-derived metric.
    const assay::confusion_counts counts = assay::confusion_matrix(y, y_pred);
    std::printf("%s", "binary classifier, 20000 rows\n");
    std::printf("  confusion matrix [[tn fp] [fn tp]] = [[%.0f %.0f] [%.0f %.0f]]\n", counts(0, 0), counts(0, 1),
                counts(1, 0), counts(1, 1));
    const auto report = assay::precision_recall_fscore_support(counts);
    std::printf("  %-6s %9s %9s %9s %9s\n", "class", "precision", "recall", "f1", "support");
    for (std::size_t k = 0; k < report.labels.size(); ++k)
        std::printf("  %-6lld %9.4f %9.4f %9.4f %9.0f\n", static_cast<long long>(report.labels[k]), report.precision[k],
                    report.recall[k], report.fscore[k], report.support[k]);
    const auto r = assay::rates(counts, 1);
    std::printf("  accuracy %.4f  balanced accuracy %.4f  F1 %.4f  MCC %.4f  kappa %.4f\n",
                assay::accuracy_score(counts), assay::balanced_accuracy_score(counts), assay::f1_score(counts),
                assay::matthews_corrcoef(counts), assay::cohen_kappa_score(counts));
    std::printf("  TPR %.4f  FPR %.4f  TNR %.4f  PPV %.4f  NPV %.4f  prevalence %.4f\n", r.tpr, r.fpr, r.tnr, r.ppv,
                r.npv, r.prevalence);

    // Ranking and probabilistic quality.
    std::printf("  ROC AUC %.4f  partial AUC (FPR <= 0.1, McClish) %.4f  average precision %.4f\n",
                assay::roc_auc_score(y, prob), assay::roc_auc_score(y, prob, assay::roc_auc_options().with_max_fpr(0.1)),
                assay::average_precision_score(y, prob));
    std::printf("  log loss %.4f  Brier %.4f  ECE (10 bins) %.4f\n", assay::log_loss(y, prob),
                assay::brier_score_loss(y, prob), assay::expected_calibration_error(y, prob, 10));

    const auto roc = assay::roc_curve(y, prob);
    std::printf("  ROC curve: %zu points after dropping collinear ones; every %zuth:\n", roc.fpr.size(),
                roc.fpr.size() / 6);
    for (std::size_t i = 0; i < roc.fpr.size(); i += roc.fpr.size() / 6)
        std::printf("    threshold %.4f  fpr %.4f  tpr %.4f\n", roc.thresholds[i], roc.fpr[i], roc.tpr[i]);
    const auto pr = assay::precision_recall_curve(y, prob);
    std::printf("  PR curve: %zu points; at recall ~0.5 precision is ", pr.recall.size());
    for (std::size_t i = 0; i < pr.recall.size(); ++i)
        if (pr.recall[i] <= 0.5) {
            std::printf("%.4f (threshold %.4f)\n", pr.precision[i], pr.thresholds[i]);
            break;
        }

    const auto cal = assay::calibration_curve(y, prob);
    std::printf("  calibration (5 uniform bins): ");
    for (std::size_t b = 0; b < cal.prob_true.size(); ++b) std::printf("(%.2f -> %.2f) ", cal.prob_pred[b], cal.prob_true[b]);
    std::printf("\n");

    // Against guessing: exact values of the majority-class predictor and
    // expected values of stratified random guessing.
    const auto base = assay::classification_baselines(y);
    std::printf("  baselines: majority accuracy %.4f; stratified guessing F1 %.4f, ROC AUC %.4f, AP %.4f, "
                "Brier %.4f\n", base.majority.accuracy, base.stratified.f1, base.stratified.roc_auc,
                base.stratified.average_precision, base.stratified.brier);

    // Business value: a missed positive costs 5, a false alarm 1, a caught
    // positive earns 2. The cost-minimising threshold against the current
    // rule (score >= 0.5) and the threshold that keeps precision >= 0.8.
    const auto costs = assay::cost_curve(
        y, prob, assay::cost_options().with_cost_fn(5.0).with_cost_fp(1.0).with_benefit_tp(2.0));
    const auto saving = assay::cost_saving(costs, assay::reference_policy::at_threshold(0.5));
    std::printf("  cost per row at threshold 0.5: %.4f; best threshold %.4f: %.4f (saves %.4f per row)\n",
                saving.reference.expected_cost, saving.best.threshold, saving.best.expected_cost,
                saving.saving_per_row);
    const auto sweep = assay::threshold_sweep(y, prob);
    const auto p80 = assay::threshold_for_precision(sweep, 0.8);
    std::printf("  precision >= 0.8 from threshold %.4f: recall %.4f, F1 %.4f, MCC %.4f\n", p80.threshold,
                p80.recall, p80.f_beta, p80.mcc);
    const bool beats_guessing = assay::f1_score(counts) > base.stratified.f1 &&
                                assay::roc_auc_score(y, prob) > base.stratified.roc_auc;

    // ---- Streaming: four shards, merged ----------------------------------
    assay::confusion_counts shard_counts[4];
    assay::ranking_accumulator shard_rank[4];
    assay::log_loss_accumulator shard_loss[4] = {assay::log_loss_accumulator({0, 1}), assay::log_loss_accumulator({0, 1}),
                                                 assay::log_loss_accumulator({0, 1}), assay::log_loss_accumulator({0, 1})};
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t s = i % 4;
        shard_counts[s].update(y[i], y_pred[i]);
        shard_rank[s].update(y[i], prob[i]);
        shard_loss[s].update(y[i], prob[i]);
    }
    for (std::size_t s = 1; s < 4; ++s) {
        shard_counts[0].merge(shard_counts[s]);
        shard_rank[0].merge(shard_rank[s]);
        shard_loss[0].merge(shard_loss[s]);
    }
    const bool same = shard_counts[0] == counts && shard_rank[0].roc_auc() == assay::roc_auc_score(y, prob) &&
                      std::fabs(shard_loss[0].value() - assay::log_loss(y, prob)) < 1e-12;
    std::printf("  streaming over 4 merged shards: F1 %.4f, AUC %.4f, log loss %.4f (%s the full pass)\n",
                assay::f1_score(shard_counts[0]), shard_rank[0].roc_auc(), shard_loss[0].value(),
                same ? "equal to" : "DIFFERENT FROM");

    // ---- Three classes ---------------------------------------------------
    const std::size_t k = 3;
    std::vector<std::int64_t> yc(n), pc(n);
    std::vector<double> probs(n * k);
    for (std::size_t i = 0; i < n; ++i) {
        yc[i] = static_cast<std::int64_t>(assay::uniform_index(g, k));
        double sum = 0.0;
        for (std::size_t j = 0; j < k; ++j) {
            const double z = assay::uniform_real(g) + (static_cast<std::int64_t>(j) == yc[i] ? 0.8 : 0.0);
            probs[i * k + j] = std::exp(2.0 * z);
            sum += probs[i * k + j];
        }
        std::size_t best = 0;
        for (std::size_t j = 0; j < k; ++j) {
            probs[i * k + j] /= sum;
            if (probs[i * k + j] > probs[i * k + best]) best = j;
        }
        pc[i] = static_cast<std::int64_t>(best);
    }
    const auto view = assay::as_matrix_view(probs, k);
    std::printf("3-class classifier, 20000 rows\n");
    std::printf("  accuracy %.4f  macro F1 %.4f  weighted F1 %.4f  micro F1 %.4f\n", assay::accuracy_score(yc, pc),
                assay::f1_score(yc, pc, assay::average::macro), assay::f1_score(yc, pc, assay::average::weighted),
                assay::f1_score(yc, pc, assay::average::micro));
    std::printf("  quadratic kappa %.4f  top-2 accuracy %.4f  log loss %.4f\n",
                assay::cohen_kappa_score(yc, pc, assay::kappa_weights::quadratic),
                assay::top_k_accuracy_score(yc, view, 2), assay::log_loss(yc, view));
    std::printf("  ROC AUC one-vs-rest %.4f  one-vs-one %.4f\n", assay::roc_auc_score(yc, view),
                assay::roc_auc_score(yc, view, assay::multi_class::ovo));
    return same && beats_guessing ? 0 : 1;
}
