// assay's end-to-end demo: evaluating a mold detector for lemons.
//
// Runs on the simulated season in examples/lemons.hpp (seeded, the same on
// every platform) and walks through an evaluation in the order a careful
// engineer would do it:
//   1. know the data: groups, a rare label, segments, time;
//   2. split without leaking, and prove it with an audit;
//   3. measure the model by cross-validation, per segment and for
//      calibration, not by one aggregate number; compare it with guessing
//      and choose its threshold by what errors cost;
//   4. watch production: error-rate detectors on the live stream (with a
//      checkpoint across a restart) and feature-distribution drift.
// The program checks its own headline results and exits non-zero if one of
// them does not hold, so it doubles as an end-to-end test.
#include "lemons.hpp"

#include <assay/assay.hpp>
#include <assay/drift.hpp>
#include <assay/metrics.hpp>
#include <assay/split.hpp>
#include <assay/drift/distribution.hpp>
#include <assay/drift/window_monitor.hpp>
#include <assay/metrics/calibration.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <vector>

namespace {

void section(const char* title) { std::printf("\n== %s ==\n", title); }

int failures = 0;
void expect(bool ok, const char* what) {
    if (!ok) {
        std::printf("UNEXPECTED: %s\n", what);
        ++failures;
    }
}

struct columns {
    std::vector<std::uint32_t> lemon;
    std::vector<int> mold;
    std::vector<std::int64_t> time;
    std::vector<int> segment;
    std::vector<double> score, hue, size_mm;
};

columns split_columns(const std::vector<lemons::photo>& rows) {
    columns c;
    for (const auto& r : rows) {
        c.lemon.push_back(r.lemon);
        c.mold.push_back(r.mold);
        c.time.push_back(r.timestamp);
        c.segment.push_back(static_cast<int>(r.seg));
        c.score.push_back(r.score);
        c.hue.push_back(r.hue);
        c.size_mm.push_back(r.size_mm);
    }
    return c;
}

template <class T>
std::vector<T> pick(const std::vector<T>& v, const std::vector<std::size_t>& rows) {
    std::vector<T> out;
    out.reserve(rows.size());
    for (auto r : rows) out.push_back(v[r]);
    return out;
}

// 1. The data.
void describe(const std::vector<lemons::photo>& rows, const lemons::options& opt) {
    section("1. data: one season of lemon photos");
    std::set<std::uint32_t> lemons_seen, moldy;
    std::map<lemons::segment, std::pair<std::size_t, std::size_t>> per_segment;  // photos, mold photos
    for (const auto& r : rows) {
        lemons_seen.insert(r.lemon);
        if (r.mold) moldy.insert(r.lemon);
        auto& s = per_segment[r.seg];
        ++s.first;
        s.second += static_cast<std::size_t>(r.mold);
    }
    std::printf("%zu photos of %zu lemons (%.2f photos per lemon) over %d days\n", rows.size(), lemons_seen.size(),
                static_cast<double>(rows.size()) / static_cast<double>(lemons_seen.size()), opt.days);
    std::printf("moldy lemons: %zu (%.1f%%)\n", moldy.size(),
                100.0 * static_cast<double>(moldy.size()) / static_cast<double>(lemons_seen.size()));
    for (const auto& [seg, counts] : per_segment) {
        std::printf("  segment %-7s %6zu photos, mold share %.1f%%\n", lemons::name(seg), counts.first,
                    100.0 * static_cast<double>(counts.second) / static_cast<double>(counts.first));
    }
    std::printf("waxed lemons arrive from day %d on\n", opt.drift_day);
}

// 2. Splitting: a random split of photos leaks; a stratified group split
// does not, and keeps the mold share in every fold.
void splitting(const columns& c) {
    section("2. splitting without leaking");
    const auto known = assay::audit_input().groups(c.lemon).labels(c.mold);
    const auto naive = assay::train_test_split(c.lemon.size(), 0.2, 2024);
    const auto naive_report = assay::audit_split(naive.train, naive.test, known);
    std::printf("random 80/20 split of photos: %zu leak(s), e.g. lemons photographed on both sides\n",
                naive_report.n_leaks());
    expect(naive_report.has_leaks(), "the audit catches the random split");

    const auto folds = assay::stratified_group_kfold(c.mold, c.lemon, 5);
    const auto report = assay::audit_split(folds, known);
    std::printf("stratified_group_kfold(5): %zu leak(s)\n", report.n_leaks());
    for (const auto& fold : folds) {
        std::size_t n = 0, moldy = 0;
        for (std::size_t r : fold.test) {
            ++n;
            moldy += static_cast<std::size_t>(c.mold[r]);
        }
        std::printf("  fold %zu: %5zu test photos, mold share %.2f%%\n", static_cast<std::size_t>(fold.index), n,
                    100.0 * static_cast<double>(moldy) / static_cast<double>(n));
    }
    expect(!report.has_leaks(), "stratified group folds do not leak");
}

// 3. Evaluation on the pre-wax period, by cross-validation over lemons.
void evaluation(const columns& c, std::int64_t drift_start) {
    section("3. evaluating the model before the wax arrives");
    std::vector<std::size_t> before;
    for (std::size_t i = 0; i < c.time.size(); ++i)
        if (c.time[i] < drift_start) before.push_back(i);
    const auto lemon = pick(c.lemon, before);
    const auto mold = pick(c.mold, before);
    const auto score = pick(c.score, before);
    const auto segment = pick(c.segment, before);

    std::vector<double> aucs;
    for (const auto& fold : assay::stratified_group_kfold(mold, lemon, 5)) {
        const auto rows = fold.test.to_vector();
        aucs.push_back(assay::roc_auc_score(pick(mold, rows), pick(score, rows)));
    }
    double mean = 0, sd = 0;
    for (double a : aucs) mean += a / static_cast<double>(aucs.size());
    for (double a : aucs) sd += (a - mean) * (a - mean) / static_cast<double>(aucs.size() - 1);
    sd = std::sqrt(sd);
    std::printf("ROC AUC over 5 group folds: %.3f +- %.3f\n", mean, sd);

    std::vector<int> predicted(score.size());
    for (std::size_t i = 0; i < score.size(); ++i) predicted[i] = score[i] >= 0.5 ? 1 : 0;
    assay::confusion_counts counts;
    counts.update(mold, predicted);
    const auto r = assay::rates(counts);
    std::printf("at threshold 0.5: precision %.3f, recall %.3f, F1 %.3f, false-positive rate %.4f\n", r.ppv, r.tpr,
                assay::f1_score(counts), r.fpr);
    std::printf("average precision %.3f, log loss %.4f, Brier %.4f, ECE %.4f\n",
                assay::average_precision_score(mold, score), assay::log_loss(mold, score),
                assay::brier_score_loss(mold, score), assay::expected_calibration_error(mold, score, 10));

    // Better than guessing? The exact scores of the majority-class predictor
    // and the expected scores of guessing at the mold rate.
    const auto base = assay::classification_baselines(mold);
    std::printf("guessing at the mold rate (%.3f) would score F1 %.3f and average precision %.3f\n",
                base.prevalence[1], base.stratified.f1, base.stratified.average_precision);
    expect(assay::f1_score(counts) > 3 * base.stratified.f1, "the detector beats guessing by far");

    // Which threshold to ship: a moldy lemon that reaches a customer costs
    // 20 times a sound lemon thrown away.
    const auto costs = assay::cost_curve(mold, score, assay::cost_options().with_cost_fn(20.0).with_cost_fp(1.0));
    const auto saving = assay::cost_saving(costs, assay::reference_policy::at_threshold(0.5));
    std::printf("cost (missed mold = 20, discarded sound lemon = 1): threshold 0.5 costs %.0f, the best threshold "
                "%.3f costs %.0f (%.1f%% less)\n",
                saving.reference.cost, saving.best.threshold, saving.best.cost,
                100.0 * saving.saving / saving.reference.cost);
    const auto sweep = assay::threshold_sweep(mold, score);
    const auto at95 = assay::threshold_for_recall(sweep, 0.95);
    std::printf("to catch 95%% of the mold: threshold %.3f, precision %.3f, %.1f%% of lemons discarded\n",
                at95.threshold, at95.precision, 100.0 * at95.predicted_positive_rate);
    expect(saving.best.threshold < 0.5 && saving.saving > 0, "a costly miss moves the threshold down");

    // One number hides the weak segment: AUC per customer segment.
    double worst = 1.0, best = 0.0;
    for (int s = 0; s < 3; ++s) {
        std::vector<std::size_t> rows;
        for (std::size_t i = 0; i < segment.size(); ++i)
            if (segment[i] == s) rows.push_back(i);
        const double auc = assay::roc_auc_score(pick(mold, rows), pick(score, rows));
        worst = std::min(worst, auc);
        best = std::max(best, auc);
        std::printf("  segment %-7s ROC AUC %.3f (%zu photos)\n", lemons::name(static_cast<lemons::segment>(s)), auc,
                    rows.size());
    }
    expect(mean > 0.85, "the detector separates mold well before the wax");
    expect(best - worst > 0.03, "the export segment is visibly harder");
}

// 4. Production: the error stream and the feature distributions drift.
void monitoring(const columns& c, std::int64_t drift_start) {
    section("4. monitoring production for drift");
    // Error stream in time order (rows are already ordered by time).
    assay::drift::adwin adwin;
    assay::drift::ddm ddm;
    std::int64_t adwin_first = -1, ddm_first = -1;
    std::vector<std::uint8_t> checkpoint;
    const std::int64_t restart_at = drift_start - 5 * 86400;  // a server restart five days before the wax
    bool restarted = false;
    for (std::size_t i = 0; i < c.time.size(); ++i) {
        if (!restarted && c.time[i] >= restart_at) {
            checkpoint = ddm.save();         // saved at shutdown...
            assay::drift::ddm fresh;
            fresh.load(checkpoint);          // ...and restored by the new process
            ddm = fresh;
            restarted = true;
        }
        const double error = (c.score[i] >= 0.5 ? 1 : 0) != c.mold[i] ? 1.0 : 0.0;
        if (adwin.update(error) == assay::drift::status::drift && adwin_first < 0 && c.time[i] >= drift_start)
            adwin_first = c.time[i];
        if (ddm.update(error) == assay::drift::status::drift && ddm_first < 0 && c.time[i] >= drift_start)
            ddm_first = c.time[i];
    }
    std::printf("DDM state checkpointed across a restart (%zu bytes)\n", checkpoint.size());
    std::printf("error-rate drift after the wax arrived: ADWIN on day %.1f, DDM on day %.1f\n",
                static_cast<double>(adwin_first) / 86400.0, static_cast<double>(ddm_first) / 86400.0);
    expect(adwin_first >= 0 && ddm_first >= 0, "both detectors see the error rate rise");

    // Feature drift: one row per lemon (its photos are not independent
    // draws, and KS assumes independent samples). The first 20 days are the
    // reference; a window of the last 500 lemons is compared with it every
    // 250 lemons. (Each report is a new test: over many reports an unchanged
    // feature will now and then be flagged by chance, as in some other
    // seeded seasons; alarms that persist over several reports are the ones
    // to act on.)
    std::vector<std::size_t> first_photo;
    for (std::size_t i = 0; i < c.lemon.size(); ++i)
        if (i == 0 || c.lemon[i] != c.lemon[i - 1]) first_photo.push_back(i);
    std::vector<double> reference;
    for (std::size_t i : first_photo) {
        if (c.time[i] >= 20 * 86400) break;
        reference.push_back(c.hue[i]);
        reference.push_back(c.size_mm[i]);
    }
    assay::drift::window_monitor_options o;
    o.window = 500;
    assay::drift::window_monitor monitor(assay::as_matrix_view(reference, 2), o);
    std::int64_t hue_first = -1;
    bool size_flagged = false;
    for (std::size_t k = 0; k < first_photo.size(); ++k) {
        const std::size_t i = first_photo[k];
        monitor.update(std::vector<double>{c.hue[i], c.size_mm[i]});
        if (monitor.full() && k % 250 == 249) {
            const auto report = monitor.report();
            if (report.features[0].drift && hue_first < 0) {
                hue_first = c.time[i];
                std::printf("hue drift on day %.1f: PSI %.2f, KS D %.3f (p = %.2g)\n",
                            static_cast<double>(c.time[i]) / 86400.0, report.features[0].psi,
                            report.features[0].ks.statistic, report.features[0].ks.pvalue);
            }
            size_flagged = size_flagged || report.features[1].drift;
        }
    }
    std::printf("size feature flagged: %s\n", size_flagged ? "yes" : "no");
    expect(hue_first >= drift_start, "hue drift is flagged after, not before, the wax");
    expect(!size_flagged, "the unchanged size feature is not flagged");
}

}  // namespace

int main(int argc, char** argv) {
    std::printf("assay %d.%d.%d demo: evaluating a lemon mold detector\n", ASSAY_VERSION_MAJOR, ASSAY_VERSION_MINOR,
                ASSAY_VERSION_PATCH);
    lemons::options opt;
    if (argc > 1) opt.seed = std::strtoull(argv[1], nullptr, 10);  // another season: demo <seed>
    const auto rows = lemons::simulate(opt);
    const auto c = split_columns(rows);
    const std::int64_t drift_start = static_cast<std::int64_t>(opt.drift_day) * 86400;
    describe(rows, opt);
    splitting(c);
    evaluation(c, drift_start);
    monitoring(c, drift_start);
    std::printf("\n%s\n", failures == 0 ? "demo: every headline result holds" : "demo: UNEXPECTED results above");
    return failures == 0 ? 0 : 1;
}
