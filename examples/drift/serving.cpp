// An inference server's monitoring loop, in miniature.
//
// Requests arrive one by one; for each, the model's prediction is later
// checked against the true label, giving an error bit (for DDM) and a loss
// (for ADWIN). Part-way through, the world changes (the concept drifts) and
// the model's error rate climbs. Half-way before that, the server restarts:
// the detectors' state is checkpointed to bytes, the process "dies", and a
// fresh process restores the detectors from the bytes and carries on, raising
// exactly the alarms an uninterrupted server would have raised. Finally an
// offline job replays the logged outcomes through the detectors' batch form
// and gets the same alarms again.
#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

namespace dr = assay::drift;

struct request_outcome {
    double error;  // 1 if the prediction was wrong
    double loss;   // a log-loss-like cost of the prediction
};

// Before request 30000 the model is wrong 8% of the time; after, 20%.
request_outcome serve(assay::rng& g, int i) {
    const double error_rate = i < 30000 ? 0.08 : 0.20;
    const bool wrong = assay::uniform_real(g) < error_rate;
    const double confidence = 0.55 + 0.4 * assay::uniform_real(g);
    return {wrong ? 1.0 : 0.0, wrong ? -std::log(1.0 - confidence) : -std::log(confidence)};
}

struct monitors {
    dr::adwin loss_monitor;  // River's defaults: delta 0.002, clock 32
    dr::ddm error_monitor;   // River's defaults: warm start 30, thresholds 2 and 3
};

int main() {
    const int n_requests = 60000, restart_at = 15000;

    // The server that restarts.
    assay::rng traffic(2026);
    auto server = std::make_unique<monitors>();
    std::vector<std::uint8_t> adwin_bytes, ddm_bytes;
    std::vector<int> alarms;
    for (int i = 0; i < n_requests; ++i) {
        if (i == restart_at) {
            adwin_bytes = server->loss_monitor.save();  // checkpoint, e.g. to disk
            ddm_bytes = server->error_monitor.save();
            server.reset();                            // the process goes away
            server = std::make_unique<monitors>();     // a new process starts
            server->loss_monitor.load(adwin_bytes);    // and restores its detectors
            server->error_monitor.load(ddm_bytes);
            std::printf("request %5d: restarted (ADWIN checkpoint %zu bytes, DDM %zu bytes, ADWIN window %.0f)\n", i,
                        adwin_bytes.size(), ddm_bytes.size(), server->loss_monitor.width());
        }
        const request_outcome r = serve(traffic, i);
        if (server->loss_monitor.update(r.loss) == dr::status::drift) {
            std::printf("request %5d: ADWIN drift on the loss: window now %.0f, mean loss %.3f\n", i,
                        server->loss_monitor.width(), server->loss_monitor.estimation());
            alarms.push_back(i);
        }
        const dr::status s = server->error_monitor.update(r.error);
        if (s == dr::status::drift) {
            std::printf("request %5d: DDM drift on the error rate (p = %.3f)\n", i, server->error_monitor.p());
            alarms.push_back(-i);
        }
    }

    // The same traffic through a server that never restarted.
    assay::rng same_traffic(2026);
    monitors twin;
    std::vector<int> twin_alarms;
    for (int i = 0; i < n_requests; ++i) {
        const request_outcome r = serve(same_traffic, i);
        if (twin.loss_monitor.update(r.loss) == dr::status::drift) twin_alarms.push_back(i);
        if (twin.error_monitor.update(r.error) == dr::status::drift) twin_alarms.push_back(-i);
    }

    // The same traffic replayed from a log, as an offline job does: whole
    // arrays through the batch form update(first, last), which returns after
    // each status change (here: each alarm) and is resumed from there.
    assay::rng logged_traffic(2026);
    std::vector<double> losses, errors;
    for (int i = 0; i < n_requests; ++i) {
        const request_outcome r = serve(logged_traffic, i);
        losses.push_back(r.loss);
        errors.push_back(r.error);
    }
    monitors replay;
    std::vector<int> loss_alarms, error_alarms;
    for (std::size_t i = 0; i < losses.size();) {
        i += replay.loss_monitor.update(losses.data() + i, losses.data() + losses.size());
        if (replay.loss_monitor.drift_detected()) loss_alarms.push_back(static_cast<int>(i) - 1);
    }
    for (std::size_t i = 0; i < errors.size();) {
        i += replay.error_monitor.update(errors.data() + i, errors.data() + errors.size());
        if (replay.error_monitor.drift_detected()) error_alarms.push_back(-(static_cast<int>(i) - 1));
    }
    std::vector<int> twin_loss, twin_error;
    for (int a : twin_alarms) (a >= 0 ? twin_loss : twin_error).push_back(a);
    const bool replay_same = loss_alarms == twin_loss && error_alarms == twin_error;
    std::printf("batch replay of the log: %zu ADWIN and %zu DDM alarms, identical: %s\n", loss_alarms.size(),
                error_alarms.size(), replay_same ? "yes" : "NO");

    const bool same = alarms == twin_alarms && replay_same;
    bool caught = false;
    for (int a : alarms) caught = caught || (a >= 30000 && a < 32000) || (a <= -30000 && a > -32000);
    std::printf("alarms identical to an uninterrupted server: %s; drift caught within 2000 requests: %s\n",
                same ? "yes" : "NO", caught ? "yes" : "NO");
    return same && caught ? 0 : 1;
}
