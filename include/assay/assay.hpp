// assay/assay.hpp — everything assay offers, in one include (except the
// xtensor adapter, assay/xtensor.hpp, which needs the assay::xtensor target).
#pragma once

#include "config.hpp"
#include "drift.hpp"
#include "eigen.hpp"
#include "error.hpp"
#include "fwd.hpp"
#include "matrix_view.hpp"
#include "metrics.hpp"
#include "random.hpp"
#include "split.hpp"
