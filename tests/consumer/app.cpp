// A tiny outside program that uses assay as a package.
#include <assay/assay.hpp>

#include <cstdio>
#include <vector>

int main() {
    assay::rng g(2024);
    std::vector<int> v{0, 1, 2, 3, 4, 5, 6, 7};
    assay::shuffle(v.begin(), v.end(), g);
    int sum = 0;
    for (int x : v) sum += x;
    std::printf("consumer (C++%ld): shuffled sum %d, assay %d.%d.%d\n", __cplusplus / 100 % 100, sum,
                ASSAY_VERSION_MAJOR, ASSAY_VERSION_MINOR, ASSAY_VERSION_PATCH);
    return sum == 28 ? 0 : 1;
}
