// assay/split.hpp — every splitter and the leakage audit.
#pragma once

#include "config.hpp"

#include "split/fold.hpp"
#include "split/kfold.hpp"
#include "split/leave_p_groups_out.hpp"
#include "split/time_series.hpp"
#include "split/parts.hpp"
#include "split/shuffle_split.hpp"
#include "split/purged.hpp"
#include "split/audit.hpp"
