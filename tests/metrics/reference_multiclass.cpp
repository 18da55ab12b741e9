// scikit-learn 1.2.1 reference cases of the multiclass family
// (tests/reference/multiclass): confusion matrix, P/R/F/Jaccard with every
// averaging, kappa, MCC, balanced accuracy, top-k, log loss, ovr/ovo AUC.
#include "reference_dispatch.hpp"

namespace ref = assay_test::ref;

TEST_CASE("reference multiclass") { ref::run_family("multiclass", metrics_test::run_check); }
