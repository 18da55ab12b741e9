// scikit-learn 1.2.1 reference cases of the binary family
// (tests/reference/binary): counts, scalar metrics, zero_division, log loss,
// Brier, ROC / PR / DET curves, ROC AUC (with max_fpr), average precision.
#include "reference_dispatch.hpp"

namespace ref = assay_test::ref;

TEST_CASE("reference binary") { ref::run_family("binary", metrics_test::run_check); }
