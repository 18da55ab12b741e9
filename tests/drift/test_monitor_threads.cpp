// Concurrent writers on the thread-safe monitors (run under ThreadSanitizer
// in the sanitizer build). Each thread reports on its own keys, so the final
// state of every detector is deterministic and must equal a sequential run.
#include <assay/drift/ddm.hpp>
#include <assay/drift/monitor.hpp>
#include <assay/random.hpp>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace drift = assay::drift;

int main() {
    constexpr int threads = 4, keys_per_thread = 8, steps = 3000;
    drift::concurrent_keyed_monitor<drift::ddm> monitor({}, 4);  // fewer shards than keys: shards are shared
    drift::synchronized<drift::ddm> shared_detector;
    auto key = [](int t, int k) { return "model-" + std::to_string(t) + "-" + std::to_string(k); };
    auto error = [](assay::rng& g, int k) { return assay::uniform_real(g) < 0.05 + 0.01 * k ? 1 : 0; };

    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            assay::rng g(static_cast<std::uint64_t>(100 + t));
            for (int s = 0; s < steps; ++s) {
                for (int k = 0; k < keys_per_thread; ++k) monitor.update(key(t, k), error(g, k));
                shared_detector.update(0);  // all threads feed the same value: order does not matter
            }
        });
    }
    for (auto& th : pool) th.join();

    // The same streams, sequentially.
    int failures = 0;
    for (int t = 0; t < threads; ++t) {
        assay::rng g(static_cast<std::uint64_t>(100 + t));
        std::vector<drift::ddm> expected(keys_per_thread);
        for (int s = 0; s < steps; ++s)
            for (int k = 0; k < keys_per_thread; ++k) expected[static_cast<std::size_t>(k)].update(error(g, k));
        for (int k = 0; k < keys_per_thread; ++k) {
            drift::ddm got;
            if (!monitor.snapshot(key(t, k), got) || got.save() != expected[static_cast<std::size_t>(k)].save()) {
                std::printf("mismatch for %s\n", key(t, k).c_str());
                ++failures;
            }
        }
    }
    drift::ddm sequential;
    for (int i = 0; i < threads * steps; ++i) sequential.update(0);
    if (shared_detector.save() != sequential.save()) {
        std::printf("synchronized detector differs from the sequential run\n");
        ++failures;
    }
    const int total = threads * keys_per_thread + 1;
    std::printf("monitor threads: %d passed, %d failed\n", total - failures, failures);
    return failures == 0 ? 0 : 1;
}
