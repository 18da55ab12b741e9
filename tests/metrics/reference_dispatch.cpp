// Runs one reference check (binary, multiclass or multilabel family) through
// the assay function that corresponds to the scikit-learn function it names.
#include "reference_dispatch.hpp"

#include <assay/metrics.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ref = assay_test::ref;
using ref::json;

namespace metrics_test {
namespace {

using ints = std::vector<std::int64_t>;
using doubles = std::vector<double>;

double zero_division(const ref::check& c) {
    if (!c.has_param("zero_division")) return 0.0;
    const json& z = c.params().at("zero_division");
    if (z.is_string()) return 0.0;  // "warn" behaves as 0
    return z.get<double>();
}

assay::average averaging(const ref::check& c, bool& per_class, assay::average fallback) {
    per_class = false;
    if (!c.params().contains("average")) return fallback;
    const json& a = c.params().at("average");
    if (a.is_null()) {
        per_class = true;
        return assay::average::macro;
    }
    const std::string s = a.get<std::string>();
    if (s == "binary") return assay::average::binary;
    if (s == "micro") return assay::average::micro;
    if (s == "macro") return assay::average::macro;
    if (s == "weighted") return assay::average::weighted;
    if (s == "samples") return assay::average::samples;
    throw std::runtime_error("unknown average " + s);
}

assay::label_list labels_param(const ref::check& c) {
    if (!c.has_param("labels")) return {};
    return assay::label_list(c.params().at("labels").get<ints>());
}

json to_json(const std::vector<double>& v) {
    json out = json::array();
    for (double x : v) out.push_back(x);
    return out;
}

json matrix_json(const assay::label_matrix& m) {
    json out = json::array();
    for (std::size_t i = 0; i < m.n; ++i) {
        json row = json::array();
        for (std::size_t j = 0; j < m.n; ++j) row.push_back(m(i, j));
        out.push_back(row);
    }
    return out;
}

std::vector<double> flatten(const std::vector<std::vector<double>>& rows, std::size_t& cols) {
    std::vector<double> flat;
    cols = rows.empty() ? 0 : rows[0].size();
    for (const auto& r : rows) flat.insert(flat.end(), r.begin(), r.end());
    return flat;
}

// Calls f(weights*) with the case's sample_weight or nullptr.
template <class F>
auto with_weights(const ref::check& c, F&& f) {
    if (c.has_arg("sample_weight")) {
        const doubles w = c.arg_doubles("sample_weight");
        return f(&w);
    }
    return f(static_cast<const doubles*>(nullptr));
}

assay::confusion_counts counts(const ref::check& c, const char* a, const char* b, const assay::label_list& labels) {
    const ints yt = c.arg_ints(a), yp = c.arg_ints(b);
    return with_weights(c, [&](const doubles* w) {
        return w ? assay::confusion_matrix(yt, yp, *w, labels) : assay::confusion_matrix(yt, yp, labels);
    });
}

bool hard_label_metrics(ref::check& c) {
    const std::string& name = c.name();
    bool per_class = false;
    assay::prf_options o;
    o.zero_division = zero_division(c);
    o.pos_label = c.param<std::int64_t>("pos_label", 1);
    o.beta = c.param_double("beta", 1.0);
    o.labels = labels_param(c);

    if (name == "confusion_matrix") {
        const auto cc = counts(c, "y_true", "y_pred", o.labels);
        assay::normalize how = assay::normalize::none;
        const std::string nz = c.param<std::string>("normalize", "");
        if (nz == "true") how = assay::normalize::true_labels;
        if (nz == "pred") how = assay::normalize::pred_labels;
        if (nz == "all") how = assay::normalize::all;
        c.expect(matrix_json(cc.normalized(how)));
        return true;
    }
    if (name == "accuracy_score") {
        const ints yt = c.arg_ints("y_true"), yp = c.arg_ints("y_pred");
        const bool normalize = c.param<bool>("normalize", true);
        c.expect(with_weights(c, [&](const doubles* w) {
            return w ? assay::accuracy_score(yt, yp, *w, normalize) : assay::accuracy_score(yt, yp, normalize);
        }));
        // The counts form agrees.
        if (normalize) c.expect(assay::accuracy_score(counts(c, "y_true", "y_pred", {})));
        return true;
    }
    if (name == "zero_one_loss" || name == "hamming_loss") {
        const ints yt = c.arg_ints("y_true"), yp = c.arg_ints("y_pred");
        c.expect(with_weights(c, [&](const doubles* w) {
            return w ? assay::zero_one_loss(yt, yp, *w) : assay::zero_one_loss(yt, yp);
        }));
        return true;
    }
    if (name == "balanced_accuracy_score") {
        c.expect(assay::balanced_accuracy_score(counts(c, "y_true", "y_pred", {}), c.param<bool>("adjusted", false)));
        return true;
    }
    if (name == "matthews_corrcoef") {
        c.expect(assay::matthews_corrcoef(counts(c, "y_true", "y_pred", {})));
        return true;
    }
    if (name == "cohen_kappa_score") {
        const std::string w = c.param<std::string>("weights", "");
        const auto kw = w == "linear" ? assay::kappa_weights::linear
                        : w == "quadratic" ? assay::kappa_weights::quadratic
                                           : assay::kappa_weights::none;
        c.expect(assay::cohen_kappa_score(counts(c, "y1", "y2", labels_param(c)), kw));
        return true;
    }
    const bool prf = name == "precision_score" || name == "recall_score" || name == "f1_score" ||
                     name == "fbeta_score" || name == "jaccard_score" || name == "precision_recall_fscore_support";
    if (!prf) return false;
    o.averaging = averaging(c, per_class, assay::average::binary);
    const auto cc = counts(c, "y_true", "y_pred", o.labels);
    if (name == "precision_recall_fscore_support") {
        if (!per_class) {
            const auto s = assay::precision_recall_fscore(cc, o);
            c.expect(json{{"precision", s.precision}, {"recall", s.recall}, {"fscore", s.fscore}});
        } else {
            const auto s = assay::precision_recall_fscore_support(cc, o);
            c.expect(json{{"precision", to_json(s.precision)},
                          {"recall", to_json(s.recall)},
                          {"fscore", to_json(s.fscore)},
                          {"support", to_json(s.support)}});
        }
        return true;
    }
    if (name == "jaccard_score") {
        if (per_class) c.expect(to_json(assay::jaccard_per_class(cc, o)));
        else c.expect(assay::jaccard_score(cc, o));
        return true;
    }
    if (per_class) {
        const auto s = assay::precision_recall_fscore_support(cc, o);
        if (name == "precision_score") c.expect(to_json(s.precision));
        else if (name == "recall_score") c.expect(to_json(s.recall));
        else c.expect(to_json(s.fscore));
        return true;
    }
    if (name == "precision_score") c.expect(assay::precision_score(cc, o));
    else if (name == "recall_score") c.expect(assay::recall_score(cc, o));
    else if (name == "f1_score") c.expect(assay::f1_score(cc, o));
    else c.expect(assay::fbeta_score(cc, o));
    return true;
}

bool score_metrics(ref::check& c) {
    const std::string& name = c.name();
    if (name == "log_loss") {
        assay::log_loss_options o;
        o.eps = c.has_param("eps") && !c.params().at("eps").is_string() ? c.param_double("eps", o.eps) : o.eps;
        o.normalize = c.param<bool>("normalize", true);
        o.labels = labels_param(c);
        const ints yt = c.arg_ints("y_true");
        const json& yp = c.arg("y_pred");
        const bool matrix = !yp.empty() && yp[0].is_array();
        auto run = [&]() {
            return with_weights(c, [&](const doubles* w) {
                if (matrix) {
                    std::size_t cols = 0;
                    const doubles flat = flatten(c.arg_matrix("y_pred"), cols);
                    const auto view = assay::as_matrix_view(flat, cols);
                    return w ? assay::log_loss(yt, view, *w, o) : assay::log_loss(yt, view, o);
                }
                const doubles p = c.arg_doubles("y_pred");
                return w ? assay::log_loss(yt, p, *w, o) : assay::log_loss(yt, p, o);
            });
        };
        if (c.expects_error()) c.expect_error(run);
        else c.expect(run());
        return true;
    }
    if (name == "brier_score_loss") {
        assay::brier_options o;
        if (c.has_param("pos_label")) o.pos_label = c.param<std::int64_t>("pos_label", 1);
        const ints yt = c.arg_ints("y_true");
        const doubles p = c.arg_doubles("y_prob");
        c.expect(with_weights(c, [&](const doubles* w) {
            return w ? assay::brier_score_loss(yt, p, *w, o) : assay::brier_score_loss(yt, p, o);
        }));
        return true;
    }
    if (name == "top_k_accuracy_score") {
        assay::top_k_options o;
        o.k = c.param<std::size_t>("k", 2);
        o.normalize = c.param<bool>("normalize", true);
        o.labels = labels_param(c);
        const ints yt = c.arg_ints("y_true");
        std::size_t cols = 0;
        const doubles flat = flatten(c.arg_matrix("y_score"), cols);
        const auto view = assay::as_matrix_view(flat, cols);
        auto run = [&]() {
            return with_weights(c, [&](const doubles* w) {
                return w ? assay::top_k_accuracy_score(yt, view, *w, o) : assay::top_k_accuracy_score(yt, view, o);
            });
        };
        if (c.expects_error()) c.expect_error(run);
        else c.expect(run());
        return true;
    }
    if (name == "roc_auc_score") {
        const ints yt = c.arg_ints("y_true");
        const json& ys = c.arg("y_score");
        const bool matrix = !ys.empty() && ys[0].is_array();
        auto run = [&]() {
            if (matrix) {
                assay::multiclass_auc_options o;
                o.scheme = c.param<std::string>("multi_class", "ovr") == "ovo" ? assay::multi_class::ovo
                                                                               : assay::multi_class::ovr;
                bool per_class = false;
                o.averaging = averaging(c, per_class, assay::average::macro);
                o.labels = labels_param(c);
                std::size_t cols = 0;
                const doubles flat = flatten(c.arg_matrix("y_score"), cols);
                const auto view = assay::as_matrix_view(flat, cols);
                return with_weights(c, [&](const doubles* w) {
                    return w ? assay::roc_auc_score(yt, view, *w, o) : assay::roc_auc_score(yt, view, o);
                });
            }
            assay::roc_auc_options o;
            if (c.has_param("max_fpr")) o.max_fpr = c.param_double("max_fpr", 1.0);
            const doubles s = c.arg_doubles("y_score");
            return with_weights(c, [&](const doubles* w) {
                return w ? assay::roc_auc_score(yt, s, *w, o) : assay::roc_auc_score(yt, s, o);
            });
        };
        if (c.expects_error()) c.expect_error(run);
        else c.expect(run());
        return true;
    }
    const bool curve = name == "roc_curve" || name == "precision_recall_curve" || name == "det_curve" ||
                       name == "average_precision_score";
    if (!curve) return false;
    assay::curve_options o;
    if (c.has_param("pos_label")) o.pos_label = c.param<std::int64_t>("pos_label", 1);
    o.drop_intermediate = c.param<bool>("drop_intermediate", true);
    const ints yt = c.arg_ints("y_true");
    const doubles s = c.arg_doubles(c.has_arg("probas_pred") ? "probas_pred" : "y_score");
    auto run = [&]() -> json {
        return with_weights(c, [&](const doubles* w) -> json {
            if (name == "roc_curve") {
                const auto r = w ? assay::roc_curve(yt, s, *w, o) : assay::roc_curve(yt, s, o);
                return json{{"fpr", to_json(r.fpr)}, {"tpr", to_json(r.tpr)}, {"thresholds", to_json(r.thresholds)}};
            }
            if (name == "precision_recall_curve") {
                const auto r = w ? assay::precision_recall_curve(yt, s, *w, o) : assay::precision_recall_curve(yt, s, o);
                return json{{"precision", to_json(r.precision)},
                            {"recall", to_json(r.recall)},
                            {"thresholds", to_json(r.thresholds)}};
            }
            if (name == "det_curve") {
                const auto r = w ? assay::det_curve(yt, s, *w, o) : assay::det_curve(yt, s, o);
                return json{{"fpr", to_json(r.fpr)}, {"fnr", to_json(r.fnr)}, {"thresholds", to_json(r.thresholds)}};
            }
            return w ? assay::average_precision_score(yt, s, *w, o) : assay::average_precision_score(yt, s, o);
        });
    };
    if (c.expects_error()) c.expect_error(run);
    else c.expect(run());
    return true;
}

// Multilabel checks: y_true is an indicator matrix (rows of 0 / 1).
bool is_multilabel(const ref::check& c) {
    if (c.function() == "definition:hamming_score") return true;
    if (!c.has_arg("y_true")) return false;
    const json& y = c.arg("y_true");
    return !y.empty() && y[0].is_array();
}

json confusion_json(const assay::multilabel_confusion_matrix_result& m) {
    json out = json::array();
    for (std::size_t k = 0; k < m.n_labels(); ++k)
        out.push_back(json::array({json::array({m.tn[k], m.fp[k]}), json::array({m.fn[k], m.tp[k]})}));
    return out;
}

bool multilabel_metrics(ref::check& c) {
    const std::string& name = c.name();
    std::size_t cols = 0, cols2 = 0;
    const doubles yt = flatten(c.arg_matrix("y_true"), cols);
    const auto t = assay::as_matrix_view(yt, cols);
    const bool scores = c.has_arg("y_score");
    const doubles y2 = flatten(c.arg_matrix(scores ? "y_score" : "y_pred"), cols2);
    const auto p = assay::as_matrix_view(y2, cols2);

    if (scores) {
        auto run = [&]() -> double {
            return with_weights(c, [&](const doubles* w) -> double {
                if (name == "label_ranking_average_precision_score")
                    return w ? assay::label_ranking_average_precision_score(t, p, *w)
                             : assay::label_ranking_average_precision_score(t, p);
                if (name == "coverage_error") return w ? assay::coverage_error(t, p, *w) : assay::coverage_error(t, p);
                if (name == "label_ranking_loss")
                    return w ? assay::label_ranking_loss(t, p, *w) : assay::label_ranking_loss(t, p);
                bool per_label = false;
                const assay::multilabel_auc_options o = averaging(c, per_label, assay::average::macro);
                if (per_label) throw std::runtime_error("per-label AUC is not in the cases");
                if (name == "roc_auc_score") return w ? assay::roc_auc_score(t, p, *w, o) : assay::roc_auc_score(t, p, o);
                if (name == "average_precision_score")
                    return w ? assay::average_precision_score(t, p, *w, o) : assay::average_precision_score(t, p, o);
                throw std::runtime_error("unknown multilabel score metric " + name);
            });
        };
        if (c.expects_error()) c.expect_error(run);
        else c.expect(run());
        return true;
    }

    // Hard predictions: one accumulator over the whole matrices, and the
    // full-pass function for the scalar metrics (both must agree).
    const assay::multilabel_counts counts = with_weights(c, [&](const doubles* w) {
        assay::multilabel_counts m(cols, c.param_double("beta", 1.0));
        if (w) m.update(t, p, *w);
        else m.update(t, p);
        return m;
    });
    auto full = [&](auto f) { return with_weights(c, [&](const doubles* w) { return w ? f(t, p, *w) : f(t, p); }); };
    if (name == "multilabel_confusion_matrix") {
        c.expect(confusion_json(assay::multilabel_confusion_matrix(counts)));
        return true;
    }
    if (name == "accuracy_score" || name == "zero_one_loss" || name == "hamming_loss" ||
        name == "hamming_score") {
        if (name == "accuracy_score") {
            c.expect(assay::accuracy_score(counts));
            c.expect(full([](auto&&... a) { return assay::accuracy_score(a...); }));
        } else if (name == "zero_one_loss") {
            c.expect(assay::zero_one_loss(counts));
            c.expect(full([](auto&&... a) { return assay::zero_one_loss(a...); }));
        } else if (name == "hamming_loss") {
            c.expect(assay::hamming_loss(counts));
            c.expect(full([](auto&&... a) { return assay::hamming_loss(a...); }));
        } else {
            c.expect(assay::hamming_score(counts));
            c.expect(full([](auto&&... a) { return assay::hamming_score(a...); }));
        }
        return true;
    }
    const bool prf = name == "precision_score" || name == "recall_score" || name == "f1_score" ||
                     name == "fbeta_score" || name == "jaccard_score";
    if (!prf) return false;
    assay::prf_options o;
    bool per_label = false;
    o.averaging = averaging(c, per_label, assay::average::binary);
    o.zero_division = zero_division(c);
    o.beta = c.param_double("beta", 1.0);
    o.labels = labels_param(c);
    if (name == "jaccard_score") {
        if (per_label) c.expect(to_json(assay::jaccard_per_class(counts, o)));
        else {
            c.expect(assay::jaccard_score(counts, o));
            c.expect(full([&](auto&&... a) { return assay::jaccard_score(a..., o); }));
        }
        return true;
    }
    if (per_label) {
        const auto s = assay::precision_recall_fscore_support(counts, o);
        if (name == "precision_score") c.expect(to_json(s.precision));
        else if (name == "recall_score") c.expect(to_json(s.recall));
        else c.expect(to_json(s.fscore));
        return true;
    }
    if (name == "precision_score") {
        c.expect(assay::precision_score(counts, o));
        c.expect(full([&](auto&&... a) { return assay::precision_score(a..., o); }));
    } else if (name == "recall_score") {
        c.expect(assay::recall_score(counts, o));
        c.expect(full([&](auto&&... a) { return assay::recall_score(a..., o); }));
    } else if (name == "f1_score") {
        c.expect(assay::f1_score(counts, o));
        c.expect(full([&](auto&&... a) { return assay::f1_score(a..., o); }));
    } else {
        c.expect(assay::fbeta_score(counts, o));
        c.expect(full([&](auto&&... a) { return assay::fbeta_score(a..., o); }));
    }
    return true;
}

}  // namespace

bool run_check(ref::check& c) {
    if (is_multilabel(c)) {
        if (c.expects_error() && c.has_arg("y_pred")) {
            c.expect_error([&] { multilabel_metrics(c); });
            return true;
        }
        return multilabel_metrics(c);
    }
    if (c.expects_error() && c.name() != "log_loss" && c.name() != "roc_auc_score" && c.name() != "det_curve" &&
        c.name() != "top_k_accuracy_score" && c.name() != "roc_curve" && c.name() != "precision_recall_curve" &&
        c.name() != "average_precision_score") {
        // Hard-label metrics: every error case goes through the same call.
        c.expect_error([&] { hard_label_metrics(c); });
        return true;
    }
    if (hard_label_metrics(c)) return true;
    return score_metrics(c);
}

}  // namespace metrics_test
