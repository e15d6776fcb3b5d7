// libFuzzer target: any bytes given to the rulebook loader either load (and then survive the static
// checks and renderers) or raise accord::Error. Crashes, sanitizer reports and other exceptions are bugs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/error.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/render.hpp"
#include "rulebook/static_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const accord::Rulebook rb = accord::load_rulebook_text(text, "fuzz.toml");
        (void)accord::static_checks(rb);
        (void)accord::render_text(rb);
        (void)accord::render_mermaid(rb);
    } catch (const accord::Error&) {
    }
    return 0;
}
