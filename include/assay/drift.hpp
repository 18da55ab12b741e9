// assay/drift.hpp — concept-drift detectors for error and loss streams.
//
// Every detector has the same shape:
//   * a configuration struct (`adwin_config`, `ddm_config`, ...) whose
//     defaults equal River 0.26's;
//   * `status update(double x)` → stable / warning / drift;
//   * `drift_detected()`, `warning_detected()`, accessors for what it
//     estimates, `reset()`;
//   * `save()` → bytes and `load(bytes)` (assay/drift/checkpoint.hpp).
// Detectors are single-writer value types: one thread updates a detector at a
// time; copies are independent.
#pragma once

#include "config.hpp"
#include "drift/adwin.hpp"
#include "drift/checkpoint.hpp"
#include "drift/ddm.hpp"
#include "drift/eddm.hpp"
#include "drift/hddm_a.hpp"
#include "drift/hddm_w.hpp"
#include "drift/kswin.hpp"
#include "drift/linear_four_rates.hpp"
#include "drift/page_hinkley.hpp"
#include "drift/status.hpp"
