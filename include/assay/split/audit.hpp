// assay/split/audit.hpp — a leakage audit of any split.
//
//     auto report = assay::audit_split(folds, assay::audit_input().groups(g).labels(y));
//     if (report.has_leaks()) std::cerr << report;
//
// Given the folds of any splitter (or a fold id per row, or one train/test
// pair, or train/valid/holdout parts) and whatever is known about the rows —
// groups, class labels, timestamps, label intervals — the audit reports:
// * leaks: rows on both sides, groups on both sides, training rows at or
//   after the start of the test rows (time order), training rows within the
//   required gap before the test, training label intervals overlapping a
//   test label interval, training rows within the embargo after it;
// * weaknesses: empty sides, classes missing from a side, class shares of a
//   test part (or of a part) away from the whole by more than a tolerance,
//   classes with fewer rows than folds.
// The report is a plain struct (issues and a class-share table) that prints
// readably with operator<<.
#pragma once

#include "../config.hpp"
#include "../detail/checks.hpp"
#include "../error.hpp"
#include "detail/encode.hpp"
#include "fold.hpp"
#include "parts.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN

namespace detail {

template <class T>
std::string display_value(const T& v) {
    if constexpr (std::is_same<T, bool>::value) {
        return v ? "true" : "false";
    } else if constexpr (std::is_same<T, char>::value) {
        return std::string(1, v);
    } else if constexpr (std::is_enum<T>::value) {
        return std::to_string(static_cast<long long>(static_cast<std::underlying_type_t<T>>(v)));
    } else if constexpr (std::is_integral<T>::value) {
        return std::to_string(v);
    } else {
        return std::string(std::string_view(v));
    }
}

struct named_codes {
    std::vector<std::int32_t> codes;
    std::vector<std::size_t> counts;
    std::vector<std::string> names;
    bool set() const noexcept { return !names.empty() || !codes.empty(); }
};

template <class Range>
named_codes encode_named(const Range& r, const char* arg) {
    auto enc = encode_sorted(r, "audit_input", arg);
    named_codes out;
    out.names.resize(enc.n_unique());
    std::vector<char> done(enc.n_unique(), 0);
    std::size_t i = 0;
    for (const auto& v : r) {
        const auto c = enc.codes[i++];
        if (!done[c]) {
            done[c] = 1;
            out.names[c] = display_value(v);
        }
    }
    out.codes = std::move(enc.codes);
    out.counts = std::move(enc.counts);
    return out;
}

template <class Range>
std::vector<long double> time_column(const Range& r, const char* arg) {
    using T = range_value_t<Range>;
    static_assert(std::is_arithmetic<T>::value, "timestamps must be of an integral or floating-point type");
    std::vector<long double> out;
    std::size_t i = 0;
    for (const auto& v : r) {
        const auto x = static_cast<long double>(v);
        if (ASSAY_UNLIKELY(std::isnan(x))) throw_invalid_argument("audit_input", arg, "value at index ", i, " is NaN");
        out.push_back(x);
        ++i;
    }
    return out;
}

}  // namespace detail

/// What the audit knows about the rows, set with named setters; every
/// column is optional but must have one entry per row. Columns are copied
/// (as codes and numbers) when set.
class audit_input {
public:
    /// Group of every row (any integral, enum or string type).
    template <class Groups>
    audit_input& groups(const Groups& g) {
        groups_ = detail::encode_named(g, "groups");
        note_rows(groups_.codes.size(), "groups");
        return *this;
    }
    /// Class label of every row (any integral, enum or string type).
    template <class Labels>
    audit_input& labels(const Labels& y) {
        labels_ = detail::encode_named(y, "labels");
        note_rows(labels_.codes.size(), "labels");
        return *this;
    }
    /// Timestamp of every row (any arithmetic type). Enables the time-order
    /// and gap checks: training rows must come before the test rows.
    template <class Times>
    audit_input& timestamps(const Times& t) {
        time_ = detail::time_column(t, "timestamps");
        note_rows(time_.size(), "timestamps");
        return *this;
    }
    /// Label interval [start, end] of every row. Enables the overlap and
    /// embargo checks of purged cross-validation (training on later rows is
    /// allowed, overlapping intervals are not).
    template <class Starts, class Ends>
    audit_input& intervals(const Starts& start, const Ends& end) {
        start_ = detail::time_column(start, "start");
        end_ = detail::time_column(end, "end");
        detail::require_same_size("audit_input", "start", start_.size(), "end", end_.size());
        for (std::size_t i = 0; i < start_.size(); ++i) {
            detail::require(!(end_[i] < start_[i]), "audit_input", "end", "the interval of row ", i,
                            " ends before it starts");
        }
        note_rows(start_.size(), "intervals");
        return *this;
    }
    /// Minimal time between the last training row and the first test row
    /// (with timestamps). Default 0: training rows must merely be earlier.
    audit_input& gap(double g) {
        detail::require(g >= 0.0, "audit_input", "gap", "must not be negative, got ", g);
        gap_ = g;
        return *this;
    }
    /// Time after each test interval in which no training interval may start
    /// (with intervals). Default 0.
    audit_input& embargo(double e) {
        detail::require(e >= 0.0, "audit_input", "embargo", "must not be negative, got ", e);
        embargo_ = e;
        return *this;
    }
    /// Largest tolerated absolute difference between a class's share in a
    /// test fold (or part) and in the whole. Default 0.05.
    audit_input& share_tolerance(double t) {
        detail::require(t >= 0.0 && t <= 1.0, "audit_input", "share_tolerance", "must lie in [0, 1], got ", t);
        share_tolerance_ = t;
        return *this;
    }
    /// Number of rows, when no column is given.
    audit_input& rows(std::size_t n) {
        note_rows(n, "rows");
        return *this;
    }

    std::size_t n_rows() const noexcept { return n_rows_; }
    bool has_rows() const noexcept { return has_rows_; }

private:
    void note_rows(std::size_t n, const char* what) {
        if (has_rows_ && n != n_rows_) {
            detail::throw_invalid_argument("audit_input", what, "has ", n, " rows but an earlier column has ", n_rows_);
        }
        n_rows_ = n;
        has_rows_ = true;
    }

public:
    // Read access for the audit (documented as read-only).
    const detail::named_codes& groups_column() const noexcept { return groups_; }
    const detail::named_codes& labels_column() const noexcept { return labels_; }
    const std::vector<long double>& time_column() const noexcept { return time_; }
    const std::vector<long double>& start_column() const noexcept { return start_; }
    const std::vector<long double>& end_column() const noexcept { return end_; }
    double gap_value() const noexcept { return gap_; }
    double embargo_value() const noexcept { return embargo_; }
    double share_tolerance_value() const noexcept { return share_tolerance_; }

private:
    detail::named_codes groups_, labels_;
    std::vector<long double> time_, start_, end_;
    double gap_ = 0.0, embargo_ = 0.0, share_tolerance_ = 0.05;
    std::size_t n_rows_ = 0;
    bool has_rows_ = false;
};

/// Kinds of findings.
enum class audit_finding {
    rows_on_both_sides,      ///< leak: a row in train and test
    groups_on_both_sides,    ///< leak: a group in train and test
    time_order,              ///< leak: training rows at or after the first test row
    gap_breach,              ///< leak: training rows within `gap` before the first test row
    interval_overlap,        ///< leak: a training label interval overlaps a test one
    embargo_breach,          ///< leak: a training interval starts within the embargo after a test one
    empty_side,              ///< weakness: no train or no test row
    class_missing,           ///< weakness: a class present overall is absent from a side
    class_share,             ///< weakness: a class's share in a test part is off by more than the tolerance
    class_fewer_than_folds,  ///< weakness: a class has fewer rows than there are folds
};

/// Name of a finding kind ("groups_on_both_sides", ...).
inline const char* to_string(audit_finding k) noexcept {
    switch (k) {
        case audit_finding::rows_on_both_sides: return "rows_on_both_sides";
        case audit_finding::groups_on_both_sides: return "groups_on_both_sides";
        case audit_finding::time_order: return "time_order";
        case audit_finding::gap_breach: return "gap_breach";
        case audit_finding::interval_overlap: return "interval_overlap";
        case audit_finding::embargo_breach: return "embargo_breach";
        case audit_finding::empty_side: return "empty_side";
        case audit_finding::class_missing: return "class_missing";
        case audit_finding::class_share: return "class_share";
        case audit_finding::class_fewer_than_folds: return "class_fewer_than_folds";
    }
    return "unknown";
}

/// True for the kinds that let information cross from test to train.
inline bool is_leak(audit_finding k) noexcept {
    return k == audit_finding::rows_on_both_sides || k == audit_finding::groups_on_both_sides ||
           k == audit_finding::time_order || k == audit_finding::gap_breach ||
           k == audit_finding::interval_overlap || k == audit_finding::embargo_breach;
}

/// One finding: its kind, the fold (or part) it concerns (-1 = the whole
/// split), how many rows (or groups, or classes) it involves, and a
/// readable message with examples.
struct audit_issue {
    audit_finding kind;
    std::int64_t fold = -1;
    std::size_t count = 0;
    std::string message;
    bool leak() const noexcept { return is_leak(kind); }
};

/// Class shares of one test fold or part (and of the whole, fold == -1).
struct audit_share_row {
    std::string name;  ///< "whole", "fold 3", "test", "part 1"
    std::int64_t fold = -1;
    std::size_t rows = 0;
    std::vector<double> share;  ///< per class, in audit_report::classes order
};

/// The result of an audit.
struct audit_report {
    std::string what;                  ///< "5 folds", "train/test", "3 parts"
    std::size_t n_rows = 0;
    std::size_t n_folds = 0;
    std::vector<audit_issue> issues;
    std::vector<std::string> classes;  ///< class names (when labels were given)
    std::vector<audit_share_row> shares;

    std::size_t n_leaks() const noexcept {
        return static_cast<std::size_t>(std::count_if(issues.begin(), issues.end(), [](const audit_issue& i) { return i.leak(); }));
    }
    std::size_t n_weaknesses() const noexcept { return issues.size() - n_leaks(); }
    bool has_leaks() const noexcept { return n_leaks() > 0; }
    /// True when nothing was found.
    bool ok() const noexcept { return issues.empty(); }
    /// Number of findings of a kind.
    std::size_t count(audit_finding k) const noexcept {
        return static_cast<std::size_t>(std::count_if(issues.begin(), issues.end(), [k](const audit_issue& i) { return i.kind == k; }));
    }

    /// Readable text: a summary line, one line per finding, the share table.
    std::string to_string() const {
        std::ostringstream out;
        out << "split audit: " << what << ", " << n_rows << " rows: ";
        if (issues.empty()) out << "no leak, no weakness found\n";
        else out << n_leaks() << (n_leaks() == 1 ? " leak, " : " leaks, ") << n_weaknesses()
                 << (n_weaknesses() == 1 ? " weakness\n" : " weaknesses\n");
        for (const auto& i : issues) {
            out << "  " << (i.leak() ? "LEAK     " : "WEAKNESS ") << i.message << '\n';
        }
        if (!classes.empty() && !shares.empty()) {
            out << "  class shares:\n    " << std::left << std::setw(10) << "part" << std::right << std::setw(9) << "rows";
            for (const auto& c : classes) out << ' ' << std::setw(std::max<int>(8, static_cast<int>(c.size()))) << c;
            out << '\n';
            for (const auto& r : shares) {
                out << "    " << std::left << std::setw(10) << r.name << std::right << std::setw(9) << r.rows;
                for (std::size_t c = 0; c < classes.size(); ++c) {
                    out << ' ' << std::setw(std::max<int>(8, static_cast<int>(classes[c].size()))) << std::fixed
                        << std::setprecision(3) << r.share[c];
                }
                out << '\n';
            }
        }
        return out.str();
    }
    friend std::ostream& operator<<(std::ostream& os, const audit_report& r) { return os << r.to_string(); }
};

namespace detail {

inline std::string fmt_time(long double t) {
    std::ostringstream o;
    o << std::setprecision(15) << static_cast<double>(t);
    return o.str();
}

/// Checks one (train, test) pair; `label` names it in messages.
template <class Train, class Test>
void audit_pair(const Train& train, const Test& test, std::int64_t fold, const std::string& label,
                const audit_input& in, std::size_t n, audit_report& rep, std::vector<unsigned char>& mark,
                bool check_classes = true) {
    const char* fn = "audit_split";
    std::size_t n_train = 0, n_test = 0;
    for (auto r : test) {
        require(r < n, fn, "test", "row ", r, " is out of range (", n, " rows)");
        ++n_test;
    }
    for (auto r : train) {
        require(r < n, fn, "train", "row ", r, " is out of range (", n, " rows)");
        ++n_train;
    }
    if (n_train == 0 || n_test == 0) {
        rep.issues.push_back({audit_finding::empty_side, fold, 0,
                              label + ": " + (n_test == 0 ? "test" : "train") + " is empty"});
        if (n_test == 0 || n_train == 0) return;
    }
    // Rows on both sides.
    std::fill(mark.begin(), mark.end(), 0);
    for (auto r : test) mark[r] = 1;
    std::size_t both = 0;
    std::size_t first_both = 0;
    for (auto r : train) {
        if (mark[r]) {
            if (both++ == 0) first_both = r;
        }
    }
    if (both) {
        rep.issues.push_back({audit_finding::rows_on_both_sides, fold, both,
                              concat(label, ": ", both, " rows in both train and test, e.g. row ", first_both)});
    }
    // Groups on both sides.
    const auto& g = in.groups_column();
    if (!g.codes.empty()) {
        std::vector<unsigned char> in_test(g.names.size(), 0), reported(g.names.size(), 0);
        for (auto r : test) in_test[g.codes[r]] = 1;
        std::size_t rows = 0, groups = 0;
        std::string examples;
        for (auto r : train) {
            const auto c = g.codes[r];
            if (in_test[c]) {
                ++rows;
                if (!reported[c]) {
                    reported[c] = 1;
                    if (groups < 3) examples += (groups ? ", " : "") + g.names[c];
                    ++groups;
                }
            }
        }
        if (groups) {
            rep.issues.push_back({audit_finding::groups_on_both_sides, fold, groups,
                                  concat(label, ": ", groups, groups == 1 ? " group" : " groups",
                                         " on both sides (", rows, " training rows), e.g. ", examples,
                                         groups > 3 ? ", ..." : "")});
        }
    }
    // Time order and gap.
    const auto& t = in.time_column();
    if (!t.empty()) {
        long double test_start = std::numeric_limits<long double>::infinity();
        for (auto r : test) test_start = std::min(test_start, t[r]);
        std::size_t after = 0, within_gap = 0;
        long double latest = -std::numeric_limits<long double>::infinity();
        const auto gap = static_cast<long double>(in.gap_value());
        for (auto r : train) {
            if (!(t[r] < test_start)) {
                ++after;
                latest = std::max(latest, t[r]);
            } else if (test_start - t[r] < gap) {
                ++within_gap;
            }
        }
        if (after) {
            rep.issues.push_back({audit_finding::time_order, fold, after,
                                  concat(label, ": ", after, " training rows at or after the first test time ",
                                         fmt_time(test_start), " (latest ", fmt_time(latest), ")")});
        }
        if (within_gap) {
            rep.issues.push_back({audit_finding::gap_breach, fold, within_gap,
                                  concat(label, ": ", within_gap, " training rows less than the gap (",
                                         in.gap_value(), ") before the first test time ", fmt_time(test_start))});
        }
    }
    // Label intervals: overlap and embargo, against the merged test intervals.
    const auto& s = in.start_column();
    const auto& e = in.end_column();
    if (!s.empty()) {
        std::vector<std::pair<long double, long double>> iv;
        for (auto r : test) iv.push_back({s[r], e[r]});
        std::sort(iv.begin(), iv.end());
        std::vector<std::pair<long double, long double>> merged;
        for (const auto& x : iv) {
            if (!merged.empty() && !(merged.back().second < x.first)) merged.back().second = std::max(merged.back().second, x.second);
            else merged.push_back(x);
        }
        const auto emb = static_cast<long double>(in.embargo_value());
        std::size_t overlap = 0, embargo = 0, first_overlap = 0;
        for (auto r : train) {
            // Last merged interval starting at or before e[r].
            auto it = std::upper_bound(merged.begin(), merged.end(), std::make_pair(e[r], std::numeric_limits<long double>::infinity()));
            bool hit = false;
            if (it != merged.begin()) {
                const auto& m = *(it - 1);
                hit = !(m.second < s[r]);
            }
            if (hit) {
                if (overlap++ == 0) first_overlap = r;
                continue;
            }
            // Embargo: a test interval ending shortly before this row starts.
            auto jt = std::upper_bound(merged.begin(), merged.end(), std::make_pair(s[r], std::numeric_limits<long double>::infinity()));
            if (emb > 0 && jt != merged.begin()) {
                const auto& m = *(jt - 1);
                if (m.second < s[r] && s[r] - m.second <= emb) ++embargo;
            }
        }
        if (overlap) {
            rep.issues.push_back({audit_finding::interval_overlap, fold, overlap,
                                  concat(label, ": ", overlap, " training label intervals overlap a test interval, e.g. row ",
                                         first_overlap, " [", fmt_time(s[first_overlap]), ", ", fmt_time(e[first_overlap]), "]")});
        }
        if (embargo) {
            rep.issues.push_back({audit_finding::embargo_breach, fold, embargo,
                                  concat(label, ": ", embargo, " training rows start within the embargo (", in.embargo_value(),
                                         ") after a test interval")});
        }
    }
    // Classes missing from a side.
    const auto& y = in.labels_column();
    if (check_classes && !y.codes.empty()) {
        const std::size_t k = y.names.size();
        std::vector<std::size_t> in_train(k, 0), in_test(k, 0);
        for (auto r : train) ++in_train[y.codes[r]];
        for (auto r : test) ++in_test[y.codes[r]];
        for (std::size_t c = 0; c < k; ++c) {
            if (y.counts[c] == 0) continue;
            if (in_test[c] == 0 || in_train[c] == 0) {
                rep.issues.push_back({audit_finding::class_missing, fold, y.counts[c],
                                      concat(label, ": class ", y.names[c], " missing from ", in_test[c] == 0 ? "test" : "train",
                                             " (", y.counts[c], " rows overall)")});
            }
        }
    }
}

/// Share row and share findings of one test fold / part.
template <class Rows>
void audit_shares(const Rows& rows, std::int64_t fold, const std::string& label, const audit_input& in,
                  audit_report& rep, bool report_missing = false) {
    const auto& y = in.labels_column();
    if (y.codes.empty()) return;
    const std::size_t k = y.names.size();
    audit_share_row row;
    row.name = label;
    row.fold = fold;
    std::vector<std::size_t> cnt(k, 0);
    for (auto r : rows) {
        ++cnt[y.codes[r]];
        ++row.rows;
    }
    row.share.assign(k, 0.0);
    const double total = static_cast<double>(y.codes.size());
    for (std::size_t c = 0; c < k; ++c) {
        row.share[c] = row.rows ? static_cast<double>(cnt[c]) / static_cast<double>(row.rows) : 0.0;
        const double whole = static_cast<double>(y.counts[c]) / total;
        if (report_missing && row.rows && cnt[c] == 0) {
            rep.issues.push_back({audit_finding::class_missing, fold, y.counts[c],
                                  concat(label, ": class ", y.names[c], " missing (", y.counts[c], " rows overall)")});
        }
        if (row.rows && cnt[c] > 0 && std::abs(row.share[c] - whole) > in.share_tolerance_value()) {
            std::ostringstream m;
            m << label << ": class " << y.names[c] << " has share " << std::fixed << std::setprecision(3) << row.share[c]
              << " vs " << whole << " overall";
            rep.issues.push_back({audit_finding::class_share, fold, cnt[c], m.str()});
        }
    }
    rep.shares.push_back(std::move(row));
}

inline void audit_whole(const audit_input& in, audit_report& rep, std::size_t n_folds) {
    const auto& y = in.labels_column();
    if (y.codes.empty()) return;
    rep.classes = y.names;
    audit_share_row whole;
    whole.name = "whole";
    whole.rows = y.codes.size();
    for (std::size_t c = 0; c < y.names.size(); ++c) {
        whole.share.push_back(static_cast<double>(y.counts[c]) / static_cast<double>(whole.rows));
        if (n_folds > 1 && y.counts[c] < n_folds) {
            rep.issues.push_back({audit_finding::class_fewer_than_folds, -1, y.counts[c],
                                  concat("class ", y.names[c], " has ", y.counts[c], " rows, fewer than the ", n_folds,
                                         " folds")});
        }
    }
    rep.shares.insert(rep.shares.begin(), std::move(whole));
}

template <class I>
std::size_t row_index(I r, const char* arg) {
    static_assert(std::is_integral<I>::value, "row indices must be integers");
    if constexpr (std::is_signed<I>::value) {
        require(r >= 0, "audit_split", arg, "negative row index ", r);
    }
    return static_cast<std::size_t>(r);
}

inline std::size_t audit_rows(const audit_input& in, const char* fn) {
    require(in.has_rows(), fn, "input", "gives no column: set groups, labels, timestamps, intervals or rows");
    return in.n_rows();
}

}  // namespace detail

/// Audits every fold of a splitter (anything iterable yielding folds with
/// `train`, `test` and `index`: partition, time_series_folds, holdout_folds,
/// leave_p_groups_out_folds, repeated_folds, ...): each fold's train/test
/// pair is checked for leaks, each test fold's class shares are compared with
/// the whole, and classes smaller than the number of folds are reported.
/// Throws: `assay::invalid_argument` if the input has no column or a fold
/// refers to a row outside the input.
/// Complexity: O(folds · rows) (O(folds · rows log rows) with intervals).
template <class Folds>
audit_report audit_split(const Folds& folds, const audit_input& in) {
    const std::size_t n = detail::audit_rows(in, "audit_split");
    audit_report rep;
    rep.n_rows = n;
    std::vector<unsigned char> mark(n);
    std::size_t k = 0;
    std::vector<audit_issue> pair_issues;
    for (const auto& f : folds) {
        const auto fold = static_cast<std::int64_t>(f.index);
        const std::string label = "fold " + std::to_string(f.index);
        detail::audit_pair(f.train, f.test, fold, label, in, n, rep, mark);
        detail::audit_shares(f.test, fold, label, in, rep);
        ++k;
    }
    rep.n_folds = k;
    rep.what = std::to_string(k) + (k == 1 ? " fold" : " folds");
    detail::audit_whole(in, rep, k);
    return rep;
}

/// Audits cross-validation folds given as a fold id per row (fold f tests
/// the rows with id f and trains on every other row; -1 = never tested), as
/// scikit-learn's PredefinedSplit reads them.
/// Throws: as audit_split, and if the ids do not have one entry per row or
/// lie outside [-1, max id].
inline audit_report audit_split(const std::vector<fold_id>& fold_ids, const audit_input& in) {
    const std::size_t n = detail::audit_rows(in, "audit_split");
    detail::require_same_size("audit_split", "input", n, "fold_ids", fold_ids.size());
    fold_id top = -1;
    for (auto f : fold_ids) top = std::max(top, f);
    detail::require(top >= 0, "audit_split", "fold_ids", "has no fold (every id is -1)");
    return audit_split(partition(fold_ids, static_cast<std::size_t>(top) + 1, "audit_split"), in);
}

/// Audits one train/test pair of row indices (any ranges of integers).
/// Throws: as audit_split.
template <class Train, class Test>
audit_report audit_split(const Train& train, const Test& test, const audit_input& in) {
    const std::size_t n = detail::audit_rows(in, "audit_split");
    audit_report rep;
    rep.n_rows = n;
    rep.n_folds = 1;
    rep.what = "train/test";
    std::vector<std::size_t> tr, te;
    for (auto r : train) tr.push_back(detail::row_index(r, "train"));
    for (auto r : test) te.push_back(detail::row_index(r, "test"));
    std::vector<unsigned char> mark(n);
    detail::audit_pair(tr, te, 0, "test", in, n, rep, mark);
    detail::audit_shares(te, 0, "test", in, rep);
    detail::audit_whole(in, rep, 0);
    return rep;
}

/// Audits parts such as train / valid / holdout (part 0 trains, later parts
/// are held out, in time order when timestamps are given): every pair of
/// parts p < q is checked for leaks as train p against test q, and every
/// part for missing classes and class shares against the whole.
/// Throws: as audit_split, and if `p.assign` does not have one entry per row.
inline audit_report audit_parts(const parts& p, const audit_input& in) {
    const std::size_t n = detail::audit_rows(in, "audit_parts");
    detail::require_same_size("audit_parts", "input", n, "parts", p.assign.size());
    audit_report rep;
    rep.n_rows = n;
    rep.what = std::to_string(p.size()) + " parts";
    std::vector<unsigned char> mark(n);
    for (std::size_t a = 0; a < p.size(); ++a) {
        for (std::size_t b = a + 1; b < p.size(); ++b) {
            detail::audit_pair(p[a], p[b], static_cast<std::int64_t>(b),
                               "part " + std::to_string(a) + " vs part " + std::to_string(b), in, n, rep, mark,
                               false);
        }
    }
    for (std::size_t a = 0; a < p.size(); ++a) {
        detail::audit_shares(p[a], static_cast<std::int64_t>(a), "part " + std::to_string(a), in, rep, true);
    }
    detail::audit_whole(in, rep, 0);
    return rep;
}

ASSAY_NAMESPACE_END
