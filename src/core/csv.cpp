#include "core/csv.hpp"

namespace accord {

CsvTable parse_csv(std::string_view text) {
    CsvTable out;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte-order mark
    size_t i = 0;
    int line = 1;
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool bad = false;
        std::string why;
        for (;;) {
            if (i < text.size() && text[i] == '"') {
                // Quoted field: runs to the closing quote; "" is a quote.
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    const char c = text[i++];
                    if (c == '"') {
                        if (i < text.size() && text[i] == '"') {
                            field += '"';
                            ++i;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        if (c == '\n') ++line;
                        field += c;
                    }
                }
                if (!closed) {
                    out.errors.push_back({rec.line, "unclosed quote: the rest of the file cannot be read"});
                    return out;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    bad = true;
                    why = "text after a closing quote";
                    while (i < text.size() && text[i] != ',' && text[i] != '\n') ++i;
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"' && !bad) {
                        bad = true;
                        why = "a quote inside an unquoted field";
                    }
                    field += text[i++];
                }
            }
            rec.fields.push_back(std::move(field));
            field.clear();
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == '\r') ++i;
            if (i < text.size() && text[i] == '\n') {
                ++i;
                ++line;
            }
            break;
        }
        if (bad) out.errors.push_back({rec.line, why});
        else if (!(rec.fields.size() == 1 && rec.fields[0].empty())) out.records.push_back(std::move(rec));
    }
    return out;
}

std::string csv_field(std::string_view v) {
    if (v.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(v);
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace accord
