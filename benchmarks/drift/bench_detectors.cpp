// Concept-drift detectors at serving speed: updates per second on 1e7-value
// Bernoulli and Gaussian streams, each detector's cost as a ratio to a plain
// running-mean update measured in the same binary, and a counting allocator
// showing the heap allocations per update after warm-up (expected: 0).
// `<detector>_<stream>` feeds one value per `update(x)` call; `<detector>_batch_<stream>`
// feeds the whole stream through the batch form `update(first, last)`,
// resuming after each status change (same statuses, same state).
//
// The streams change concept every 2.5e6 values (Bernoulli p = 0.1, 0.3, 0.1,
// 0.25; Gaussian mean 0, 1, -0.5, 0.5, sd 1), drawn with assay::rng.
// compare_river.py runs River on the same streams when River is installed and
// otherwise prints the peer figures quoted below.
#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <string>
#include <vector>

// Every operator new in this process is counted (tests/support/counting_new.hpp).
#include "counting_new.hpp"

namespace {

namespace dr = assay::drift;
constexpr std::size_t stream_length = 10'000'000;
constexpr std::size_t warm_up = 1'000'000;

const std::vector<double>& bernoulli_stream() {
    static const std::vector<double> xs = [] {
        std::vector<double> v(stream_length);
        assay::rng g(1);
        const double p[] = {0.1, 0.3, 0.1, 0.25};
        for (std::size_t i = 0; i < v.size(); ++i) v[i] = assay::uniform_real(g) < p[i / 2'500'000] ? 1.0 : 0.0;
        return v;
    }();
    return xs;
}

const std::vector<double>& gaussian_stream() {
    static const std::vector<double> xs = [] {
        std::vector<double> v(stream_length);
        assay::rng g(2);
        const double mu[] = {0.0, 1.0, -0.5, 0.5};
        for (std::size_t i = 0; i < v.size(); ++i) {
            const double u1 = 1.0 - assay::uniform_real(g), u2 = assay::uniform_real(g);
            v[i] = mu[i / 2'500'000] + std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        }
        return v;
    }();
    return xs;
}

/// The yardstick: a plain running mean, one division per update.
struct running_mean {
    using config_type = int;
    explicit running_mean(int = 0) {}
    double n = 0.0, mean = 0.0;
    dr::status update(double x) {
        n += 1.0;
        mean += (x - mean) / n;
        return mean > 1e300 ? dr::status::drift : dr::status::stable;  // keeps the mean computed
    }
};

/// The LFR detector fed (y, y_pred) with y_pred = y for correct predictions
/// (x = 0) and 1 − y for errors (x = 1), y alternating.
struct lfr_adapter {
    using config_type = dr::linear_four_rates_config;
    explicit lfr_adapter(const config_type& c = {}) : d(c) {}
    dr::linear_four_rates d;
    double y = 0.0;
    dr::status update(double x) {
        y = 1.0 - y;
        return d.update(y, x == 0.0 ? y : 1.0 - y);
    }
};

template <class D>
void run_detector(benchmark::State& state, const std::vector<double>& xs, std::size_t length,
                  const typename D::config_type& cfg) {
    D d(cfg);
    for (std::size_t i = 0; i < warm_up && i < length; ++i) benchmark::DoNotOptimize(d.update(xs[i]));
    const std::uint64_t allocations_before = assay_test::allocation_count().load();
    std::uint64_t drifts = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < length; ++i) drifts += d.update(xs[i]) == dr::status::drift;
        benchmark::DoNotOptimize(drifts);
    }
    const std::uint64_t allocations = assay_test::allocation_count().load() - allocations_before;
    const double updates = static_cast<double>(state.iterations()) * static_cast<double>(length);
    state.SetItemsProcessed(static_cast<std::int64_t>(updates));
    state.counters["allocs_per_update"] = static_cast<double>(allocations) / updates;
    state.counters["drifts_per_pass"] = static_cast<double>(drifts) / static_cast<double>(state.iterations());
}

/// The same through the batch form `update(first, last)`, which stops after
/// each status change; the loop resumes where it stopped.
template <class D>
void run_detector_batch(benchmark::State& state, const std::vector<double>& xs, std::size_t length,
                        const typename D::config_type& cfg) {
    D d(cfg);
    for (std::size_t i = 0; i < warm_up && i < length;) i += d.update(xs.data() + i, xs.data() + std::min(warm_up, length));
    const std::uint64_t allocations_before = assay_test::allocation_count().load();
    std::uint64_t drifts = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < length;) {
            i += d.update(xs.data() + i, xs.data() + length);
            drifts += d.drift_detected();
        }
        benchmark::DoNotOptimize(drifts);
    }
    const std::uint64_t allocations = assay_test::allocation_count().load() - allocations_before;
    const double updates = static_cast<double>(state.iterations()) * static_cast<double>(length);
    state.SetItemsProcessed(static_cast<std::int64_t>(updates));
    state.counters["allocs_per_update"] = static_cast<double>(allocations) / updates;
    state.counters["drifts_per_pass"] = static_cast<double>(drifts) / static_cast<double>(state.iterations());
}

#define ASSAY_DRIFT_BATCH_BENCH(name, D, stream, length, cfg)                                          \
    void name(benchmark::State& state) { run_detector_batch<D>(state, stream(), length, cfg); }     \
    BENCHMARK(name)->Unit(benchmark::kMillisecond)

#define ASSAY_DRIFT_BENCH(name, D, stream, length, cfg)                                               \
    void name(benchmark::State& state) { run_detector<D>(state, stream(), length, cfg); }           \
    BENCHMARK(name)->Unit(benchmark::kMillisecond)

ASSAY_DRIFT_BENCH(running_mean_bernoulli, running_mean, bernoulli_stream, stream_length, 0);
ASSAY_DRIFT_BENCH(running_mean_gaussian, running_mean, gaussian_stream, stream_length, 0);
ASSAY_DRIFT_BENCH(adwin_bernoulli, dr::adwin, bernoulli_stream, stream_length, dr::adwin_config{});
ASSAY_DRIFT_BENCH(adwin_gaussian, dr::adwin, gaussian_stream, stream_length, dr::adwin_config{});
ASSAY_DRIFT_BENCH(ddm_bernoulli, dr::ddm, bernoulli_stream, stream_length, dr::ddm_config{});
ASSAY_DRIFT_BENCH(eddm_bernoulli, dr::eddm, bernoulli_stream, stream_length, dr::eddm_config{});
ASSAY_DRIFT_BENCH(page_hinkley_bernoulli, dr::page_hinkley, bernoulli_stream, stream_length,
                  dr::page_hinkley_config{});
ASSAY_DRIFT_BENCH(page_hinkley_gaussian, dr::page_hinkley, gaussian_stream, stream_length,
                  dr::page_hinkley_config{});
ASSAY_DRIFT_BENCH(hddm_a_bernoulli, dr::hddm_a, bernoulli_stream, stream_length, dr::hddm_a_config{});
ASSAY_DRIFT_BENCH(hddm_w_bernoulli, dr::hddm_w, bernoulli_stream, stream_length, dr::hddm_w_config{});
ASSAY_DRIFT_BENCH(linear_four_rates_bernoulli, lfr_adapter, bernoulli_stream, stream_length,
                  dr::linear_four_rates_config{});
ASSAY_DRIFT_BATCH_BENCH(adwin_batch_bernoulli, dr::adwin, bernoulli_stream, stream_length, dr::adwin_config{});
ASSAY_DRIFT_BATCH_BENCH(adwin_batch_gaussian, dr::adwin, gaussian_stream, stream_length, dr::adwin_config{});
ASSAY_DRIFT_BATCH_BENCH(ddm_batch_bernoulli, dr::ddm, bernoulli_stream, stream_length, dr::ddm_config{});
ASSAY_DRIFT_BATCH_BENCH(eddm_batch_bernoulli, dr::eddm, bernoulli_stream, stream_length, dr::eddm_config{});
ASSAY_DRIFT_BATCH_BENCH(hddm_a_batch_bernoulli, dr::hddm_a, bernoulli_stream, stream_length, dr::hddm_a_config{});
ASSAY_DRIFT_BATCH_BENCH(hddm_w_batch_bernoulli, dr::hddm_w, bernoulli_stream, stream_length, dr::hddm_w_config{});
ASSAY_DRIFT_BATCH_BENCH(page_hinkley_batch_gaussian, dr::page_hinkley, gaussian_stream, stream_length,
                        dr::page_hinkley_config{});
// KSWIN costs microseconds per update: 2e6 values after the warm-up.
ASSAY_DRIFT_BENCH(kswin_bernoulli, dr::kswin, bernoulli_stream, 3'000'000, dr::kswin_config{});
ASSAY_DRIFT_BENCH(kswin_gaussian, dr::kswin, gaussian_stream, 3'000'000, dr::kswin_config{});

// ---------------------------------------------------------------------------
// Summary: rates, ratio to the running mean, allocations, peer figures.
struct row {
    double rate = 0.0;  // updates per second
    double allocs = 0.0;
    double drifts = 0.0;
};

class summary_reporter : public benchmark::ConsoleReporter {
public:
    std::map<std::string, row> rows;
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            row& x = rows[r.benchmark_name()];
            const auto it = r.counters.find("items_per_second");
            if (it != r.counters.end()) x.rate = it->second.value;
            x.allocs = r.counters.at("allocs_per_update").value;
            x.drifts = r.counters.at("drifts_per_pass").value;
        }
    }
};

const char* peer_figure(const std::string& name) {
    if (name.rfind("adwin", 0) == 0) return "River native 37 M/s (Python 4.5), MOA 5-6 M/s; target >= 100 M/s";
    if (name.rfind("ddm", 0) == 0) return "MOA 111 M/s; target >= 300 M/s";
    if (name.rfind("eddm", 0) == 0) return "MOA 311 M/s; target >= 300 M/s";
    if (name.rfind("page_hinkley", 0) == 0) return "MOA 125 M/s; target >= 300 M/s";
    if (name.rfind("hddm", 0) == 0) return "MOA 16 M/s; target >= 100 M/s";
    if (name.rfind("kswin", 0) == 0) return "River 0.014-0.024 M/s; target >= 100x";
    return "";
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    bernoulli_stream();
    gaussian_stream();
    summary_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    const auto base = [&](const std::string& name) {
        const bool gauss = name.find("gaussian") != std::string::npos;
        const auto it = reporter.rows.find(gauss ? "running_mean_gaussian" : "running_mean_bernoulli");
        return it == reporter.rows.end() ? 0.0 : it->second.rate;
    };
    std::printf("\n%-30s %12s %14s %14s %10s  %s\n", "detector/stream", "M updates/s", "cost vs mean",
                "allocs/update", "drifts", "peer (same class of machine)");
    for (const auto& [name, r] : reporter.rows) {
        const double b = base(name);
        std::printf("%-30s %12.1f %13.2fx %14.3g %10.0f  %s\n", name.c_str(), r.rate / 1e6,
                    b > 0 && r.rate > 0 ? b / r.rate : 0.0, r.allocs, r.drifts, peer_figure(name));
    }
    benchmark::Shutdown();
    return 0;
}
