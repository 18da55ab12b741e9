// The leakage audit: hand-worked splits with known leaks and weaknesses, and
// splits from assay's own splitters that must come out clean.
#include <assay/split.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using assay::audit_finding;

TEST_CASE("audit: a random split of grouped rows leaks groups; a group split does not") {
    // 30 groups of 4 rows (four photos of each lemon).
    std::vector<int> groups;
    for (int j = 0; j < 30; ++j) groups.insert(groups.end(), 4, j);
    const auto in = assay::audit_input().groups(groups);

    const auto leaky = assay::audit_split(assay::kfold(groups.size(), 5, assay::shuffled{1}), in);
    CHECK(leaky.has_leaks());
    CHECK(leaky.count(audit_finding::groups_on_both_sides) == 5);
    CHECK(leaky.n_folds == 5);

    const auto clean = assay::audit_split(assay::group_kfold(groups, 5), in);
    CHECK(clean.ok());
    CHECK(assay::audit_split(assay::group_shuffle_split(groups, 3, 0.2, {}, 4), in).ok());
    CHECK(assay::audit_split(assay::leave_p_groups_out(std::vector<int>(groups.begin(), groups.begin() + 16), 2),
                             assay::audit_input().groups(std::vector<int>(groups.begin(), groups.begin() + 16)))
              .ok());

    // Hand-made: groups 0 0 1 1 2 2; test = rows 1, 2; train = rows 0, 3, 4, 5:
    // groups 0 and 1 are on both sides (2 training rows).
    const std::vector<int> g6{0, 0, 1, 1, 2, 2};
    const std::vector<int> train{0, 3, 4, 5}, test{1, 2};
    const auto r = assay::audit_split(train, test, assay::audit_input().groups(g6));
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].kind == audit_finding::groups_on_both_sides);
    CHECK(r.issues[0].count == 2);
    CHECK(r.issues[0].message == "test: 2 groups on both sides (2 training rows), e.g. 0, 1");
}

TEST_CASE("audit: time order and gap") {
    std::vector<long> t;
    for (long i = 0; i < 10; ++i) t.push_back(100 + i);
    const auto in = assay::audit_input().timestamps(t);
    // k-fold on time-ordered rows: folds 0-3 train on later rows; fold 0 has
    // 8 of them (rows 2-9), fold 4 none.
    const auto kf = assay::audit_split(assay::kfold(10, 5), in);
    CHECK(kf.count(audit_finding::time_order) == 4);
    REQUIRE(!kf.issues.empty());
    CHECK(kf.issues[0].fold == 0);
    CHECK(kf.issues[0].count == 8);
    CHECK(kf.issues[0].message == "fold 0: 8 training rows at or after the first test time 100 (latest 109)");

    CHECK(assay::audit_split(assay::time_series_split(10, 3), in).ok());
    // Fold 0 of time_series_split(10, 3) tests rows 4-5 and trains on 0-3: with
    // a required gap of 2, row 3 (one step before) breaches it.
    auto gapped = in;
    gapped.gap(2);
    const auto g = assay::audit_split(assay::time_series_split(10, 3), gapped);
    CHECK(g.count(audit_finding::gap_breach) == 3);
    CHECK(g.issues[0].count == 1);
    assay::time_series_options o;
    o.gap = 1;
    CHECK(assay::audit_split(assay::time_series_split(10, 3, o), gapped).ok());
}

TEST_CASE("audit: label intervals and embargo") {
    std::vector<int> s, e;
    for (int i = 0; i < 20; ++i) {
        s.push_back(i);
        e.push_back(i + 2);
    }
    const auto in = assay::audit_input().intervals(s, e);
    CHECK(assay::audit_split(assay::kfold(20, 4), in).count(audit_finding::interval_overlap) == 4);
    CHECK(assay::audit_split(assay::purged_kfold(s, e, 4), in).ok());
    auto with_embargo = in;
    with_embargo.embargo(2);
    // Without an embargo in the splitter, the rows right after each test
    // interval (folds 0-2) start within it.
    CHECK(assay::audit_split(assay::purged_kfold(s, e, 4), with_embargo).count(audit_finding::embargo_breach) == 3);
    assay::purge_options<int> po;
    po.embargo = 2;
    CHECK(assay::audit_split(assay::purged_kfold(s, e, 4, po), with_embargo).ok());
    CHECK(assay::audit_split(assay::combinatorial_purged_cv(s, e, 5, 2, po), with_embargo).ok());
}

TEST_CASE("audit: missing classes, class shares, small classes, empty and shared rows") {
    // Labels sorted: 8 of class "ok", then 2 of "mold"; unshuffled k-fold.
    std::vector<std::string> y(8, "ok");
    y.push_back("mold");
    y.push_back("mold");
    const auto in = assay::audit_input().labels(y);
    const auto r = assay::audit_split(assay::kfold(10, 5), in);
    // Folds 0-3: "mold" missing from test and "ok" share 1.0 vs 0.8; fold 4:
    // "ok" missing from test, "mold" missing from train, "mold" share 1.0 vs
    // 0.2; "mold" has 2 rows for 5 folds.
    CHECK(r.count(audit_finding::class_missing) == 6);
    CHECK(r.count(audit_finding::class_share) == 5);
    CHECK(r.count(audit_finding::class_fewer_than_folds) == 1);
    CHECK(!r.has_leaks());
    CHECK(r.classes == std::vector<std::string>{"mold", "ok"});
    REQUIRE(r.shares.size() == 6);
    CHECK(r.shares[0].fold == -1);
    CHECK(r.shares[0].share == std::vector<double>{0.2, 0.8});
    CHECK(r.shares[5].share == std::vector<double>{1.0, 0.0});

    // Stratified: every fold holds the shares exactly.
    const std::vector<int> y2{0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    CHECK(assay::audit_split(assay::stratified_kfold(y2, 2), assay::audit_input().labels(y2)).ok());

    const std::vector<int> train{0, 1, 2}, test{2, 3}, none{};
    const auto both = assay::audit_split(train, test, assay::audit_input().rows(5));
    CHECK(both.count(audit_finding::rows_on_both_sides) == 1);
    CHECK(both.issues[0].message == "test: 1 rows in both train and test, e.g. row 2");
    CHECK(assay::audit_split(train, none, assay::audit_input().rows(5)).count(audit_finding::empty_side) == 1);

    // Fold ids directly (PredefinedSplit reading).
    const std::vector<assay::fold_id> ids{0, 0, 1, 1, -1};
    const std::vector<int> g{7, 8, 8, 9, 9};
    const auto by_ids = assay::audit_split(ids, assay::audit_input().groups(g));
    CHECK(by_ids.count(audit_finding::groups_on_both_sides) == 2);  // group 8 in folds 0/1, group 9 in fold 1/-1
}

TEST_CASE("audit: train / valid / holdout parts") {
    std::vector<int> y, g;
    for (int j = 0; j < 200; ++j) {
        for (int k = 0; k < 3; ++k) {
            g.push_back(j);
            y.push_back(j % 5 == 0 ? 1 : 0);
        }
    }
    const auto in = assay::audit_input().labels(y).groups(g);
    const auto p = assay::stratified_group_parts(y, g, {0.8, 0.1, 0.1}, 3);
    const auto r = assay::audit_parts(p, in);
    CHECK(r.ok());
    CHECK(r.shares.size() == 4);
    const auto leaky = assay::audit_parts(assay::random_parts(y.size(), {0.8, 0.1, 0.1}, 3), in);
    CHECK(leaky.count(audit_finding::groups_on_both_sides) == 3);  // 0/1, 0/2, 1/2

    // Hand-made parts: part 2 holds no row of class 1 (reported once, for
    // that part), and its class-0 share is 1 against 2/3 overall.
    assay::parts hand;
    hand.assign = {0, 1, 0, 1, 2, 2};
    hand.rows = {{0, 2}, {1, 3}, {4, 5}};
    const std::vector<int> y6{0, 0, 1, 1, 0, 0};
    const auto h = assay::audit_parts(hand, assay::audit_input().labels(y6));
    CHECK(h.count(audit_finding::class_missing) == 1);
    // Parts 0 and 1: both classes at 1/2 against 2/3 and 1/3; part 2: class 0
    // at 1 against 2/3.
    CHECK(h.count(audit_finding::class_share) == 5);
    CHECK(h.issues.front().message == "part 0: class 0 has share 0.500 vs 0.667 overall");
}

TEST_CASE("audit: the report prints readably") {
    std::vector<int> groups;
    std::vector<std::string> y;
    for (int j = 0; j < 12; ++j) {
        groups.insert(groups.end(), 3, j);
        for (int k = 0; k < 3; ++k) y.push_back(j % 4 == 0 ? "mold" : "ok");
    }
    const auto r = assay::audit_split(assay::kfold(groups.size(), 3), assay::audit_input().groups(groups).labels(y));
    const std::string text = r.to_string();
    CHECK(text.find("split audit: 3 folds, 36 rows: ") == 0);
    CHECK(text.find("class shares:") != std::string::npos);
    CHECK(text.find("whole") != std::string::npos);
    const auto clean = assay::audit_split(assay::group_kfold(groups, 3), assay::audit_input().groups(groups));
    CHECK(clean.to_string() == "split audit: 3 folds, 36 rows: no leak, no weakness found\n");
    CHECK(std::string(assay::to_string(audit_finding::interval_overlap)) == "interval_overlap");
}

TEST_CASE("audit: bad input") {
    using assay::invalid_argument;
    const std::vector<int> a{1, 2, 3}, b{1, 2};
    CHECK_THROWS_WITH_AS(assay::audit_split(assay::kfold(3, 3), assay::audit_input()),
                         "assay::audit_split: input: gives no column: set groups, labels, timestamps, intervals or rows",
                         invalid_argument);
    CHECK_THROWS_WITH_AS(assay::audit_input().groups(a).labels(b),
                         "assay::audit_input: labels: has 2 rows but an earlier column has 3", invalid_argument);
    CHECK_THROWS_AS(assay::audit_split(assay::kfold(4, 2), assay::audit_input().groups(a)), invalid_argument);
    CHECK_THROWS_AS(assay::audit_input().intervals(std::vector<int>{2}, std::vector<int>{1}), invalid_argument);
    CHECK_THROWS_AS(assay::audit_input().gap(-1.0), invalid_argument);
    CHECK_THROWS_AS(assay::audit_input().timestamps(std::vector<double>{0.0, 0.0 / 0.0}), invalid_argument);
    const std::vector<int> neg{-1};
    CHECK_THROWS_AS(assay::audit_split(a, neg, assay::audit_input().rows(3)), invalid_argument);
}
