// Hand-worked examples of the partitioning splitters, the label and group
// types they accept, the fold interface, and every bad input they refuse.
#include <assay/split.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using rows = std::vector<std::size_t>;

template <class Folds>
std::vector<rows> tests_of(const Folds& folds) {
    std::vector<rows> out;
    for (const auto& f : folds) out.push_back(f.test.to_vector());
    return out;
}

template <class Folds>
std::vector<rows> trains_of(const Folds& folds) {
    std::vector<rows> out;
    for (const auto& f : folds) out.push_back(f.train.to_vector());
    return out;
}

enum class fruit { lemon = 3, lime = -1, orange = 7 };

}  // namespace

TEST_CASE("kfold: consecutive blocks, the first n % k one row longer") {
    const auto folds = assay::kfold(10, 3);
    CHECK(folds.n_splits() == 3);
    CHECK(tests_of(folds) == std::vector<rows>{{0, 1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    CHECK(trains_of(folds)[1] == rows{0, 1, 2, 3, 7, 8, 9});
    CHECK(folds[1].train.size() == 7);
    CHECK(folds.assign() == std::vector<assay::fold_id>{0, 0, 0, 0, 1, 1, 1, 2, 2, 2});
    std::size_t k = 0;
    for (const auto& f : folds) CHECK(f.index == k++);
    CHECK(k == 3);
    CHECK(folds.at(2).test.front() == 7);
    CHECK_THROWS_AS(folds.at(3), assay::invalid_argument);
}

TEST_CASE("stratified_kfold: scikit-learn's user-guide example, worked by hand") {
    // y = 0 0 1 1, k = 2: the class-sorted labels 0 0 1 1 are dealt round
    // robin, so each fold gets one row of each class.
    const std::vector<int> y{0, 0, 1, 1};
    CHECK(tests_of(assay::stratified_kfold(y, 2)) == std::vector<rows>{{0, 2}, {1, 3}});
    // Classes are taken in order of first appearance: with y = 1 1 0 0 0 the
    // class-sorted sequence is 1 1 0 0 0 (class 1 first): fold 0 receives
    // positions 0, 2, 4 -> one "1" and two "0"s.
    const std::vector<int> y2{1, 1, 0, 0, 0};
    CHECK(tests_of(assay::stratified_kfold(y2, 2)) == std::vector<rows>{{0, 2, 3}, {1, 4}});
}

TEST_CASE("group_kfold: largest group first, each to the lightest fold") {
    // a: 3 rows, b: 2 rows, c: 1 row. a -> fold 0, b -> fold 1 (lighter),
    // c -> fold 1 (2 < 3).
    const std::vector<std::string> g{"b", "a", "c", "a", "b", "a"};
    const auto folds = assay::group_kfold(g, 2);
    CHECK(tests_of(folds) == std::vector<rows>{{1, 3, 5}, {0, 2, 4}});
    // Equal sizes and at most 16 groups: numpy's insertion sort keeps them in
    // order, so after reversal the larger group value comes first.
    const std::vector<int> tie{5, 9, 5, 9, 1, 1};
    CHECK(tests_of(assay::group_kfold(tie, 3)) == std::vector<rows>{{1, 3}, {0, 2}, {4, 5}});
}

TEST_CASE("stratified_group_kfold: groups stay whole and classes spread") {
    // Groups 0..3, each of one class; two classes with two groups each: the
    // best 2-fold split puts one group of each class in each fold.
    const std::vector<int> y{0, 0, 1, 1, 0, 0, 1, 1};
    const std::vector<int> g{0, 0, 1, 1, 2, 2, 3, 3};
    const auto folds = assay::stratified_group_kfold(y, g, 2);
    for (const auto& f : folds) {
        int zeros = 0, ones = 0;
        for (auto r : f.test) (y[r] == 0 ? zeros : ones)++;
        CHECK(zeros == 2);
        CHECK(ones == 2);
        for (auto r : f.test) {
            for (auto s : f.train) CHECK(g[r] != g[s]);
        }
    }
}

TEST_CASE("leave_one_group_out and leave_p_groups_out") {
    const std::vector<long> g{30, 10, 20, 10, 30};
    const auto logo = assay::leave_one_group_out(g);
    CHECK(tests_of(logo) == std::vector<rows>{{1, 3}, {2}, {0, 4}});
    const auto lpgo = assay::leave_p_groups_out(g, 2);
    CHECK(lpgo.n_splits() == 3);
    CHECK(tests_of(lpgo) == std::vector<rows>{{1, 2, 3}, {0, 1, 3, 4}, {0, 2, 4}});
    CHECK(trains_of(lpgo) == std::vector<rows>{{0, 4}, {2}, {1, 3}});
    const std::vector<int> five{0, 1, 2, 3, 4};
    CHECK(assay::leave_p_groups_out(five, 2).n_splits() == 10);
    std::size_t count = 0;
    for (const auto& f : assay::leave_p_groups_out(five, 3)) {
        CHECK(f.test.size() == 3);
        CHECK(f.train.size() == 2);
        ++count;
    }
    CHECK(count == 10);
}

TEST_CASE("predefined_split: a fold label per row, -1 never tested") {
    const std::vector<int> test_fold{-1, 3, 1, 3, -1, 1};
    const auto folds = assay::predefined_split(test_fold);
    CHECK(folds.n_splits() == 2);
    CHECK(tests_of(folds) == std::vector<rows>{{2, 5}, {1, 3}});
    CHECK(trains_of(folds) == std::vector<rows>{{0, 1, 3, 4}, {0, 2, 4, 5}});
    CHECK(folds.assign() == std::vector<assay::fold_id>{-1, 1, 0, 1, -1, 0});
}

TEST_CASE("labels and groups of any integral, enum or string type give the same folds as their ranks") {
    // Ranks of the values below in ascending order.
    const std::vector<int> ranks{2, 0, 1, 2, 1, 0, 0, 2, 1, 1, 0, 2};
    const std::vector<std::string> strings{"pear", "apple", "fig", "pear", "fig", "apple",
                                           "apple", "pear", "fig", "fig", "apple", "pear"};
    std::vector<const char*> cstrings;
    for (const auto& s : strings) cstrings.push_back(s.c_str());
    const std::vector<fruit> enums{fruit::orange, fruit::lime, fruit::lemon, fruit::orange, fruit::lemon, fruit::lime,
                                   fruit::lime,   fruit::orange, fruit::lemon, fruit::lemon, fruit::lime, fruit::orange};
    std::vector<std::int64_t> negative;
    std::vector<std::uint64_t> sparse;
    std::vector<char> chars;
    for (int r : ranks) {
        negative.push_back(-1000000000000LL + r);
        sparse.push_back(std::numeric_limits<std::uint64_t>::max() - 5000000000ULL * static_cast<std::uint64_t>(2 - r));
        chars.push_back(static_cast<char>('a' + r));
    }
    const auto expect_groups = tests_of(assay::group_kfold(ranks, 3));
    CHECK(tests_of(assay::group_kfold(strings, 3)) == expect_groups);
    CHECK(tests_of(assay::group_kfold(cstrings, 3)) == expect_groups);
    CHECK(tests_of(assay::group_kfold(enums, 3)) == expect_groups);
    CHECK(tests_of(assay::group_kfold(negative, 3)) == expect_groups);
    CHECK(tests_of(assay::group_kfold(sparse, 3)) == expect_groups);
    CHECK(tests_of(assay::group_kfold(chars, 3)) == expect_groups);
    const auto expect_sgkf = tests_of(assay::stratified_group_kfold(ranks, ranks, 2));
    CHECK(tests_of(assay::stratified_group_kfold(strings, sparse, 2)) == expect_sgkf);
    CHECK(tests_of(assay::stratified_group_kfold(enums, cstrings, 2)) == expect_sgkf);
    const auto expect_skf = tests_of(assay::stratified_kfold(ranks, 3));
    CHECK(tests_of(assay::stratified_kfold(strings, 3)) == expect_skf);
    CHECK(tests_of(assay::stratified_kfold(enums, 3)) == expect_skf);
    CHECK(tests_of(assay::stratified_kfold(sparse, 3)) == expect_skf);
    CHECK(tests_of(assay::leave_one_group_out(negative)) == tests_of(assay::leave_one_group_out(chars)));
    const bool flags[] = {true, false, true, false, true, false};
    CHECK(tests_of(assay::stratified_kfold(flags, 3)) == std::vector<rows>{{0, 1}, {2, 3}, {4, 5}});
}

TEST_CASE("every coding path of integer labels gives the folds of the labels' ranks") {
    // Ranks 0..4 in a pseudo-random order over 3000 rows; the same ranks
    // mapped through increasing functions that land in each coding path:
    // class ids 0..m-1 (one pass), ids with gaps below 4096 (one pass and a
    // recode), a value beyond 4095 only near the end (the one-pass attempt
    // abandoned late), a dense span far from 0, and sparse values.
    std::vector<int> ranks;
    std::uint64_t h = 12345;
    for (int i = 0; i < 3000; ++i) {
        h = h * 6364136223846793005ULL + 1442695040888963407ULL;
        ranks.push_back(static_cast<int>((h >> 33) % 5));
    }
    ranks[2990] = 4;
    const std::vector<std::int64_t> map_gaps{1, 7, 100, 2000, 4095};
    const std::vector<std::int64_t> map_late{0, 1, 2, 3, 4096};  // 4 (-> 4096) first appears late
    std::vector<int> late_ranks(ranks);
    for (std::size_t i = 0; i < 2990; ++i)
        if (late_ranks[i] == 4) late_ranks[i] = 3;
    std::vector<std::int64_t> gaps, late, far, sparse;
    for (int r : ranks) {
        gaps.push_back(map_gaps[static_cast<std::size_t>(r)]);
        far.push_back(-70000 + r);
        sparse.push_back(static_cast<std::int64_t>(r) * 1000000007LL - 3);
    }
    for (int r : late_ranks) late.push_back(map_late[static_cast<std::size_t>(r)]);
    const auto expect_skf = tests_of(assay::stratified_kfold(ranks, 5));
    CHECK(tests_of(assay::stratified_kfold(gaps, 5)) == expect_skf);
    CHECK(tests_of(assay::stratified_kfold(far, 5)) == expect_skf);
    CHECK(tests_of(assay::stratified_kfold(sparse, 5)) == expect_skf);
    CHECK(tests_of(assay::stratified_kfold(late, 5)) == tests_of(assay::stratified_kfold(late_ranks, 5)));
    const auto expect_gkf = tests_of(assay::group_kfold(ranks, 4));
    CHECK(tests_of(assay::group_kfold(gaps, 4)) == expect_gkf);
    CHECK(tests_of(assay::group_kfold(far, 4)) == expect_gkf);
    CHECK(tests_of(assay::group_kfold(sparse, 4)) == expect_gkf);
    // The class shares per fold are those of the whole (1 row of slack).
    const auto folds = assay::stratified_kfold(gaps, 5);
    for (const auto& f : folds) {
        std::size_t n4096 = 0;
        for (auto r : f.test) n4096 += gaps[r] == 4095;
        std::size_t all = 0;
        for (auto v : gaps) all += v == 4095;
        CHECK(n4096 * 5 + 5 >= all);
        CHECK(n4096 * 5 <= all + 5);
    }
}

TEST_CASE("a class with fewer members than folds is reported, not silently mis-stratified") {
    const std::vector<int> y{0, 0, 0, 0, 0, 0, 1, 1};
    const auto folds = assay::stratified_kfold(y, 3);
    REQUIRE(folds.warnings().size() == 1);
    CHECK(folds.warnings()[0].find("only 2 members") != std::string::npos);
    CHECK(assay::stratified_kfold(y, 2).warnings().empty());
    const std::vector<int> g{0, 1, 2, 3, 4, 5, 6, 7};
    CHECK(assay::stratified_group_kfold(y, g, 3).warnings().size() == 1);
}

TEST_CASE("time_series_split: O(1) range folds, or views of a timestamp order") {
    assay::time_series_options o;
    o.gap = 1;
    o.max_train_size = 3;
    const auto ts = assay::time_series_split(10, 3, o);
    // test_size = 10 // 4 = 2; test starts 4, 6, 8.
    REQUIRE(ts.size() == 3);
    CHECK(ts[0].test.is_range());
    CHECK(ts[0].test.to_vector() == rows{4, 5});
    CHECK(ts[0].train.to_vector() == rows{0, 1, 2});
    CHECK(ts[1].train.to_vector() == rows{2, 3, 4});
    CHECK(ts[2].test.to_vector() == rows{8, 9});
    CHECK(ts[2].train.to_vector() == rows{4, 5, 6});
    CHECK(ts.assign() == std::vector<assay::fold_id>{-1, -1, -1, -1, 0, 0, 1, 1, 2, 2});

    // Rows out of time order: time order is rows 5, 1, 3, 4, 2, 0.
    const std::vector<double> t{5.0, 1.0, 4.0, 2.0, 3.0, 0.5};
    const auto by_time = assay::time_series_split(t, 2);
    CHECK(by_time[0].train.to_vector() == rows{5, 1});
    CHECK(by_time[0].test.to_vector() == rows{3, 4});
    CHECK(by_time[1].train.to_vector() == rows{5, 1, 3, 4});
    CHECK(by_time[1].test.to_vector() == rows{2, 0});
}

TEST_CASE("shuffled k-folds: same seed, same folds; sizes as without shuffling") {
    const auto a = assay::kfold(103, 5, assay::shuffled{7});
    const auto b = assay::kfold(103, 5, assay::shuffled{7});
    const auto c = assay::kfold(103, 5, assay::shuffled{8});
    CHECK(a.assign() == b.assign());
    CHECK(a.assign() != c.assign());
    for (std::size_t f = 0; f < 5; ++f) CHECK(a[f].test.size() == assay::kfold(103, 5)[f].test.size());
}

TEST_CASE("a seed gives the same folds on every platform") {
    // Worked from the published generators, independently of assay's code:
    // xoshiro256** seeded with SplitMix64(1234567) starts from the state
    // {6457827717110365317, 3203168211198807973, 9817491932198370423,
    // 4593380528125082431}; Fisher-Yates over rows 0..5 with Lemire's bounded
    // integers (j = high 64 bits of draw * i for i = 6, 5, ..., 2) gives the
    // permutation 3 5 2 4 0 1, whose first three positions form fold 0.
    const auto folds = assay::kfold(6, 2, assay::shuffled{1234567});
    CHECK(folds.assign() == std::vector<assay::fold_id>{1, 1, 0, 0, 1, 0});
    CHECK(folds[0].test.to_vector() == rows{2, 3, 5});
}

TEST_CASE("bad input: a clear assay::invalid_argument") {
    const std::vector<int> y{0, 0, 0, 0, 0, 1, 1};
    const std::vector<int> one_group(7, 4);
    const std::vector<int> empty;
    using assay::invalid_argument;

    CHECK_THROWS_WITH_AS(assay::kfold(10, 1), "assay::kfold: n_splits: must be at least 2, got 1", invalid_argument);
    CHECK_THROWS_WITH_AS(assay::kfold(0, 2), "assay::kfold: rows: is empty", invalid_argument);
    CHECK_THROWS_WITH_AS(assay::kfold(7, 8),
                         "assay::kfold: n_splits: cannot be greater than the number of rows (7), got 8",
                         invalid_argument);
    CHECK_THROWS_WITH_AS(assay::stratified_kfold(empty, 2), "assay::stratified_kfold: rows: is empty",
                         invalid_argument);
    CHECK_THROWS_AS(assay::stratified_kfold(y, 8), invalid_argument);
    CHECK_THROWS_WITH_AS(assay::stratified_kfold(std::vector<int>{0, 0, 1, 1, 2, 2}, 3),
                         "assay::stratified_kfold: n_splits: cannot be greater than the number of members in each "
                         "class (3 folds, largest class has 2 members)",
                         invalid_argument);
    CHECK_THROWS_WITH_AS(assay::group_kfold(one_group, 2),
                         "assay::group_kfold: n_splits: cannot be greater than the number of groups (1), got 2",
                         invalid_argument);
    CHECK_THROWS_WITH_AS(assay::stratified_group_kfold(y, std::vector<int>{1, 2, 3}, 2),
                         "assay::stratified_group_kfold: groups: has 3 elements but y has 7", invalid_argument);
    CHECK_THROWS_AS(assay::stratified_group_kfold(y, one_group, 1), invalid_argument);
    CHECK_THROWS_WITH_AS(assay::leave_one_group_out(one_group),
                         "assay::leave_one_group_out: groups: must contain at least 2 distinct groups, got 1",
                         invalid_argument);
    CHECK_THROWS_AS(assay::leave_one_group_out(empty), invalid_argument);
    CHECK_THROWS_WITH_AS(assay::leave_p_groups_out(std::vector<int>{1, 2, 1}, 2),
                         "assay::leave_p_groups_out: groups: must contain more than p=2 distinct groups, got 2",
                         invalid_argument);
    CHECK_THROWS_AS(assay::leave_p_groups_out(y, 0), invalid_argument);
    CHECK_THROWS_WITH_AS(assay::predefined_split(std::vector<int>{-1, -1}),
                         "assay::predefined_split: test_fold: has no fold label other than -1", invalid_argument);
    CHECK_THROWS_AS(assay::partition(std::vector<assay::fold_id>{0, 2}, 2), invalid_argument);

    assay::time_series_options o;
    CHECK_THROWS_WITH_AS(assay::time_series_split(7, 7, o),
                         "assay::time_series_split: n_splits: n_splits + 1 = 8 folds cannot exceed the number of rows (7)",
                         invalid_argument);
    o.test_size = 2;
    o.gap = 1;
    CHECK_THROWS_WITH_AS(assay::time_series_split(7, 3, o),
                         "assay::time_series_split: n_splits: too many splits (3) for 7 rows with test_size=2 and gap=1",
                         invalid_argument);
    o = {};
    o.gap = -1;
    CHECK_THROWS_WITH_AS(assay::time_series_split(7, 2, o),
                         "assay::time_series_split: gap: must not be negative, got -1", invalid_argument);
    o = {};
    o.test_size = std::numeric_limits<std::int64_t>::max();
    CHECK_THROWS_AS(assay::time_series_split(7, 2, o), invalid_argument);
    const std::vector<double> t{0.0, 1.0, std::nan(""), 3.0};
    CHECK_THROWS_WITH_AS(assay::time_series_split(t, 2), "assay::time_series_split: timestamps: value at index 2 is NaN",
                         invalid_argument);
}

TEST_CASE("complement_view: iteration and to_vector list exactly the other rows, for any id pattern") {
    assay::rng g(3);
    for (int t = 0; t < 200; ++t) {
        const std::size_t n = 1 + assay::uniform_index(g, 300), k = 1 + assay::uniform_index(g, 5);
        std::vector<assay::fold_id> ids(n);
        for (auto& x : ids) x = static_cast<assay::fold_id>(assay::uniform_index(g, k + 1)) - 1;
        for (assay::fold_id f = -1; f < static_cast<assay::fold_id>(k); ++f) {
            rows expected;
            for (std::size_t i = 0; i < n; ++i) {
                if (ids[i] != f) expected.push_back(i);
            }
            const assay::complement_view v(ids.data(), n, f, expected.size());
            CHECK(rows(v.begin(), v.end()) == expected);
            CHECK(v.to_vector() == expected);
        }
    }
}
