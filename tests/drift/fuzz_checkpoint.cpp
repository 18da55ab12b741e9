// libFuzzer target: every drift detector's `load` and the keyed monitor's
// `load` must reject any byte string with assay::corrupt_state (and nothing
// else: no crash, no other exception), and whatever they accept must save
// and load back to the same bytes and keep working.
//
// The first input byte picks the target; the second picks how the rest is
// used: raw (the loader sees the bytes as given), or framed (a valid header
// and checksum are built around the bytes, so the fuzzer reaches the
// payload parser instead of stopping at the checksum).
#include <assay/drift/adwin.hpp>
#include <assay/drift/ddm.hpp>
#include <assay/drift/eddm.hpp>
#include <assay/drift/hddm_a.hpp>
#include <assay/drift/hddm_w.hpp>
#include <assay/drift/kswin.hpp>
#include <assay/drift/linear_four_rates.hpp>
#include <assay/drift/monitor.hpp>
#include <assay/drift/page_hinkley.hpp>

#include <cstdint>
#include <type_traits>
#include <cstdlib>
#include <vector>

namespace drift = assay::drift;

namespace {

std::vector<std::uint8_t> framed(drift::detector_kind kind, const std::uint8_t* payload, std::size_t n) {
    std::vector<std::uint8_t> out{0x41, 0x53, 0x44, 0x52};
    auto put = [&](std::uint64_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    put(drift::checkpoint_version, 2);
    put(static_cast<std::uint16_t>(kind), 2);
    put(n, 8);
    out.insert(out.end(), payload, payload + n);
    put(drift::detail::fnv1a64(out.data(), out.size()), 8);
    return out;
}

template <class T>
void exercise(const std::uint8_t* data, std::size_t size, bool frame) {
    std::vector<std::uint8_t> bytes;
    if constexpr (std::is_same<T, drift::keyed_monitor<drift::adwin>>::value) {
        bytes.assign(data, data + size);
        if (frame && size >= 8) {  // fix the trailing checksum
            const auto h = drift::detail::fnv1a64(bytes.data(), bytes.size() - 8);
            for (int i = 0; i < 8; ++i) bytes[bytes.size() - 8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(h >> (8 * i));
        }
    } else {
        bytes = frame ? framed(T::kind, data, size) : std::vector<std::uint8_t>(data, data + size);
    }
    T target;
    const auto before = target.save();
    try {
        target.load(bytes);
    } catch (const assay::corrupt_state&) {
        if (target.save() != before) std::abort();  // a failed load changed the target
        return;
    }
    // Accepted: it must round-trip and keep working.
    const auto saved = target.save();
    T again;
    again.load(saved);
    if (again.save() != saved) std::abort();
    try {
        if constexpr (std::is_same<T, drift::keyed_monitor<drift::adwin>>::value) {
            target.update("k", 0.5);
        } else if constexpr (std::is_same<T, drift::linear_four_rates>::value) {
            target.update(1.0, 0.0);
            target.update(0.0, 0.0);
        } else {
            target.update(0.0);
            target.update(1.0);
        }
    } catch (const assay::invalid_argument&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const bool frame = (data[1] & 1) != 0;
    const std::uint8_t* rest = data + 2;
    const std::size_t n = size - 2;
    switch (data[0] % 9) {
        case 0: exercise<drift::adwin>(rest, n, frame); break;
        case 1: exercise<drift::ddm>(rest, n, frame); break;
        case 2: exercise<drift::eddm>(rest, n, frame); break;
        case 3: exercise<drift::page_hinkley>(rest, n, frame); break;
        case 4: exercise<drift::hddm_a>(rest, n, frame); break;
        case 5: exercise<drift::hddm_w>(rest, n, frame); break;
        case 6: exercise<drift::kswin>(rest, n, frame); break;
        case 7: exercise<drift::linear_four_rates>(rest, n, frame); break;
        default: exercise<drift::keyed_monitor<drift::adwin>>(rest, n, frame); break;
    }
    return 0;
}
