// Shared by the metrics benchmarks: reading the arrays the comparison
// scripts write, so assay and scikit-learn see the same data.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace assay_bench {

/// The raw bytes of `path` as an array of T (native layout, as numpy's tofile writes).
template <class T>
std::vector<T> read_raw(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw std::runtime_error("cannot open " + path);
    const auto bytes = static_cast<std::size_t>(in.tellg());
    std::vector<T> v(bytes / sizeof(T));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(v.size() * sizeof(T)));
    return v;
}

/// Reports n rows per iteration (Google Benchmark's items_per_second).
inline void set_rows(benchmark::State& st, std::size_t n) {
    st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * static_cast<std::int64_t>(n));
}

}  // namespace assay_bench
