// Keyed monitors and synchronized detectors: first-use creation, save ->
// load -> continue equals never stopping, and untrusted checkpoint bytes.
#include <assay/drift/adwin.hpp>
#include <assay/drift/ddm.hpp>
#include <assay/drift/monitor.hpp>
#include <assay/random.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace drift = assay::drift;

namespace {

// Error stream of segment k: error rate 0.1, rising to 0.1 + 0.05·(k+1)
// after step 3000.
int error_at(assay::rng& g, int k, int t) {
    const double rate = t < 3000 ? 0.1 : 0.1 + 0.05 * (k + 1);
    return assay::uniform_real(g) < rate ? 1 : 0;
}

const std::vector<std::string> segments{"north", "south", "export"};

}  // namespace

TEST_CASE("keyed_monitor: one detector per key, each equal to a standalone detector") {
    drift::keyed_monitor<drift::ddm> mon;
    std::vector<drift::ddm> alone(segments.size());
    assay::rng g(1);
    std::vector<int> alarms(segments.size(), 0);
    for (int t = 0; t < 6000; ++t) {
        for (std::size_t k = 0; k < segments.size(); ++k) {
            const int e = error_at(g, static_cast<int>(k), t);
            const auto s = mon.update(segments[k], e);
            CHECK(s == alone[k].update(e));
            alarms[k] += s == drift::status::drift ? 1 : 0;
        }
    }
    CHECK(mon.size() == 3);
    REQUIRE(mon.find("north") != nullptr);
    CHECK(mon.find("west") == nullptr);
    CHECK(alarms[2] >= 1);  // the segment whose error rate triples is caught
    CHECK(mon.erase("north"));
    CHECK(mon.size() == 2);
}

TEST_CASE("keyed_monitor: save, load into a fresh monitor, continue == uninterrupted") {
    using monitor = drift::keyed_monitor<drift::adwin, std::int64_t>;
    monitor uninterrupted, first;
    assay::rng g(7), g2(7);
    std::vector<drift::status> expected, got;
    for (int t = 0; t < 8000; ++t) {
        for (std::int64_t key = 0; key < 4; ++key) {
            const double x = error_at(g, static_cast<int>(key), t);
            expected.push_back(uninterrupted.update(key, x));
        }
    }
    for (int t = 0; t < 4000; ++t)
        for (std::int64_t key = 0; key < 4; ++key) got.push_back(first.update(key, error_at(g2, static_cast<int>(key), t)));
    const auto bytes = first.save();
    monitor restored;
    restored.load(bytes);
    CHECK(restored.size() == 4);
    for (int t = 4000; t < 8000; ++t)
        for (std::int64_t key = 0; key < 4; ++key)
            got.push_back(restored.update(key, error_at(g2, static_cast<int>(key), t)));
    CHECK(got == expected);
    for (std::int64_t key = 0; key < 4; ++key) {
        CHECK(restored.find(key)->width() == uninterrupted.find(key)->width());
        CHECK(restored.find(key)->estimation() == uninterrupted.find(key)->estimation());
    }
}

TEST_CASE("keyed_monitor: corrupt, truncated and foreign bytes leave it unchanged") {
    drift::keyed_monitor<drift::ddm> mon;
    assay::rng g(3);
    for (int t = 0; t < 500; ++t)
        for (std::size_t k = 0; k < segments.size(); ++k) mon.update(segments[k], error_at(g, 0, t));
    const auto good = mon.save();
    drift::keyed_monitor<drift::ddm> target;
    target.update("keep", 0);
    const auto before = target.save();
    auto unchanged = [&] { CHECK(target.save() == before); };

    for (std::size_t n = 0; n < good.size(); ++n) {  // every truncation
        CHECK_THROWS_AS(target.load(good.data(), n), assay::corrupt_state);
    }
    unchanged();
    for (std::size_t i = 0; i < good.size(); ++i) {  // every single-byte change
        auto bad = good;
        bad[i] ^= 0x5a;
        CHECK_THROWS_AS(target.load(bad), assay::corrupt_state);
    }
    unchanged();
    // A detector checkpoint is not a keyed-monitor checkpoint.
    CHECK_THROWS_AS(target.load(drift::ddm().save()), assay::corrupt_state);
    // Keys of another type.
    drift::keyed_monitor<drift::ddm, std::int64_t> ints;
    ints.update(5, 1);
    CHECK_THROWS_AS(target.load(ints.save()), assay::corrupt_state);
    unchanged();
    target.load(good);
    CHECK(target.size() == 3);
    CHECK(target.find("keep") == nullptr);
}

TEST_CASE("synchronized and concurrent monitors behave like their single-writer forms") {
    drift::synchronized<drift::ddm> shared;
    drift::ddm plain;
    for (int i = 0; i < 100; ++i) CHECK(shared.update(i % 7 == 0) == plain.update(i % 7 == 0));
    CHECK(shared.save() == plain.save());
    CHECK(shared.with([](drift::ddm& d) { return d.update(1); }) == plain.update(1));

    drift::concurrent_keyed_monitor<drift::ddm> conc({}, 4);
    drift::keyed_monitor<drift::ddm> single;
    assay::rng g(9);
    for (int t = 0; t < 2000; ++t) {
        for (std::size_t k = 0; k < segments.size(); ++k) {
            const int e = error_at(g, static_cast<int>(k), t);
            CHECK(conc.update(segments[k], e) == single.update(segments[k], e));
        }
    }
    CHECK(conc.size() == 3);
    drift::keyed_monitor<drift::ddm> from_conc;
    from_conc.load(conc.save());
    for (const auto& key : segments) CHECK(from_conc.find(key)->save() == single.find(key)->save());
    drift::concurrent_keyed_monitor<drift::ddm> restored({}, 3);
    restored.load(single.save());
    drift::ddm copy;
    REQUIRE(restored.snapshot("south", copy));
    CHECK(copy.save() == single.find("south")->save());
    CHECK_THROWS_AS(drift::concurrent_keyed_monitor<drift::ddm>({}, 0), assay::invalid_argument);
}
