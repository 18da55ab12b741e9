// scikit-learn 1.2.1 reference cases of the multilabel family
// (tests/reference/multilabel): per-label confusion matrices, subset
// accuracy, Hamming loss and score, P/R/F1/Jaccard with samples / macro /
// micro / weighted / per-label averaging, LRAP, coverage error, ranking
// loss, ROC AUC and average precision of score matrices.
#include "reference_dispatch.hpp"

namespace ref = assay_test::ref;

TEST_CASE("reference multilabel") { ref::run_family("multilabel", metrics_test::run_check); }
