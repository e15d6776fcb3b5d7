#pragma once
// A minimal two-Party rulebook: three stages, one business-day deadline on the respondent's
// calendar, one gate. Tests edit it to provoke one error at a time.
namespace accord::test_support {

inline constexpr const char* kMinimal = R"(format = 1
parties = [ { code = "A" }, { code = "B" } ]
offices = [ { id = "A-OFF", party = "A" } ]
actors = [ { id = "filer" }, { id = "office" } ]
tiers = [ { id = "review", article = "1" } ]
subjects = [ { id = "wages", tier = "review" } ]
gates = [ { id = "seen", kind = "reached", stage = "accepted", article = "3" } ]
[agreement]
id = "mini"
name = "Minimal"
entry_into_force = 2000-01-01
[[stages]]
id = "filed"
article = "1"
[[stages]]
id = "accepted"
article = "2"
timing = { after = ["filed"], within_business_days = 3, calendar = "respondent" }
[[stages]]
id = "done"
article = "3"
terminal = true
[procedure]
initial = "filed"
transitions = [
  { from = "filed", event = "accept", to = "accepted", actor = "office", article = "2" },
  { from = "accepted", event = "finish", to = "done", actor = "office", guards = ["seen"], article = "3" },
]
)";

}  // namespace accord::test_support
