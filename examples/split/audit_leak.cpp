// Catching a leaky split with assay::audit_split.
//
// The lemon season of examples/lemons.hpp has several photos per lemon. A
// random split of photos puts photos of the same lemon on both sides — the
// model is then tested on lemons it has already seen. The audit finds it;
// a stratified group split passes, with the mold share kept in every fold;
// a time + group split is audited against the timestamps too.
#include "lemons.hpp"

#include <assay/split.hpp>

#include <cstdint>
#include <iostream>
#include <vector>

int main() {
    const auto rows = lemons::simulate();
    std::vector<std::uint32_t> lemon;
    std::vector<int> mold;
    std::vector<std::int64_t> time;
    for (const auto& r : rows) {
        lemon.push_back(r.lemon);
        mold.push_back(r.mold);
        time.push_back(r.timestamp);
    }
    const auto known = assay::audit_input().groups(lemon).labels(mold);

    // 1. A random 80/20 split of photos.
    const auto naive = assay::train_test_split(rows.size(), 0.2, 2024);
    const auto naive_report = assay::audit_split(naive.train, naive.test, known);
    std::cout << "-- random 80/20 split of photos --\n" << naive_report << '\n';

    // 2. Stratified group k-fold: every lemon in one fold, mold share kept.
    const auto folds = assay::stratified_group_kfold(mold, lemon, 5);
    const auto sgkf_report = assay::audit_split(folds, known);
    std::cout << "-- stratified_group_kfold(5) --\n" << sgkf_report << '\n';

    // 3. Forward in time, lemons whole, one hour between train and test.
    assay::time_group_options<std::int64_t> o;
    o.gap = 3600;
    const auto forward = assay::time_group_split(time, lemon, 4, o);
    auto with_time = assay::audit_input().groups(lemon).labels(mold).timestamps(time);
    with_time.gap(3600).share_tolerance(0.05);
    const auto time_report = assay::audit_split(forward, with_time);
    std::cout << "-- time_group_split(4, gap 1h) --\n" << time_report << '\n';

    // The example doubles as a test: the leak must be caught, the group
    // splits must not leak.
    const bool caught = naive_report.count(assay::audit_finding::groups_on_both_sides) == 1;
    const bool clean = !sgkf_report.has_leaks() && !time_report.has_leaks();
    std::cout << (caught && clean ? "audit caught the leaky split; the group splits are clean\n"
                                  : "UNEXPECTED audit result\n");
    return caught && clean ? 0 : 1;
}
