// Batch updates `update(first, last)` equal the per-value loop: the same
// status at every value, the stop right after the first status change, and
// the same state bytes wherever the batch stops, across drifts, warnings,
// checkpoints and rejected values.
#include "streams.hpp"

#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace dr = assay::drift;

namespace {

// Piecewise-stationary 0/1 stream: error rate redrawn every `segment` values.
std::vector<double> bernoulli(std::uint64_t seed, std::size_t n, std::size_t segment) {
    assay::rng g(seed);
    std::vector<double> xs(n);
    double p = 0.1;
    for (std::size_t i = 0; i < n; ++i) {
        if (i % segment == 0) p = 0.02 + 0.5 * assay::uniform_real(g);
        xs[i] = assay::uniform_real(g) < p ? 1.0 : 0.0;
    }
    return xs;
}

// Piecewise-stationary Gaussian-like stream (sum of uniforms), mean and scale
// redrawn every `segment` values.
std::vector<double> real_stream(std::uint64_t seed, std::size_t n, std::size_t segment) {
    assay::rng g(seed);
    std::vector<double> xs(n);
    double mu = 0.0, sd = 1.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i % segment == 0) {
            mu = 4.0 * assay::uniform_real(g) - 2.0;
            sd = 0.2 + 2.0 * assay::uniform_real(g);
        }
        double u = 0.0;
        for (int k = 0; k < 4; ++k) u += assay::uniform_real(g);
        xs[i] = mu + sd * (u - 2.0);
    }
    return xs;
}

dr::status base_of(dr::status s) { return s == dr::status::drift ? dr::status::stable : s; }

// Feeds `xs` in batches whose lengths cycle through `lengths`, and checks each
// call against a detector fed one value at a time: the stop position, the
// status and the state bytes. Every `checkpoint_every` calls the batch
// detector is saved and replaced by a freshly loaded copy.
template <class D>
void check_batches(const typename D::config_type& cfg, const std::vector<double>& xs,
                   const std::vector<std::size_t>& lengths, std::size_t checkpoint_every = 0) {
    D one(cfg), batch(cfg);
    std::size_t i = 0, call = 0, mismatches = 0;
    while (i < xs.size()) {
        const std::size_t len = std::min(lengths[call % lengths.size()], xs.size() - i);
        const dr::status base = base_of(one.last_status());
        // The loop: stop after the first value whose status differs from base.
        std::size_t expected = len;
        for (std::size_t k = 0; k < len; ++k) {
            if (one.update(xs[i + k]) != base) {
                expected = k + 1;
                break;
            }
        }
        const std::size_t got = batch.update(xs.data() + i, xs.data() + i + len);
        if (got != expected || batch.last_status() != one.last_status() || batch.save() != one.save()) {
            if (mismatches++ < 5) {
                INFO("value " << i << ", batch of " << len << ": consumed " << got << " (loop " << expected
                              << "), status " << batch.last_status() << " (loop " << one.last_status() << ")");
                CHECK(false);
            }
            if (got != expected) return;  // the streams no longer line up
        }
        i += expected;
        ++call;
        if (checkpoint_every != 0 && call % checkpoint_every == 0) {
            D restored;
            restored.load(batch.save());
            batch = restored;
        }
    }
    CHECK(mismatches == 0);
    CHECK(batch.save() == one.save());
    CHECK(batch.drift_detected() == one.drift_detected());
    CHECK(batch.warning_detected() == one.warning_detected());
}

const std::vector<std::size_t> whole{std::numeric_limits<std::size_t>::max() / 2};
const std::vector<std::size_t> mixed{1, 63, 64, 65, 7, 1000, 129, 2, 4096, 31};

template <class D>
void check_binary_detector(const typename D::config_type& cfg) {
    const auto long_stream = bernoulli(11, 300'000, 20'000);
    check_batches<D>(cfg, long_stream, whole);
    check_batches<D>(cfg, long_stream, mixed, 7);
    check_batches<D>(cfg, bernoulli(12, 100'000, 1'500), mixed, 3);
    check_batches<D>(cfg, std::vector<double>(5'000, 0.0), mixed);
    check_batches<D>(cfg, std::vector<double>(5'000, 1.0), mixed);
    std::vector<double> rare(50'000, 0.0);
    for (std::size_t k = 0; k < rare.size(); k += 997) rare[k] = 1.0;
    check_batches<D>(cfg, rare, whole);
    for (const auto& name : drift_test::binary_streams()) check_batches<D>(cfg, drift_test::stream(name), mixed, 5);
}

// A rejected value in the middle of a batch: the values before it are applied
// (as the loop applies them), the error is the loop's, and the detector then
// equals the loop's.
template <class D>
void check_rejects_in_batch(const typename D::config_type& cfg, std::vector<double> xs, std::size_t bad_at,
                            double bad) {
    xs[bad_at] = bad;
    D one(cfg), batch(cfg);
    std::size_t i = 0;
    // The loop, stopped at the bad value.
    for (; i < bad_at; ++i) one.update(xs[i]);
    CHECK_THROWS_AS(one.update(xs[bad_at]), assay::invalid_argument);
    // Batches until the bad value is inside one.
    i = 0;
    bool threw = false;
    while (i < xs.size() && !threw) {
        try {
            i += batch.update(xs.data() + i, xs.data() + xs.size());
        } catch (const assay::invalid_argument&) {
            threw = true;
        }
    }
    CHECK(threw);
    CHECK(batch.save() == one.save());
}

}  // namespace

TEST_CASE("DDM: batch updates equal the per-value loop") {
    check_binary_detector<dr::ddm>({});
    check_binary_detector<dr::ddm>({0, 1.5, 2.0, false});
    check_binary_detector<dr::ddm>({100, 0.5, 4.0, false});  // warning level below the minimum
    check_binary_detector<dr::ddm>({30, 2.0, 3.0, true});    // MOA
    check_rejects_in_batch<dr::ddm>({}, bernoulli(5, 5'000, 700), 3'210, 0.5);
    check_rejects_in_batch<dr::ddm>({}, bernoulli(5, 5'000, 700), 0, std::nan(""));
}

TEST_CASE("DDM: batch updates equal the loop on long falling, rising and warning stretches") {
    // The screen decides new minima and levels from an approximate s; these
    // streams make it decide often (a falling rate sets a new minimum every
    // few values, for hundreds of thousands of values) and hold the warning
    // status for long stretches, with some comparisons inside its margin.
    const auto ramp = [](std::uint64_t seed, std::size_t n, double from, double to) {
        assay::rng g(seed);
        std::vector<double> xs(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double p = from + (to - from) * static_cast<double>(i) / static_cast<double>(n);
            xs[i] = assay::uniform_real(g) < p ? 1.0 : 0.0;
        }
        return xs;
    };
    auto falling = ramp(41, 400'000, 0.4, 0.05);
    auto warning = ramp(42, 100'000, 0.1, 0.1);
    const auto up = ramp(43, 300'000, 0.115, 0.125);
    warning.insert(warning.end(), up.begin(), up.end());
    auto rising = ramp(44, 200'000, 0.05, 0.3);
    for (const dr::ddm_config& cfg : {dr::ddm_config{}, dr::ddm_config{30, 1.0, 3.0, false},
                                      dr::ddm_config{30, 0.8, 1.5, false}, dr::ddm_config{100, 2.5, 2.5, false}}) {
        check_batches<dr::ddm>(cfg, falling, whole);
        check_batches<dr::ddm>(cfg, falling, mixed, 11);
        check_batches<dr::ddm>(cfg, warning, whole);
        check_batches<dr::ddm>(cfg, rising, mixed, 4);
    }
}

TEST_CASE("EDDM: batch updates equal the per-value loop") {
    check_binary_detector<dr::eddm>({});
    check_binary_detector<dr::eddm>({0, 0.99, 0.98, false});
    check_binary_detector<dr::eddm>({30, 0.95, 0.9, true});  // MOA
    check_rejects_in_batch<dr::eddm>({}, bernoulli(6, 5'000, 700), 4'444, 2.0);
}

TEST_CASE("HDDM_A: batch updates equal the per-value loop") {
    check_binary_detector<dr::hddm_a>({});
    check_binary_detector<dr::hddm_a>({0.001, 0.005, true, true});
    check_binary_detector<dr::hddm_a>({0.001, 0.005, true, false});  // MOA's default
    check_binary_detector<dr::hddm_a>({0.1, 0.3, false, true});
    check_rejects_in_batch<dr::hddm_a>({}, bernoulli(7, 5'000, 700), 2'000, -1.0);
}

TEST_CASE("HDDM_W, Page-Hinkley, KSWIN: batch updates equal the per-value loop") {
    check_binary_detector<dr::hddm_w>({});
    const auto xs = real_stream(21, 60'000, 7'000);
    check_batches<dr::page_hinkley>({}, xs, mixed, 5);
    check_batches<dr::page_hinkley>({}, xs, whole);
    // Each mode, no forgetting, thresholds that fire often, a long warm-up.
    for (const dr::page_hinkley_config& cfg :
         {dr::page_hinkley_config{30, 0.005, 5.0, 0.9999, dr::page_hinkley_mode::up, false},
          dr::page_hinkley_config{30, 0.005, 5.0, 0.9999, dr::page_hinkley_mode::down, false},
          dr::page_hinkley_config{1, 0.0, 2.0, 1.0, dr::page_hinkley_mode::both, false},
          dr::page_hinkley_config{500, 0.01, 20.0, 0.99, dr::page_hinkley_mode::both, false}}) {
        check_batches<dr::page_hinkley>(cfg, xs, mixed, 3);
        check_batches<dr::page_hinkley>(cfg, xs, whole);
    }
    check_rejects_in_batch<dr::page_hinkley>({}, real_stream(22, 5'000, 700), 3'333, std::numeric_limits<double>::infinity());
    check_rejects_in_batch<dr::page_hinkley>({}, real_stream(22, 5'000, 700), 0, std::nan(""));
    check_rejects_in_batch<dr::page_hinkley>({}, real_stream(22, 5'000, 700), 4'999, -std::numeric_limits<double>::infinity());
    check_batches<dr::kswin>({}, std::vector<double>(xs.begin(), xs.begin() + 5'000), mixed, 5);
}

TEST_CASE("ADWIN: batch updates equal the per-value loop") {
    const auto bits = bernoulli(31, 200'000, 25'000);
    const auto real = real_stream(32, 200'000, 25'000);
    for (const dr::adwin_config& cfg :
         {dr::adwin_config{}, dr::adwin_config{0.05, 1, 5, 5, 10, false, false},
          dr::adwin_config{0.002, 32, 5, 5, 10, true, true}, dr::adwin_config{0.1, 7, 2, 3, 0, true, false}}) {
        check_batches<dr::adwin>(cfg, bits, whole);
        check_batches<dr::adwin>(cfg, bits, mixed, 9);
        check_batches<dr::adwin>(cfg, real, mixed, 4);
        for (const auto& name : drift_test::real_streams()) check_batches<dr::adwin>(cfg, drift_test::stream(name), mixed, 3);
    }
    check_rejects_in_batch<dr::adwin>({}, real_stream(8, 5'000, 700), 4'000, std::numeric_limits<double>::infinity());
}

namespace {
// Feeds `xs` to a second implementation and to the detector, value by value:
// how often their statuses differ, and how many drifts and warnings the
// second one saw (so that a test can tell its stream exercised both).
struct statuses_against {
    std::size_t mismatches = 0, drifts = 0, warnings = 0;
};
template <class Plain, class Detector>
statuses_against against_plain(Plain& plain, Detector& fast, const std::vector<double>& xs) {
    statuses_against r;
    for (double x : xs) {
        const dr::status want = plain.update(x);
        r.mismatches += fast.update(x) != want;
        r.drifts += want == dr::status::drift;
        r.warnings += want == dr::status::warning;
    }
    return r;
}

// River 0.26.1's EDDM update, in River's own arithmetic (s' = var ** 0.5 by
// pow), for checking the sqrt screen of dr::eddm on long streams.
struct plain_eddm {
    int warm_start = 30;
    double alpha = 0.95, beta = 0.9;
    std::uint64_t n = 0, n_errors = 0, last_error = 0;
    double count = 0.0, mean = 0.0, m2 = 0.0, p2s_max = -1.0;
    bool drift = false, warning = false;
    void reset() {
        n = n_errors = last_error = 0;
        count = mean = m2 = 0.0;
        p2s_max = -1.0;
        drift = warning = false;
    }
    dr::status update(double x) {
        if (drift) reset();
        n += 1;
        if (x == 1.0) {
            ++n_errors;
            const double d = static_cast<double>(n - last_error);
            const double mean_old = mean;
            count += 1.0;
            mean += (1.0 / count) * (d - mean);
            m2 += (d - mean_old) * (d - mean);
            if (n > static_cast<std::uint64_t>(warm_start)) {
                const double var = count > 1.0 ? m2 / (count - 1.0) : 0.0;
                const double p2s = mean + 2.0 * std::pow(var, 0.5);
                if (p2s > p2s_max) {
                    p2s_max = p2s;
                } else if (n_errors > static_cast<std::uint64_t>(warm_start)) {
                    const double level = p2s / p2s_max;
                    if (level < beta) drift = true;
                    else warning = level < alpha;
                }
            }
            last_error = n;
        }
        return drift ? dr::status::drift : (warning ? dr::status::warning : dr::status::stable);
    }
};
}  // namespace

TEST_CASE("EDDM: the sqrt screen decides exactly as River's pow, over 4e6 values") {
    for (const double beta : {0.9, 0.97}) {
        plain_eddm plain;
        plain.beta = beta;
        plain.alpha = beta == 0.9 ? 0.95 : 0.99;
        dr::eddm fast({30, plain.alpha, plain.beta, false});
        const auto xs = bernoulli(beta == 0.9 ? 41 : 42, 2'000'000, 3'000);
        const statuses_against got = against_plain(plain, fast, xs);
        CHECK(got.mismatches == 0);
        CHECK(fast.p2s_max() == plain.p2s_max);
        CHECK(fast.mean_distance() == plain.mean);
        CHECK(got.drifts > 50);
        CHECK(got.warnings > 1000);
    }
}

namespace {
// HDDM_W's update with River's expressions as written (River's defaults, one-
// or two-sided), a second implementation to hold dr::hddm_w to on long streams.
struct plain_hddm_w {
    struct sample {
        double ewma = 0.0, ibc = 1.0;
        bool init = false;
    };
    double lambda = 0.05, log_drift = std::log(1.0 / 0.001), log_warning = std::log(1.0 / 0.005);
    bool two_sided = false;
    sample total, s1_incr, s2_incr, s1_decr, s2_decr;
    double incr_cut = std::numeric_limits<double>::infinity(), decr_cut = -std::numeric_limits<double>::infinity();
    bool drift = false, warning = false;
    void push(sample& s, double x) const {
        s.ewma = s.init ? lambda * x + (1.0 - lambda) * s.ewma : x;
        s.ibc = lambda * lambda + std::pow(1.0 - lambda, 2.0) * s.ibc;
        s.init = true;
    }
    static bool changed(const sample& a, const sample& b, double log_inv) {
        return a.init && b.init && b.ewma - a.ewma > std::sqrt((a.ibc + b.ibc) * log_inv / 2.0);
    }
    dr::status update(double x) {
        if (drift) {  // the update after a drift starts afresh
            total = s1_incr = s2_incr = s1_decr = s2_decr = sample{};
            incr_cut = std::numeric_limits<double>::infinity();
            decr_cut = -std::numeric_limits<double>::infinity();
            drift = warning = false;
        }
        push(total, x);
        if (total.ewma + std::sqrt(total.ibc * log_drift / 2.0) < incr_cut) {
            incr_cut = total.ewma + std::sqrt(total.ibc * log_drift / 2.0);
            s1_incr = total;
            s2_incr = sample{};
        } else {
            push(s2_incr, x);
        }
        drift = changed(s1_incr, s2_incr, log_drift);
        warning = !drift && changed(s1_incr, s2_incr, log_warning);
        if (total.ewma - std::sqrt(total.ibc * log_drift / 2.0) > decr_cut) {
            decr_cut = total.ewma - std::sqrt(total.ibc * log_drift / 2.0);
            s1_decr = total;
            s2_decr = sample{};
        } else {
            push(s2_decr, x);
        }
        if (two_sided) {
            if (changed(s2_decr, s1_decr, log_drift)) drift = true;
            else if (changed(s2_decr, s1_decr, log_warning)) warning = true;
        }
        return drift ? dr::status::drift : (warning ? dr::status::warning : dr::status::stable);
    }
};
}  // namespace

TEST_CASE("HDDM_W equals River's expressions as written, over 4e6 values") {
    for (const bool two_sided : {false, true}) {
        plain_hddm_w plain;
        plain.two_sided = two_sided;
        dr::hddm_w_config cfg;
        cfg.two_sided_test = two_sided;
        dr::hddm_w fast(cfg);
        const auto xs = bernoulli(two_sided ? 51 : 52, 2'000'000, 3'000);
        const statuses_against got = against_plain(plain, fast, xs);
        CHECK(got.mismatches == 0);
        CHECK(fast.ewma() == plain.total.ewma);
        CHECK(got.drifts > 50);
        CHECK(got.warnings > 1000);
    }
}
