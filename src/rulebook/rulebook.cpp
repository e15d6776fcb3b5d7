#include "rulebook/rulebook.hpp"

#include <algorithm>

namespace accord {

namespace {
template <class T>
Index find_by(const std::vector<T>& items, std::string_view key, std::string T::*field) {
    for (size_t i = 0; i < items.size(); ++i)
        if (items[i].*field == key) return Index(i);
    return kNone;
}
}  // namespace

std::optional<int> Bounds::lower() const {
    if (window_from) return window_from;
    return not_before;
}

std::optional<int> Bounds::upper() const { return window_to; }

const Bounds& Timing::for_parties(int disputing_parties) const {
    for (const auto& [n, b] : by_parties)
        if (n == disputing_parties) return b;
    return bounds;
}

std::string cite(std::string_view article) {
    if (!article.empty() && article.front() >= '0' && article.front() <= '9') return "Art " + std::string(article);
    return std::string(article);
}

Index Rulebook::stage_index(std::string_view id) const { return find_by(stages, id, &Stage::id); }
Index Rulebook::party_index(std::string_view code) const { return find_by(parties, code, &Party::code); }
Index Rulebook::office_index(std::string_view id) const { return find_by(offices, id, &Office::id); }
Index Rulebook::subject_index(std::string_view id) const { return find_by(subjects, id, &Subject::id); }
Index Rulebook::fact_index(std::string_view id) const { return find_by(facts, id, &Fact::id); }
Index Rulebook::gate_index(std::string_view id) const { return find_by(gates, id, &Gate::id); }
Index Rulebook::vote_index(std::string_view id) const { return find_by(votes, id, &Vote::id); }
Index Rulebook::actor_index(std::string_view id) const { return find_by(actors, id, &Actor::id); }

int Rulebook::tier_rank(std::string_view id) const {
    if (id == "none") return 0;
    const Index i = find_by(tiers, id, &Tier::id);
    return i == kNone ? -1 : tiers[size_t(i)].rank;
}

std::string Rulebook::tier_name(int rank) const {
    if (rank <= 0 || size_t(rank) > tiers.size()) return "none";
    return tiers[size_t(rank - 1)].id;
}

bool Rulebook::has_event(std::string_view event) const {
    return event == filing_event ||
           std::any_of(transitions.begin(), transitions.end(),
                       [&](const Transition& t) { return t.event == event; });
}

const Timing* Rulebook::timing_of(Index stage) const {
    if (stages[size_t(stage)].timing) return &*stages[size_t(stage)].timing;
    for (Index owner : also_meets[size_t(stage)])
        if (stages[size_t(owner)].timing) return &*stages[size_t(owner)].timing;
    return nullptr;
}

void Rulebook::derive() {
    outgoing.assign(stages.size(), {});
    dependents.assign(stages.size(), {});
    also_meets.assign(stages.size(), {});
    for (size_t t = 0; t < transitions.size(); ++t)
        if (transitions[t].from != kNone) outgoing[size_t(transitions[t].from)].push_back(Index(t));
    for (size_t s = 0; s < stages.size(); ++s) {
        if (!stages[s].timing) continue;
        for (Index a : stages[s].timing->after) {
            auto& deps = dependents[size_t(a)];
            if (std::find(deps.begin(), deps.end(), Index(s)) == deps.end()) deps.push_back(Index(s));
        }
        for (Index m : stages[s].timing->met_by) also_meets[size_t(m)].push_back(Index(s));
    }
}

}  // namespace accord
