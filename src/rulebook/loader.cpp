#include "rulebook/loader.hpp"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/toml_text.hpp"

namespace accord {

namespace {

// Reads typed values out of toml++ nodes, turning every mistake into a positioned error.
class Reader {
public:
    explicit Reader(std::string source) : source_(std::move(source)) {}

    [[noreturn]] void fail(const toml::node* at, const std::string& message) const {
        toml_fail(ErrorCode::bad_rulebook, source_, at, message);
    }

    SourcePos pos(const toml::node& n) const {
        return {int(n.source().begin.line), int(n.source().begin.column)};
    }

    // Refuses keys outside `allowed`, so a typo in a rulebook is an error, not a silent default.
    void only_keys(const toml::table& t, const std::string& where,
                   std::initializer_list<std::string_view> allowed) const {
        toml_only_keys(ErrorCode::bad_rulebook, source_, t, where, allowed);
    }

    const toml::table& table(const toml::table& parent, std::string_view key,
                             const std::string& where) const {
        const toml::node* n = parent.get(key);
        if (!n) fail(&parent, where + ": missing table '" + std::string(key) + "'");
        if (!n->is_table()) fail(n, where + "." + std::string(key) + ": expected a table");
        return *n->as_table();
    }

    std::string str(const toml::table& t, std::string_view key, const std::string& where,
                    bool required = true) const {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(&t, where + ": missing key '" + std::string(key) + "'");
            return {};
        }
        if (!n->is_string()) fail(n, where + "." + std::string(key) + ": expected a string");
        return std::string(n->as_string()->get());
    }

    std::optional<int64_t> integer(const toml::table& t, std::string_view key,
                                   const std::string& where, int64_t lo, int64_t hi) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_integer()) fail(n, where + "." + std::string(key) + ": expected an integer");
        const int64_t v = n->as_integer()->get();
        if (v < lo || v > hi)
            fail(n, where + "." + std::string(key) + ": " + std::to_string(v) + " is out of range [" +
                        std::to_string(lo) + ", " + std::to_string(hi) + "]");
        return v;
    }

    std::optional<double> number(const toml::table& t, std::string_view key,
                                 const std::string& where) const {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (n->is_integer()) return double(n->as_integer()->get());
        if (!n->is_floating_point()) fail(n, where + "." + std::string(key) + ": expected a number");
        return n->as_floating_point()->get();
    }

    bool boolean(const toml::table& t, std::string_view key, const std::string& where) const {
        const toml::node* n = t.get(key);
        if (!n) return false;
        if (!n->is_boolean()) fail(n, where + "." + std::string(key) + ": expected true or false");
        return n->as_boolean()->get();
    }

    std::optional<Date> date(const toml::table& t, std::string_view key, const std::string& where,
                             bool required) const {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(&t, where + ": missing key '" + std::string(key) + "'");
            return std::nullopt;
        }
        if (!n->is_date()) fail(n, where + "." + std::string(key) + ": expected a date (YYYY-MM-DD)");
        const toml::date d = n->as_date()->get();
        try {
            return Date::from_ymd(d.year, d.month, d.day);
        } catch (const std::invalid_argument& e) {
            fail(n, where + "." + std::string(key) + ": " + e.what());
        }
    }

    std::vector<std::string> strings(const toml::table& t, std::string_view key,
                                     const std::string& where) const {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        if (!n->is_array()) fail(n, where + "." + std::string(key) + ": expected an array of strings");
        for (const auto& item : *n->as_array()) {
            if (!item.is_string()) fail(&item, where + "." + std::string(key) + ": expected strings");
            out.emplace_back(item.as_string()->get());
        }
        return out;
    }

    // An array of tables (either [[name]] sections or an inline array of inline tables).
    std::vector<const toml::table*> tables(const toml::table& t, std::string_view key,
                                           const std::string& where) const {
        std::vector<const toml::table*> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        if (!n->is_array()) fail(n, where + "." + std::string(key) + ": expected an array of tables");
        for (const auto& item : *n->as_array()) {
            if (!item.is_table()) fail(&item, where + "." + std::string(key) + ": expected tables");
            out.push_back(item.as_table());
        }
        return out;
    }

private:
    std::string source_;
};

std::string at(std::string_view list, size_t i) {
    return std::string(list) + "[" + std::to_string(i) + "]";
}

template <class Lookup>
Index resolve(const Reader& r, const toml::node* n, const std::string& where, const std::string& id,
              const char* kind, Lookup lookup) {
    const Index i = lookup(id);
    if (i == kNone) r.fail(n, where + ": unknown " + kind + " '" + id + "'");
    return i;
}

Bounds read_bounds(const Reader& r, const toml::table& t, const std::string& where,
                   Timing::Unit& unit, bool& unit_seen) {
    Bounds b;
    auto take = [&](std::string_view cal_key, std::string_view biz_key, std::optional<int>& into) {
        const bool has_cal = t.contains(cal_key), has_biz = t.contains(biz_key);
        if (has_cal && has_biz)
            r.fail(&t, where + ": both '" + std::string(cal_key) + "' and '" + std::string(biz_key) + "'");
        if (!has_cal && !has_biz) return;
        const Timing::Unit u = has_cal ? Timing::Unit::calendar_days : Timing::Unit::business_days;
        if (unit_seen && u != unit)
            r.fail(&t, where + ": mixes calendar days and business days in one timing rule");
        unit = u;
        unit_seen = true;
        into = int(*r.integer(t, has_cal ? cal_key : biz_key, where, 0, 100000));
    };
    take("within_days", "within_business_days", b.within);
    take("not_before_days", "not_before_business_days", b.not_before);
    take("extension_days", "extension_business_days", b.extension);
    for (auto key : {std::string_view("window_days"), std::string_view("window_business_days")}) {
        const toml::node* n = t.get(key);
        if (!n) continue;
        const auto u = key == "window_days" ? Timing::Unit::calendar_days : Timing::Unit::business_days;
        if (unit_seen && u != unit)
            r.fail(n, where + ": mixes calendar days and business days in one timing rule");
        unit = u;
        unit_seen = true;
        const toml::array* a = n->as_array();
        if (!a || a->size() != 2 || !(*a)[0].is_integer() || !(*a)[1].is_integer())
            r.fail(n, where + "." + std::string(key) + ": expected [from, to] as two integers");
        const int64_t lo = (*a)[0].as_integer()->get(), hi = (*a)[1].as_integer()->get();
        if (lo < 0 || hi < lo || hi > 100000)
            r.fail(n, where + "." + std::string(key) + ": expected 0 <= from <= to");
        b.window_from = int(lo);
        b.window_to = int(hi);
    }
    if (b.window_from && (b.within || b.not_before))
        r.fail(&t, where + ": a window cannot be combined with within or not_before");
    if (b.within && b.not_before && *b.not_before > *b.within)
        r.fail(&t, where + ": not_before is later than within");
    return b;
}

Timing read_timing(const Reader& r, const toml::table& t, const std::string& where,
                   const Rulebook& rb, const std::vector<std::string>& stage_ids) {
    const std::initializer_list<std::string_view> bound_keys = {
        "within_days", "within_business_days", "not_before_days", "not_before_business_days",
        "window_days", "window_business_days", "extension_days", "extension_business_days"};
    r.only_keys(t, where,
                {"after", "within_days", "within_business_days", "not_before_days",
                 "not_before_business_days", "window_days", "window_business_days", "extension_days",
                 "extension_business_days", "calendar", "strict", "extension_by", "met_by", "parties"});
    Timing timing;
    timing.pos = r.pos(t);
    auto stage_lookup = [&](const std::string& id) -> Index {
        for (size_t i = 0; i < stage_ids.size(); ++i)
            if (stage_ids[i] == id) return Index(i);
        return kNone;
    };
    const auto after = r.strings(t, "after", where);
    if (after.empty()) r.fail(&t, where + ": missing 'after' (the stage or stages the timing counts from)");
    for (const auto& a : after)
        timing.after.push_back(resolve(r, t.get("after"), where + ".after", a, "stage", stage_lookup));
    bool unit_seen = false;
    timing.bounds = read_bounds(r, t, where, timing.unit, unit_seen);
    if (!unit_seen) r.fail(&t, where + ": no bound (within, not_before or window)");
    if (const toml::node* p = t.get("parties")) {
        if (!p->is_table()) r.fail(p, where + ".parties: expected a table keyed by number of Parties");
        for (const auto& [key, node] : *p->as_table()) {
            int n = 0;
            for (char c : key.str()) n = (c >= '0' && c <= '9' && n < 100) ? n * 10 + (c - '0') : -1000;
            if (n < 2 || n > int(kMaxParties))
                r.fail(&node, where + ".parties: key '" + std::string(key.str()) + "' is not a number of Parties");
            if (!node.is_table()) r.fail(&node, where + ".parties." + std::string(key.str()) + ": expected a table");
            const auto& ot = *node.as_table();
            r.only_keys(ot, where + ".parties." + std::string(key.str()), bound_keys);
            // Start from the base bounds so an override names only what changes.
            Bounds merged = timing.bounds;
            bool seen = true;
            Bounds over = read_bounds(r, ot, where + ".parties." + std::string(key.str()), timing.unit, seen);
            if (over.within) merged.within = over.within;
            if (over.not_before) merged.not_before = over.not_before;
            if (over.extension) merged.extension = over.extension;
            if (over.window_from) merged.window_from = over.window_from, merged.window_to = over.window_to;
            timing.by_parties.emplace_back(n, merged);
        }
    }
    timing.calendar = r.str(t, "calendar", where, false);
    if (timing.unit == Timing::Unit::business_days && timing.calendar.empty())
        r.fail(&t, where + ": a business-day rule needs a calendar (respondent, complainant, joint or a name)");
    timing.strict = r.boolean(t, "strict", where);
    timing.extension_by = r.str(t, "extension_by", where, false);
    if (!timing.extension_by.empty() && rb.actor_index(timing.extension_by) == kNone)
        r.fail(t.get("extension_by"), where + ".extension_by: unknown actor '" + timing.extension_by + "'");
    if (timing.bounds.extension && timing.extension_by.empty())
        r.fail(&t, where + ": extension_days needs extension_by (who decides the extension)");
    for (const auto& m : r.strings(t, "met_by", where))
        timing.met_by.push_back(resolve(r, t.get("met_by"), where + ".met_by", m, "stage", stage_lookup));
    return timing;
}

PartyMask party_mask(const Reader& r, const toml::table& t, const std::string& where, const Rulebook& rb) {
    PartyMask mask = 0;
    for (const auto& code : r.strings(t, "parties", where)) {
        const Index p = rb.party_index(code);
        if (p == kNone) r.fail(t.get("parties"), where + ".parties: unknown party '" + code + "'");
        mask |= PartyMask(1u << p);
    }
    return mask;
}

Rulebook read(const toml::table& root, const std::string& source) {
    Reader r(source);
    Rulebook rb;
    rb.source = source;
    r.only_keys(root, "rulebook",
                {"format", "extends", "agreement", "parties", "offices", "bodies", "actors", "facts", "tiers",
                 "subjects", "votes", "gates", "procedure", "caps", "stages", "measures", "remedies", "sectors"});
    if (auto f = r.integer(root, "format", "rulebook", 0, 1000); !f || *f != 1)
        r.fail(root.get("format") ? root.get("format") : &root, "rulebook: 'format = 1' is required");

    const auto& ag = r.table(root, "agreement", "rulebook");
    r.only_keys(ag, "agreement", {"id", "name", "version", "signed", "entry_into_force", "end", "article"});
    rb.agreement.id = r.str(ag, "id", "agreement");
    rb.agreement.name = r.str(ag, "name", "agreement");
    rb.agreement.version = r.str(ag, "version", "agreement", false);
    rb.agreement.article = r.str(ag, "article", "agreement", false);
    rb.agreement.signed_on = r.date(ag, "signed", "agreement", false);
    rb.agreement.entry_into_force = *r.date(ag, "entry_into_force", "agreement", true);
    rb.agreement.end = r.date(ag, "end", "agreement", false);
    if (rb.agreement.end && *rb.agreement.end < rb.agreement.entry_into_force)
        r.fail(ag.get("end"), "agreement.end: before entry_into_force");

    auto unique = [&](auto& items, const toml::table& t, const std::string& where, const std::string& id,
                      auto field) {
        for (const auto& it : items)
            if (it.*field == id) r.fail(&t, where + ": duplicate id '" + id + "'");
    };

    const auto parties = r.tables(root, "parties", "rulebook");
    if (parties.empty()) r.fail(&root, "rulebook: no parties");
    if (parties.size() > kMaxParties) r.fail(&root, "rulebook: more than 8 parties");
    for (size_t i = 0; i < parties.size(); ++i) {
        const auto& t = *parties[i];
        const auto w = at("parties", i);
        r.only_keys(t, w, {"code", "name"});
        Party p{r.str(t, "code", w), r.str(t, "name", w, false)};
        unique(rb.parties, t, w, p.code, &Party::code);
        rb.parties.push_back(std::move(p));
    }

    const auto offices = r.tables(root, "offices", "rulebook");
    for (size_t i = 0; i < offices.size(); ++i) {
        const auto& t = *offices[i];
        const auto w = at("offices", i);
        r.only_keys(t, w, {"id", "party", "name", "article"});
        Office o;
        o.id = r.str(t, "id", w);
        unique(rb.offices, t, w, o.id, &Office::id);
        o.party = resolve(r, t.get("party"), w + ".party", r.str(t, "party", w), "party",
                          [&](const std::string& c) { return rb.party_index(c); });
        o.name = r.str(t, "name", w, false);
        o.article = r.str(t, "article", w, false);
        rb.offices.push_back(std::move(o));
    }

    const auto bodies = r.tables(root, "bodies", "rulebook");
    for (size_t i = 0; i < bodies.size(); ++i) {
        const auto& t = *bodies[i];
        const auto w = at("bodies", i);
        r.only_keys(t, w, {"id", "name", "acts_by", "members", "article"});
        Body b{r.str(t, "id", w), r.str(t, "name", w, false), r.str(t, "acts_by", w, false),
               int(r.integer(t, "members", w, 0, 1000).value_or(0)), r.str(t, "article", w, false)};
        unique(rb.bodies, t, w, b.id, &Body::id);
        rb.bodies.push_back(std::move(b));
    }

    const auto actors = r.tables(root, "actors", "rulebook");
    for (size_t i = 0; i < actors.size(); ++i) {
        const auto& t = *actors[i];
        const auto w = at("actors", i);
        r.only_keys(t, w, {"id", "name", "article", "role", "party"});
        Actor a{r.str(t, "id", w), r.str(t, "name", w, false), r.str(t, "article", w, false), r.str(t, "role", w, false),
                r.str(t, "party", w, false)};
        if (a.party.empty()) a.party = "any";
        static const std::vector<std::string> kRoles = {"", "submitter", "nao", "council", "secretariat", "panel"};
        static const std::vector<std::string> kParties = {"any", "office", "complainant", "respondent", "consulting", "disputing", "other"};
        if (std::find(kRoles.begin(), kRoles.end(), a.role) == kRoles.end())
            r.fail(t.get("role"), w + ".role: expected submitter, nao, council, secretariat or panel");
        if (std::find(kParties.begin(), kParties.end(), a.party) == kParties.end())
            r.fail(t.get("party"), w + ".party: expected any, office, complainant, respondent, consulting, disputing or other");
        unique(rb.actors, t, w, a.id, &Actor::id);
        rb.actors.push_back(std::move(a));
    }

    const auto facts = r.tables(root, "facts", "rulebook");
    for (size_t i = 0; i < facts.size(); ++i) {
        const auto& t = *facts[i];
        const auto w = at("facts", i);
        r.only_keys(t, w, {"id", "text", "article"});
        Fact f{r.str(t, "id", w), r.str(t, "text", w, false), r.str(t, "article", w)};
        unique(rb.facts, t, w, f.id, &Fact::id);
        rb.facts.push_back(std::move(f));
    }

    const auto tiers = r.tables(root, "tiers", "rulebook");
    if (tiers.empty()) r.fail(&root, "rulebook: no tiers");
    for (size_t i = 0; i < tiers.size(); ++i) {
        const auto& t = *tiers[i];
        const auto w = at("tiers", i);
        r.only_keys(t, w, {"id", "requires", "text", "article"});
        Tier tier;
        tier.id = r.str(t, "id", w);
        if (tier.id == "none") r.fail(&t, w + ": 'none' is the implicit lowest tier");
        unique(rb.tiers, t, w, tier.id, &Tier::id);
        tier.rank = int(i) + 1;
        for (const auto& f : r.strings(t, "requires", w))
            tier.requires_facts.push_back(resolve(r, t.get("requires"), w + ".requires", f, "fact",
                                                  [&](const std::string& id) { return rb.fact_index(id); }));
        tier.text = r.str(t, "text", w, false);
        tier.article = r.str(t, "article", w);
        rb.tiers.push_back(std::move(tier));
    }

    const auto subjects = r.tables(root, "subjects", "rulebook");
    if (subjects.empty()) r.fail(&root, "rulebook: no subjects");
    if (subjects.size() > kMaxSubjects) r.fail(&root, "rulebook: more than 32 subjects");
    for (size_t i = 0; i < subjects.size(); ++i) {
        const auto& t = *subjects[i];
        const auto w = at("subjects", i);
        r.only_keys(t, w, {"id", "principle", "name", "tier"});
        Subject s{r.str(t, "id", w), r.str(t, "principle", w, false), r.str(t, "name", w, false), 0};
        unique(rb.subjects, t, w, s.id, &Subject::id);
        const std::string tier = r.str(t, "tier", w);
        s.tier = rb.tier_rank(tier);
        if (s.tier < 0) r.fail(t.get("tier"), w + ".tier: unknown tier '" + tier + "'");
        rb.subjects.push_back(std::move(s));
    }

    const auto votes = r.tables(root, "votes", "rulebook");
    for (size_t i = 0; i < votes.size(); ++i) {
        const auto& t = *votes[i];
        const auto w = at("votes", i);
        r.only_keys(t, w, {"id", "electorate", "rule", "numerator", "denominator", "article"});
        Vote v;
        v.id = r.str(t, "id", w);
        unique(rb.votes, t, w, v.id, &Vote::id);
        const auto electorate = r.str(t, "electorate", w);
        if (electorate == "council") v.electorate = Vote::Electorate::council;
        else if (electorate == "disputing_parties") v.electorate = Vote::Electorate::disputing_parties;
        else if (electorate == "consulting_parties") v.electorate = Vote::Electorate::consulting_parties;
        else r.fail(t.get("electorate"), w + ".electorate: expected council, disputing_parties or consulting_parties");
        const auto rule = r.str(t, "rule", w);
        if (rule == "consensus") v.rule = Vote::Rule::consensus;
        else if (rule == "fraction") v.rule = Vote::Rule::fraction;
        else r.fail(t.get("rule"), w + ".rule: expected consensus or fraction");
        if (v.rule == Vote::Rule::fraction) {
            v.numerator = int(r.integer(t, "numerator", w, 1, 1000).value_or(0));
            v.denominator = int(r.integer(t, "denominator", w, 1, 1000).value_or(0));
            if (!v.numerator || !v.denominator || v.numerator > v.denominator)
                r.fail(&t, w + ": a fraction vote needs 1 <= numerator <= denominator");
        }
        v.article = r.str(t, "article", w);
        rb.votes.push_back(std::move(v));
    }

    // Stage ids first, so timing and gates can refer to any stage regardless of order.
    const auto stages = r.tables(root, "stages", "rulebook");
    if (stages.empty()) r.fail(&root, "rulebook: no stages");
    if (stages.size() > 1000) r.fail(&root, "rulebook: more than 1000 stages");
    std::vector<std::string> stage_ids;
    for (size_t i = 0; i < stages.size(); ++i) {
        const auto id = r.str(*stages[i], "id", at("stages", i));
        for (const auto& s : stage_ids)
            if (s == id) r.fail(stages[i], at("stages", i) + ": duplicate stage id '" + id + "'");
        stage_ids.push_back(id);
    }

    const auto gates = r.tables(root, "gates", "rulebook");
    for (size_t i = 0; i < gates.size(); ++i) {
        const auto& t = *gates[i];
        const auto w = at("gates", i);
        r.only_keys(t, w, {"id", "kind", "fact", "tier", "stage", "parties", "pairs", "text", "article"});
        Gate g;
        g.id = r.str(t, "id", w);
        unique(rb.gates, t, w, g.id, &Gate::id);
        g.pos = r.pos(t);
        const auto kind = r.str(t, "kind", w);
        if (kind == "fact") {
            g.kind = Gate::Kind::fact;
            g.fact = resolve(r, t.get("fact"), w + ".fact", r.str(t, "fact", w), "fact",
                             [&](const std::string& id) { return rb.fact_index(id); });
        } else if (kind == "tier") {
            g.kind = Gate::Kind::tier;
            const auto tier = r.str(t, "tier", w);
            g.tier = rb.tier_rank(tier);
            if (g.tier <= 0) r.fail(t.get("tier"), w + ".tier: unknown tier '" + tier + "'");
        } else if (kind == "reached") {
            g.kind = Gate::Kind::reached;
            const auto stage = r.str(t, "stage", w);
            for (size_t s = 0; s < stage_ids.size(); ++s)
                if (stage_ids[s] == stage) g.stage = Index(s);
            if (g.stage == kNone) r.fail(t.get("stage"), w + ".stage: unknown stage '" + stage + "'");
        } else if (kind == "respondent_in" || kind == "respondent_not_in") {
            g.kind = kind == "respondent_in" ? Gate::Kind::respondent_in : Gate::Kind::respondent_not_in;
            g.parties = party_mask(r, t, w, rb);
            if (!g.parties) r.fail(&t, w + ": needs parties");
        } else if (kind == "office_not_respondent") {
            g.kind = Gate::Kind::office_not_respondent;
        } else if (kind == "party_pair") {
            g.kind = Gate::Kind::party_pair;
            for (const auto& pair : r.strings(t, "pairs", w)) {
                const auto dash = pair.find('-');
                const Index a = dash == std::string::npos ? kNone : rb.party_index(pair.substr(0, dash));
                const Index b = dash == std::string::npos ? kNone : rb.party_index(pair.substr(dash + 1));
                if (a == kNone || b == kNone) r.fail(t.get("pairs"), w + ".pairs: '" + pair + "' is not PARTY-PARTY");
                g.pairs.emplace_back(a, b);
            }
            if (g.pairs.empty()) r.fail(&t, w + ": needs pairs");
        } else if (kind == "assessment_unpaid") {
            g.kind = Gate::Kind::assessment_unpaid;
        } else {
            r.fail(t.get("kind"), w + ".kind: unknown gate kind '" + kind +
                                      "' (fact, tier, reached, respondent_in, respondent_not_in, "
                                      "office_not_respondent, party_pair, assessment_unpaid)");
        }
        g.text = r.str(t, "text", w, false);
        g.article = r.str(t, "article", w);
        rb.gates.push_back(std::move(g));
    }

    for (size_t i = 0; i < stages.size(); ++i) {
        const auto& t = *stages[i];
        const auto w = "stages." + stage_ids[i];
        r.only_keys(t, w, {"id", "name", "actor", "article", "terminal", "reaches_tier", "timing"});
        Stage s;
        s.id = stage_ids[i];
        s.name = r.str(t, "name", w, false);
        s.actor = r.str(t, "actor", w, false);
        if (!s.actor.empty() && rb.actor_index(s.actor) == kNone)
            r.fail(t.get("actor"), w + ".actor: unknown actor '" + s.actor + "'");
        s.article = r.str(t, "article", w);
        s.terminal = r.boolean(t, "terminal", w);
        if (const auto tier = r.str(t, "reaches_tier", w, false); !tier.empty()) {
            s.reaches_tier = rb.tier_rank(tier);
            if (s.reaches_tier <= 0) r.fail(t.get("reaches_tier"), w + ".reaches_tier: unknown tier '" + tier + "'");
        }
        s.pos = r.pos(t);
        if (const toml::node* tm = t.get("timing")) {
            if (!tm->is_table()) r.fail(tm, w + ".timing: expected a table");
            s.timing = read_timing(r, *tm->as_table(), w + ".timing", rb, stage_ids);
        }
        rb.stages.push_back(std::move(s));
    }

    const auto& proc = r.table(root, "procedure", "rulebook");
    r.only_keys(proc, "procedure",
                {"initial", "filing_event", "filing_actor", "admissibility", "admissibility_article",
                 "timeline_disputing_parties", "timeline_respondent", "timeline_office", "transitions"});
    rb.timeline_respondent = r.str(proc, "timeline_respondent", "procedure", false);
    if (!rb.timeline_respondent.empty() && rb.party_index(rb.timeline_respondent) == kNone)
        r.fail(proc.get("timeline_respondent"), "procedure.timeline_respondent: unknown Party '" + rb.timeline_respondent + "'");
    rb.timeline_office = r.str(proc, "timeline_office", "procedure", false);
    if (!rb.timeline_office.empty() && rb.office_index(rb.timeline_office) == kNone)
        r.fail(proc.get("timeline_office"), "procedure.timeline_office: unknown office '" + rb.timeline_office + "'");
    // `initial` is one stage, or a list of entry stages (the first is the default).
    std::vector<std::string> entries;
    if (const toml::node* n = proc.get("initial"); n && n->is_string()) entries.push_back(r.str(proc, "initial", "procedure"));
    else entries = r.strings(proc, "initial", "procedure");
    if (entries.empty()) r.fail(&proc, "procedure: missing 'initial' (a stage or a list of entry stages)");
    for (const auto& id : entries)
        rb.entry_stages.push_back(resolve(r, proc.get("initial"), "procedure.initial", id, "stage",
                                          [&](const std::string& s) { return rb.stage_index(s); }));
    rb.initial_stage = rb.entry_stages.front();
    if (auto e = r.str(proc, "filing_event", "procedure", false); !e.empty()) rb.filing_event = e;
    rb.filing_actor = r.str(proc, "filing_actor", "procedure", false);
    for (const auto& g : r.strings(proc, "admissibility", "procedure"))
        rb.admissibility.push_back(resolve(r, proc.get("admissibility"), "procedure.admissibility", g, "gate",
                                           [&](const std::string& id) { return rb.gate_index(id); }));
    rb.default_disputing_parties =
        int(r.integer(proc, "timeline_disputing_parties", "procedure", 2, int64_t(rb.parties.size()))
                .value_or(std::min<int64_t>(2, int64_t(rb.parties.size()))));

    const auto transitions = r.tables(proc, "transitions", "procedure");
    if (transitions.empty()) r.fail(&proc, "procedure: no transitions");
    for (size_t i = 0; i < transitions.size(); ++i) {
        const auto& t = *transitions[i];
        const auto w = at("procedure.transitions", i);
        r.only_keys(t, w, {"from", "event", "to", "actor", "guards", "vote", "effect", "side", "article"});
        Transition tr;
        tr.pos = r.pos(t);
        auto stage_of = [&](std::string_view key) {
            return resolve(r, t.get(key), w + "." + std::string(key), r.str(t, key, w), "stage",
                           [&](const std::string& id) { return rb.stage_index(id); });
        };
        tr.from = stage_of("from");
        tr.to = stage_of("to");
        tr.event = r.str(t, "event", w);
        if (tr.event.empty()) r.fail(&t, w + ".event: empty");
        if (tr.event == rb.filing_event) r.fail(t.get("event"), w + ".event: '" + tr.event + "' is the filing event");
        tr.actor = r.str(t, "actor", w);
        if (rb.actor_index(tr.actor) == kNone) r.fail(t.get("actor"), w + ".actor: unknown actor '" + tr.actor + "'");
        for (const auto& g : r.strings(t, "guards", w))
            tr.guards.push_back(resolve(r, t.get("guards"), w + ".guards", g, "gate",
                                        [&](const std::string& id) { return rb.gate_index(id); }));
        if (auto v = r.str(t, "vote", w, false); !v.empty())
            tr.vote = resolve(r, t.get("vote"), w + ".vote", v, "vote",
                              [&](const std::string& id) { return rb.vote_index(id); });
        const auto effect = r.str(t, "effect", w, false);
        if (effect.empty() || effect == "none") tr.effect = Transition::Effect::none;
        else if (effect == "impose_assessment") tr.effect = Transition::Effect::impose_assessment;
        else if (effect == "pay_assessment") tr.effect = Transition::Effect::pay_assessment;
        else if (effect == "suspend_benefits") tr.effect = Transition::Effect::suspend_benefits;
        else if (effect == "end_suspension") tr.effect = Transition::Effect::end_suspension;
        else if (effect == "add_disputing_party") tr.effect = Transition::Effect::add_disputing_party;
        else if (effect == "impose_remedy") tr.effect = Transition::Effect::impose_remedy;
        else r.fail(t.get("effect"), w + ".effect: unknown effect '" + effect + "'");
        tr.side = r.boolean(t, "side", w);
        tr.article = r.str(t, "article", w);
        for (const auto& other : rb.transitions)
            if (other.from == tr.from && other.event == tr.event)
                r.fail(&t, w + ": event '" + tr.event + "' already leaves stage '" + rb.stages[size_t(tr.from)].id + "'");
        if (rb.stages[size_t(tr.from)].terminal)
            r.fail(&t, w + ": leaves terminal stage '" + rb.stages[size_t(tr.from)].id + "'");
        rb.transitions.push_back(std::move(tr));
    }
    if (rb.transitions.size() > 30000) r.fail(&proc, "procedure: too many transitions");

    if (const toml::node* caps = root.get("caps")) {
        if (!caps->is_table()) r.fail(caps, "caps: expected a table");
        r.only_keys(*caps->as_table(), "caps", {"assessment"});
        if (caps->as_table()->contains("assessment")) {
            const auto& c = r.table(*caps->as_table(), "assessment", "caps");
            r.only_keys(c, "caps.assessment",
                        {"fixed_through_year", "fixed_usd", "trade_fraction", "trade_basis", "article"});
            rb.cap.defined = true;
            rb.cap.fixed_through_year = int(r.integer(c, "fixed_through_year", "caps.assessment", 0, 9999).value_or(0));
            rb.cap.fixed_usd = r.integer(c, "fixed_usd", "caps.assessment", 0, int64_t(1) << 50).value_or(0);
            rb.cap.trade_fraction = r.number(c, "trade_fraction", "caps.assessment").value_or(0);
            if (rb.cap.trade_fraction < 0 || rb.cap.trade_fraction > 1)
                r.fail(c.get("trade_fraction"), "caps.assessment.trade_fraction: expected a fraction in [0, 1]");
            rb.cap.trade_basis = r.str(c, "trade_basis", "caps.assessment", false);
            if (!rb.cap.trade_basis.empty() && rb.cap.trade_basis != "all_parties" &&
                rb.cap.trade_basis != "disputing_parties")
                r.fail(c.get("trade_basis"), "caps.assessment.trade_basis: expected all_parties or disputing_parties");
            rb.cap.article = r.str(c, "article", "caps.assessment");
        }
    }

    const auto remedies = r.tables(root, "remedies", "rulebook");
    for (size_t i = 0; i < remedies.size(); ++i) {
        const auto& t = *remedies[i];
        const auto w = at("remedies", i);
        r.only_keys(t, w, {"id", "text", "article", "min_prior_determinations"});
        Remedy m{r.str(t, "id", w), r.str(t, "text", w, false), r.str(t, "article", w),
                 int(r.integer(t, "min_prior_determinations", w, 0, 100).value_or(0))};
        unique(rb.remedies, t, w, m.id, &Remedy::id);
        rb.remedies.push_back(std::move(m));
    }
    for (const auto& t : rb.transitions)
        if (t.effect == Transition::Effect::impose_remedy && rb.remedies.empty())
            r.fail(&root, "procedure: transition '" + t.event + "' imposes a remedy but the rulebook lists no remedies");
    if (const toml::node* n = root.get("sectors")) {
        if (!n->is_table()) r.fail(n, "sectors: expected a table");
        const auto& t = *n->as_table();
        r.only_keys(t, "sectors", {"fact", "covered", "article"});
        Sectors s;
        s.fact = resolve(r, t.get("fact"), "sectors.fact", r.str(t, "fact", "sectors"), "fact",
                         [&](const std::string& id) { return rb.fact_index(id); });
        s.covered = r.strings(t, "covered", "sectors");
        if (s.covered.empty()) r.fail(&t, "sectors: 'covered' lists no sector");
        s.article = r.str(t, "article", "sectors");
        rb.sectors = std::move(s);
    }

    const auto measures = r.tables(root, "measures", "rulebook");
    for (size_t i = 0; i < measures.size(); ++i) {
        const auto& t = *measures[i];
        const auto w = at("measures", i);
        r.only_keys(t, w, {"id", "text", "from", "to", "share_reaching"});
        Measure m;
        m.id = r.str(t, "id", w);
        m.text = r.str(t, "text", w, false);
        auto stage = [&](const std::string& key, const std::string& id) {
            return resolve(r, t.get(key), w + "." + key, id, "stage", [&](const std::string& s) { return rb.stage_index(s); });
        };
        if (t.contains("share_reaching")) {
            m.share_reaching = stage("share_reaching", r.str(t, "share_reaching", w));
        } else {
            m.from = stage("from", r.str(t, "from", w));
            for (const auto& s : r.strings(t, "to", w)) m.to.push_back(stage("to", s));
            if (m.to.empty()) r.fail(&t, w + ": needs 'to' (or 'share_reaching')");
        }
        rb.measures.push_back(std::move(m));
    }

    rb.derive();
    return rb;
}

}  // namespace

namespace {


// The key an entry of a list of tables is merged by: its id, or a transition's from and event.
std::optional<std::string> entry_key(const toml::table& t) {
    if (auto id = t["id"].value<std::string>()) return *id;
    auto from = t["from"].value<std::string>();
    auto event = t["event"].value<std::string>();
    if (from && event) return *from + " " + *event;
    return std::nullopt;
}

// `over` onto `base`: tables merge key by key; lists of tables merge entry by entry (same id, or
// same from and event for transitions: the entry's keys are replaced; `remove = true` drops it;
// new entries are appended); anything else is replaced.
void merge(toml::table& base, const toml::table& over) {
    for (const auto& [key, node] : over) {
        if (key.str() == "extends") continue;
        toml::node* target = base.get(key.str());
        if (target && target->is_table() && node.is_table()) {
            merge(*target->as_table(), *node.as_table());
        } else if (target && target->is_array() && node.is_array() && node.as_array()->is_array_of_tables() &&
                   target->as_array()->is_array_of_tables()) {
            toml::array& list = *target->as_array();
            for (const auto& item : *node.as_array()) {
                const toml::table& entry = *item.as_table();
                const auto k = entry_key(entry);
                bool matched = false;
                for (size_t i = 0; k && i < list.size(); ++i) {
                    if (entry_key(*list[i].as_table()) != k) continue;
                    matched = true;
                    if (entry["remove"].value_or(false)) list.erase(list.begin() + std::ptrdiff_t(i));
                    else
                        for (const auto& [ek, ev] : entry) list[i].as_table()->insert_or_assign(ek, ev);
                    break;
                }
                if (!matched && !entry["remove"].value_or(false)) list.push_back(entry);
            }
        } else {
            base.insert_or_assign(key, node);
        }
    }
}

toml::table load_tree(const std::filesystem::path& path, int depth);

toml::table tree_of(std::string_view text, const std::string& source_name, const std::filesystem::path& dir,
                    int depth) {
    toml::table root = parse_toml(text, source_name, ErrorCode::bad_rulebook);
    const auto extends = root["extends"].value<std::string>();
    if (!extends) return root;
    if (depth > 8) throw Error(ErrorCode::bad_rulebook, source_name + ": 'extends' nests more than 8 rulebooks deep");
    std::filesystem::path base = dir / *extends;
    if (base.extension() != ".toml") base += ".toml";
    toml::table merged = load_tree(base, depth + 1);
    merge(merged, root);
    return merged;
}

toml::table load_tree(const std::filesystem::path& path, int depth) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path.string() + ": cannot open rulebook");
    std::ostringstream buf;
    buf << in.rdbuf();
    return tree_of(buf.str(), path.string(), path.parent_path(), depth);
}

}  // namespace

Rulebook load_rulebook_text(std::string_view text, const std::string& source_name) {
    return read(tree_of(text, source_name, std::filesystem::path(source_name).parent_path(), 0), source_name);
}

Rulebook load_rulebook_file(const std::filesystem::path& path) {
    return read(load_tree(path, 0), path.string());
}

std::filesystem::path resolve_rulebook(const std::string& name, const std::filesystem::path& dir) {
    // A file (ending in .toml) is used as it is; a name, possibly in a subfolder
    // (variants/broad-scope), is DIR/NAME.toml.
    if (name.size() > 5 && name.substr(name.size() - 5) == ".toml") return name;
    if (name.empty() || name.find("..") != std::string::npos || name.front() == '/')
        throw Error(ErrorCode::bad_argument, "not a rulebook name: '" + name + "'");
    std::filesystem::path file = dir / (name + ".toml");
    if (!std::filesystem::exists(file))
        throw Error(ErrorCode::not_found, "no rulebook named '" + name + "' (no " + file.string() + ")");
    return file;
}

}  // namespace accord
