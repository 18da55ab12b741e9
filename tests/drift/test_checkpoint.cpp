// Checkpoints: save mid-stream -> load into a fresh detector -> continue gives
// exactly what an uninterrupted run gives; truncated, corrupted and foreign
// bytes are refused with assay::corrupt_state and leave the target unchanged.
#include "streams.hpp"

#include <assay/drift.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <iterator>
#include <string>
#include <vector>

namespace dr = assay::drift;
using bytes = std::vector<std::uint8_t>;

namespace {

template <class D>
std::vector<dr::status> run_statuses(D& d, const std::vector<double>& xs, std::size_t from, std::size_t to) {
    std::vector<dr::status> out;
    for (std::size_t i = from; i < to; ++i) out.push_back(d.update(xs[i]));
    return out;
}

// For several cut points, saving, loading into a default-constructed detector
// and continuing reproduces the uninterrupted run (statuses, warning flags and
// the final state's bytes).
template <class D>
void check_resume(const typename D::config_type& cfg, const std::vector<double>& xs) {
    D whole(cfg);
    const auto expected = run_statuses(whole, xs, 0, xs.size());
    const bytes expected_final = whole.save();
    // Cut points: early, around the first drift, and late.
    std::vector<std::size_t> cuts{1, 37, xs.size() / 3, xs.size() / 2, xs.size() - 1};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (expected[i] == dr::status::drift) {
            cuts.push_back(i + 1);  // resume right after a drift: the reset is still pending
            break;
        }
    }
    for (std::size_t cut : cuts) {
        D first(cfg);
        auto got = run_statuses(first, xs, 0, cut);
        const bytes saved = first.save();
        D resumed;  // default configuration: load() brings the saved one
        resumed.load(saved);
        CHECK(resumed.save() == saved);
        const auto rest = run_statuses(resumed, xs, cut, xs.size());
        got.insert(got.end(), rest.begin(), rest.end());
        CHECK(got == expected);
        CHECK(resumed.save() == expected_final);
    }
}

template <class D>
D trained(const typename D::config_type& cfg, const std::vector<double>& xs, std::size_t n) {
    D d(cfg);
    for (std::size_t i = 0; i < n && i < xs.size(); ++i) d.update(xs[i]);
    return d;
}

void store_u64(bytes& b, std::size_t at, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void reseal(bytes& b) {
    store_u64(b, b.size() - 8, dr::detail::fnv1a64(b.data(), b.size() - 8));
}

// Every truncation, every single-byte change and a few random rewrites are
// refused, and the target keeps its state.
template <class D>
void check_refuses_damage(const D& source, D target) {
    const bytes good = source.save();
    const bytes target_before = target.save();
    std::size_t refused = 0, total = 0;
    for (std::size_t n = 0; n < good.size(); ++n) {
        ++total;
        try {
            target.load(good.data(), n);
        } catch (const assay::corrupt_state&) {
            ++refused;
        }
    }
    assay::rng g(20261123);
    for (std::size_t k = 0; k < 2000; ++k) {
        bytes bad = good;
        const auto at = static_cast<std::size_t>(assay::uniform_index(g, bad.size()));
        bad[at] = static_cast<std::uint8_t>(bad[at] ^ (1 + assay::uniform_index(g, 255)));
        ++total;
        try {
            target.load(bad);
        } catch (const assay::corrupt_state&) {
            ++refused;
        }
    }
    for (std::size_t k = 0; k < 200; ++k) {  // random garbage of random length
        bytes junk(static_cast<std::size_t>(assay::uniform_index(g, 2 * good.size())));
        for (auto& byte : junk) byte = static_cast<std::uint8_t>(g());
        ++total;
        try {
            target.load(junk);
        } catch (const assay::corrupt_state&) {
            ++refused;
        }
    }
    CHECK(refused == total);
    CHECK(target.save() == target_before);
}

}  // namespace

TEST_CASE("save -> load -> continue equals an uninterrupted run, on the reference streams") {
    for (const auto& name : drift_test::binary_streams()) {
        const auto& xs = drift_test::stream(name);
        CAPTURE(name);
        check_resume<dr::adwin>({}, xs);
        check_resume<dr::adwin>({0.05, 1, 5, 5, 10, false, false}, xs);  // MOA mode, clock 1
        check_resume<dr::ddm>({}, xs);
        check_resume<dr::eddm>({}, xs);
        check_resume<dr::hddm_a>({}, xs);
        check_resume<dr::hddm_a>({0.001, 0.005, true, false}, xs);
        check_resume<dr::hddm_w>({}, xs);
        check_resume<dr::hddm_w>({0.0001, 0.01, 0.1, true}, xs);
        check_resume<dr::hddm_w>({0.0001, 0.01, 0.1, true, true}, xs);  // MOA semantics
        check_resume<dr::eddm>({30, 0.95, 0.9, true}, xs);              // MOA semantics
        check_resume<dr::ddm>({100, 1.5, 2.5, true}, xs);               // MOA semantics
        check_resume<dr::page_hinkley>({}, xs);
    }
    for (const auto& name : drift_test::real_streams()) {
        const auto& xs = drift_test::stream(name);
        CAPTURE(name);
        check_resume<dr::adwin>({}, xs);
        check_resume<dr::adwin>({0.0001, 8, 3, 10, 100, true, false}, xs);
        dr::page_hinkley_config up;
        up.mode = dr::page_hinkley_mode::up;
        up.threshold = 20.0;
        check_resume<dr::page_hinkley>(up, xs);
        dr::page_hinkley_config moa;
        moa.moa_semantics = true;
        check_resume<dr::page_hinkley>(moa, xs);
        check_resume<dr::kswin>({}, xs);
        check_resume<dr::kswin>({0.0001, 300, 50, 7}, xs);
    }
}

TEST_CASE("truncated, corrupted and random bytes are refused; the target is unchanged") {
    const auto& bits = drift_test::stream("b_multi");
    const auto& real = drift_test::stream("g_multi");
    check_refuses_damage(trained<dr::adwin>({}, real, 5000), trained<dr::adwin>({}, real, 300));
    check_refuses_damage(trained<dr::ddm>({}, bits, 5000), trained<dr::ddm>({}, bits, 300));
    check_refuses_damage(trained<dr::eddm>({}, bits, 5000), trained<dr::eddm>({}, bits, 300));
    check_refuses_damage(trained<dr::page_hinkley>({}, real, 5000), trained<dr::page_hinkley>({}, real, 300));
    check_refuses_damage(trained<dr::hddm_a>({}, bits, 5000), trained<dr::hddm_a>({}, bits, 300));
    check_refuses_damage(trained<dr::hddm_w>({}, bits, 5000), trained<dr::hddm_w>({}, bits, 300));
    check_refuses_damage(trained<dr::kswin>({}, real, 5000), trained<dr::kswin>({0.01, 80, 20, 3}, real, 300));
}

TEST_CASE("foreign checkpoints and impossible states name the problem") {
    const auto& real = drift_test::stream("g_multi");
    const dr::adwin a = trained<dr::adwin>({}, real, 3000);
    const bytes good = a.save();
    dr::adwin target;
    const bytes empty = target.save();

    // Another detector's checkpoint.
    dr::ddm d;
    CHECK_THROWS_WITH_AS(target.load(d.save()), "assay::drift::adwin::load: checkpoint holds detector kind 2, expected 1",
                         assay::corrupt_state);
    // Not a checkpoint at all.
    const std::string text = "hello, this is not a checkpoint at all";
    CHECK_THROWS_WITH_AS(target.load(text.data(), text.size()),
                         "assay::drift::adwin::load: not a drift-detector checkpoint (bad magic)", assay::corrupt_state);
    CHECK_THROWS_AS(target.load(nullptr, 0), assay::corrupt_state);
    // A future format version, correctly sealed.
    bytes future = good;
    future[4] = 2;
    reseal(future);
    CHECK_THROWS_WITH_AS(target.load(future), "assay::drift::adwin::load: unsupported checkpoint version 2 (this build reads 1)",
                         assay::corrupt_state);
    // A flipped bit.
    bytes flipped = good;
    flipped[40] ^= 0x10;
    CHECK_THROWS_WITH_AS(target.load(flipped), "assay::drift::adwin::load: checksum mismatch (corrupted bytes)",
                         assay::corrupt_state);
    // An extra byte.
    bytes padded = good;
    padded.push_back(0);
    CHECK_THROWS_AS(target.load(padded), assay::corrupt_state);
    // Correctly sealed but impossible: a width that disagrees with the buckets
    // (payload offset 16 + delta 8 + four u32 16 + three bools 3 + tick 8 + n_detections 8 = 59).
    bytes wrong_width = good;
    const double w = a.width() + 1.0;
    std::uint64_t bits;
    std::memcpy(&bits, &w, 8);
    store_u64(wrong_width, 59, bits);
    reseal(wrong_width);
    CHECK_THROWS_AS(target.load(wrong_width), assay::corrupt_state);
    // Correctly sealed but an invalid configuration (delta = 2).
    bytes bad_delta = good;
    const double two = 2.0;
    std::memcpy(&bits, &two, 8);
    store_u64(bad_delta, 16, bits);
    reseal(bad_delta);
    CHECK_THROWS_WITH_AS(target.load(bad_delta), "assay::drift::adwin::load: invalid configuration: delta must lie in (0, 1)",
                         assay::corrupt_state);
    // A NaN state value.
    bytes nan_total = good;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::memcpy(&bits, &nan, 8);
    store_u64(nan_total, 67, bits);
    reseal(nan_total);
    CHECK_THROWS_WITH_AS(target.load(nan_total), "assay::drift::adwin::load: total is not finite", assay::corrupt_state);
    CHECK(target.save() == empty);
    // And the intact bytes load.
    CHECK_NOTHROW(target.load(good));
    CHECK(target.width() == a.width());
}

TEST_CASE("the version-1 format is stable: a stored checkpoint resumes the River reference trace") {
    // tests/drift/data/adwin_v1_b_abrupt_s1_at4000.bin: ADWIN (River defaults)
    // saved after the first 4000 values of b_abrupt_s1. Continuing from there
    // must give River's detection at 5087 with its recorded state.
    const std::string path = std::string(ASSAY_DRIFT_TEST_DATA) + "/adwin_v1_b_abrupt_s1_at4000.bin";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    const bytes stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    dr::adwin a;
    a.load(stored);
    const auto& xs = drift_test::stream("b_abrupt_s1");
    std::vector<std::size_t> drifts;
    for (std::size_t i = 4000; i < xs.size(); ++i) {
        if (a.update(xs[i]) == dr::status::drift) {
            drifts.push_back(i);
            if (drifts.size() == 1) {
                CHECK(a.width() == 352.0);
                CHECK(a.total() == 60.0);
            }
        }
    }
    CHECK(drifts == std::vector<std::size_t>{5087});
}
