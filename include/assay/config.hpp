// assay/config.hpp — version, namespace and the library's compile-time switches.
//
// Every switch a user may set before including any assay header is gathered
// here, each with its default and what it changes.
#pragma once

// ---------------------------------------------------------------------------
// Version. The CMake project reads its version from these three lines.
#define ASSAY_VERSION_MAJOR 0
#define ASSAY_VERSION_MINOR 1
#define ASSAY_VERSION_PATCH 0
#define ASSAY_VERSION (ASSAY_VERSION_MAJOR * 10000 + ASSAY_VERSION_MINOR * 100 + ASSAY_VERSION_PATCH)

// ---------------------------------------------------------------------------
// Namespace. Everything lives in an inline namespace named after the ABI
// version (`assay::v0`), which users spell `assay::`. Two components of one
// process may bundle different versions of assay without an ODR clash.
#define ASSAY_ABI_NAMESPACE v0
#define ASSAY_NAMESPACE_BEGIN                                                  \
    namespace assay {                                                          \
    inline namespace ASSAY_ABI_NAMESPACE {
#define ASSAY_NAMESPACE_END                                                    \
    }                                                                          \
    }

// ---------------------------------------------------------------------------
// ASSAY_NO_EXCEPTIONS
//   Defined (to anything) or detected when exceptions are disabled
//   (-fno-exceptions). Every check still runs; a failed check calls the
//   installed error handler (see assay/error.hpp) instead of throwing, and
//   std::abort() if that handler returns.
#if !defined(ASSAY_NO_EXCEPTIONS)
#    if !(defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND))
#        define ASSAY_NO_EXCEPTIONS 1
#    endif
#endif

// ---------------------------------------------------------------------------
// ASSAY_NO_HUGE_PAGES
//   Define to stop assay advising transparent huge pages (Linux madvise) for
//   its large index arrays and sort buffers. By default arrays of a few MiB
//   and more are advised: in virtual machines first-touch page faults on
//   4 KiB pages can cost more than the splitting or sorting itself.

// ---------------------------------------------------------------------------
// Compiler helpers (internal).
#if defined(__GNUC__) || defined(__clang__)
#    define ASSAY_LIKELY(x) __builtin_expect(!!(x), 1)
#    define ASSAY_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#    define ASSAY_LIKELY(x) (x)
#    define ASSAY_UNLIKELY(x) (x)
#endif
// ASSAY_PREFETCH(p): a hint to bring the line at p into the cache.
#if defined(__GNUC__) || defined(__clang__)
#    define ASSAY_PREFETCH(p) __builtin_prefetch(p)
#else
#    define ASSAY_PREFETCH(p) ((void)0)
#endif

// ASSAY_INLINE_LAMBDA goes after a lambda's parameter list: its body is
// inlined at each call (kernels whose state must stay in registers).
#if defined(__GNUC__) || defined(__clang__)
#    define ASSAY_INLINE_LAMBDA __attribute__((always_inline))
#else
#    define ASSAY_INLINE_LAMBDA
#endif
#if defined(__GNUC__) || defined(__clang__)
#    define ASSAY_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#    define ASSAY_NOINLINE __declspec(noinline)
#else
#    define ASSAY_NOINLINE
#endif
