#pragma once
#include <string>

#include "rulebook/loader.hpp"

namespace accord::test_support {

inline Rulebook load_naalc() {
    return load_rulebook_file(std::string(ACCORD_SOURCE_DIR) + "/rulebooks/naalc-1994.toml");
}

}  // namespace accord::test_support
