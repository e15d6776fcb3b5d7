#pragma once
// Builds a case in a given stage without replaying the whole procedure:
//   CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage")
//       .fact("trade_related", "yes").filed_on(d).in_stage("council_special_session", d2).build();
#include <stdexcept>
#include <string>

#include "engine/apply.hpp"
#include "engine/decide.hpp"

namespace accord::test_support {

class CaseBuilder {
public:
    explicit CaseBuilder(const Rulebook& rb) : rb_(rb) {}

    CaseBuilder& office(std::string v) { return detail("office", std::move(v)); }
    CaseBuilder& respondent(std::string v) { return detail("respondent", std::move(v)); }
    CaseBuilder& subjects(std::string v) { return detail("subjects", std::move(v)); }
    CaseBuilder& fact(std::string id, std::string v) { return detail(std::move(id), std::move(v)); }
    CaseBuilder& detail(std::string k, std::string v) {
        filing_.details.emplace_back(std::move(k), std::move(v));
        return *this;
    }
    CaseBuilder& filed_on(Date d) {
        filing_.on = d;
        return *this;
    }
    // Marks `stage` reached on `d` (in order of calls); the last one becomes the current stage
    // unless it is only reached on a side branch (`current = false`).
    CaseBuilder& in_stage(const std::string& stage, Date d, bool current = true) {
        reached_.push_back({stage, d, current});
        return *this;
    }

    CaseState build() const {
        CaseState s = empty_state(rb_);
        Command file = filing_;
        file.event = rb_.filing_event;
        const Decision d = decide(rb_, s, file);
        if (!d.ok()) throw std::runtime_error("CaseBuilder: filing refused: " + d.refusal->message);
        s = apply(rb_, s, d.events.front());
        for (const auto& r : reached_) {
            const Index st = rb_.stage_index(r.stage);
            if (st == kNone) throw std::runtime_error("CaseBuilder: unknown stage " + r.stage);
            s.reached[size_t(st)] = r.on;
            if (r.current) s.current = st;
            s.last_event = std::max(s.last_event, r.on);
        }
        recompute_due(rb_, s);
        return s;
    }

private:
    struct Reached {
        std::string stage;
        Date on;
        bool current;
    };
    const Rulebook& rb_;
    Command filing_;
    std::vector<Reached> reached_;
};

}  // namespace accord::test_support
