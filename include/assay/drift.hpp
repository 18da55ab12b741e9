// assay/drift.hpp — concept-drift detectors for error and loss streams,
// monitors that keep them per key and across threads (drift/monitor.hpp),
// and feature-distribution drift statistics with a sliding-window monitor
// (drift/distribution.hpp, drift/window_monitor.hpp).
//
// Every detector has the same shape:
//   * a configuration struct (`adwin_config`, `ddm_config`, ...) whose
//     defaults equal River 0.26's;
//   * `status update(double x)` → stable / warning / drift;
//   * `std::size_t update(const double* first, const double* last)`, the
//     batch form: the same updates, stopping right after the first status
//     change, returning how many values it took (drift/batch.hpp). It is the
//     fastest way in: DDM, EDDM, HDDM_A and ADWIN keep their state in
//     registers there and skip exact evaluations a cheap bound already
//     decides, with statuses and state identical to the per-value loop;
//   * `drift_detected()`, `warning_detected()`, accessors for what it
//     estimates, `reset()`;
//   * `save()` → bytes and `load(bytes)` (assay/drift/checkpoint.hpp).
// Detectors are single-writer value types: one thread updates a detector at a
// time; copies are independent.
//
//   detector                     matches (update for update)        MOA option
//   adwin                        River 0.26.1 drift.ADWIN           reset_on_drift = false
//                                                                   (+ increase_only for
//                                                                   ADWINChangeDetector)
//   ddm, eddm                    River drift.binary.DDM / EDDM      moa_semantics
//   page_hinkley                 River drift.PageHinkley            moa_semantics
//   hddm_a, hddm_w               River drift.binary.HDDMA / HDDMW   signal_decrease = false /
//                                                                   moa_semantics
//   kswin                        River drift.KSWIN's rule, scipy's exact KS p-value;
//                                draws from assay::rng
//   linear_four_rates            Wang & Abraham 2015, normal-approximation bounds
//
// Every update is allocation-free once warm: KSWIN allocates only at
// construction, ADWIN only when its window first needs a new power-of-two
// number of bucket rows, the others never. Bit-for-bit parity with River assumes IEEE double
// arithmetic. DDM, EDDM, HDDM_A, HDDM_W, ADWIN, Page-Hinkley and Linear Four
// Rates keep every product River rounds before an addition out of fused
// multiply-adds themselves (detail::rounded), so they match under any -march
// and -ffp-contract; for KSWIN -ffp-contract=off guarantees it (the reference
// traces and the batch tests also pass with GCC's -march=native).
#pragma once

#include "config.hpp"
#include "drift/adwin.hpp"
#include "drift/batch.hpp"
#include "drift/checkpoint.hpp"
#include "drift/distribution.hpp"
#include "drift/ddm.hpp"
#include "drift/eddm.hpp"
#include "drift/hddm_a.hpp"
#include "drift/hddm_w.hpp"
#include "drift/kswin.hpp"
#include "drift/linear_four_rates.hpp"
#include "drift/monitor.hpp"
#include "drift/page_hinkley.hpp"
#include "drift/status.hpp"
#include "drift/window_monitor.hpp"
