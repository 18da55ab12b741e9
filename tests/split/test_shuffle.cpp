// Properties of the shuffled splitters over many random inputs: every row in
// exactly one test fold, groups never on both sides, class shares within the
// best achievable bound, sizes as asked, and the same seed giving the same
// folds.
#include <assay/split.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

struct dataset {
    std::vector<int> y;
    std::vector<long> groups;
    std::size_t n_classes = 0, max_group = 0;
};

// Random rows in random groups; most rows of a group share its class.
dataset random_dataset(assay::rng& g) {
    dataset d;
    const std::size_t n_groups = 5 + assay::uniform_index(g, 120);
    d.n_classes = 2 + assay::uniform_index(g, 4);
    for (std::size_t j = 0; j < n_groups; ++j) {
        const std::size_t size = 1 + assay::uniform_index(g, 12);
        const int cls = static_cast<int>(assay::uniform_index(g, d.n_classes));
        const long id = static_cast<long>(assay::uniform_index(g, 1000000));  // sparse, unsorted
        for (std::size_t r = 0; r < size; ++r) {
            d.groups.push_back(id * 1000 + static_cast<long>(j));
            d.y.push_back(assay::uniform_real(g) < 0.8 ? cls : static_cast<int>(assay::uniform_index(g, d.n_classes)));
        }
        d.max_group = std::max(d.max_group, size);
    }
    // Shuffle the rows.
    std::vector<std::size_t> perm(d.y.size());
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    assay::shuffle(perm.begin(), perm.end(), g);
    dataset out = d;
    for (std::size_t i = 0; i < perm.size(); ++i) {
        out.y[i] = d.y[perm[i]];
        out.groups[i] = d.groups[perm[i]];
    }
    return out;
}

std::map<int, std::size_t> class_counts(const std::vector<int>& y) {
    std::map<int, std::size_t> m;
    for (int v : y) ++m[v];
    return m;
}

// Every row tested exactly once, train = complement, views consistent.
template <class Folds>
void check_partition_folds(const Folds& folds, std::size_t n) {
    std::vector<int> tested(n, 0);
    for (const auto& f : folds) {
        std::vector<char> in_test(n, 0);
        std::size_t last = 0;
        bool first = true;
        for (auto r : f.test) {
            ++tested[r];
            in_test[r] = 1;
            CHECK((first || r > last));  // ascending
            last = r;
            first = false;
        }
        std::size_t train_count = 0;
        for (auto r : f.train) {
            CHECK(!in_test[r]);
            ++train_count;
        }
        CHECK(train_count == n - f.test.size());
        CHECK(f.train.size() == train_count);
    }
    for (std::size_t i = 0; i < n; ++i) CHECK(tested[i] == 1);
}

template <class Folds, class Groups>
void check_groups_whole(const Folds& folds, const Groups& groups) {
    for (const auto& f : folds) {
        std::set<long> test_groups;
        for (auto r : f.test) test_groups.insert(groups[r]);
        for (auto r : f.train) CHECK(test_groups.count(groups[r]) == 0);
    }
}

}  // namespace

TEST_CASE("shuffled k-folds over random inputs: coverage, groups whole, strata within one row, seeds") {
    assay::rng g(2026);
    for (int trial = 0; trial < 60; ++trial) {
        const auto d = random_dataset(g);
        const std::size_t n = d.y.size();
        const std::size_t k = 2 + assay::uniform_index(g, 4);
        const std::uint64_t seed = g();

        const auto kf = assay::kfold(n, k, assay::shuffled{seed});
        check_partition_folds(kf, n);
        CHECK(kf.assign() == assay::kfold(n, k, assay::shuffled{seed}).assign());

        const auto counts = class_counts(d.y);
        const bool every_class_fits =
            std::all_of(counts.begin(), counts.end(), [&](const auto& c) { return c.second >= 1; });
        std::size_t largest = 0;
        for (const auto& c : counts) largest = std::max(largest, c.second);
        if (largest >= k && every_class_fits) {
            const auto skf = assay::stratified_kfold(d.y, k, assay::shuffled{seed});
            check_partition_folds(skf, n);
            CHECK(skf.assign() == assay::stratified_kfold(d.y, k, assay::shuffled{seed}).assign());
            for (const auto& f : skf) {
                std::map<int, std::size_t> in_fold;
                for (auto r : f.test) ++in_fold[d.y[r]];
                for (const auto& c : counts) {
                    // Each class is dealt round robin: floor or ceil of n_c / k.
                    CHECK(in_fold[c.first] >= c.second / k);
                    CHECK(in_fold[c.first] <= (c.second + k - 1) / k);
                }
            }
            // Same per-fold class counts as without shuffling.
            const auto plain = assay::stratified_kfold(d.y, k);
            for (std::size_t f = 0; f < k; ++f) CHECK(plain[f].test.size() == skf[f].test.size());

            const auto sgkf = assay::stratified_group_kfold(d.y, d.groups, k, assay::shuffled{seed});
            check_partition_folds(sgkf, n);
            check_groups_whole(sgkf, d.groups);
            CHECK(sgkf.assign() == assay::stratified_group_kfold(d.y, d.groups, k, assay::shuffled{seed}).assign());
        }

        const auto gkf = assay::group_kfold(d.groups, k, assay::shuffled{seed});
        check_partition_folds(gkf, n);
        check_groups_whole(gkf, d.groups);
        // Balanced as the unshuffled one: fold sizes differ by at most the
        // largest group.
        std::size_t lo = n, hi = 0;
        for (const auto& f : gkf) {
            lo = std::min(lo, f.test.size());
            hi = std::max(hi, f.test.size());
        }
        CHECK(hi - lo <= d.max_group);
    }
}

TEST_CASE("repeated k-folds: each repeat a partition, repeats differ, repeat(r) reproducible") {
    const std::size_t n = 57, k = 4, repeats = 3;
    const auto rk = assay::repeated_kfold(n, k, repeats, 11);
    CHECK(rk.size() == k * repeats);
    std::size_t index = 0;
    std::vector<std::vector<std::size_t>> tests;
    for (const auto& f : rk) {
        CHECK(f.index == index++);
        tests.push_back(f.test.to_vector());
    }
    CHECK(index == k * repeats);
    for (std::size_t r = 0; r < repeats; ++r) {
        const auto p = rk.repeat(r);
        check_partition_folds(p, n);
        for (std::size_t f = 0; f < k; ++f) CHECK(tests[r * k + f] == p[f].test.to_vector());
    }
    CHECK(rk.repeat(0).assign() != rk.repeat(1).assign());
    CHECK(rk.repeat(2).assign() == assay::repeated_kfold(n, k, repeats, 11).repeat(2).assign());

    std::vector<std::string> y;
    for (std::size_t i = 0; i < n; ++i) y.push_back(i % 3 == 0 ? "rare" : "common");
    const auto rs = assay::repeated_stratified_kfold(y, k, repeats, 5);
    for (std::size_t r = 0; r < repeats; ++r) {
        const auto p = rs.repeat(r);
        check_partition_folds(p, n);
        for (const auto& f : p) {
            std::size_t rare = 0;
            for (auto row : f.test) rare += y[row] == "rare";
            CHECK(rare >= 19 / k);
            CHECK(rare <= (19 + k - 1) / k);
        }
    }
    CHECK_THROWS_AS(assay::repeated_kfold(n, k, 0, 1), assay::invalid_argument);
    CHECK_THROWS_AS(assay::repeated_stratified_kfold(y, 40, 2, 1), assay::invalid_argument);
}

TEST_CASE("shuffle splits: sizes as asked, disjoint, strata and groups kept, reproducible") {
    assay::rng g(7);
    for (int trial = 0; trial < 60; ++trial) {
        const auto d = random_dataset(g);
        const std::size_t n = d.y.size();
        const std::uint64_t seed = g();
        const double frac = 0.1 + 0.6 * assay::uniform_real(g);

        const auto ss = assay::shuffle_split(n, 3, frac, {}, seed);
        std::size_t k = 0;
        for (const auto& f : ss) {
            CHECK(f.index == k);
            CHECK(f.test.size() == static_cast<std::size_t>(std::ceil(frac * static_cast<double>(n))));
            CHECK(f.train.size() == n - f.test.size());
            CHECK(std::is_sorted(f.test.begin(), f.test.end()));
            std::set<std::size_t> t(f.test.begin(), f.test.end());
            for (auto r : f.train) CHECK(t.count(r) == 0);
            CHECK(f.test.to_vector() == ss.split(k).test);  // split k does not depend on the path
            ++k;
        }
        CHECK(k == 3);
        const auto counted = assay::shuffle_split(n, 1, 5, 7, seed).split(0);
        CHECK(counted.test.size() == 5);
        CHECK(counted.train.size() == 7);
        CHECK(assay::shuffle_split(n, 2, frac, {}, seed).split(1).test == ss.split(1).test);

        const auto counts = class_counts(d.y);
        bool each_two = true;
        for (const auto& c : counts) each_two = each_two && c.second >= 2;
        const std::size_t n_test = static_cast<std::size_t>(std::ceil(frac * static_cast<double>(n)));
        if (each_two && n_test >= counts.size() && n - n_test >= counts.size()) {
            const auto sss = assay::stratified_shuffle_split(d.y, 2, frac, {}, seed);
            for (const auto& f : sss) {
                CHECK(f.test.size() == n_test);
                CHECK(f.train.size() == n - n_test);
                std::map<int, std::size_t> in_test;
                for (auto r : f.test) ++in_test[d.y[r]];
                for (const auto& c : counts) {
                    const double exact = static_cast<double>(n_test) * static_cast<double>(c.second) / static_cast<double>(n);
                    CHECK(std::abs(static_cast<double>(in_test[c.first]) - exact) < 1.0);
                }
            }
        }

        const auto gss = assay::group_shuffle_split(d.groups, 2, frac, {}, seed);
        const std::set<long> all_groups(d.groups.begin(), d.groups.end());
        for (const auto& f : gss) {
            std::set<long> tg, trg;
            for (auto r : f.test) tg.insert(d.groups[r]);
            for (auto r : f.train) trg.insert(d.groups[r]);
            CHECK(tg.size() == static_cast<std::size_t>(std::ceil(frac * static_cast<double>(all_groups.size()))));
            CHECK(tg.size() + trg.size() == all_groups.size());
            for (auto x : tg) CHECK(trg.count(x) == 0);
            CHECK(f.test.size() + f.train.size() == n);
        }
    }
}

TEST_CASE("train_test_split helpers") {
    const auto h = assay::train_test_split(100, 0.25, 3);
    CHECK(h.test.size() == 25);
    CHECK(h.train.size() == 75);
    const auto ids = h.assign(100);
    CHECK(std::count(ids.begin(), ids.end(), 1) == 25);
    CHECK(std::count(ids.begin(), ids.end(), -1) == 0);
    CHECK(assay::train_test_split(100, 0.25, 3).test == h.test);
    CHECK(assay::train_test_split(100, 0.25, 4).test != h.test);

    std::vector<int> y(100, 0);
    for (std::size_t i = 0; i < 10; ++i) y[i * 10] = 1;
    const auto s = assay::stratified_train_test_split(y, 0.2, 9);
    std::size_t pos = 0;
    for (auto r : s.test) pos += static_cast<std::size_t>(y[r]);
    CHECK(pos == 2);  // exactly 20% of the 10 positives

    std::vector<int> groups;
    for (int j = 0; j < 20; ++j) groups.insert(groups.end(), 5, j);
    const auto gs = assay::group_train_test_split(groups, 0.25, 1);
    CHECK(gs.test.size() == 25);  // 5 of 20 groups
}

TEST_CASE("parts: train / valid / holdout respecting groups and strata over random inputs") {
    assay::rng g(99);
    const std::vector<double> f{0.8, 0.1, 0.1};
    for (int trial = 0; trial < 60; ++trial) {
        auto d = random_dataset(g);
        // Enough groups for three parts with a tenth each.
        while (d.y.size() < 400) {
            const auto more = random_dataset(g);
            for (std::size_t i = 0; i < more.y.size(); ++i) {
                d.y.push_back(more.y[i]);
                d.groups.push_back(more.groups[i] + 2000000000L);
            }
            d.max_group = std::max(d.max_group, more.max_group);
        }
        const std::size_t n = d.y.size();
        const std::uint64_t seed = g();
        const auto counts = class_counts(d.y);

        const auto rp = assay::random_parts(n, f, seed);
        REQUIRE(rp.size() == 3);
        std::size_t total = 0;
        for (std::size_t p = 0; p < 3; ++p) {
            CHECK(std::abs(static_cast<double>(rp[p].size()) - f[p] * static_cast<double>(n)) < 1.0);
            total += rp[p].size();
            for (auto r : rp[p]) CHECK(rp.assign[r] == static_cast<assay::fold_id>(p));
        }
        CHECK(total == n);

        const auto sp = assay::stratified_parts(d.y, f, seed);
        for (std::size_t p = 0; p < 3; ++p) {
            std::map<int, std::size_t> c;
            for (auto r : sp[p]) ++c[d.y[r]];
            for (const auto& cc : counts) {
                CHECK(std::abs(static_cast<double>(c[cc.first]) - f[p] * static_cast<double>(cc.second)) < 1.0);
            }
            // Part sizes stay within one row per class of their target.
            CHECK(std::abs(static_cast<double>(sp[p].size()) - f[p] * static_cast<double>(n)) <
                  static_cast<double>(counts.size()));
        }
        CHECK(sp.assign == assay::stratified_parts(d.y, f, seed).assign);

        for (int both = 0; both < 2; ++both) {
            const auto gp = both ? assay::stratified_group_parts(d.y, d.groups, f, seed)
                                 : assay::group_parts(d.groups, f, seed);
            std::map<long, assay::fold_id> part_of_group;
            for (std::size_t i = 0; i < n; ++i) {
                auto it = part_of_group.emplace(d.groups[i], gp.assign[i]).first;
                CHECK(it->second == gp.assign[i]);  // a group never straddles
            }
            for (std::size_t p = 0; p < 3; ++p) {
                // Sizes within the largest group of the target.
                CHECK(std::abs(static_cast<double>(gp[p].size()) - f[p] * static_cast<double>(n)) <=
                      static_cast<double>(d.max_group));
                if (both) {
                    std::map<int, std::size_t> c;
                    for (auto r : gp[p]) ++c[d.y[r]];
                    for (const auto& cc : counts) {
                        CHECK(std::abs(static_cast<double>(c[cc.first]) - f[p] * static_cast<double>(cc.second)) <=
                              static_cast<double>(d.max_group));
                    }
                }
            }
        }
    }
}

TEST_CASE("shuffle and parts: sizes that do not fit are refused") {
    using assay::invalid_argument;
    CHECK_THROWS_WITH_AS(assay::shuffle_split(10, 1, 1.5, {}, 0),
                         "assay::shuffle_split: test_size: a fraction must lie in (0, 1), got 1.5", invalid_argument);
    CHECK_THROWS_WITH_AS(assay::shuffle_split(10, 1, 10, {}, 0),
                         "assay::shuffle_split: test_size: a count must lie in [1, 10) for 10 rows, got 10",
                         invalid_argument);
    CHECK_THROWS_AS(assay::shuffle_split(10, 1, 6, 5, 0), invalid_argument);
    CHECK_THROWS_AS(assay::shuffle_split(10, 1, 0.6, 0.5, 0), invalid_argument);
    CHECK_THROWS_AS(assay::shuffle_split(10, 0, 0.5, {}, 0), invalid_argument);
    CHECK_THROWS_AS(assay::shuffle_split(0, 1, 0.5, {}, 0), invalid_argument);
    CHECK_THROWS_AS(assay::shuffle_split(3, 1, 0.1, 0.1, 0), invalid_argument);  // empty train
    const std::vector<int> y{0, 0, 0, 1};
    CHECK_THROWS_WITH_AS(assay::stratified_shuffle_split(y, 1, 0.5, {}, 0),
                         "assay::stratified_shuffle_split: y: the least populated class has only 1 member; every "
                         "class needs at least 2",
                         invalid_argument);
    const std::vector<int> y3{0, 0, 1, 1, 2, 2, 0, 1};
    CHECK_THROWS_AS(assay::stratified_shuffle_split(y3, 1, 2, {}, 0), invalid_argument);  // 2 test rows, 3 classes
    CHECK_THROWS_WITH_AS(assay::random_parts(10, {0.8, 0.1}, 0),
                         "assay::random_parts: fractions: must sum to 1, got 0.90000000000000002", invalid_argument);
    CHECK_THROWS_AS(assay::random_parts(10, {1.0}, 0), invalid_argument);
    CHECK_THROWS_AS(assay::random_parts(10, {0.0, 1.0}, 0), invalid_argument);
    CHECK_THROWS_AS(assay::random_parts(5, {0.9, 0.05, 0.05}, 0), invalid_argument);  // empty part
    const std::vector<int> two_groups{1, 1, 2, 2};
    CHECK_THROWS_WITH_AS(assay::group_parts(two_groups, {0.5, 0.25, 0.25}, 0),
                         "assay::group_parts: groups: has 2 distinct groups, fewer than the 3 parts",
                         invalid_argument);
    CHECK_THROWS_AS(assay::stratified_group_parts(y3, two_groups, {0.5, 0.5}, 0), invalid_argument);  // lengths
}
