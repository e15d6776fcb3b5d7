// Runs the behaviour tests in tests/cases/*.case through the real engine (decide + apply).
//
// A .case file: comment lines (# name: ..., # why: ...), then directives, one per line:
//   rulebook NAME                      load rulebooks/NAME.toml (required first)
//   set STAGE.KEY=VALUE                override a timing, as `accord timeline --set`
//   new                                start another case with the same rulebook
//   given STAGE on=DATE k=v ...        a filed case (k=v: office, respondent, subjects, facts)
//                                      placed in STAGE; reached=STAGE@DATE,... marks earlier stages
//   file on=DATE k=v ...               file a case through decide (must be accepted)
//   ok EVENT on=DATE [actor=A] [k=v]   the step must be accepted; its events are applied
//   error EVENT on=DATE ... => CODE "text"   the step must be refused with CODE, message containing text
//   query stage => STAGE
//   query tier => TIER                 how far the case can still go
//   query parties => N                 disputing Parties
//   query assessment => USD            unpaid assessment
//   query deadline STAGE as_of=DATE => STATUS [due=DATE] [on=DATE]
//   query no-deadline STAGE as_of=DATE
//   query next => EVENT [earliest=DATE] [latest=DATE] [due=DATE] [blocked="text"]
//   query not-next EVENT
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "engine/apply.hpp"
#include "engine/deadline.hpp"
#include "engine/decide.hpp"
#include "engine/gates.hpp"
#include "engine/next_steps.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/registry.hpp"
#include "rulebook/override.hpp"
#include "support/case_builder.hpp"

namespace fs = std::filesystem;
using namespace accord;

namespace {

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::vector<std::string> tokenize(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false, any = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
            any = true;
        } else if (!quoted && (c == ' ' || c == '\t')) {
            if (any) out.push_back(cur);
            cur.clear();
            any = false;
        } else {
            cur += c;
            any = true;
        }
    }
    if (quoted) throw Failure("unclosed quote");
    if (any) out.push_back(cur);
    return out;
}

Date date_of(const std::string& text) {
    try {
        return parse_date_or_throw(text);
    } catch (const std::invalid_argument& e) {
        throw Failure(e.what());
    }
}

struct Args {
    std::vector<std::string> positional;
    std::vector<std::pair<std::string, std::string>> named;
    const std::string* get(const std::string& k) const {
        for (const auto& [key, v] : named)
            if (key == k) return &v;
        return nullptr;
    }
};

Args split_args(const std::vector<std::string>& tokens, size_t from, size_t to) {
    Args a;
    for (size_t i = from; i < to; ++i) {
        const auto eq = tokens[i].find('=');
        if (eq == std::string::npos) a.positional.push_back(tokens[i]);
        else a.named.emplace_back(tokens[i].substr(0, eq), tokens[i].substr(eq + 1));
    }
    return a;
}

void expect_eq(const std::string& what, const std::string& got, const std::string& want) {
    if (got != want) throw Failure(what + ": expected " + want + ", got " + got);
}

class CaseFile {
public:
    CaseFile(fs::path rulebook_dir, fs::path file) : dir_(std::move(rulebook_dir)), file_(std::move(file)) {}

    // Returns the number of failed lines (at most one: a case stops at its first failure).
    int run() {
        std::ifstream in(file_);
        std::string line;
        int number = 0;
        while (std::getline(in, line)) {
            ++number;
            if (line.empty() || line[0] == '#') continue;
            try {
                execute(tokenize(line));
            } catch (const Failure& f) {
                std::cerr << file_.string() << ":" << number << ": FAIL: " << f.what() << "\n    " << line << "\n";
                return 1;
            } catch (const std::exception& e) {
                std::cerr << file_.string() << ":" << number << ": ERROR: " << e.what() << "\n    " << line << "\n";
                return 1;
            }
        }
        return 0;
    }

private:
    const Rulebook& rb() const {
        if (!rb_) throw Failure("no 'rulebook' line before this one");
        return *rb_;
    }

    Command command(const std::string& event, const Args& a) const {
        Command c;
        c.event = event;
        const std::string* on = a.get("on");
        if (!on) throw Failure("a step needs on=DATE");
        c.on = date_of(*on);
        for (const auto& [k, v] : a.named) {
            if (k == "on") continue;
            if (k == "actor") c.actor = v;
            else c.details.emplace_back(k, v);
        }
        return c;
    }

    void execute(const std::vector<std::string>& t) {
        if (t.empty()) return;
        size_t arrow = t.size();
        for (size_t i = 0; i < t.size(); ++i)
            if (t[i] == "=>") arrow = i;
        const std::string& verb = t[0];
        if (verb == "rulebook") {
            // From the registry, so business days count on the calendars/ beside the rulebooks.
            RulebookRegistry registry(dir_);
            rb_ = std::make_unique<Rulebook>(registry.get(t.at(1)));
            state_ = empty_state(*rb_);
        } else if (verb == "new") {
            state_ = empty_state(rb());
        } else if (verb == "set") {
            apply_override(*rb_, t.at(1));
        } else if (verb == "given") {
            const Args a = split_args(t, 2, t.size());
            test_support::CaseBuilder b(rb());
            const std::string* on = a.get("on");
            if (!on) throw Failure("given needs on=DATE");
            b.filed_on(date_of(a.get("filed") ? *a.get("filed") : *on));
            for (const auto& [k, v] : a.named) {
                if (k == "on" || k == "filed") continue;
                if (k == "reached") {
                    std::stringstream ss(v);
                    for (std::string item; std::getline(ss, item, ',');) {
                        const auto at = item.find('@');
                        if (at == std::string::npos) throw Failure("reached=STAGE@DATE,...");
                        b.in_stage(item.substr(0, at), date_of(item.substr(at + 1)), false);
                    }
                } else {
                    b.detail(k, v);
                }
            }
            b.in_stage(t.at(1), date_of(*on));
            state_ = b.build();
        } else if (verb == "file" || verb == "ok") {
            const bool filing = verb == "file";
            const std::string event = filing ? rb().filing_event : t.at(1);
            const Decision d = decide(rb(), state_, command(event, split_args(t, filing ? 1 : 2, t.size())));
            if (!d.ok())
                throw Failure("refused: " + std::string(error_name(d.refusal->code)) + ": " + d.refusal->message);
            for (const auto& e : d.events) state_ = apply(rb(), state_, e);
        } else if (verb == "error") {
            if (arrow == t.size() || arrow + 1 >= t.size()) throw Failure("error needs '=> CODE \"text\"'");
            const Decision d = decide(rb(), state_, command(t.at(1), split_args(t, 2, arrow)));
            if (d.ok()) throw Failure("accepted, expected " + t[arrow + 1]);
            expect_eq("refusal code", std::string(error_name(d.refusal->code)), t[arrow + 1]);
            for (size_t i = arrow + 2; i < t.size(); ++i)
                if (d.refusal->message.find(t[i]) == std::string::npos)
                    throw Failure("refusal message lacks \"" + t[i] + "\": " + d.refusal->message);
        } else if (verb == "query") {
            query(t, arrow);
        } else {
            throw Failure("unknown directive '" + verb + "'");
        }
    }

    void query(const std::vector<std::string>& t, size_t arrow) {
        const std::string& what = t.at(1);
        const Args left = split_args(t, 2, arrow);
        const Args right = split_args(t, std::min(arrow + 1, t.size()), t.size());
        auto want = [&](size_t i = 0) -> const std::string& {
            if (right.positional.size() <= i) throw Failure("query needs '=> VALUE'");
            return right.positional[i];
        };
        if (what == "stage") {
            expect_eq("stage", rb().stages[size_t(state_.current)].id, want());
        } else if (what == "tier") {
            expect_eq("tier", rb().tier_name(case_reach(rb(), state_, false)), want());
        } else if (what == "parties") {
            expect_eq("disputing parties", std::to_string(state_.disputing_parties()), want());
        } else if (what == "assessment") {
            expect_eq("unpaid assessment", std::to_string(state_.assessment_usd), want());
        } else if (what == "deadline" || what == "no-deadline") {
            const std::string& stage = left.positional.at(0);
            const std::string* as_of = left.get("as_of");
            if (!as_of) throw Failure("deadline query needs as_of=DATE");
            const Deadline* found = nullptr;
            const auto all = deadlines(rb(), state_, date_of(*as_of));
            for (const auto& d : all)
                if (rb().stages[size_t(d.stage)].id == stage) found = &d;
            if (what == "no-deadline") {
                if (found) throw Failure("unexpected deadline for " + stage + " due " + found->due.str());
                return;
            }
            if (!found) throw Failure("no deadline for " + stage);
            expect_eq("status", std::string(deadline_status_name(found->status)), want());
            if (const auto* due = right.get("due")) expect_eq("due", found->due.str(), *due);
            if (const auto* on = right.get("on")) expect_eq("met on", found->met_on ? found->met_on->str() : "-", *on);
        } else if (what == "next" || what == "not-next") {
            const std::string& event = what == "next" ? want() : left.positional.at(0);
            const NextStep* found = nullptr;
            const auto steps = next_steps(rb(), state_);
            for (const auto& s : steps)
                if (rb().transitions[size_t(s.transition)].event == event) found = &s;
            if (what == "not-next") {
                if (found) throw Failure(event + " is offered as a next step");
                return;
            }
            if (!found) throw Failure(event + " is not among the next steps");
            auto opt = [](const std::optional<Date>& d) { return d ? d->str() : std::string("-"); };
            if (const auto* v = right.get("earliest")) expect_eq("earliest", found->earliest.str(), *v);
            if (const auto* v = right.get("latest")) expect_eq("latest", opt(found->latest), *v);
            if (const auto* v = right.get("due")) expect_eq("due", opt(found->due), *v);
            if (const auto* v = right.get("blocked")) {
                if (!found->blocked_by || found->blocked_by->find(*v) == std::string::npos)
                    throw Failure("expected blocked by \"" + *v + "\", got " + found->blocked_by.value_or("open"));
            }
        } else {
            throw Failure("unknown query '" + what + "'");
        }
    }

    fs::path dir_, file_;
    std::unique_ptr<Rulebook> rb_;
    CaseState state_;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: case_runner RULEBOOK_DIR CASE_DIR|FILE...\n";
        return 2;
    }
    std::vector<fs::path> files;
    for (int i = 2; i < argc; ++i) {
        if (fs::is_directory(argv[i])) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i]))
                if (e.path().extension() == ".case") files.push_back(e.path());
        } else {
            files.emplace_back(argv[i]);
        }
    }
    std::sort(files.begin(), files.end());
    int failed = 0;
    for (const auto& f : files) failed += CaseFile(argv[1], f).run();
    std::cout << files.size() - size_t(failed) << " of " << files.size() << " case files passed\n";
    return failed ? 1 : 0;
}
