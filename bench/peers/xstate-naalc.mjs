// The NAALC happy path (filing to suspension of benefits and payment: 25 events, the same as
// bench/apply_bench.cpp's) as an xstate v5 machine, with the comparable bookkeeping: each event
// carries its date, a guard refuses dates that go backwards, the panel vote needs two of three,
// and the context records the date each stage was reached.
// Usage: node xstate-naalc.mjs [CASES]  ->  one JSON line
import { createMachine, createActor, assign } from 'xstate';

const path = [
  ['submission_received', 'accept', 'nao_acceptance'],
  ['nao_acceptance', 'hold_hearing', 'nao_acceptance'],
  ['nao_acceptance', 'extend_deadline', 'nao_acceptance'],
  ['nao_acceptance', 'publish_report', 'nao_review'],
  ['nao_review', 'request_consultations', 'ministerial_consultations'],
  ['ministerial_consultations', 'establish_ece', 'ece_established'],
  ['ece_established', 'submit_draft_report', 'ece_draft_report'],
  ['ece_draft_report', 'submit_final_report', 'ece_final_report'],
  ['ece_final_report', 'publish_ece_report', 'ece_final_report'],
  ['ece_final_report', 'request_pattern_consultations', 'pattern_consultations'],
  ['pattern_consultations', 'respond', 'pattern_consultations'],
  ['pattern_consultations', 'request_special_session', 'special_session_requested'],
  ['special_session_requested', 'convene_special_session', 'council_special_session'],
  ['council_special_session', 'vote_panel', 'panel_vote'],
  ['panel_vote', 'select_panel', 'panel_selected'],
  ['panel_selected', 'submit_initial_report', 'initial_report'],
  ['initial_report', 'submit_final_report', 'final_report'],
  ['final_report', 'transmit_final_report', 'final_report'],
  ['final_report', 'publish_final_report', 'final_report'],
  ['final_report', 'request_reconvene', 'panel_reconvened_plan'],
  ['panel_reconvened_plan', 'decide_plan', 'plan_decision'],
  ['plan_decision', 'suspend_benefits', 'benefits_suspended'],
  ['benefits_suspended', 'pay_assessment', 'assessment_payment'],
  ['assessment_payment', 'close', 'closed'],
];

const states = { closed: { type: 'final' } };
for (const [from, event, to] of path) {
  states[from] ??= { on: {} };
  states[from].on[event] = {
    target: to === from ? undefined : to,
    guard: ({ context, event: e }) => e.on >= context.last && (event !== 'vote_panel' || e.yes * 3 >= 2 * 3),
    actions: assign({ last: ({ event: e }) => e.on, reached: ({ context, event: e }) => ({ ...context.reached, [to]: e.on }) }),
  };
}
const machine = createMachine({ id: 'naalc', initial: 'submission_received', context: { last: 0, reached: {} }, states });

const cases = Number(process.argv[2] ?? 20000);
const events = path.map(([, type], i) => ({ type, on: 10 * (i + 1), yes: 2 }));
let finished = 0;
const t0 = process.hrtime.bigint();
for (let c = 0; c < cases; c++) {
  const actor = createActor(machine).start();
  for (const e of events) actor.send(e);
  if (actor.getSnapshot().value === 'closed') finished++;
  actor.stop();
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
if (finished !== cases) throw new Error(`only ${finished} of ${cases} cases reached the end`);
console.log(JSON.stringify({ peer: 'xstate', version: '5.19.2', cases, events_per_case: events.length + 1,
  cases_per_second: cases / seconds, events_per_second: (cases * (events.length + 1)) / seconds }));
