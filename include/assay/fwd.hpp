// assay/fwd.hpp — forward declarations of the public types, for headers that
// only name them (function declarations, members held by pointer).
#pragma once

#include "config.hpp"

#include <cstdint>

ASSAY_NAMESPACE_BEGIN

// Core.
enum class errc : int;
class error;
class invalid_argument;
class corrupt_state;
class splitmix64;
class xoshiro256ss;
using rng = xoshiro256ss;
template <class T>
class matrix_view;

// Splitting (assay/split.hpp).
using fold_id = std::int32_t;
template <class Index>
class basic_index_view;
class complement_view;
class code_set_view;
template <class TrainView, class TestView>
struct fold;
class partition;
class time_series_folds;
class leave_p_groups_out_folds;
class holdout_folds;
class repeated_folds;
class combinatorial_purged_folds;
struct holdout;
struct parts;
struct shuffled;
class split_size;
struct time_series_options;
template <class T>
struct time_group_options;
template <class T>
struct purge_options;
class audit_input;
struct audit_report;
struct audit_issue;
enum class audit_finding;

// Metrics (assay/metrics.hpp).
using label_type = std::int64_t;
enum class average;
enum class normalize;
enum class kappa_weights;
enum class calibration_strategy;
class confusion_counts;
class ranking_accumulator;
enum class out_of_range;
struct binned_auc_options;
class binned_auc;
class windowed_confusion_counts;
class decayed_confusion_counts;
class log_loss_accumulator;
class brier_accumulator;
class top_k_accumulator;
class multiclass_ranking_accumulator;
class calibration_accumulator;
class multilabel_counts;
class label_ranking_accumulator;
struct multilabel_confusion_matrix_result;
struct multilabel_auc_options;
struct threshold_options;
struct threshold_point;
struct threshold_sweep_result;
struct cost_options;
struct cost_point;
struct cost_curve_result;
struct cost_saving_result;
struct reference_policy;
struct baseline_options;
struct baseline_values;
struct baselines_result;
template <class It>
struct iterator_range;

// Drift (assay/drift.hpp).
namespace drift {
enum class status : std::uint8_t;
enum class detector_kind : std::uint16_t;
class adwin;
class ddm;
class eddm;
class page_hinkley;
class hddm_a;
class hddm_w;
class kswin;
class linear_four_rates;
template <class Detector>
class synchronized;
class window_monitor;
class reference_bins;
enum class ks_alternative;
enum class ks_method;
enum class psi_binning;
}  // namespace drift

ASSAY_NAMESPACE_END
