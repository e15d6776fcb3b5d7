#pragma once
// A rulebook: one agreement's procedure as data. Loaded from TOML (loader.cpp), checked
// (static_checks.cpp), rendered (render.cpp) and executed by the engine. The C++ knows the concepts
// (stage, transition, gate, vote, timing, cap); the rulebook holds every treaty number and article.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/date.hpp"

namespace accord {

using Index = int16_t;           // position of a stage, transition, gate ... in its list
constexpr Index kNone = -1;
using PartyMask = uint8_t;       // bit i = parties[i]
using SubjectMask = uint32_t;    // bit i = subjects[i]
constexpr size_t kMaxParties = 8;
constexpr size_t kMaxSubjects = 32;

struct SourcePos {
    int line = 0;
    int column = 0;
};

struct Party {
    std::string code;  // "US"
    std::string name;
};

struct Office {
    std::string id;  // "US-NAO"
    Index party = kNone;
    std::string name;
    std::string article;
};

// A fact recorded on a case (yes, no or unknown) that gates may require.
struct Fact {
    std::string id;
    std::string text;
    std::string article;
};

// How far a case can go; rank 0 is the implicit "none".
struct Tier {
    std::string id;
    int rank = 0;
    std::vector<Index> requires_facts;
    std::string text;
    std::string article;
};

struct Subject {
    std::string id;
    std::string principle;
    std::string name;
    int tier = 0;  // highest tier rank this subject can reach
};

// Who may act in a role, for the server's access control: a user role (submitter, nao, council,
// secretariat, panel) and which Party it must act for (office: the receiving office's Party;
// complainant, respondent, consulting, disputing; any).
struct Actor {
    std::string id;
    std::string name;
    std::string article;
    std::string role;
    std::string party = "any";
};

struct Body {
    std::string id;
    std::string name;
    std::string acts_by;
    int members = 0;
    std::string article;
};

struct Vote {
    enum class Electorate { council, disputing_parties, consulting_parties };
    enum class Rule { consensus, fraction };
    std::string id;
    Electorate electorate = Electorate::council;
    Rule rule = Rule::consensus;
    int numerator = 1;
    int denominator = 1;
    std::string article;
};

struct Gate {
    enum class Kind {
        fact,                  // a recorded fact must be yes
        tier,                  // some subject must reach `tier`, and the tier's facts must be yes
        reached,               // a stage must have been reached
        respondent_in,         // the respondent is one of `parties`
        respondent_not_in,     // the respondent is none of `parties`
        office_not_respondent, // the receiving office belongs to another Party than the respondent
        party_pair,            // (office's Party, respondent) is one of `pairs`
        assessment_unpaid,     // an assessment was imposed and is not paid
    };
    std::string id;
    Kind kind = Kind::fact;
    Index fact = kNone;
    int tier = 0;
    Index stage = kNone;
    PartyMask parties = 0;
    std::vector<std::pair<Index, Index>> pairs;  // party_pair: (complainant, respondent)
    std::string text;
    std::string article;
    SourcePos pos;
};

// Bounds of one timing rule, in its unit.
struct Bounds {
    std::optional<int> within;        // at most N after the anchor (a deadline)
    std::optional<int> not_before;    // at least N after the anchor (a gate)
    std::optional<int> window_from;   // window [from, to]: both ends are hard
    std::optional<int> window_to;
    std::optional<int> extension;     // fixed extension a recorded decision may grant

    std::optional<int> lower() const;  // earliest offset, if any
    std::optional<int> upper() const;  // latest hard offset (window end, or a strict within)
};

struct Timing {
    enum class Unit { calendar_days, business_days };
    std::vector<Index> after;  // anchors; the latest one reached counts
    Unit unit = Unit::calendar_days;
    std::string calendar;      // business days: "respondent", "complainant", "joint" or a name
    Bounds bounds;
    std::vector<std::pair<int, Bounds>> by_parties;  // overrides by number of disputing Parties
    bool strict = false;        // a step after `within` is refused, not recorded as late
    std::string extension_by;   // actor id who may extend; empty: no extension
    std::vector<Index> met_by;  // other stages that also satisfy this deadline
    SourcePos pos;

    const Bounds& for_parties(int disputing_parties) const;
};

struct Stage {
    std::string id;
    std::string name;
    std::string actor;
    std::string article;
    bool terminal = false;
    int reaches_tier = 0;  // reaching this stage means the case reached this tier (for outcomes)
    std::optional<Timing> timing;
    SourcePos pos;
};

struct Transition {
    enum class Effect {
        none,
        impose_assessment,   // detail amount_usd, checked against the cap
        pay_assessment,
        suspend_benefits,    // detail amount_usd, at most the unpaid assessment
        end_suspension,
        add_disputing_party, // a third Party joins
        impose_remedy,       // detail remedy=ID (one of `remedies`), prior_determinations=N where needed
    };
    Index from = kNone;
    std::string event;
    Index to = kNone;
    std::string actor;
    std::vector<Index> guards;
    Index vote = kNone;
    Effect effect = Effect::none;
    bool side = false;  // a parallel branch: records the stage without moving the case's current stage
    std::string article;
    SourcePos pos;
};

struct AssessmentCap {
    bool defined = false;
    int fixed_through_year = 0;  // years up to this one use fixed_usd
    int64_t fixed_usd = 0;
    double trade_fraction = 0;   // later years: this fraction of trade in goods
    std::string trade_basis;     // "all_parties" or "disputing_parties"
    std::string article;
};

// A statistic over the cases of a rulebook (accord stats): the median days from reaching `from` to
// reaching any of `to` (dates known to the day only), or the share of decided cases that reached
// `share_reaching` (a case is decided once it reached it or ended in a terminal stage).
struct Measure {
    std::string id;
    std::string text;
    Index from = kNone;
    std::vector<Index> to;
    Index share_reaching = kNone;
};

// A remedy the agreement provides; impose_remedy transitions pick one. Some need earlier
// determinations against the same facility or owner (the Rapid Response denial of entry).
struct Remedy {
    std::string id;
    std::string text;
    std::string article;
    int min_prior_determinations = 0;
};

// Cases scoped by economic sector: a sector on the list makes `fact` yes, any other makes it no.
struct Sectors {
    Index fact = kNone;
    std::vector<std::string> covered;
    std::string article;

    bool covers(std::string_view sector) const {
        for (const auto& c : covered)
            if (c == sector) return true;
        return false;
    }
};

struct Agreement {
    std::string id;
    std::string name;
    std::string version;
    std::optional<Date> signed_on;
    Date entry_into_force;
    std::optional<Date> end;
    std::string article;
};

// How an article is cited in messages: "Art 29(1)" for an article number, as written otherwise
// ("Annex 39", "domestic guidelines (US NAO, 1994)").
std::string cite(std::string_view article);

struct Rulebook {
    std::string source;  // the file it was loaded from
    Agreement agreement;
    std::vector<Party> parties;
    std::vector<Office> offices;
    std::vector<Fact> facts;
    std::vector<Tier> tiers;  // ranks 1..n in order
    std::vector<Subject> subjects;
    std::vector<Actor> actors;
    std::vector<Body> bodies;
    std::vector<Vote> votes;
    std::vector<Gate> gates;
    std::vector<Stage> stages;
    std::vector<Transition> transitions;
    std::vector<Index> admissibility;  // gates every filing must pass
    std::string admissibility_article;
    Index initial_stage = kNone;       // where a filing lands unless it names another entry
    std::vector<Index> entry_stages;   // stages a filing may land in (the first is initial_stage)
    std::string filing_event = "file";
    std::string filing_actor;
    int default_disputing_parties = 2;
    AssessmentCap cap;
    std::vector<Measure> measures;
    std::vector<Remedy> remedies;
    std::optional<Sectors> sectors;
    std::string timeline_respondent;  // whose calendar statutory timelines count business days on
    std::string timeline_office;
    std::vector<Calendar> calendars;  // business-day calendars, named by Party code or own name

    // Derived at load time.
    std::vector<std::vector<Index>> outgoing;    // transitions by from-stage
    std::vector<std::vector<Index>> dependents;  // stages whose timing is anchored on a stage
    std::vector<std::vector<Index>> also_meets;  // stages whose deadline reaching a stage also meets

    Index stage_index(std::string_view id) const;
    Index party_index(std::string_view code) const;
    Index office_index(std::string_view id) const;
    Index subject_index(std::string_view id) const;
    Index fact_index(std::string_view id) const;
    Index gate_index(std::string_view id) const;
    Index vote_index(std::string_view id) const;
    Index actor_index(std::string_view id) const;
    int tier_rank(std::string_view id) const;  // -1 if unknown; "none" is 0
    std::string tier_name(int rank) const;
    bool has_event(std::string_view event) const;
    // A stage's own timing, or else the timing of the stage whose deadline it also meets (declining
    // to review is bound by the acceptance deadline); nullptr if neither.
    const Timing* timing_of(Index stage) const;
    void derive();  // fills outgoing and dependents
};

}  // namespace accord
