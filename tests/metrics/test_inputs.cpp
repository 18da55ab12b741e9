// Input types: iterator pairs, containers without random access, float
// scores, Eigen vectors and matrices — each must give the same numbers as
// std::vector<std::int64_t> / std::vector<double>.
#include <doctest/doctest.h>

#include <assay/eigen.hpp>
#include <assay/metrics.hpp>
#include <assay/random.hpp>

#include <Eigen/Core>

#include <cstdint>
#include <list>
#include <vector>

namespace {
struct data {
    std::vector<std::int64_t> y, p;
    std::vector<double> s, w;
};
data make(std::size_t n) {
    assay::rng g(3);
    data d;
    for (std::size_t i = 0; i < n; ++i) {
        d.y.push_back(static_cast<std::int64_t>(assay::uniform_index(g, 2)));
        d.p.push_back(assay::uniform_real(g) < 0.7 ? d.y.back() : 1 - d.y.back());
        d.s.push_back(static_cast<double>(static_cast<float>(assay::uniform_real(g) + 0.3 * static_cast<double>(d.y.back()))));
        d.w.push_back(static_cast<double>(1 + assay::uniform_index(g, 3)));
    }
    return d;
}
}  // namespace

TEST_CASE("iterator pairs and non-random-access containers") {
    const auto d = make(5000);
    const std::int64_t* yt = d.y.data();
    const std::int64_t* yp = d.p.data();
    const std::size_t n = d.y.size();
    const auto ref = assay::confusion_matrix(d.y, d.p, d.w);
    CHECK(assay::confusion_matrix(assay::make_iterator_range(yt, yt + n), assay::make_iterator_range(yp, yp + n),
                                  assay::make_iterator_range(d.w.begin(), d.w.end())) == ref);
    const std::list<int> ly(d.y.begin(), d.y.end()), lp(d.p.begin(), d.p.end());
    const std::list<double> lw(d.w.begin(), d.w.end());
    CHECK(assay::confusion_matrix(ly, lp, lw) == ref);
    CHECK(assay::f1_score(ly, lp) == assay::f1_score(d.y, d.p));
    CHECK(assay::roc_auc_score(ly, assay::make_iterator_range(d.s.begin(), d.s.end())) ==
          assay::roc_auc_score(d.y, d.s));
}

TEST_CASE_TEMPLATE("float and double scores give the same curves", T, float, double) {
    const auto d = make(3000);
    const std::vector<T> s(d.s.begin(), d.s.end());  // exact: the scores are floats
    CHECK(assay::roc_auc_score(d.y, s) == assay::roc_auc_score(d.y, d.s));
    CHECK(assay::average_precision_score(d.y, s, d.w) == assay::average_precision_score(d.y, d.s, d.w));
    CHECK(assay::roc_curve(d.y, s).thresholds == assay::roc_curve(d.y, d.s).thresholds);
    std::vector<T> prob(s);
    for (auto& v : prob) v = v > T(1) ? T(1) : v;
    std::vector<double> prob_d(prob.begin(), prob.end());
    CHECK(assay::log_loss(d.y, prob) == assay::log_loss(d.y, prob_d));
}

TEST_CASE("Eigen vectors and matrices") {
    const auto d = make(2000);
    const Eigen::Index n = static_cast<Eigen::Index>(d.y.size());
    Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1> ey(n);
    Eigen::VectorXd es(n);
    for (Eigen::Index i = 0; i < n; ++i) ey(i) = d.y[static_cast<std::size_t>(i)], es(i) = d.s[static_cast<std::size_t>(i)];
    CHECK(assay::roc_auc_score(ey, es) == assay::roc_auc_score(d.y, d.s));
    // Column-major probability matrix (2 classes) against the row-major buffer.
    Eigen::MatrixXd prob(n, 2);
    std::vector<double> flat;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double q = std::min(1.0, d.s[static_cast<std::size_t>(i)] * 0.7);
        prob(i, 0) = 1.0 - q;
        prob(i, 1) = q;
        flat.push_back(1.0 - q);
        flat.push_back(q);
    }
    CHECK(assay::log_loss(d.y, assay::as_matrix_view(prob)) == assay::log_loss(d.y, assay::as_matrix_view(flat, 2)));
    CHECK(assay::top_k_accuracy_score(d.y, assay::as_matrix_view(prob), 1) ==
          assay::top_k_accuracy_score(d.y, assay::as_matrix_view(flat, 2), 1));
    CHECK(assay::roc_auc_score(d.y, assay::as_matrix_view(prob)) ==
          doctest::Approx(assay::roc_auc_score(d.y, assay::as_matrix_view(flat, 2))).epsilon(1e-15));
}
