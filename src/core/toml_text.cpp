#include "core/toml_text.hpp"

#include <sstream>

namespace accord {

namespace {

// TOML allows non-ASCII text only inside strings and comments, and no control characters but tab,
// LF and CR anywhere. toml++ 3.3 reaches undefined behaviour (an "unreachable" branch of its
// Unicode-whitespace table) on some non-ASCII characters between tokens, so such input is refused
// here first, with its position. Found by fuzz/.
void refuse_unsafe_characters(std::string_view text, const std::string& source, ErrorCode code) {
    enum class In { code, comment, basic, literal, multi_basic, multi_literal } in = In::code;
    int line = 1, column = 1;
    auto fail = [&](const char* why) {
        throw Error(code, source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + why);
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto rest = text.substr(i);
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7f) fail("control character");
        switch (in) {
            case In::code:
                if (c == '#') in = In::comment;
                else if (rest.starts_with("\"\"\"")) in = In::multi_basic, i += 2, column += 2;
                else if (rest.starts_with("'''")) in = In::multi_literal, i += 2, column += 2;
                else if (c == '"') in = In::basic;
                else if (c == '\'') in = In::literal;
                else if (byte >= 0x80)
                    fail("non-ASCII character outside a string or comment");
                break;
            case In::comment:
                if (c == '\n') in = In::code;
                break;
            case In::basic:
                if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i, ++column;
                else if (c == '"' || c == '\n') in = In::code;
                break;
            case In::literal:
                if (c == '\'' || c == '\n') in = In::code;
                break;
            case In::multi_basic:
                if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i, ++column;
                else if (rest.starts_with("\"\"\"")) in = In::code, i += 2, column += 2;
                break;
            case In::multi_literal:
                if (rest.starts_with("'''")) in = In::code, i += 2, column += 2;
                break;
        }
        if (text[i] == '\n') line += 1, column = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    }
}

}  // namespace

std::string toml_where(const std::string& source, const toml::node* at) {
    std::ostringstream out;
    out << (at && at->source().path && !at->source().path->empty() ? *at->source().path : source);
    if (at && at->source().begin.line) out << ':' << at->source().begin.line << ':' << at->source().begin.column;
    return out.str();
}

void toml_fail(ErrorCode code, const std::string& source, const toml::node* at, const std::string& message) {
    throw Error(code, toml_where(source, at) + ": " + message);
}

toml::table parse_toml(std::string_view text, const std::string& source, ErrorCode code) {
    refuse_unsafe_characters(text, source, code);
    try {
        return toml::parse(text, source);
    } catch (const toml::parse_error& e) {
        std::ostringstream out;
        out << source << ':' << e.source().begin.line << ':' << e.source().begin.column << ": " << e.description();
        throw Error(code, out.str());
    }
}

void toml_only_keys(ErrorCode code, const std::string& source, const toml::table& t, const std::string& where,
                    std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, node] : t) {
        bool ok = false;
        for (auto a : allowed) ok = ok || key.str() == a;
        if (!ok) toml_fail(code, source, &node, where + ": unknown key '" + std::string(key.str()) + "'");
    }
}

}  // namespace accord
