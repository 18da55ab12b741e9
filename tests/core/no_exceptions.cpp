// Built with -fno-exceptions: a failed check calls the installed handler
// with the same message the exception would carry.
#include <assay/random.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {
void handler(assay::errc code, const char* message) {
    const bool ok = code == assay::errc::invalid_argument &&
                    std::strcmp(message, "assay::uniform_index: n: must be at least 1") == 0;
    std::printf("handler called: %s\n", message);
    std::exit(ok ? 0 : 1);
}
}  // namespace

int main() {
#if !defined(ASSAY_NO_EXCEPTIONS)
#    error "this test must be compiled without exceptions"
#endif
    assay::set_error_handler(&handler);
    assay::rng g(1);
    (void)assay::uniform_index(g, 0);  // calls handler, which exits
    std::printf("handler was not called\n");
    return 1;
}
