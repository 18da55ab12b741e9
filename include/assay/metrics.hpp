// assay/metrics.hpp — classification metrics: confusion counts and the
// scalar metrics built on them, ranking curves and AUC, probabilistic
// losses, multiclass score metrics; each as a full-pass function and a
// mergeable streaming accumulator.
#pragma once

#include "metrics/baselines.hpp"
#include "metrics/binned_auc.hpp"
#include "metrics/calibration.hpp"
#include "metrics/classification.hpp"
#include "metrics/confusion_matrix.hpp"
#include "metrics/curves.hpp"
#include "metrics/iterator_range.hpp"
#include "metrics/multiclass.hpp"
#include "metrics/multilabel.hpp"
#include "metrics/probabilistic.hpp"
#include "metrics/thresholds.hpp"
#include "metrics/windowed.hpp"
