// Watching a deployed classifier's quality with bounded memory.
//
// Labelled traffic arrives in batches at two serving workers. Each keeps a
// binned ROC AUC histogram (fixed memory, however long it runs); a
// coordinator merges them and reports the AUC with its guaranteed error
// bound. Each worker also tracks the F1 of its last 2000 rows and a recall
// that forgets with a half-life of 1000 rows, so a drop in quality shows
// within a few thousand requests instead of being diluted by history.
// Half-way, worker B restarts from a checkpoint of its state.
#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct batch {
    std::vector<std::uint8_t> y, y_pred;
    std::vector<float> prob;
};

// After request 60000 the model degrades: its scores separate the classes less.
batch traffic(assay::rng& g, int first, int n) {
    batch b;
    for (int i = first; i < first + n; ++i) {
        const bool pos = assay::uniform_real(g) < 0.25;
        const double separation = i < 60000 ? 1.2 : 0.4;
        const double z = 2.0 * assay::uniform_real(g) - 1.0 + (pos ? separation : 0.0);
        const double p = 1.0 / (1.0 + std::exp(-3.0 * (z - 0.5)));
        b.y.push_back(pos ? 1 : 0);
        b.prob.push_back(static_cast<float>(p));
        b.y_pred.push_back(p >= 0.5 ? 1 : 0);
    }
    return b;
}

struct worker {
    assay::binned_auc auc;                                                  // 4096 bins on [0, 1]
    assay::windowed_confusion_counts recent{2000};                          // the last 2000 rows, exactly
    assay::decayed_confusion_counts fading = assay::decayed_confusion_counts::from_half_life(1000.0);

    void see(const batch& b) {
        auc.update(b.y, b.prob);
        recent.update(b.y, b.y_pred);
        fading.update(b.y, b.y_pred);
    }
};

}  // namespace

int main() {
    assay::rng g(7);
    auto a = std::make_unique<worker>(), b = std::make_unique<worker>();
    std::vector<std::uint8_t> all_y;
    std::vector<float> all_prob;
    const int batch_rows = 500, total = 120000;
    for (int first = 0; first < total; first += 2 * batch_rows) {
        const batch ba = traffic(g, first, batch_rows), bb = traffic(g, first + batch_rows, batch_rows);
        a->see(ba);
        b->see(bb);
        all_y.insert(all_y.end(), ba.y.begin(), ba.y.end());
        all_y.insert(all_y.end(), bb.y.begin(), bb.y.end());
        all_prob.insert(all_prob.end(), ba.prob.begin(), ba.prob.end());
        all_prob.insert(all_prob.end(), bb.prob.begin(), bb.prob.end());

        if (first == total / 2) {  // worker B restarts from its checkpoint
            const auto auc_bytes = b->auc.save(), recent_bytes = b->recent.save(), fading_bytes = b->fading.save();
            b = std::make_unique<worker>();
            b->auc.load(auc_bytes);
            b->recent.load(recent_bytes);
            b->fading.load(fading_bytes);
            std::printf("rows %6d: worker B restarted from %zu + %zu + %zu checkpoint bytes\n", first + 2 * batch_rows,
                        auc_bytes.size(), recent_bytes.size(), fading_bytes.size());
        }
        if ((first / (2 * batch_rows)) % 20 == 19) {
            assay::binned_auc merged = a->auc;  // the coordinator's view
            merged += b->auc;
            std::printf("rows %6d: AUC so far %.4f (+-%.1e)  worker A: F1 last 2000 %.3f, decayed recall %.3f\n",
                        first + 2 * batch_rows, merged.roc_auc(), merged.error_bound(), a->recent.f1(),
                        a->fading.recall());
        }
    }

    // The bound is a guarantee: the exact AUC over every row lies within it.
    assay::binned_auc merged = a->auc;
    merged += b->auc;
    const double exact = assay::roc_auc_score(all_y, all_prob);
    std::printf("final: binned AUC %.6f, bound %.2e, exact AUC %.6f (%zu rows kept only for this check)\n",
                merged.roc_auc(), merged.error_bound(), exact, all_y.size());
    const bool within = std::fabs(merged.roc_auc() - exact) <= merged.error_bound();
    const bool degraded_seen = a->recent.f1() < 0.6;
    std::printf("exact AUC within the bound: %s; degradation visible in the recent F1: %s\n", within ? "yes" : "NO",
                degraded_seen ? "yes" : "NO");
    return within && degraded_seen ? 0 : 1;
}
