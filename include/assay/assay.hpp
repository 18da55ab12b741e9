// assay/assay.hpp — everything assay offers, in one include.
#pragma once

#include "config.hpp"
#include "error.hpp"
#include "fwd.hpp"
#include "random.hpp"
