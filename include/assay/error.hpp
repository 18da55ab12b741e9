// assay/error.hpp — the library's error model.
//
// Policy
// ------
// * Every failure assay reports is an exception derived from `assay::error`
//   (itself a `std::runtime_error`). Catch `assay::error` to catch them all.
// * `assay::invalid_argument`: the caller passed something the function
//   cannot use — mismatched lengths, empty input, NaN/inf, a label outside
//   the declared set, a parameter out of range, more folds than groups.
// * `assay::corrupt_state`: bytes given to a `load`/`restore` function are
//   truncated, corrupted, of another type or of an unknown format version.
//   A checkpoint is untrusted input: it is validated in full before any
//   object is modified, so a failed load leaves the target unchanged.
// * Messages name the function, the argument and the problem:
//       assay::roc_auc: y_score: value at index 17 is NaN
// * Nothing is ever undefined behaviour or a silent wrong number. Quantities
//   that are mathematically undefined for valid input (precision with no
//   predicted positive) follow a documented policy such as
//   scikit-learn's `zero_division`; they are not errors.
//
// Without exceptions (ASSAY_NO_EXCEPTIONS, see assay/config.hpp) the same
// checks call the handler installed with `assay::set_error_handler`; the
// handler must not return (log and abort, longjmp, terminate the request
// thread...). If it returns, assay calls std::abort().
#pragma once

#include "config.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

ASSAY_NAMESPACE_BEGIN

/// What kind of failure an `assay::error` reports.
enum class errc : int {
    invalid_argument = 1,  ///< bad input or parameter
    corrupt_state = 2,     ///< serialized state that cannot be trusted
};

/// Base of every exception assay throws.
class error : public std::runtime_error {
public:
    error(errc code, const std::string& message) : std::runtime_error(message), code_(code) {}
    errc code() const noexcept { return code_; }

private:
    errc code_;
};

/// Bad input or parameter: mismatched lengths, empty or non-finite input,
/// values outside the declared domain, impossible sizes.
class invalid_argument : public error {
public:
    explicit invalid_argument(const std::string& message) : error(errc::invalid_argument, message) {}
};

/// Serialized state (a checkpoint) that is truncated, corrupted, foreign or
/// of an unsupported format version.
class corrupt_state : public error {
public:
    explicit corrupt_state(const std::string& message) : error(errc::corrupt_state, message) {}
};

/// Handler called instead of throwing when exceptions are disabled.
/// It receives the kind and the full message; it must not return.
using error_handler = void (*)(errc code, const char* message);

namespace detail {

inline void default_error_handler(errc, const char* message) {
    std::fputs(message, stderr);
    std::fputc('\n', stderr);
    std::abort();
}

inline std::atomic<error_handler>& error_handler_slot() noexcept {
    static std::atomic<error_handler> slot{&default_error_handler};
    return slot;
}

}  // namespace detail

/// Installs `handler` (nullptr restores the default, which prints the message
/// to stderr and aborts) and returns the previous one. Only consulted when
/// exceptions are disabled. Thread-safe.
inline error_handler set_error_handler(error_handler handler) noexcept {
    return detail::error_handler_slot().exchange(handler ? handler : &detail::default_error_handler);
}

namespace detail {

/// Concatenates anything streamable into one string (numbers printed with
/// enough digits to round-trip).
template <class... Parts>
std::string concat(const Parts&... parts) {
    std::ostringstream out;
    out.precision(17);
    (out << ... << parts);
    return out.str();
}

template <class Error>
[[noreturn]] void raise(const std::string& message) {
#if defined(ASSAY_NO_EXCEPTIONS)
    const errc code = std::is_same<Error, corrupt_state>::value ? errc::corrupt_state : errc::invalid_argument;
    error_handler_slot().load()(code, message.c_str());
    std::abort();
#else
    throw Error(message);
#endif
}

/// Throws `assay::invalid_argument` with the message
/// "assay::<function>: <argument>: <problem...>".
template <class... Problem>
[[noreturn]] void throw_invalid_argument(const char* function, const char* argument, const Problem&... problem) {
    raise<invalid_argument>(concat("assay::", function, ": ", argument, ": ", problem...));
}

/// Throws `assay::corrupt_state` with "assay::<function>: <problem...>".
template <class... Problem>
[[noreturn]] void throw_corrupt_state(const char* function, const Problem&... problem) {
    raise<corrupt_state>(concat("assay::", function, ": ", problem...));
}

/// Checks a precondition on an argument; the problem text is only built when
/// the check fails.
template <class... Problem>
inline void require(bool ok, const char* function, const char* argument, const Problem&... problem) {
    if (ASSAY_UNLIKELY(!ok)) throw_invalid_argument(function, argument, problem...);
}

}  // namespace detail

ASSAY_NAMESPACE_END
