// assay/drift/checkpoint.hpp — the binary checkpoint format shared by every
// drift detector (`save()` / `load()`), and its reader and writer.
//
// Format, version 1. Every integer is little-endian whatever the host; a
// double is its IEEE-754 binary64 bit pattern stored as a little-endian
// 64-bit integer; a bool is one byte, 0 or 1.
//
//   offset  size  field
//   0       4     magic: the bytes 'A' 'S' 'D' 'R' (0x41 0x53 0x44 0x52)
//   4       2     format version (currently 1)
//   6       2     detector kind (see `detector_kind`)
//   8       8     payload length L in bytes
//   16      L     payload: the detector's configuration, then its state, in
//                 the order its `save()` comment lists
//   16+L    8     FNV-1a 64-bit hash of bytes [0, 16+L)
//
// A checkpoint is untrusted input. `load()` checks, in order: the length is at
// least the 24 framing bytes; magic; version; kind; that L matches the length
// given; the hash (so any single changed byte, and any truncation, is
// detected); then it parses the payload into a fresh object, validating every
// configuration value and state invariant (counts, sizes, finiteness) and that
// the payload is consumed exactly. Only when all of that passed is the target
// detector replaced; on any failure `assay::corrupt_state` is thrown and the
// target is unchanged.
#pragma once

#include "../config.hpp"
#include "../error.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

/// Detector kind stored in a checkpoint's header.
enum class detector_kind : std::uint16_t {
    adwin = 1,
    ddm = 2,
    eddm = 3,
    page_hinkley = 4,
    hddm_a = 5,
    hddm_w = 6,
    kswin = 7,
    linear_four_rates = 8,
};

/// The checkpoint format version this build writes and reads.
inline constexpr std::uint16_t checkpoint_version = 1;

namespace detail {

using ::assay::detail::throw_corrupt_state;

inline constexpr unsigned char checkpoint_magic[4] = {0x41, 0x53, 0x44, 0x52};
inline constexpr std::size_t checkpoint_header_size = 16;
inline constexpr std::size_t checkpoint_trailer_size = 8;

inline std::uint64_t fnv1a64(const unsigned char* p, std::size_t n) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/// Appends little-endian fields to a byte vector.
class checkpoint_writer {
public:
    explicit checkpoint_writer(detector_kind kind) {
        out_.reserve(128);
        for (unsigned char c : checkpoint_magic) out_.push_back(c);
        u16(checkpoint_version);
        u16(static_cast<std::uint16_t>(kind));
        u64(0);  // payload length, patched by finish()
    }
    void u8(std::uint8_t v) { out_.push_back(v); }
    void boolean(bool v) { out_.push_back(v ? 1 : 0); }
    void u16(std::uint16_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
    void f64(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, 8);
        put(bits, 8);
    }
    std::vector<std::uint8_t> finish() {
        const std::uint64_t length = out_.size() - checkpoint_header_size;
        for (int i = 0; i < 8; ++i) out_[8 + i] = static_cast<std::uint8_t>(length >> (8 * i));
        const std::uint64_t h = fnv1a64(out_.data(), out_.size());
        put(h, 8);
        return std::move(out_);
    }

private:
    void put(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    std::vector<std::uint8_t> out_;
};

/// Reads little-endian fields from a validated checkpoint's payload; every
/// read past the payload's end throws `assay::corrupt_state`.
class checkpoint_reader {
public:
    /// Validates the framing (length, magic, version, kind, payload length,
    /// hash) and positions the reader at the payload.
    checkpoint_reader(const void* data, std::size_t size, detector_kind kind, const char* function)
        : function_(function) {
        const auto* p = static_cast<const unsigned char*>(data);
        if (p == nullptr && size != 0) throw_corrupt_state(function, "null data with non-zero size");
        if (size < checkpoint_header_size + checkpoint_trailer_size) {
            throw_corrupt_state(function, "checkpoint is ", size, " bytes, shorter than the ",
                                checkpoint_header_size + checkpoint_trailer_size, "-byte framing");
        }
        if (std::memcmp(p, checkpoint_magic, 4) != 0) {
            throw_corrupt_state(function, "not a drift-detector checkpoint (bad magic)");
        }
        const std::uint16_t version = static_cast<std::uint16_t>(p[4] | (p[5] << 8));
        if (version != checkpoint_version) {
            throw_corrupt_state(function, "unsupported checkpoint version ", version, " (this build reads ",
                                checkpoint_version, ")");
        }
        const std::uint16_t got_kind = static_cast<std::uint16_t>(p[6] | (p[7] << 8));
        if (got_kind != static_cast<std::uint16_t>(kind)) {
            throw_corrupt_state(function, "checkpoint holds detector kind ", got_kind, ", expected ",
                                static_cast<std::uint16_t>(kind));
        }
        std::uint64_t length = 0;
        for (int i = 0; i < 8; ++i) length |= static_cast<std::uint64_t>(p[8 + i]) << (8 * i);
        if (length != size - checkpoint_header_size - checkpoint_trailer_size) {
            throw_corrupt_state(function, "payload length field says ", length, " bytes but ",
                                size - checkpoint_header_size - checkpoint_trailer_size,
                                " are present (truncated or padded)");
        }
        std::uint64_t stored = 0;
        for (int i = 0; i < 8; ++i) stored |= static_cast<std::uint64_t>(p[size - 8 + i]) << (8 * i);
        if (stored != fnv1a64(p, size - checkpoint_trailer_size)) {
            throw_corrupt_state(function, "checksum mismatch (corrupted bytes)");
        }
        p_ = p + checkpoint_header_size;
        n_ = static_cast<std::size_t>(length);
    }

    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    bool boolean() {
        const std::uint8_t v = u8();
        if (v > 1) throw_corrupt_state(function_, "boolean field at payload byte ", pos_ - 1, " is ", int(v));
        return v == 1;
    }
    std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::uint64_t u64() { return get(8); }
    std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
    double f64() {
        const std::uint64_t bits = get(8);
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }
    /// A double that must be finite.
    double finite(const char* field) {
        const double v = f64();
        if (!std::isfinite(v)) throw_corrupt_state(function_, field, " is not finite");
        return v;
    }
    /// Fails unless `ok` (a state invariant).
    template <class... Parts>
    void check(bool ok, const Parts&... parts) const {
        if (ASSAY_UNLIKELY(!ok)) throw_corrupt_state(function_, parts...);
    }
    std::size_t remaining() const noexcept { return n_ - pos_; }
    void finish() const {
        if (pos_ != n_) throw_corrupt_state(function_, n_ - pos_, " unexpected trailing payload bytes");
    }
    const char* function() const noexcept { return function_; }

private:
    std::uint64_t get(int n) {
        if (n_ - pos_ < static_cast<std::size_t>(n)) {
            throw_corrupt_state(function_, "payload ends at byte ", n_, " while reading a ", n, "-byte field");
        }
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(p_[pos_ + i]) << (8 * i);
        pos_ += static_cast<std::size_t>(n);
        return v;
    }
    const char* function_;
    const unsigned char* p_ = nullptr;
    std::size_t n_ = 0;
    std::size_t pos_ = 0;
};

}  // namespace detail
}  // namespace drift
ASSAY_NAMESPACE_END
