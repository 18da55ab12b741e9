// assay/fwd.hpp — forward declarations of the public types.
#pragma once

#include "config.hpp"

#include <cstdint>

ASSAY_NAMESPACE_BEGIN

enum class errc : int;
class error;
class invalid_argument;
class corrupt_state;

class splitmix64;
class xoshiro256ss;
using rng = xoshiro256ss;

template <class T>
class matrix_view;

ASSAY_NAMESPACE_END
