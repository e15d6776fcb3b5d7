#include "cases/import.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cases/case_service.hpp"
#include "cases/codec.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "engine/apply.hpp"
#include "engine/deadline.hpp"
#include "engine/decide.hpp"

namespace accord {

using nlohmann::json;

namespace {

const std::vector<std::string> kColumns = {
    "id", "mechanism", "office", "respondent", "submitters", "facility", "location", "subjects", "date_filed",
    "decision", "decision_date", "hearing_date", "report_date", "ministerial_consultations",
    "ministerial_agreement_date", "escalation", "rrm_request_date", "rrm_review_by_respondent",
    "rrm_remediation_date", "rrm_closure_date", "outcome", "source", "notes"};

const std::set<std::string> kDateColumns = {"date_filed", "decision_date", "hearing_date", "report_date",
                                            "ministerial_agreement_date", "rrm_request_date",
                                            "rrm_remediation_date", "rrm_closure_date"};

const std::map<std::string, std::set<std::string>> kAllowed = {
    {"mechanism", {"NAALC", "USMCA-RRM"}},
    {"decision", {"", "accepted", "declined", "withdrawn"}},
    {"ministerial_consultations", {"", "yes", "no"}},
    {"escalation", {"", "none", "ece_requested_declined", "ece", "panel", "rrm_panel_requested",
                    "rrm_panel_determination"}},
    {"rrm_review_by_respondent", {"", "agreed", "refused"}},
};

using Row = std::map<std::string, std::string>;

// One step of a case as the record gives it: the event, the date as recorded, extra details.
struct PlannedStep {
    std::string event;
    std::string recorded;  // YYYY-MM-DD, YYYY-MM or ""
    std::vector<std::pair<std::string, std::string>> details;
};

bool is_month(const std::string& v) { return v.size() == 7 && Date::parse(v + "-01").has_value(); }

// The dataset's columns as steps of the NAALC procedure (data/README.md).
std::vector<PlannedStep> naalc_steps(const Row& r) {
    std::vector<PlannedStep> steps;
    const std::string& decision = r.at("decision");
    if (decision == "accepted") steps.push_back({"accept", r.at("decision_date"), {}});
    if (decision == "declined") steps.push_back({"decline", r.at("decision_date"), {}});
    if (decision == "withdrawn") steps.push_back({"withdraw", r.at("decision_date"), {}});
    if (!r.at("hearing_date").empty()) steps.push_back({"hold_hearing", r.at("hearing_date"), {}});
    if (!r.at("report_date").empty()) steps.push_back({"publish_report", r.at("report_date"), {}});
    // Consultations follow a report: when the record has consultations but no report date, the
    // report happened on a date it does not give.
    else if (decision == "accepted" && r.at("ministerial_consultations") == "yes")
        steps.push_back({"publish_report", "", {}});
    if (r.at("ministerial_consultations") == "yes") {
        steps.push_back({"request_consultations", "", {}});
        if (!r.at("ministerial_agreement_date").empty())
            steps.push_back({"agree", r.at("ministerial_agreement_date"), {}});
    } else if (r.at("ministerial_consultations") == "no" && decision == "accepted" && !r.at("report_date").empty()) {
        steps.push_back({"close", "", {}});  // the record says the case ended without consultations
    }
    return steps;
}

// The dataset's columns as steps of the Rapid Response mechanism.
std::vector<PlannedStep> rrm_steps(const Row& r, bool from_petition) {
    std::vector<PlannedStep> steps;
    const bool requested = !r.at("rrm_request_date").empty() || !r.at("rrm_review_by_respondent").empty();
    if (from_petition) {
        if (r.at("decision") == "declined") {
            steps.push_back({"decline_petition", r.at("decision_date"), {}});
            return steps;
        }
        if (!requested) return steps;
        steps.push_back({"accept_petition", "", {}});
        steps.push_back({"request_review", r.at("rrm_request_date"), {}});
    }
    const std::string& review = r.at("rrm_review_by_respondent");
    if (review == "refused") steps.push_back({"refuse_review", "", {}});
    const bool later = !r.at("rrm_remediation_date").empty() || !r.at("rrm_closure_date").empty() ||
                       r.at("escalation").rfind("rrm_panel", 0) == 0;
    // Remediation, closure or a panel after a review the record does not describe: the respondent
    // reviewed and reported on dates it does not give.
    if (review == "agreed" || (review.empty() && later)) {
        steps.push_back({"agree_review", "", {}});
        if (later) steps.push_back({"report_review", "", {}});
    }
    if (!r.at("rrm_remediation_date").empty()) steps.push_back({"agree_remediation", r.at("rrm_remediation_date"), {}});
    if (r.at("escalation").rfind("rrm_panel", 0) == 0) steps.push_back({"request_panel", "", {}});
    if (!r.at("rrm_closure_date").empty()) steps.push_back({"close", r.at("rrm_closure_date"), {}});
    return steps;
}

// Engine dates for recorded ones: a day as it is; a month as its first day (never before the step
// before); unknown as the step before (or the first later known date). Order only, never a count.
std::vector<Date> engine_dates(const std::vector<std::string>& recorded) {
    std::vector<Date> out(recorded.size(), kNever);
    Date previous = kNever;
    for (size_t i = 0; i < recorded.size(); ++i) {
        if (auto d = Date::parse(recorded[i])) out[i] = *d;
        else if (is_month(recorded[i])) {
            const Date first = *Date::parse(recorded[i] + "-01");
            out[i] = previous == kNever ? first : std::max(first, previous);
        } else if (previous != kNever) out[i] = previous;
        else {
            for (size_t j = i + 1; j < recorded.size() && out[i] == kNever; ++j) {
                if (auto d = Date::parse(recorded[j])) out[i] = *d;
                else if (is_month(recorded[j])) out[i] = *Date::parse(recorded[j] + "-01");
            }
        }
        if (out[i] != kNever) previous = out[i];
    }
    return out;
}

const Rulebook* rulebook_for(RulebookRegistry& rulebooks, const std::string& office, std::optional<Date> filed) {
    const Rulebook* fallback = nullptr;
    for (const Rulebook* rb : rulebooks.all()) {
        if (rb->office_index(office) == kNone) continue;
        const auto& ag = rb->agreement;
        if (!filed || (*filed >= ag.entry_into_force && (!ag.end || *filed <= *ag.end))) return rb;
        if (!fallback) fallback = rb;
    }
    return fallback;
}

}  // namespace

std::vector<CaseWrite> read_cases_csv(std::string_view text, RulebookRegistry& rulebooks, ImportReport& report) {
    const CsvTable table = parse_csv(text);
    for (const auto& e : table.errors) report.refused.push_back({e.line, "", e.message});
    std::vector<CaseWrite> out;
    if (table.records.empty()) {
        if (table.errors.empty()) report.refused.push_back({1, "", "empty file: no header"});
        return out;
    }
    const CsvRecord& header = table.records.front();
    for (const auto& column : kColumns)
        if (std::find(header.fields.begin(), header.fields.end(), column) == header.fields.end())
            throw Error(ErrorCode::bad_argument, "line " + std::to_string(header.line) + ": the header lacks column '" +
                                                     column + "'");
    std::set<std::string> seen_ids;
    for (size_t ri = 1; ri < table.records.size(); ++ri) {
        const CsvRecord& rec = table.records[ri];
        ++report.rows;
        auto refuse = [&](const std::string& id, const std::string& why) { report.refused.push_back({rec.line, id, why}); };
        if (rec.fields.size() != header.fields.size()) {
            refuse(rec.fields.empty() ? "" : rec.fields[0], "expected " + std::to_string(header.fields.size()) +
                                                                " fields, found " + std::to_string(rec.fields.size()));
            continue;
        }
        Row row;
        for (size_t i = 0; i < header.fields.size(); ++i) row[header.fields[i]] = rec.fields[i];
        const std::string& id = row["id"];
        if (id.empty()) { refuse("", "empty id"); continue; }
        if (!seen_ids.insert(id).second) { refuse(id, "duplicate id '" + id + "' in the file"); continue; }
        std::string problem;
        for (const auto& [column, allowed] : kAllowed)
            if (!allowed.count(row[column])) problem = column + ": unexpected value '" + row[column] + "'";
        for (const auto& column : kDateColumns) {
            const std::string& v = row[column];
            if (v.empty() || Date::parse(v) || is_month(v)) continue;
            const bool shaped = (v.size() == 10 && v[4] == '-' && v[7] == '-') || (v.size() == 7 && v[4] == '-');
            problem = column + ": " + (shaped ? "impossible date " : "not a date: ") + v;
        }
        if (!problem.empty()) { refuse(id, problem); continue; }
        const auto filed_day = Date::parse(row["date_filed"]);
        const Rulebook* rb = rulebook_for(rulebooks, row["office"], filed_day);
        if (!rb) { refuse(id, "office: no rulebook has an office '" + row["office"] + "'"); continue; }
        if (rb->party_index(row["respondent"]) == kNone) { refuse(id, "respondent: unknown Party '" + row["respondent"] + "'"); continue; }
        std::string subjects;
        for (size_t from = 0; from <= row["subjects"].size();) {
            const size_t cut = row["subjects"].find(';', from);
            const std::string s = row["subjects"].substr(from, cut == std::string::npos ? std::string::npos : cut - from);
            if (!s.empty() && rb->subject_index(s) == kNone) problem = "subjects: unknown subject '" + s + "'";
            if (cut == std::string::npos) break;
            from = cut + 1;
        }
        if (!problem.empty()) { refuse(id, problem); continue; }

        // The case's steps: a filing, then what the record says happened.
        std::vector<PlannedStep> steps;
        PlannedStep filing{rb->filing_event, row["date_filed"],
                           {{"office", row["office"]}, {"respondent", row["respondent"]}, {"subjects", row["subjects"]}}};
        if (!row["submitters"].empty()) filing.details.emplace_back("submitter", row["submitters"]);
        if (!row["facility"].empty()) filing.details.emplace_back("facility", row["facility"]);
        if (row["mechanism"] == "USMCA-RRM") {
            const bool from_petition = !row["date_filed"].empty();
            if (!from_petition) {
                filing.recorded = row["rrm_request_date"];
                filing.details.emplace_back("stage", "review_requested");
            }
            // A request for review asserts a covered facility: the record's own inference.
            if (!row["rrm_request_date"].empty() || !row["rrm_review_by_respondent"].empty())
                for (const auto& f : rb->facts) filing.details.emplace_back(f.id, "yes");
            steps.push_back(filing);
            for (auto& s : rrm_steps(row, from_petition)) steps.push_back(std::move(s));
        } else {
            steps.push_back(filing);
            for (auto& s : naalc_steps(row)) steps.push_back(std::move(s));
        }

        CaseWrite cw;
        json record = json::object();
        for (const auto& [k, v] : row) record[k] = v;
        record["line"] = rec.line;
        json findings = json::array();
        auto finding = [&](const std::string& message) {
            report.findings.push_back({rec.line, id, message});
            findings.push_back(message);
        };
        std::vector<std::string> recorded;
        for (const auto& s : steps) recorded.push_back(s.recorded);
        auto dates = engine_dates(recorded);
        CaseState state = empty_state(*rb);
        std::vector<bool> precise(rb->stages.size(), false);
        if (dates[0] == kNever && !row["subjects"].empty()) {
            // No date at all: the steps are still known. They are replayed in order from the
            // agreement's entry into force; every recorded date stays unknown and counts nowhere.
            finding("no date recorded: steps kept in order, dates unknown");
            for (auto& d : dates) d = rb->agreement.entry_into_force;
        }
        if (row["subjects"].empty()) {
            finding("no subjects recorded: kept as a record, not replayed");
        } else {
            for (size_t i = 0; i < steps.size(); ++i) {
                Command c{steps[i].event, dates[i], "", steps[i].details};
                const Decision d = decide(*rb, state, c);
                if (!d.ok()) {
                    finding("step " + steps[i].event + " (" + (steps[i].recorded.empty() ? "date unknown" : steps[i].recorded) +
                            ") refused: " + d.refusal->message + "; later steps not replayed");
                    break;
                }
                for (const auto& e : d.events) {
                    cw.events.push_back(encode(*rb, state, c, e, steps[i].recorded));
                    apply_in_place(*rb, state, e);
                    if (e.kind == Event::Kind::stepped || e.kind == Event::Kind::filed) {
                        const Index to = e.kind == Event::Kind::filed ? state.current : rb->transitions[size_t(e.transition)].to;
                        precise[size_t(to)] = Date::parse(steps[i].recorded).has_value();
                    }
                }
            }
            // Late steps are findings about the record, not import errors.
            for (const auto& dl : deadlines(*rb, state, state.last_event))
                if (dl.status == Deadline::Status::missed && dl.met_on && precise[size_t(dl.anchor_stage)] &&
                    precise[size_t(dl.stage)])
                {
                    const int late = (*dl.met_on - dl.due).count;
                    const auto& timing = rb->stages[size_t(dl.stage)].timing;
                    std::optional<int> allowed;
                    if (timing) allowed = timing->bounds.extension;
                    finding(rb->stages[size_t(dl.stage)].id + " on " + dl.met_on->str() + " missed its deadline of " +
                            dl.due.str() + " (" + std::to_string(late) + " days late" +
                            (allowed && late <= *allowed && dl.extension_days == 0
                                 ? ", within the " + std::to_string(*allowed) + "-day extension the rule allows, had it been recorded"
                                 : "") +
                            "; " + cite(rb->stages[size_t(dl.stage)].article) + ")");
                }
        }
        record["findings"] = findings;
        CaseRow base;
        base.id = id;
        base.submitter = row["submitters"];
        base.facility = row["facility"];
        base.filed_on = state.filed ? (steps[0].recorded) : row["date_filed"];
        base.filing_year = !base.filed_on.empty() ? std::stoi(base.filed_on.substr(0, 4)) : 0;
        base.record = record.dump();
        if (state.filed) {
            cw.row = CaseService::project(*rb, state, cw.events, base);
        } else {
            cw.row = base;
            cw.row.rulebook = rb->agreement.id;
            cw.row.office = row["office"];
            cw.row.respondent = row["respondent"];
            cw.row.subjects = row["subjects"];
            cw.row.tier = "none";
        }
        report.events += int64_t(cw.events.size());
        out.push_back(std::move(cw));
    }
    return out;
}

ImportReport import_cases_csv(std::string_view text, EventStore& store, RulebookRegistry& rulebooks) {
    ImportReport report;
    auto cases = read_cases_csv(text, rulebooks, report);
    const BulkResult written = store.bulk_write(cases);
    report.cases_written = written.cases;
    report.cases_existing = int64_t(cases.size()) - written.cases;
    report.events = written.events;
    return report;
}

}  // namespace accord
