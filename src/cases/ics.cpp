#include "cases/ics.hpp"

#include "engine/deadline.hpp"

namespace accord {

namespace {

std::string ics_date(Date d) {
    std::string s = d.str();
    s.erase(7, 1);
    s.erase(4, 1);
    return s;
}

// RFC 5545 text: escape backslash, semicolon, comma and newline.
std::string ics_text(const std::string& in) {
    std::string out;
    for (char c : in) {
        if (c == '\\' || c == ';' || c == ',') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

// Lines longer than 75 octets are folded with CRLF and a space.
std::string fold(const std::string& line) {
    std::string out;
    size_t pos = 0, width = 75;
    while (line.size() - pos > width) {
        size_t cut = pos + width;
        while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
        out += line.substr(pos, cut - pos) + "\r\n ";
        pos = cut;
        width = 74;
    }
    return out + line.substr(pos) + "\r\n";
}

}  // namespace

std::string deadlines_ics(const CaseView& v, Date as_of, const std::string& stamp) {
    const Rulebook& rb = *v.rulebook;
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Accord//Case deadlines//EN\r\nCALSCALE:GREGORIAN\r\n";
    for (const auto& d : deadlines(rb, v.state, as_of)) {
        if (d.met_on) continue;
        const Stage& stage = rb.stages[size_t(d.stage)];
        out += "BEGIN:VEVENT\r\n";
        out += fold("UID:" + v.row.id + "-" + stage.id + "-" + d.anchor.str() + "@accord");
        out += "DTSTAMP:" + stamp + "\r\n";
        out += "DTSTART;VALUE=DATE:" + ics_date(d.due) + "\r\n";
        out += "DTEND;VALUE=DATE:" + ics_date(d.due + Days{1}) + "\r\n";
        out += fold("SUMMARY:" + ics_text(v.row.id + ": " + stage.id + " due (" + cite(stage.article) + ")"));
        out += fold("DESCRIPTION:" + ics_text(stage.name + ". Counted from " + rb.stages[size_t(d.anchor_stage)].id +
                                              " on " + d.anchor.str() +
                                              (d.status == Deadline::Status::missed ? ". Missed as of " + as_of.str() : "") +
                                              "."));
        out += "END:VEVENT\r\n";
    }
    return out + "END:VCALENDAR\r\n";
}

}  // namespace accord
