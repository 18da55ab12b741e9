// assay/metrics/detail/state_bytes.hpp — the framing of the metrics
// accumulators' saved states: 4 magic bytes, a 16-bit format version, the
// fields in order, and an FNV-1a 64-bit hash of everything before it.
// Integers are little-endian whatever the host; a double is its IEEE-754
// binary64 bit pattern stored as a 64-bit integer.
#pragma once

#include "../../config.hpp"
#include "../../error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace detail {
namespace metrics {

inline std::uint64_t fnv1a64(const unsigned char* p, std::size_t n) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

inline std::uint64_t double_bits(double x) noexcept {
    std::uint64_t v;
    std::memcpy(&v, &x, 8);
    return v;
}
inline double bits_double(std::uint64_t v) noexcept {
    double x;
    std::memcpy(&x, &v, 8);
    return x;
}

/// Writes magic and version, then fields; finish() appends the hash.
class state_writer {
public:
    state_writer(const unsigned char (&magic)[4], std::uint16_t version, std::size_t expected_size = 64) {
        out_.reserve(expected_size);
        for (unsigned char c : magic) out_.push_back(c);
        u16(version);
    }
    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { put(v, 2); }
    void u32(std::uint32_t v) { put(v, 4); }
    void u64(std::uint64_t v) { put(v, 8); }
    void i64(std::int64_t v) { put(static_cast<std::uint64_t>(v), 8); }
    void f64(double v) { put(double_bits(v), 8); }
    std::vector<std::uint8_t> finish() {
        put(fnv1a64(out_.data(), out_.size()), 8);
        return std::move(out_);
    }

private:
    void put(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    std::vector<std::uint8_t> out_;
};

/// Checks the framing (length, magic, version, hash) on construction, then
/// reads fields in order; a read past the end, or done() with bytes left,
/// throws assay::corrupt_state.
class state_reader {
public:
    state_reader(const void* data, std::size_t size, const unsigned char (&magic)[4], std::uint16_t version,
                 const char* function, const char* what)
        : fn_(function) {
        const auto* p = static_cast<const unsigned char*>(data);
        if (p == nullptr && size != 0) throw_corrupt_state(fn_, "null data with non-zero size");
        if (size < 4 + 2 + 8) throw_corrupt_state(fn_, "state is ", size, " bytes, shorter than its framing");
        if (std::memcmp(p, magic, 4) != 0) throw_corrupt_state(fn_, "not a ", what, " state (bad magic)");
        const auto got = static_cast<std::uint16_t>(p[4] | (p[5] << 8));
        if (got != version)
            throw_corrupt_state(fn_, "unsupported format version ", got, " (this build reads ", version, ")");
        std::uint64_t stored = 0;
        for (std::size_t i = 0; i < 8; ++i) stored |= static_cast<std::uint64_t>(p[size - 8 + i]) << (8 * i);
        if (stored != fnv1a64(p, size - 8)) throw_corrupt_state(fn_, "checksum mismatch (corrupted or truncated bytes)");
        p_ = p + 6;
        n_ = size - 6 - 8;
    }
    std::uint8_t u8() { return static_cast<std::uint8_t>(get(1)); }
    std::uint16_t u16() { return static_cast<std::uint16_t>(get(2)); }
    std::uint32_t u32() { return static_cast<std::uint32_t>(get(4)); }
    std::uint64_t u64() { return get(8); }
    std::int64_t i64() { return static_cast<std::int64_t>(get(8)); }
    double f64() { return bits_double(get(8)); }
    /// Bytes not read yet.
    std::size_t left() const noexcept { return n_; }
    void done() const {
        if (n_ != 0) throw_corrupt_state(fn_, n_, " bytes left after the last field (padded or inconsistent sizes)");
    }
    const char* function() const noexcept { return fn_; }

private:
    std::uint64_t get(std::size_t k) {
        if (n_ < k) throw_corrupt_state(fn_, "state ends inside a field (truncated or inconsistent sizes)");
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < k; ++i) v |= static_cast<std::uint64_t>(p_[i]) << (8 * i);
        p_ += k;
        n_ -= k;
        return v;
    }
    const char* fn_;
    const unsigned char* p_ = nullptr;
    std::size_t n_ = 0;
};

}  // namespace metrics
}  // namespace detail
ASSAY_NAMESPACE_END
