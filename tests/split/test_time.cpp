// Time + group splits, purged k-fold with embargo and combinatorial purged
// cross-validation: hand-worked examples, properties over random inputs, and
// the bad inputs they refuse.
#include <assay/split.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {
using rows = std::vector<std::size_t>;
}

TEST_CASE("time_group_split: groups whole, training groups end before the test fold starts") {
    // Groups A..E with time spans A [0,2], B [1,3], C [4,5], D [6,7], E [8,9];
    // rows listed out of order.
    const std::vector<int> t{0, 8, 2, 1, 4, 3, 6, 9, 5, 7};
    const std::vector<std::string> g{"A", "E", "A", "B", "C", "B", "D", "E", "C", "D"};
    assay::time_group_options<int> o;
    o.test_groups = 1;
    const auto folds = assay::time_group_split(t, g, 2, o);
    REQUIRE(folds.size() == 2);
    // Fold 0 tests D (starts at 6): A, B, C end before 6.
    CHECK(folds.split(0).test == rows{6, 9});
    CHECK(folds.split(0).train == rows{0, 2, 3, 4, 5, 8});
    // Fold 1 tests E (starts at 8) and trains on A..D.
    CHECK(folds.split(1).test == rows{1, 7});
    CHECK(folds.split(1).train == rows{0, 2, 3, 4, 5, 6, 8, 9});
    CHECK(folds.assign(t.size()) == std::vector<assay::fold_id>{-1, 1, -1, -1, -1, -1, 0, 1, -1, 0});

    // A gap of 2: a training group must end before 6 - 2 (fold 0) and 8 - 2
    // (fold 1): C (ends at 5) only trains fold 1.
    o.gap = 2;
    const auto gapped = assay::time_group_split(t, g, 2, o);
    CHECK(gapped.split(0).train == rows{0, 2, 3, 5});
    CHECK(gapped.split(1).train == rows{0, 2, 3, 4, 5, 8});
    // A sliding window of one group: the latest eligible group only.
    o.gap = 0;
    o.max_train_groups = 1;
    CHECK(assay::time_group_split(t, g, 2, o).split(1).train == rows{6, 9});
}

TEST_CASE("time_group_split over random inputs: no group on both sides, no time-order violation") {
    assay::rng r(5);
    for (int trial = 0; trial < 50; ++trial) {
        std::vector<double> t;
        std::vector<int> g;
        const std::size_t n_groups = 8 + assay::uniform_index(r, 60);
        for (std::size_t j = 0; j < n_groups; ++j) {
            const double begin = 100.0 * assay::uniform_real(r);
            const double length = 10.0 * assay::uniform_real(r);
            const std::size_t m = 1 + assay::uniform_index(r, 6);
            for (std::size_t k = 0; k < m; ++k) {
                t.push_back(begin + length * assay::uniform_real(r));
                g.push_back(static_cast<int>(j * 7 % 101));
            }
        }
        assay::time_group_options<double> o;
        o.gap = 3.0 * assay::uniform_real(r);
        const std::size_t k = 2 + assay::uniform_index(r, 3);
        try {
            const auto folds = assay::time_group_split(t, g, k, o);
            for (const auto& f : folds) {
                CHECK(!f.test.empty());
                CHECK(!f.train.empty());
                std::set<int> test_groups;
                double test_start = std::numeric_limits<double>::infinity();
                for (auto i : f.test) {
                    test_groups.insert(g[i]);
                    test_start = std::min(test_start, t[i]);
                }
                for (auto i : f.train) {
                    CHECK(test_groups.count(g[i]) == 0);
                    CHECK(t[i] + o.gap < test_start);
                }
            }
        } catch (const assay::invalid_argument& e) {
            // Only refusal allowed: no group ends before the first test fold.
            CHECK(std::string(e.what()).find("no group ends") != std::string::npos);
        }
    }
}

TEST_CASE("purged_kfold: overlapping labels purged, embargo after the test block") {
    // Row i's label spans [i, i + 2].
    std::vector<int> start, end;
    for (int i = 0; i < 10; ++i) {
        start.push_back(i);
        end.push_back(i + 2);
    }
    const auto plain = assay::purged_kfold(start, end, 2);
    // Fold 0 tests rows 0-4, interval [0, 6]: rows 5 and 6 start within it.
    CHECK(plain.split(0).test == rows{0, 1, 2, 3, 4});
    CHECK(plain.split(0).train == rows{7, 8, 9});
    // Fold 1 tests rows 5-9, interval [5, 11]: rows 3 and 4 end within it.
    CHECK(plain.split(1).train == rows{0, 1, 2});

    assay::purge_options<int> o;
    o.embargo_rows = 1;  // also drop the first row after the purged ones
    CHECK(assay::purged_kfold(start, end, 2, o).split(0).train == rows{8, 9});
    o.embargo_rows = 0;
    o.embargo = 2;  // rows starting up to 6 + 2 after the block
    CHECK(assay::purged_kfold(start, end, 2, o).split(0).train == rows{9});
    // Point labels (start == end) purge nothing: plain k-fold.
    const auto points = assay::purged_kfold(start, start, 5);
    const auto kf = assay::kfold(10, 5);
    for (std::size_t f = 0; f < 5; ++f) {
        CHECK(points.split(f).test == kf[f].test.to_vector());
        CHECK(points.split(f).train == kf[f].train.to_vector());
    }
}

TEST_CASE("purged_kfold over random intervals: no training interval overlaps the test interval") {
    assay::rng r(17);
    for (int trial = 0; trial < 40; ++trial) {
        const std::size_t n = 30 + assay::uniform_index(r, 200);
        std::vector<double> s(n), e(n);
        double now = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            now += assay::uniform_real(r);
            s[i] = now;
            e[i] = now + 5.0 * assay::uniform_real(r);
        }
        assay::purge_options<double> o;
        o.embargo = assay::uniform_real(r);
        o.embargo_rows = assay::uniform_index(r, 3);
        const std::size_t k = 2 + assay::uniform_index(r, 6);
        const auto folds = assay::purged_kfold(s, e, k, o);
        std::vector<int> tested(n, 0);
        for (const auto& f : folds) {
            double ts = std::numeric_limits<double>::infinity(), te = -ts;
            std::size_t last = 0;
            for (auto i : f.test) {
                ++tested[i];
                ts = std::min(ts, s[i]);
                te = std::max(te, e[i]);
                last = i;
            }
            bool first_after = true;
            for (auto i : f.train) {
                CHECK((e[i] < ts || s[i] > te + o.embargo));
                if (i > last && first_after) {
                    // At least embargo_rows clean rows were skipped before it.
                    std::size_t skipped = 0;
                    for (std::size_t j = last + 1; j < i; ++j) skipped += s[j] > te + o.embargo;
                    CHECK(skipped == o.embargo_rows);
                    first_after = false;
                }
            }
        }
        for (auto c : tested) CHECK(c == 1);
    }
}

TEST_CASE("combinatorial_purged_cv: C(N, k) splits, C(N-1, k-1) paths covering every block once") {
    std::vector<long> s(60), e(60);
    for (std::size_t i = 0; i < 60; ++i) {
        s[i] = static_cast<long>(i);
        e[i] = static_cast<long>(i + 1);
    }
    const auto cv = assay::combinatorial_purged_cv(s, e, 6, 2);
    CHECK(cv.size() == 15);
    CHECK(cv.n_paths() == 5);
    CHECK(cv.test_blocks(0) == rows{0, 1});
    CHECK(cv.test_blocks(14) == rows{4, 5});
    // Split 0 tests blocks 0-1 (rows 0-19, interval [0, 20]): row 20 starts at
    // 20 and is purged.
    CHECK(cv.split(0).test.size() == 20);
    CHECK(cv.split(0).train.front() == 21);
    std::size_t count = 0;
    for (const auto& f : cv) {
        CHECK(f.test.size() == 20);
        ++count;
    }
    CHECK(count == 15);
    std::map<std::pair<std::size_t, std::size_t>, int> used;  // (split, block)
    for (std::size_t p = 0; p < cv.n_paths(); ++p) {
        const auto path = cv.path(p);
        REQUIRE(path.size() == 6);
        for (std::size_t j = 0; j < 6; ++j) {
            const auto& blocks = cv.test_blocks(path[j]);
            CHECK(std::find(blocks.begin(), blocks.end(), j) != blocks.end());
            ++used[{path[j], j}];
        }
    }
    // Every (split, tested block) prediction is used by exactly one path.
    CHECK(used.size() == 30);
    for (const auto& u : used) CHECK(u.second == 1);
}

TEST_CASE("time and purged splits: bad input") {
    using assay::invalid_argument;
    const std::vector<int> t{0, 1, 2, 3, 4, 5};
    const std::vector<int> g{0, 0, 1, 1, 2, 2};
    assay::time_group_options<int> o;
    o.gap = -1;
    CHECK_THROWS_WITH_AS(assay::time_group_split(t, g, 2, o), "assay::time_group_split: gap: must not be negative, got -1",
                         invalid_argument);
    CHECK_THROWS_WITH_AS(assay::time_group_split(t, g, 3),
                         "assay::time_group_split: n_splits: too many splits (3) for 3 groups with test_groups=0",
                         invalid_argument);
    CHECK_THROWS_AS(assay::time_group_split(t, std::vector<int>{1, 2}, 2), invalid_argument);
    const std::vector<double> nan_t{0.0, std::nan(""), 2.0, 3.0, 4.0, 5.0};
    CHECK_THROWS_WITH_AS(assay::time_group_split(nan_t, g, 2),
                         "assay::time_group_split: timestamps: value at index 1 is NaN", invalid_argument);
    o.gap = 10;
    CHECK_THROWS_AS(assay::time_group_split(t, g, 2, o), invalid_argument);  // nothing ends early enough

    const std::vector<int> unordered{0, 2, 1, 3};
    CHECK_THROWS_WITH_AS(assay::purged_kfold(unordered, unordered, 2),
                         "assay::purged_kfold: start: rows must be in time order: start of row 2 (1) is earlier than "
                         "that of row 1 (2)",
                         invalid_argument);
    const std::vector<int> s{0, 1, 2, 3}, e{1, 0, 3, 4};
    CHECK_THROWS_WITH_AS(assay::purged_kfold(s, e, 2),
                         "assay::purged_kfold: end: the interval of row 1 ends (0) before it starts (1)",
                         invalid_argument);
    assay::purge_options<int> po;
    po.embargo = -1;
    CHECK_THROWS_AS(assay::purged_kfold(s, s, 2, po), invalid_argument);
    CHECK_THROWS_AS(assay::purged_kfold(s, s, 5), invalid_argument);
    CHECK_THROWS_AS(assay::purged_kfold(s, s, 1), invalid_argument);
    CHECK_THROWS_AS(assay::purged_kfold(s, std::vector<int>{1}, 2), invalid_argument);
    CHECK_THROWS_AS(assay::purged_kfold(std::vector<int>{}, std::vector<int>{}, 2), invalid_argument);
    CHECK_THROWS_AS(assay::combinatorial_purged_cv(s, s, 4, 4), invalid_argument);
    CHECK_THROWS_AS(assay::combinatorial_purged_cv(s, s, 4, 0), invalid_argument);
}
