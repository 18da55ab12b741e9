// assay/drift/monitor.hpp — drift detectors in a serving process: one
// detector per model / segment / feature created on first use, and
// thread-safe wrappers for detectors updated from several request threads.
//
// * `keyed_monitor<Detector, Key>` — a map from keys to detectors of one
//   type and configuration; single writer, like the detectors themselves.
//   Updating an existing key allocates nothing.
// * `synchronized<Detector>` — one detector behind a mutex.
// * `concurrent_keyed_monitor<Detector, Key>` — a keyed monitor split into
//   shards by the key's hash, each behind its own mutex, so request threads
//   that report on different keys rarely wait for each other.
//
// All three save to bytes and load back (a server restart must not forget
// what its detectors learned). The keyed format, version 1, little-endian:
//
//   offset  size  field
//   0       4     magic 'A' 'S' 'K' 'M'
//   4       2     format version (1)
//   6       2     key type: 1 = string, 2 = signed 64-bit integer
//   8       8     number of entries E
//   16      ...   E entries: key (string: u64 length + bytes; integer: i64),
//                 u64 length L of the detector checkpoint, L bytes of it
//                 (the detector's own format, assay/drift/checkpoint.hpp)
//   end−8   8     FNV-1a 64-bit hash of every preceding byte
//
// `load` validates the whole input (framing, hash, every entry, every nested
// detector checkpoint, no duplicate keys) before it replaces anything; on
// any failure it throws `assay::corrupt_state` and the monitor is unchanged.
#pragma once

#include "../config.hpp"
#include "../error.hpp"
#include "checkpoint.hpp"
#include "status.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

ASSAY_NAMESPACE_BEGIN
namespace drift {

namespace detail {

inline constexpr unsigned char keyed_magic[4] = {0x41, 0x53, 0x4b, 0x4d};  // "ASKM"
inline constexpr std::uint16_t keyed_version = 1;

template <class Key>
struct key_codec {
    static_assert(std::is_same<Key, std::string>::value || std::is_integral<Key>::value,
                  "assay::drift::keyed_monitor saves string or integer keys");
    static constexpr std::uint16_t type = std::is_same<Key, std::string>::value ? 1 : 2;
};

inline void put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

/// Bounds-checked little-endian reads of a keyed-monitor checkpoint.
class keyed_reader {
public:
    keyed_reader(const unsigned char* p, std::size_t n, const char* fn) : p_(p), n_(n), fn_(fn) {}
    std::uint64_t get(int bytes) {
        need(static_cast<std::size_t>(bytes));
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(p_[pos_ + static_cast<std::size_t>(i)]) << (8 * i);
        pos_ += static_cast<std::size_t>(bytes);
        return v;
    }
    const unsigned char* take(std::uint64_t bytes) {
        need(bytes);
        const unsigned char* at = p_ + pos_;
        pos_ += static_cast<std::size_t>(bytes);
        return at;
    }
    std::size_t position() const noexcept { return pos_; }

private:
    void need(std::uint64_t bytes) const {
        if (bytes > n_ - pos_) {
            ::assay::detail::throw_corrupt_state(fn_, "input ends at byte ", n_, " while reading ", bytes,
                                                 " bytes at byte ", pos_);
        }
    }
    const unsigned char* p_;
    std::size_t n_;
    std::size_t pos_ = 0;
    const char* fn_;
};

}  // namespace detail

/// One detector per key, created with the monitor's configuration the first
/// time its key is seen. Single writer.
template <class Detector, class Key = std::string, class Hash = std::hash<Key>>
class keyed_monitor {
public:
    using detector_type = Detector;
    using config_type = typename Detector::config_type;
    using key_type = Key;
    using map_type = std::unordered_map<Key, Detector, Hash>;

    /// Throws: invalid_argument if the configuration is invalid (checked by
    /// building one detector).
    explicit keyed_monitor(const config_type& config = {}) : config_(config) { (void)Detector(config_); }

    /// Feeds x to the key's detector (created on first use) and returns its
    /// status. Throws: whatever the detector's update throws for bad x (the
    /// detector is then unchanged); a new key's detector is kept.
    /// Complexity: one hash lookup plus the detector's update; no allocation
    /// for a key already present.
    status update(const Key& key, double x) {
        auto it = detectors_.find(key);
        if (it == detectors_.end()) it = detectors_.emplace(key, Detector(config_)).first;
        return it->second.update(x);
    }

    /// The key's detector, or nullptr.
    const Detector* find(const Key& key) const {
        const auto it = detectors_.find(key);
        return it == detectors_.end() ? nullptr : &it->second;
    }
    Detector* find(const Key& key) {
        const auto it = detectors_.find(key);
        return it == detectors_.end() ? nullptr : &it->second;
    }

    /// Puts a copy of `detector` under `key`, replacing any detector there.
    void insert_or_assign(const Key& key, const Detector& detector) { detectors_.insert_or_assign(key, detector); }

    std::size_t size() const noexcept { return detectors_.size(); }
    bool erase(const Key& key) { return detectors_.erase(key) > 0; }
    void clear() noexcept { detectors_.clear(); }
    const config_type& config() const noexcept { return config_; }
    typename map_type::const_iterator begin() const noexcept { return detectors_.begin(); }
    typename map_type::const_iterator end() const noexcept { return detectors_.end(); }

    /// Every key and its detector's checkpoint (format above). Entries are
    /// written in the map's iteration order.
    std::vector<std::uint8_t> save() const {
        std::vector<std::uint8_t> out(detail::keyed_magic, detail::keyed_magic + 4);
        detail::put_le(out, detail::keyed_version, 2);
        detail::put_le(out, detail::key_codec<Key>::type, 2);
        detail::put_le(out, detectors_.size(), 8);
        for (const auto& [key, det] : detectors_) {
            if constexpr (std::is_same<Key, std::string>::value) {
                detail::put_le(out, key.size(), 8);
                out.insert(out.end(), key.begin(), key.end());
            } else {
                detail::put_le(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(key)), 8);
            }
            const auto bytes = det.save();
            detail::put_le(out, bytes.size(), 8);
            out.insert(out.end(), bytes.begin(), bytes.end());
        }
        detail::put_le(out, detail::fnv1a64(out.data(), out.size()), 8);
        return out;
    }

    /// Replaces every detector by the saved ones; the configuration for new
    /// keys stays this monitor's. Throws: corrupt_state (monitor unchanged).
    void load(const void* data, std::size_t size) {
        const char* fn = "drift::keyed_monitor::load";
        const auto* p = static_cast<const unsigned char*>(data);
        if (p == nullptr && size != 0) ::assay::detail::throw_corrupt_state(fn, "null data with non-zero size");
        if (size < 24) ::assay::detail::throw_corrupt_state(fn, "input is ", size, " bytes, shorter than the framing");
        if (std::memcmp(p, detail::keyed_magic, 4) != 0) {
            ::assay::detail::throw_corrupt_state(fn, "not a keyed-monitor checkpoint (bad magic)");
        }
        std::uint64_t stored = 0;
        for (int i = 0; i < 8; ++i) stored |= static_cast<std::uint64_t>(p[size - 8 + static_cast<std::size_t>(i)]) << (8 * i);
        if (stored != detail::fnv1a64(p, size - 8)) ::assay::detail::throw_corrupt_state(fn, "checksum mismatch");
        detail::keyed_reader in(p, size - 8, fn);
        in.take(4);
        const auto version = in.get(2);
        if (version != detail::keyed_version) {
            ::assay::detail::throw_corrupt_state(fn, "unsupported version ", version);
        }
        const auto stored_key_type = in.get(2);
        if (stored_key_type != detail::key_codec<Key>::type) {
            ::assay::detail::throw_corrupt_state(fn, "key type ", stored_key_type, " does not match this monitor's (",
                                                 detail::key_codec<Key>::type, ")");
        }
        const std::uint64_t entries = in.get(8);
        // Every entry takes at least 16 bytes: a bound on E before reserving.
        if (entries > (size - 24) / 16) ::assay::detail::throw_corrupt_state(fn, "entry count ", entries, " is too large");
        map_type loaded;
        loaded.reserve(static_cast<std::size_t>(entries));
        for (std::uint64_t e = 0; e < entries; ++e) {
            Key key{};
            if constexpr (std::is_same<Key, std::string>::value) {
                const std::uint64_t len = in.get(8);
                const unsigned char* s = in.take(len);
                key.assign(reinterpret_cast<const char*>(s), static_cast<std::size_t>(len));
            } else {
                const auto v = static_cast<std::int64_t>(in.get(8));
                key = static_cast<Key>(v);
                if (static_cast<std::int64_t>(key) != v) ::assay::detail::throw_corrupt_state(fn, "key ", v, " out of range");
            }
            const std::uint64_t len = in.get(8);
            const unsigned char* bytes = in.take(len);
            Detector det(config_);
            det.load(bytes, static_cast<std::size_t>(len));  // throws corrupt_state on bad bytes
            if (!loaded.emplace(std::move(key), std::move(det)).second) {
                ::assay::detail::throw_corrupt_state(fn, "duplicate key in entry ", e);
            }
        }
        if (in.position() != size - 8) {
            ::assay::detail::throw_corrupt_state(fn, size - 8 - in.position(), " unexpected trailing bytes");
        }
        detectors_.swap(loaded);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

private:
    config_type config_;
    map_type detectors_;
};

/// One detector behind a mutex: every member locks, so any number of
/// threads may call them concurrently. For a detector updated from one
/// thread only, use the detector itself.
template <class Detector>
class synchronized {
public:
    using detector_type = Detector;
    using config_type = typename Detector::config_type;

    explicit synchronized(const config_type& config = {}) : detector_(config) {}

    status update(double x) {
        std::lock_guard<std::mutex> lock(mutex_);
        return detector_.update(x);
    }
    /// Runs f(detector&) under the lock (several reads that must agree, a
    /// batch of updates) and returns its result.
    template <class F>
    decltype(auto) with(F&& f) {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::forward<F>(f)(detector_);
    }
    /// A copy of the detector, consistent as of one instant.
    Detector snapshot() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return detector_;
    }
    void reset() {
        std::lock_guard<std::mutex> lock(mutex_);
        detector_.reset();
    }
    std::vector<std::uint8_t> save() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return detector_.save();
    }
    void load(const void* data, std::size_t size) {
        std::lock_guard<std::mutex> lock(mutex_);
        detector_.load(data, size);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

private:
    mutable std::mutex mutex_;
    Detector detector_;
};

/// A keyed monitor for concurrent writers: keys are spread over `shards`
/// keyed monitors by hash, each behind its own mutex. Updates of one key are
/// applied in the order their threads take the shard's lock.
template <class Detector, class Key = std::string, class Hash = std::hash<Key>>
class concurrent_keyed_monitor {
public:
    using config_type = typename Detector::config_type;
    using shard_type = keyed_monitor<Detector, Key, Hash>;

    /// Throws: invalid_argument for 0 shards or an invalid configuration.
    explicit concurrent_keyed_monitor(const config_type& config = {}, std::size_t shards = 16)
        : shards_(check_shards(shards)) {
        for (std::size_t i = 0; i < shards; ++i) shards_[i].monitor = std::make_unique<shard_type>(config);
    }

    status update(const Key& key, double x) {
        auto& s = shard_of(key);
        std::lock_guard<std::mutex> lock(s.mutex);
        return s.monitor->update(key, x);
    }

    /// A copy of the key's detector, if it exists.
    bool snapshot(const Key& key, Detector& out) const {
        const auto& s = shard_of(key);
        std::lock_guard<std::mutex> lock(s.mutex);
        const Detector* d = s.monitor->find(key);
        if (d) out = *d;
        return d != nullptr;
    }

    std::size_t size() const {
        std::size_t n = 0;
        for (const auto& s : shards_) {
            std::lock_guard<std::mutex> lock(s.mutex);
            n += s.monitor->size();
        }
        return n;
    }

    /// Runs f(key, detector) on every detector, one shard locked at a time.
    template <class F>
    void for_each(F&& f) const {
        for (const auto& s : shards_) {
            std::lock_guard<std::mutex> lock(s.mutex);
            for (const auto& [key, det] : *s.monitor) f(key, det);
        }
    }

    /// Merged into one keyed-monitor checkpoint (the same format as
    /// keyed_monitor::save, loadable by either). Shards are locked one at a
    /// time, so updates made during the save may or may not be in it.
    std::vector<std::uint8_t> save() const {
        shard_type all(shards_.front().monitor->config());
        for_each([&](const Key& key, const Detector& det) { all.insert_or_assign(key, det); });
        return all.save();
    }

    /// Replaces every detector by those of a keyed-monitor checkpoint. The
    /// bytes are validated in full first; on failure corrupt_state is thrown
    /// and nothing changes. Takes every shard's lock (in order) to swap.
    void load(const void* data, std::size_t size) {
        shard_type all(shards_.front().monitor->config());
        all.load(data, size);
        std::vector<shard_type> parts(shards_.size(), shard_type(all.config()));
        for (const auto& [key, det] : all) parts[Hash{}(key) % shards_.size()].insert_or_assign(key, det);
        std::vector<std::unique_lock<std::mutex>> locks;
        for (auto& s : shards_) locks.emplace_back(s.mutex);
        for (std::size_t i = 0; i < shards_.size(); ++i) *shards_[i].monitor = std::move(parts[i]);
    }
    void load(const std::vector<std::uint8_t>& bytes) { load(bytes.data(), bytes.size()); }

private:
    struct shard {
        mutable std::mutex mutex;
        std::unique_ptr<shard_type> monitor;
    };
    static std::size_t check_shards(std::size_t n) {
        ::assay::detail::require(n >= 1, "drift::concurrent_keyed_monitor", "shards", "must be at least 1");
        return n;
    }
    shard& shard_of(const Key& key) { return shards_[Hash{}(key) % shards_.size()]; }
    const shard& shard_of(const Key& key) const { return shards_[Hash{}(key) % shards_.size()]; }

    std::vector<shard> shards_;
};

}  // namespace drift
ASSAY_NAMESPACE_END
