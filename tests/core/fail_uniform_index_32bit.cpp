// Must NOT compile: assay's portable helpers need full 64-bit generator words
// (a 32-bit engine would silently give different, biased draws).
#include <assay/random.hpp>

#include <random>

int main() {
    std::mt19937 g32(1);
    return static_cast<int>(assay::uniform_index(g32, 10));
}
