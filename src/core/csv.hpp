#pragma once
// RFC 4180 CSV: comma-separated, double-quoted fields with doubled inner quotes, line breaks allowed
// inside quotes. Records carry the line they start on, so errors can name it.
#include <string>
#include <string_view>
#include <vector>

namespace accord {

struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};

struct CsvError {
    int line = 0;
    std::string message;
};

struct CsvTable {
    std::vector<CsvRecord> records;  // header included, as the first record
    std::vector<CsvError> errors;    // records that could not be read; parsing goes on where it can
};

CsvTable parse_csv(std::string_view text);

// Quotes a field if it needs it.
std::string csv_field(std::string_view value);

}  // namespace accord
