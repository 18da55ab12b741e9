// Loads the reference drift streams (tests/reference/drift/streams/*.txt:
// one value per line, parsed as IEEE doubles).
#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace drift_test {

inline const std::vector<double>& stream(const std::string& name) {
    static std::map<std::string, std::vector<double>> cache;
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    const std::string path = std::string(ASSAY_REFERENCE_DIR) + "/drift/streams/" + name + ".txt";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<double> values;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        values.push_back(std::strtod(line.c_str(), nullptr));
    }
    return cache.emplace(name, std::move(values)).first->second;
}

inline const std::vector<std::string>& binary_streams() {
    static const std::vector<std::string> names{"b_abrupt_s1",      "b_abrupt_small", "b_gradual_linear_s1",
                                                "b_stationary_p10", "b_stationary_p02", "b_multi",
                                                "b_long_s1",        "b_short_abrupt"};
    return names;
}
inline const std::vector<std::string>& real_streams() {
    static const std::vector<std::string> names{"g_shift_s1",      "g_variance", "g_gradual", "g_stationary_s1",
                                                "g_multi",         "g_long_s1",  "g_loss_exp"};
    return names;
}

}  // namespace drift_test
