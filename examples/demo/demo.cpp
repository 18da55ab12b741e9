// assay's end-to-end demo: evaluating a mold detector for lemons.
//
// Runs on the simulated season in examples/lemons.hpp (seeded, the same on
// every platform) and walks through an evaluation in the order a careful
// engineer would do it:
//   1. know the data: groups, rare label, segments, time;
//   2. split without leaking, and prove it;
//   3. measure the model on the held-out part, per segment;
//   4. watch the live stream for drift.
// Each part uses the assay capability it names.
#include "lemons.hpp"

#include <assay/assay.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace {

void section(const char* title) { std::printf("\n== %s ==\n", title); }

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

// 2. Why the split matters: a row-level random split puts photos of the same
// lemon on both sides.
void naive_split_leak(const std::vector<lemons::photo>& rows) {
    section("2. a naive random 80/20 split of photos");
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    assay::rng g(2024);
    assay::shuffle(order.begin(), order.end(), g);
    const std::size_t n_train = rows.size() * 8 / 10;
    std::set<std::uint32_t> train_lemons, test_lemons;
    for (std::size_t k = 0; k < order.size(); ++k) {
        (k < n_train ? train_lemons : test_lemons).insert(rows[order[k]].lemon);
    }
    std::size_t shared = 0;
    for (auto l : test_lemons) shared += train_lemons.count(l);
    std::printf("test lemons also photographed in train: %zu of %zu (%.1f%%) -- the test score is inflated\n",
                shared, test_lemons.size(),
                100.0 * static_cast<double>(shared) / static_cast<double>(test_lemons.size()));
}

}  // namespace

int main() {
    std::printf("assay %d.%d.%d demo: evaluating a lemon mold detector\n", ASSAY_VERSION_MAJOR, ASSAY_VERSION_MINOR,
                ASSAY_VERSION_PATCH);
    const lemons::options opt;
    const auto rows = lemons::simulate(opt);
    describe(rows, opt);
    naive_split_leak(rows);
    return 0;
}
