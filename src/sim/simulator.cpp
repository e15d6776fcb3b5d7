#include "sim/simulator.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <pcg_random.hpp>
#include <thread>

#include "core/error.hpp"
#include "engine/apply.hpp"
#include "engine/assessment_cap.hpp"
#include "engine/decide.hpp"
#include "engine/next_steps.hpp"

namespace accord {

namespace {

// A scenario bound to one rulebook: indexes resolved, commands prepared once.
struct Plan {
    struct Step {
        Index transition = kNone;
        double weight = 1, min = 0, mode = 0, max = 0;
        Command command;  // date and vote filled per case
        std::optional<std::array<double, 3>> votes;
    };
    std::vector<std::vector<Step>> by_stage;
    std::vector<std::pair<Index, double>> offices;
    std::vector<std::pair<Index, double>> respondents;
    std::vector<std::pair<Index, double>> subjects;
    std::vector<std::pair<Index, double>> facts;
    std::vector<Index> measures_days, measures_share;  // indexes into rb.measures
};

Plan bind(const Rulebook& rb, const Scenario& sc) {
    Plan p;
    // Each weighted list of the arrivals, resolved to the rulebook's indexes.
    auto resolve = [&](const std::vector<Weighted>& items, const char* list, const char* kind, auto lookup) {
        std::vector<std::pair<Index, double>> out;
        for (const auto& item : items) {
            const Index i = lookup(item.id);
            if (i == kNone)
                throw Error(ErrorCode::bad_argument, sc.source + ": arrivals." + list + ": unknown " + kind + " '" +
                                                         item.id + "' in " + rb.agreement.id);
            out.emplace_back(i, item.weight);
        }
        return out;
    };
    p.offices = resolve(sc.offices, "offices", "office", [&](const std::string& id) { return rb.office_index(id); });
    p.respondents = resolve(sc.respondents, "respondents", "Party", [&](const std::string& id) { return rb.party_index(id); });
    p.subjects = resolve(sc.subjects, "subjects", "subject", [&](const std::string& id) { return rb.subject_index(id); });
    p.facts = resolve(sc.facts, "facts", "fact", [&](const std::string& id) { return rb.fact_index(id); });
    p.by_stage.assign(rb.stages.size(), {});
    for (const auto& s : sc.steps) {
        // A stage or step a variant removed is simply not available under it; check_scenario()
        // refuses names no rulebook of the run knows.
        const Index at = rb.stage_index(s.at);
        if (at == kNone) continue;
        // A step the rulebook does not offer at that stage is simply not available under it
        // (the Secretariat's ECE exists only in the autonomous-commission variant).
        for (Index t : rb.outgoing[size_t(at)]) {
            if (rb.transitions[size_t(t)].event != s.event) continue;
            Plan::Step step{t, s.weight, s.min_days, s.mode_days, s.max_days, Command{s.event, Date(), "", {}}, s.votes};
            p.by_stage[size_t(at)].push_back(std::move(step));
        }
    }
    for (size_t m = 0; m < rb.measures.size(); ++m)
        (rb.measures[m].share_reaching == kNone ? p.measures_days : p.measures_share).push_back(Index(m));
    return p;
}

double uniform01(pcg32& rng) { return (rng() >> 8) * (1.0 / 16777216.0); }

double triangular(pcg32& rng, double a, double c, double b) {
    if (b <= a) return a;
    const double u = uniform01(rng), f = (c - a) / (b - a);
    return u < f ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
}

template <class T>
int pick(pcg32& rng, const std::vector<std::pair<T, double>>& items, const std::vector<bool>* excluded = nullptr) {
    double total = 0;
    for (size_t i = 0; i < items.size(); ++i)
        if (!excluded || !(*excluded)[i]) total += items[i].second;
    if (total <= 0) return -1;
    double x = uniform01(rng) * total;
    for (size_t i = 0; i < items.size(); ++i) {
        if (excluded && (*excluded)[i]) continue;
        if ((x -= items[i].second) < 0) return int(i);
    }
    for (size_t i = items.size(); i-- > 0;)
        if (!excluded || !(*excluded)[i]) return int(i);
    return -1;
}

class CaseRunner {
public:
    CaseRunner(const Rulebook& rb, const Scenario& sc, const Plan& plan)
        : rb_(rb), sc_(sc), plan_(plan), steps_(plan.by_stage), fresh_(empty_state(rb)) {}

    CaseOutcome run(uint64_t seed, int64_t index) {
        pcg32 rng(seed, uint64_t(index));
        CaseOutcome out;
        out.measure_days.assign(plan_.measures_days.size(), -1);
        out.measure_share.assign(plan_.measures_share.size(), -1);
        CaseState s = fresh_;
        std::vector<Date> first_reached(rb_.stages.size(), kNever);

        // The filing.
        const int span = (sc_.to - sc_.from).count;
        const Date filed = sc_.from + Days{int(uniform01(rng) * (span + 1))};
        const Index office = plan_.offices[size_t(pick(rng, plan_.offices))].first;
        std::vector<bool> own(plan_.respondents.size(), false);
        for (size_t i = 0; i < own.size(); ++i) own[i] = plan_.respondents[i].first == rb_.offices[size_t(office)].party;
        const int r = pick(rng, plan_.respondents, &own);
        if (r < 0) return out;
        Event filing;
        filing.kind = Event::Kind::filed;
        filing.on = filed;
        filing.office = office;
        filing.respondent = plan_.respondents[size_t(r)].first;
        for (const auto& [subject, p] : plan_.subjects)
            if (uniform01(rng) < p) filing.subjects |= SubjectMask(1) << subject;
        if (!filing.subjects) filing.subjects = SubjectMask(1) << plan_.subjects[size_t(pick(rng, plan_.subjects))].first;
        for (const auto& [fact, p] : plan_.facts) filing.facts[size_t(fact)] = uniform01(rng) < p ? FactValue::yes : FactValue::no;
        apply_in_place(rb_, s, filing);
        first_reached[size_t(s.current)] = filed;
        out.tiers |= uint8_t(1u << rb_.stages[size_t(s.current)].reaches_tier);

        for (int guard = 0; guard < 64 && !rb_.stages[size_t(s.current)].terminal; ++guard) {
            auto& options = steps_[size_t(s.current)];
            if (options.empty()) break;
            std::vector<bool> excluded(options.size(), false);
            bool stepped = false;
            for (size_t attempt = 0; attempt < options.size() && !stepped; ++attempt) {
                std::vector<std::pair<int, double>> weights;
                for (const auto& o : options) weights.emplace_back(0, o.weight);
                const int k = pick(rng, weights, &excluded);
                if (k < 0) break;
                excluded[size_t(k)] = true;
                Plan::Step& step = options[size_t(k)];
                const Transition& tr = rb_.transitions[size_t(step.transition)];
                // When: days after the previous step, bounded by the rulebook: not before its gate or
                // window, not after its window, and not after its deadline with the extension the
                // rulebook allows (the actors use it rather than run late).
                const Window w = stage_window(rb_, s, tr.to);
                Date on = s.last_event + Days{int(std::lround(triangular(rng, step.min, step.mode, step.max)))};
                if (w.latest && on > *w.latest) on = *w.latest;
                if (w.due) {
                    const Timing* timing = rb_.timing_of(tr.to);
                    const int extension = timing ? timing->for_parties(s.disputing_parties()).extension.value_or(0) : 0;
                    on = std::min(on, *w.due + Days{extension});
                }
                on = std::max(on, w.earliest);
                step.command.on = on;
                step.command.details.clear();
                if (tr.vote != kNone) step.command.details.emplace_back("for", votes(rng, s, step.votes));
                if (tr.effect == Transition::Effect::impose_assessment) {
                    int64_t amount = 0;
                    if (rb_.cap.defined) {
                        const auto cap = assessment_cap(rb_, std::min(on.year(), rb_.agreement.end ? rb_.agreement.end->year() : on.year()), sc_.trade_usd);
                        amount = int64_t(double(cap.cap_usd) * sc_.assessment_share_of_cap);
                    }
                    step.command.details.emplace_back("amount_usd", std::to_string(amount));
                    step.command.details.emplace_back("trade_usd", std::to_string(int64_t(sc_.trade_usd)));
                }
                if (tr.effect == Transition::Effect::impose_remedy)
                    for (const auto& remedy : rb_.remedies)
                        if (remedy.min_prior_determinations == 0) {
                            step.command.details.emplace_back("remedy", remedy.id);
                            break;
                        }
                const Decision d = decide(rb_, s, step.command);
                if (!d.ok()) continue;  // refused: the actors take another of the scenario's steps
                for (const auto& e : d.events) {
                    apply_in_place(rb_, s, e);
                    if (tr.effect == Transition::Effect::impose_assessment && e.amount_usd > 0) {
                        out.sanction = true;
                        out.assessment_usd += e.amount_usd;
                    }
                }
                if (tr.effect == Transition::Effect::suspend_benefits || tr.effect == Transition::Effect::impose_remedy)
                    out.sanction = true;
                if (first_reached[size_t(tr.to)] == kNever) first_reached[size_t(tr.to)] = on;
                out.tiers |= uint8_t(1u << rb_.stages[size_t(tr.to)].reaches_tier);
                stepped = true;
            }
            if (!stepped) {
                out.refused = true;
                break;
            }
        }
        out.final_stage = s.current;
        out.days = (s.last_event - filed).count;
        for (size_t m = 0; m < plan_.measures_days.size(); ++m) {
            const Measure& measure = rb_.measures[size_t(plan_.measures_days[m])];
            const Date from = first_reached[size_t(measure.from)];
            Date to = kNever;
            for (Index t : measure.to)
                if (first_reached[size_t(t)] != kNever && (to == kNever || first_reached[size_t(t)] < to)) to = first_reached[size_t(t)];
            if (from != kNever && to != kNever) out.measure_days[m] = (to - from).count;
        }
        for (size_t m = 0; m < plan_.measures_share.size(); ++m) {
            const Measure& measure = rb_.measures[size_t(plan_.measures_share[m])];
            const bool reached = first_reached[size_t(measure.share_reaching)] != kNever;
            if (reached) out.measure_share[m] = 1;
            else if (rb_.stages[size_t(s.current)].terminal) out.measure_share[m] = 0;
        }
        return out;
    }

private:
    // Each Party votes yes with the scenario's probability for its role.
    std::string votes(pcg32& rng, const CaseState& s, const std::optional<std::array<double, 3>>& step) {
        const std::array<double, 3> p_yes = step ? *step : std::array<double, 3>{sc_.vote_complainant, sc_.vote_respondent, sc_.vote_other};
        std::string out;
        for (size_t p = 0; p < rb_.parties.size(); ++p) {
            const bool complainant = s.complainants & (1u << p);
            const bool respondent = Index(p) == s.respondent;
            const double yes = complainant ? p_yes[0] : respondent ? p_yes[1] : p_yes[2];
            if (uniform01(rng) < yes) out += (out.empty() ? "" : ",") + rb_.parties[p].code;
        }
        return out;
    }

    const Rulebook& rb_;
    const Scenario& sc_;
    const Plan& plan_;
    std::vector<std::vector<Plan::Step>> steps_;  // this runner's own copies of the prepared commands
    CaseState fresh_;
};

double percentile(std::vector<int32_t> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * double(v.size() - 1);
    const size_t lo = size_t(pos);
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

double round4(double x) { return std::round(x * 10000.0) / 10000.0; }

}  // namespace

void check_scenario(const Scenario& sc, const std::vector<const Rulebook*>& rulebooks) {
    for (const auto& s : sc.steps) {
        bool stage = false, event = false;
        for (const Rulebook* rb : rulebooks) {
            stage = stage || rb->stage_index(s.at) != kNone;
            event = event || rb->has_event(s.event);
        }
        if (!stage) throw Error(ErrorCode::bad_argument, sc.source + ":" + std::to_string(s.line) + ": step: unknown stage '" + s.at + "'");
        if (!event) throw Error(ErrorCode::bad_argument, sc.source + ":" + std::to_string(s.line) + ": step: unknown event '" + s.event + "'");
    }
}

RulebookRun simulate(const Rulebook& rb, const Scenario& scenario, const SimulationOptions& o) {
    const Plan plan = bind(rb, scenario);
    RulebookRun run{&rb, std::vector<CaseOutcome>(size_t(std::max<int64_t>(o.cases, 0)))};
    std::atomic<int64_t> next{0};
    constexpr int64_t kChunk = 512;
    auto worker = [&] {
        CaseRunner runner(rb, scenario, plan);
        for (;;) {
            const int64_t from = next.fetch_add(kChunk);
            if (from >= o.cases) break;
            for (int64_t i = from; i < std::min(o.cases, from + kChunk); ++i) run.cases[size_t(i)] = runner.run(o.seed, i);
            if (o.progress) o.progress(double(std::min(o.cases, from + kChunk)) / double(o.cases));
        }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < std::max(o.threads, 1); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    return run;
}

nlohmann::json summarize(const Scenario& sc, const SimulationOptions& o, const std::vector<RulebookRun>& runs) {
    using nlohmann::json;
    json out = {{"scenario", sc.id}, {"seed", o.seed}, {"cases", o.cases}, {"rulebooks", json::array()}};
    for (const auto& run : runs) {
        const Rulebook& rb = *run.rulebook;
        const double n = double(std::max<size_t>(run.cases.size(), 1));
        std::vector<int64_t> ending(rb.stages.size(), 0);
        std::vector<int64_t> tiers(rb.tiers.size() + 1, 0);
        int64_t sanctions = 0, refused = 0;
        double assessments = 0;
        std::vector<int32_t> days;
        for (const auto& c : run.cases) {
            if (c.final_stage != kNone) ++ending[size_t(c.final_stage)];
            for (size_t t = 1; t <= rb.tiers.size(); ++t)
                if (c.tiers & (1u << t)) ++tiers[t];
            sanctions += c.sanction;
            refused += c.refused;
            assessments += double(c.assessment_usd);
            days.push_back(c.days);
        }
        json r = {{"rulebook", rb.agreement.id}};
        r["ending_at"] = json::object();
        for (size_t s = 0; s < rb.stages.size(); ++s)
            if (ending[s]) r["ending_at"][rb.stages[s].id] = round4(double(ending[s]) / n);
        r["reaching_tier"] = json::object();
        // A tier reached implies the ones below it.
        for (size_t t = 1; t <= rb.tiers.size(); ++t) {
            int64_t at_least = 0;
            for (const auto& c : run.cases) at_least += (c.tiers >> t) != 0;
            r["reaching_tier"][rb.tiers[t - 1].id] = round4(double(at_least) / n);
        }
        r["sanction_share"] = round4(double(sanctions) / n);
        r["stopped_by_refusals_share"] = round4(double(refused) / n);
        r["time_to_outcome_days"] = {{"median", percentile(days, 0.5)}, {"p90", percentile(days, 0.9)}};
        r["expected_assessment_usd"] = std::round(assessments / n);
        r["measures"] = json::object();
        size_t di = 0, si = 0;
        for (const auto& m : rb.measures) {
            if (m.share_reaching == kNone) {
                std::vector<int32_t> v;
                for (const auto& c : run.cases)
                    if (c.measure_days[di] >= 0) v.push_back(c.measure_days[di]);
                r["measures"][m.id] = v.empty() ? json(nullptr) : json(percentile(v, 0.5));
                ++di;
            } else {
                int64_t yes = 0, decided = 0;
                for (const auto& c : run.cases) {
                    decided += c.measure_share[si] >= 0;
                    yes += c.measure_share[si] == 1;
                }
                r["measures"][m.id] = decided ? json(round4(double(yes) / double(decided))) : json(nullptr);
                ++si;
            }
        }
        out["rulebooks"].push_back(r);
    }
    // Differences against the first rulebook.
    const json& base = out["rulebooks"][0];
    for (size_t i = 1; i < out["rulebooks"].size(); ++i) {
        json& r = out["rulebooks"][i];
        json d = json::object();
        d["sanction_share"] = round4(r["sanction_share"].get<double>() - base["sanction_share"].get<double>());
        d["median_time_to_outcome_days"] =
            r["time_to_outcome_days"]["median"].get<double>() - base["time_to_outcome_days"]["median"].get<double>();
        d["expected_assessment_usd"] = r["expected_assessment_usd"].get<double>() - base["expected_assessment_usd"].get<double>();
        for (const auto& [tier, share] : r["reaching_tier"].items())
            if (base["reaching_tier"].contains(tier))
                d["reaching_tier"][tier] = round4(share.get<double>() - base["reaching_tier"][tier].get<double>());
        r["versus_" + base["rulebook"].get<std::string>()] = d;
    }
    return out;
}

}  // namespace accord
