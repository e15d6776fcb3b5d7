#include "sim/scenario.hpp"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/toml_text.hpp"

namespace accord {

namespace {

class Reader {
public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const toml::node* at, const std::string& message) const {
        toml_fail(ErrorCode::bad_argument, source_, at, message);
    }

    void only(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> keys) const {
        toml_only_keys(ErrorCode::bad_argument, source_, t, where, keys);
    }

    double number(const toml::table& t, std::string_view key, const std::string& where, double lo, double hi,
                  std::optional<double> fallback = std::nullopt) const {
        const toml::node* n = t.get(key);
        if (!n) {
            if (fallback) return *fallback;
            fail(&t, where + ": missing '" + std::string(key) + "'");
        }
        double v = 0;
        if (n->is_integer()) v = double(n->as_integer()->get());
        else if (n->is_floating_point()) v = n->as_floating_point()->get();
        else fail(n, where + "." + std::string(key) + ": expected a number");
        if (!(v >= lo && v <= hi))
            fail(n, where + "." + std::string(key) + ": " + std::to_string(v) + " is outside [" + std::to_string(lo) + ", " +
                        std::to_string(hi) + "]");
        return v;
    }

    std::string text(const toml::table& t, std::string_view key, const std::string& where) const {
        const toml::node* n = t.get(key);
        if (!n || !n->is_string()) fail(n ? n : &t, where + ": '" + std::string(key) + "' must be a string");
        return std::string(n->as_string()->get());
    }

    Date date(const toml::table& t, std::string_view key, const std::string& where) const {
        const toml::node* n = t.get(key);
        if (!n || !n->is_date()) fail(n ? n : &t, where + ": '" + std::string(key) + "' must be a date");
        const toml::date d = n->as_date()->get();
        try {
            return Date::from_ymd(d.year, d.month, d.day);
        } catch (const std::invalid_argument& e) {
            fail(n, where + "." + std::string(key) + ": " + e.what());
        }
    }

    std::vector<Weighted> weighted(const toml::table& t, std::string_view key, const std::string& where,
                                   std::string_view id_key, std::string_view weight_key, double max) const {
        std::vector<Weighted> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        const toml::array* a = n->as_array();
        if (!a) fail(n, where + "." + std::string(key) + ": expected a list of tables");
        for (size_t i = 0; i < a->size(); ++i) {
            const toml::table* e = (*a)[i].as_table();
            const std::string w = where + "." + std::string(key) + "[" + std::to_string(i) + "]";
            if (!e) fail(&(*a)[i], w + ": expected a table");
            only(*e, w, {id_key, weight_key});
            out.push_back({text(*e, id_key, w), number(*e, weight_key, w, 0, max)});
        }
        return out;
    }

private:
    std::string source_;
};

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& source) {
    const toml::table root = parse_toml(text, source, ErrorCode::bad_argument);
    Reader r(source);
    r.only(root, "scenario", {"format", "id", "description", "arrivals", "votes", "assessments", "steps"});
    if (root["format"].value_or<int64_t>(0) != 1) r.fail(&root, "scenario: 'format = 1' is required");
    Scenario s;
    s.source = source;
    s.id = r.text(root, "id", "scenario");
    s.description = root["description"].value_or(std::string());
    const toml::table* arrivals = root["arrivals"].as_table();
    if (!arrivals) r.fail(&root, "scenario: missing [arrivals]");
    r.only(*arrivals, "arrivals", {"from", "to", "offices", "respondents", "subjects", "facts"});
    s.from = r.date(*arrivals, "from", "arrivals");
    s.to = r.date(*arrivals, "to", "arrivals");
    if (s.to < s.from) r.fail(arrivals->get("to"), "arrivals.to: before arrivals.from");
    s.offices = r.weighted(*arrivals, "offices", "arrivals", "id", "weight", 1e9);
    s.respondents = r.weighted(*arrivals, "respondents", "arrivals", "party", "weight", 1e9);
    s.subjects = r.weighted(*arrivals, "subjects", "arrivals", "id", "p", 1);
    s.facts = r.weighted(*arrivals, "facts", "arrivals", "id", "p", 1);
    if (s.offices.empty() || s.respondents.empty() || s.subjects.empty())
        r.fail(arrivals, "arrivals: needs offices, respondents and subjects");
    if (const toml::table* v = root["votes"].as_table()) {
        r.only(*v, "votes", {"complainant", "respondent", "other"});
        s.vote_complainant = r.number(*v, "complainant", "votes", 0, 1, 1.0);
        s.vote_respondent = r.number(*v, "respondent", "votes", 0, 1, 0.0);
        s.vote_other = r.number(*v, "other", "votes", 0, 1, 0.5);
    }
    if (const toml::table* a = root["assessments"].as_table()) {
        r.only(*a, "assessments", {"share_of_cap", "trade_usd"});
        s.assessment_share_of_cap = r.number(*a, "share_of_cap", "assessments", 0, 1, 0.5);
        s.trade_usd = r.number(*a, "trade_usd", "assessments", 0, 1e15, 0.0);
    }
    const toml::array* steps = root["steps"].as_array();
    if (!steps || steps->empty()) r.fail(&root, "scenario: missing 'steps'");
    for (size_t i = 0; i < steps->size(); ++i) {
        const toml::table* t = (*steps)[i].as_table();
        const std::string w = "steps[" + std::to_string(i) + "]";
        if (!t) r.fail(&(*steps)[i], w + ": expected a table");
        r.only(*t, w, {"at", "event", "weight", "days", "votes"});
        ScenarioStep step;
        step.line = int(t->source().begin.line);
        step.at = r.text(*t, "at", w);
        step.event = r.text(*t, "event", w);
        step.weight = r.number(*t, "weight", w, 0, 1e9, 1.0);
        const toml::array* days = (*t)["days"].as_array();
        if (!days || days->size() != 3) r.fail(t->get("days") ? t->get("days") : t, w + ".days: expected [min, mode, max]");
        double v[3];
        for (size_t k = 0; k < 3; ++k) {
            const auto x = (*days)[k].value<double>();
            if (!x || *x < 0) r.fail(&(*days)[k], w + ".days: expected numbers of days >= 0");
            v[k] = *x;
        }
        if (!(v[0] <= v[1] && v[1] <= v[2])) r.fail(t->get("days"), w + ".days: expected min <= mode <= max");
        if (const toml::node* vn = t->get("votes")) {
            const toml::array* va = vn->as_array();
            if (!va || va->size() != 3) r.fail(vn, w + ".votes: expected [complainant, respondent, other] probabilities");
            std::array<double, 3> p{};
            for (size_t k = 0; k < 3; ++k) {
                const auto x = (*va)[k].value<double>();
                if (!x || *x < 0 || *x > 1) r.fail(&(*va)[k], w + ".votes: probabilities are between 0 and 1");
                p[k] = *x;
            }
            step.votes = p;
        }
        step.min_days = v[0];
        step.mode_days = v[1];
        step.max_days = v[2];
        s.steps.push_back(step);
    }
    return s;
}

Scenario load_scenario_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path.string() + ": cannot open scenario");
    std::stringstream buf;
    buf << in.rdbuf();
    return load_scenario_text(buf.str(), path.string());
}

}  // namespace accord
