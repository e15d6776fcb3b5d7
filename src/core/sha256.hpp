#pragma once
// SHA-256 (FIPS 180-4), for storing only the hash of a bearer token.
#include <string>
#include <string_view>

namespace accord {

std::string sha256_hex(std::string_view data);

}  // namespace accord
