// assay/drift/status.hpp — what a drift detector reports after an update.
#pragma once

#include "../config.hpp"

#include <cstdint>
#include <ostream>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// Outcome of one `update(x)` of a concept-drift detector.
///
/// * `stable`  — neither flag is raised.
/// * `warning` — the detector's warning flag is raised (DDM, EDDM, HDDM_A,
///   HDDM_W, linear four rates); the stream may be drifting.
/// * `drift`   — the drift flag is raised. A detector whose two flags are both
///   raised (River's EDDM keeps an earlier warning when it signals drift)
///   reports `drift`; its `warning_detected()` still tells the warning flag.
enum class status : std::uint8_t { stable = 0, warning = 1, drift = 2 };

/// "stable", "warning" or "drift".
inline const char* to_string(status s) noexcept {
    switch (s) {
        case status::warning: return "warning";
        case status::drift: return "drift";
        default: return "stable";
    }
}

inline std::ostream& operator<<(std::ostream& out, status s) { return out << to_string(s); }

namespace detail {
inline status make_status(bool drift, bool warning) noexcept {
    return drift ? status::drift : (warning ? status::warning : status::stable);
}
}  // namespace detail

}  // namespace drift
ASSAY_NAMESPACE_END
