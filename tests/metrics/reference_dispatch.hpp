// Dispatch of the binary, multiclass and multilabel reference checks to assay functions.
#pragma once

#include "reference.hpp"

namespace metrics_test {

/// Runs one check; false if its function is not one assay implements here.
bool run_check(assay_test::ref::check& c);

}  // namespace metrics_test
