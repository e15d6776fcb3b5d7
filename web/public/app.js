// Accord's web UI: one page, hash routes, the JSON API of accord-serve. No framework: every view
// is a function that fetches what it shows and builds DOM nodes with h() (text is never parsed as
// HTML, so a submitter's name cannot inject markup).
import { timelineChart, barChart } from './charts.js';

const view = document.getElementById('view');

// ---------------------------------------------------------------- helpers

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const words = (id) => String(id || '').replaceAll('_', ' ');
const today = () => new Date().toISOString().slice(0, 10);
const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

const auth = {
  get token() { return localStorage.getItem('accord.token') || ''; },
  set token(t) { t ? localStorage.setItem('accord.token', t) : localStorage.removeItem('accord.token'); },
  me: null,
};

async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  const res = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { message: text }; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

// Rulebooks change only with a restart: fetched once per page load.
const rulebookCache = new Map();
function rulebook(ref) {
  if (!rulebookCache.has(ref)) rulebookCache.set(ref, api(`/api/rulebooks/${ref}`));
  return rulebookCache.get(ref);
}
let rulebookListPromise = null;
const rulebookList = () => (rulebookListPromise ??= api('/api/rulebooks'));

function stageName(rb, id) {
  const s = rb && rb.stages.find((x) => x.id === id);
  return s ? s.name : words(id);
}

// An error from the API, with the rule and article when a rule refused.
function errorBox(err) {
  const b = err.body || {};
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, err.status === 422 ? 'Refused by the rulebook' : err.status === 403 ? 'Not allowed'
      : err.status === 409 ? 'Someone changed this case first' : err.status === 401 ? 'Sign in first' : 'Error'),
    h('p', {}, err.message),
    b.rule ? h('p', { class: 'cite' }, 'Rule ', h('code', {}, b.rule), b.article ? [' · Article ', h('b', {}, b.article)] : null) : null);
}

function select(name, options, value, label, attrs = {}) {
  return h('label', { class: 'field' }, label,
    h('select', { name, ...attrs },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function params(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== '' && v !== undefined && v !== null && v !== false) p.set(k, v);
  return p.toString();
}

function tierBadge(tier) {
  return h('span', { class: `badge tier-${tier || 'none'}` }, words(tier || 'none'));
}

function loading() { return h('p', { class: 'muted loading' }, 'Loading…'); }

function render(...nodes) {
  view.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
}

// ---------------------------------------------------------------- sign in

async function refreshWho() {
  const who = document.getElementById('who');
  auth.me = null;
  if (auth.token) {
    try { auth.me = await api('/api/me'); } catch { auth.token = ''; }
  }
  const dialog = document.getElementById('signin');
  if (auth.me) {
    who.replaceChildren(
      h('span', { class: 'me', title: 'signed in' }, auth.me.name, ' · ', auth.me.role, auth.me.party ? ` (${auth.me.party})` : ''),
      h('button', { class: 'link', onclick: () => { auth.token = ''; refreshWho().then(route); } }, 'Sign out'));
  } else {
    who.replaceChildren(h('button', { id: 'signin-open', onclick: () => dialog.showModal() }, 'Sign in'));
  }
}

function setupSignIn() {
  const dialog = document.getElementById('signin');
  const form = document.getElementById('signin-form');
  const error = document.getElementById('signin-error');
  form.addEventListener('submit', async (e) => {
    if (e.submitter && e.submitter.value === 'cancel') return;
    e.preventDefault();
    const token = form.token.value.trim();
    auth.token = token;
    try {
      auth.me = await api('/api/me');
      error.hidden = true;
      form.reset();
      dialog.close();
      await refreshWho();
      route();
    } catch (err) {
      auth.token = '';
      error.textContent = err.status === 401 ? 'This token is not known to the server.' : err.message;
      error.hidden = false;
    }
  });
}

// ---------------------------------------------------------------- cases

const FACETS = [['rulebook', 'Rulebook'], ['office', 'Office'], ['respondent', 'Respondent'], ['stage', 'Stage'],
  ['tier', 'Can reach'], ['subject', 'Subject']];
const PAGE = 50;

async function casesPage(query) {
  const q = Object.fromEntries(query);
  // The store's filters; reach (tier) and the page are applied here.
  const filters = { q: q.q, office: q.office, respondent: q.respondent, subject: q.subject, stage: q.stage,
    year: q.year, rulebook: q.rulebook };
  render(h('h1', {}, 'Cases'), loading());
  const [list, overdue] = await Promise.all([
    api(`/api/cases?${params({ ...filters, limit: 1000 })}`),
    api(`/api/cases?${params({ overdue: 'true', limit: 200 })}`),
  ]);
  // Newest first; cases whose filing date the record does not give go last.
  let rows = [...list.cases].sort((a, b) => (b.filed_on || '').localeCompare(a.filed_on || '') || a.id.localeCompare(b.id));
  if (q.tier) rows = rows.filter((r) => r.tier === q.tier);  // reach is not a store filter
  const go = (changes) => { location.hash = `#/cases?${params({ ...q, ...changes, page: changes.page || '' })}`; };

  const search = h('form', { class: 'searchbar', role: 'search', onsubmit: (e) => { e.preventDefault(); go({ q: e.target.q.value.trim(), year: e.target.year.value }); } },
    h('input', { name: 'q', type: 'search', value: q.q || '', placeholder: 'Search id, submitter, facility…', 'aria-label': 'Search cases' }),
    h('input', { name: 'year', type: 'number', min: 1994, max: 2100, value: q.year || '', placeholder: 'Year', 'aria-label': 'Filing year' }),
    h('button', {}, 'Search'));

  // Facets: counts over the matching cases (up to the 1000 the list returns). A case counts once
  // for each of its subjects.
  const valuesOf = (r, key) => (key === 'subject' ? (r.subjects || '').split(';') : [r[key]]).filter(Boolean);
  const facetBox = h('aside', { class: 'facets', 'aria-label': 'Facets' });
  for (const [key, label] of FACETS) {
    const counts = new Map();
    for (const r of list.cases) for (const v of valuesOf(r, key)) counts.set(v, (counts.get(v) || 0) + 1);
    if (!counts.size) continue;
    facetBox.append(h('section', {}, h('h3', {}, label),
      h('ul', {}, [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v, n]) => h('li', {},
        h('a', { href: `#/cases?${params({ ...q, [key]: q[key] === v ? '' : v, page: '' })}`, class: q[key] === v ? 'on' : '' },
          h('span', {}, words(v)), h('span', { class: 'count' }, n)))))));
  }

  const active = Object.entries(q).filter(([k, v]) => v && k !== 'page');
  const chips = active.length ? h('div', { class: 'chips' }, active.map(([k, v]) =>
    h('a', { class: 'chip', href: `#/cases?${params({ ...q, [k]: '', page: '' })}`, title: 'remove this filter' }, `${k}: ${words(v)} ×`)),
  h('a', { class: 'chip clear', href: '#/cases' }, 'clear all')) : null;

  const page = Math.max(0, parseInt(q.page || '0', 10) || 0);
  const shown = rows.slice(page * PAGE, (page + 1) * PAGE);
  const now = today();
  const table = h('table', { class: 'cases' },
    h('thead', {}, h('tr', {}, ['Case', 'Filed', 'Office → respondent', 'Subjects', 'Stage', 'Can reach', 'Next deadline'].map((t) => h('th', {}, t)))),
    h('tbody', {}, shown.map((r) => h('tr', {},
      h('td', { 'data-label': 'Case' }, h('a', { href: `#/case/${encodeURIComponent(r.id)}` }, r.id),
        r.facility ? h('div', { class: 'sub' }, r.facility) : null),
      h('td', { 'data-label': 'Filed' }, r.filed_on || '—'),
      h('td', { 'data-label': 'Office' }, `${r.office} → ${r.respondent}`),
      h('td', { 'data-label': 'Subjects' }, (r.subjects || '').split(';').filter(Boolean).map((s) => h('span', { class: 'tag' }, words(s)))),
      h('td', { 'data-label': 'Stage' }, r.stage ? words(r.stage) : h('span', { class: 'muted' }, 'record only'), r.closed ? h('span', { class: 'badge closed' }, 'closed') : null),
      h('td', { 'data-label': 'Can reach' }, tierBadge(r.tier)),
      h('td', { 'data-label': 'Next deadline', class: r.next_deadline && r.next_deadline < now ? 'late' : '' },
        r.next_deadline ? [r.next_deadline, h('div', { class: 'sub' }, words(r.next_deadline_stage))] : '—')))));
  const pages = Math.ceil(rows.length / PAGE);
  const pager = pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('a', { href: page > 0 ? `#/cases?${params({ ...q, page: page - 1 || '' })}` : null, 'aria-disabled': page === 0 }, '← Previous'),
    h('span', {}, `page ${page + 1} of ${pages}`),
    h('a', { href: page + 1 < pages ? `#/cases?${params({ ...q, page: page + 1 })}` : null, 'aria-disabled': page + 1 >= pages }, 'Next →')) : null;

  const overdueBox = h('section', { class: 'panel overdue', 'aria-label': 'Overdue' },
    h('h2', {}, `Overdue as of ${now}`, h('span', { class: 'count' }, overdue.cases.length)),
    overdue.cases.length
      ? h('ul', {}, overdue.cases.slice(0, 8).map((r) => h('li', {},
        h('a', { href: `#/case/${encodeURIComponent(r.id)}` }, r.id), ' ',
        h('span', {}, words(r.next_deadline_stage)), ' ',
        h('span', { class: 'late' }, `due ${r.next_deadline}, ${days(r.next_deadline, now)} days ago`))))
      : h('p', { class: 'muted' }, 'No open deadline has passed.'),
    overdue.cases.length > 8 ? h('p', { class: 'muted' }, `and ${overdue.cases.length - 8} more (imported records stop where the public record stops).`) : null);

  const exportQuery = params(filters);
  render(
    h('div', { class: 'title-row' }, h('h1', {}, 'Cases'),
      h('div', { class: 'actions' },
        h('a', { class: 'button secondary', href: `/api/export?format=csv&${exportQuery}`, download: 'accord-cases.csv' }, 'Export CSV'),
        h('a', { class: 'button secondary', href: `/api/export?format=json&${exportQuery}`, download: 'accord-cases.json' }, 'Export JSON'),
        h('a', { class: 'button', href: '#/file' }, 'File a case'))),
    overdueBox,
    search, chips,
    h('div', { class: 'with-facets' }, facetBox,
      h('div', { class: 'results' },
        h('p', { class: 'muted', id: 'result-count' }, `${rows.length}${list.more ? '+' : ''} case${rows.length === 1 ? '' : 's'}`,
          list.more ? ' (the first 1000 matches; narrow the search)' : ''),
        rows.length ? table : h('p', { class: 'empty' }, 'No case matches.'), pager)));
}

// ---------------------------------------------------------------- one case

async function casePage(id, query) {
  const asOf = query.get('as_of') || '';
  render(h('h1', {}, id), loading());
  let c;
  try {
    c = await api(`/api/cases/${encodeURIComponent(id)}${asOf ? `?as_of=${asOf}` : ''}`);
  } catch (err) {
    render(h('h1', {}, id), errorBox(err));
    return;
  }
  const rb = await rulebook(c.rulebook);
  const row = c.case;
  const actorName = (a) => { const x = rb.actors.find((y) => y.id === a); return x ? x.name : words(a); };

  const facts = Object.entries(c.events[0] ? c.events[0].details : {})
    .filter(([k]) => !['office', 'respondent', 'subjects', 'submitter', 'facility'].includes(k));
  const header = h('section', { class: 'case-head' },
    h('div', { class: 'title-row' },
      h('h1', {}, row.id, ' ', row.closed ? h('span', { class: 'badge closed' }, 'closed') : h('span', { class: 'badge open' }, 'open')),
      h('a', { class: 'button secondary', href: `/api/cases/${encodeURIComponent(id)}/deadlines.ics`, download: `${id}.ics` }, 'Deadlines (.ics)')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Rulebook'), h('dd', {}, h('a', { href: `#/rulebook/${c.rulebook}` }, rb.agreement.name)),
      h('dt', {}, 'Filed with'), h('dd', {}, `${row.office} about ${row.respondent}`, row.filed_on ? `, ${row.filed_on}` : ''),
      h('dt', {}, 'Submitter'), h('dd', {}, row.submitter || '—'),
      row.facility ? [h('dt', {}, 'Facility'), h('dd', {}, row.facility)] : null,
      h('dt', {}, 'Subjects'), h('dd', {}, (row.subjects || '').split(';').filter(Boolean).map((s) => h('span', { class: 'tag' }, words(s)))),
      h('dt', {}, 'Stage'), h('dd', { id: 'stage' }, c.stage ? stageName(rb, c.stage) : 'record only'),
      h('dt', {}, 'Can reach'), h('dd', {}, tierBadge(c.tier)),
      facts.length ? [h('dt', {}, 'Facts'), h('dd', {}, facts.map(([k, v]) => h('span', { class: 'tag' }, `${words(k)}: ${v}`)))] : null,
      h('dt', {}, 'Version'), h('dd', {}, String(row.version))));

  const findings = row.findings && row.findings.length
    ? h('section', { class: 'alert note' }, h('strong', {}, 'About the record'), h('ul', {}, row.findings.map((f) => h('li', {}, f)))) : null;

  const asOfForm = h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); location.hash = `#/case/${encodeURIComponent(id)}?${params({ as_of: e.target.as_of.value })}`; } },
    h('label', {}, 'As of ', h('input', { type: 'date', name: 'as_of', value: c.as_of })), h('button', { class: 'secondary' }, 'Show'));

  const chart = h('section', { class: 'panel' }, h('div', { class: 'title-row' }, h('h2', {}, 'Timeline: what happened against the deadlines'), asOfForm),
    c.deadlines.length || c.events.length ? timelineChart(c, (s) => stageName(rb, s), view.clientWidth - 60) : h('p', { class: 'muted' }, 'Nothing recorded yet.'));

  const deadlines = h('section', { class: 'panel' }, h('h2', {}, 'Deadlines'),
    c.deadlines.length ? h('table', { class: 'deadlines' },
      h('thead', {}, h('tr', {}, ['Stage', 'Clock from', 'Due', 'Done', 'Status', 'Article'].map((t) => h('th', {}, t)))),
      h('tbody', {}, c.deadlines.map((d) => h('tr', { class: `st-${d.status}` },
        h('td', { 'data-label': 'Stage' }, stageName(rb, d.stage)),
        h('td', { 'data-label': 'Clock from' }, d.anchor ? `${d.anchor} (${words(d.after)})` : '—'),
        h('td', { 'data-label': 'Due' }, d.due || '—', d.extension_days ? h('div', { class: 'sub' }, `+${d.extension_days} days extension`) : null),
        h('td', { 'data-label': 'Done' }, d.on || '—'),
        h('td', { 'data-label': 'Status' }, h('span', { class: `badge st-${d.status}` }, d.status),
          d.status === 'missed' && d.on && d.due ? h('div', { class: 'sub' }, `${days(d.due, d.on)} days late`) : null),
        h('td', { 'data-label': 'Article' }, d.article))))) : h('p', { class: 'muted' }, 'No deadline runs in this case.'));

  const result = h('div', { id: 'step-result' });
  const canAct = !!auth.me;
  const stepForm = (n) => {
    const form = h('form', { class: 'step', onsubmit: async (e) => {
      e.preventDefault();
      const f = e.target;
      const details = {};
      for (const part of f.details.value.split(';')) {
        const i = part.indexOf('=');
        if (i > 0) details[part.slice(0, i).trim()] = part.slice(i + 1).trim();
      }
      const button = f.querySelector('button');
      button.disabled = true;
      try {
        await api(`/api/cases/${encodeURIComponent(id)}/steps`, { method: 'POST', body: {
          event: n.event, on: f.on.value, actor: n.actor, details, expected_version: row.version, request_id: crypto.randomUUID() } });
        await casePage(id, query);
        document.getElementById('step-result').replaceChildren(h('div', { class: 'alert ok', role: 'status' }, `Recorded: ${words(n.event)} on ${f.on.value}.`));
      } catch (err) {
        button.disabled = false;
        result.replaceChildren(errorBox(err));
        result.scrollIntoView({ block: 'nearest' });
      }
    } },
    h('input', { type: 'date', name: 'on', value: n.earliest && n.earliest > today() ? n.earliest : today(), 'aria-label': 'Date', required: true }),
    h('input', { name: 'details', placeholder: n.event.startsWith('vote') ? 'for=US,CA' : 'details: key=value; …', 'aria-label': 'Details' }),
    h('button', { disabled: !canAct, title: canAct ? null : 'sign in to act' }, 'Record'));
    return form;
  };
  const next = h('section', { class: 'panel' }, h('h2', {}, 'Next possible steps'),
    canAct ? null : h('p', { class: 'muted' }, 'Sign in to record a step. Only the actor the rulebook names may take it.'),
    result,
    c.next.length ? h('ul', { class: 'next' }, c.next.map((n) => h('li', { class: n.blocked_by ? 'blocked' : '' },
      h('div', { class: 'what' },
        h('strong', {}, words(n.event)), ' → ', stageName(rb, n.to), n.side ? h('span', { class: 'tag' }, 'side step') : null,
        h('div', { class: 'sub' }, `by ${actorName(n.actor)}`, n.earliest ? ` · not before ${n.earliest}` : '', n.latest ? ` · no later than ${n.latest}` : '', n.due ? ` · due ${n.due}` : '', ` · Art ${n.article}`),
        n.blocked_by ? h('div', { class: 'why' }, n.blocked_by) : null),
      stepForm(n)))) : h('p', { class: 'muted' }, 'No further step: the case has ended.'));

  const history = h('section', { class: 'panel' }, h('h2', {}, 'Event history'),
    h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ['#', 'Date', 'Event', 'Actor', 'Details', 'Recorded'].map((t) => h('th', {}, t)))),
      h('tbody', {}, c.events.map((e) => h('tr', {},
        h('td', { 'data-label': '#' }, e.seq),
        h('td', { 'data-label': 'Date' }, e.on || h('span', { class: 'muted' }, 'unknown')),
        h('td', { 'data-label': 'Event' }, words(e.event)),
        h('td', { 'data-label': 'Actor' }, e.actor || '—'),
        h('td', { 'data-label': 'Details', class: 'details' }, Object.entries(e.details).map(([k, v]) => h('span', { class: 'kv' }, `${words(k)}: ${v}`))),
        h('td', { 'data-label': 'Recorded', class: 'sub' }, e.recorded_at))))));

  render(h('p', { class: 'crumbs' }, h('a', { href: '#/cases' }, '← All cases')), header, findings, chart,
    h('div', { class: 'two' }, next, deadlines), history);
}

// ---------------------------------------------------------------- file a case

async function filePage(query) {
  const books = await rulebookList();
  const ref = query.get('rulebook') || books.rulebooks[books.rulebooks.length - 1].ref;
  const rb = await rulebook(ref);
  const result = h('div');
  const form = h('form', { class: 'panel form', id: 'file-form', onsubmit: async (e) => {
    e.preventDefault();
    const f = e.target;
    const sub = readSubmission(f, rb);
    if (sub.sector) sub.facts.sector = sub.sector;
    try {
      const out = await api('/api/cases', { method: 'POST', body: {
        rulebook: ref, office: sub.office, respondent: sub.respondent, subjects: sub.subjects, submitter: f.submitter.value,
        facility: f.facility.value, on: f.on.value, facts: sub.facts, request_id: crypto.randomUUID() } });
      location.hash = `#/case/${encodeURIComponent(out.id)}`;
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  } },
  select('rulebook', books.rulebooks.map((b) => [b.ref, b.name]), ref, 'Rulebook', { onchange: (e) => { location.hash = `#/file?rulebook=${e.target.value}`; } }),
  submissionFields(rb, {}),
  h('div', { class: 'row' },
    h('label', { class: 'field' }, 'Submitter', h('input', { name: 'submitter', required: true, placeholder: 'union or organisation' })),
    h('label', { class: 'field' }, 'Facility', h('input', { name: 'facility', placeholder: 'optional' })),
    h('label', { class: 'field' }, 'Filed on', h('input', { name: 'on', type: 'date', value: today(), required: true }))),
  result,
  h('div', { class: 'actions' }, h('button', { disabled: !auth.me }, auth.me ? 'File the case' : 'Sign in to file')));
  render(h('h1', {}, 'File a case'),
    h('p', { class: 'muted' }, 'A submission goes on record once the rulebook admits it; a refusal names its article. ',
      h('a', { href: '#/check' }, 'Check admissibility first.')), form);
}

// The fields a filing and an admissibility check share, from the rulebook: office, respondent,
// subjects, sector (where the rulebook scopes by sector) and facts. `v` holds initial values.
function submissionFields(rb, v) {
  const chosen = new Set(v.subjects || []);
  return [
    h('div', { class: 'row' },
      select('office', rb.offices.map((o) => [o.id, `${o.id} — ${o.name}`]), v.office || rb.offices[0].id, 'Filed with'),
      select('respondent', rb.parties.map((p) => [p.code, p.name]), v.respondent || 'MX', 'About the law enforcement of')),
    h('fieldset', {}, h('legend', {}, 'Subjects'), h('div', { class: 'checks' }, rb.subjects.map((s) =>
      h('label', {}, h('input', { type: 'checkbox', name: 'subject', value: s.id, checked: chosen.has(s.id) }), ` ${s.name}`)))),
    rb.sectors ? select('sector', [['', '—'], ...rb.sectors.covered.map((s) => [s, words(s)]), ['other', 'another sector']],
      v.sector || '', `Sector (Art ${rb.sectors.article})`) : null,
    h('fieldset', {}, h('legend', {}, 'Facts shown'), rb.facts.map((fact) => factRow(fact, (v.facts || {})[fact.id] || ''))),
  ];
}

// What submissionFields holds now; facts not shown are left out.
function readSubmission(form, rb) {
  const facts = {};
  for (const fact of rb.facts) if (form[`fact_${fact.id}`].value) facts[fact.id] = form[`fact_${fact.id}`].value;
  return { office: form.office.value, respondent: form.respondent.value,
    subjects: [...form.querySelectorAll('input[name=subject]:checked')].map((x) => x.value),
    sector: form.sector ? form.sector.value : '', facts };
}

function factRow(fact, value) {
  return h('div', { class: 'fact' },
    h('span', { class: 'fact-text' }, fact.text, ' ', h('span', { class: 'cite' }, `Art ${fact.article}`)),
    h('select', { name: `fact_${fact.id}`, 'aria-label': words(fact.id) },
      [['', 'not shown'], ['yes', 'yes'], ['no', 'no']].map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
}

// ---------------------------------------------------------------- admissibility

async function checkPage(query) {
  const books = await rulebookList();
  const ref = query.get('rulebook') || 'naalc-1994';
  const rb = await rulebook(ref === 'auto' ? books.rulebooks[0].ref : ref);
  const chosen = (query.get('subjects') || '').split(',').filter(Boolean);
  const facts = Object.fromEntries(rb.facts.map((fact) => [fact.id, query.get(fact.id) || '']));
  const out = h('div', { id: 'check-result' });
  const form = h('form', { class: 'panel form', id: 'check-form', onsubmit: (e) => {
    e.preventDefault();
    const sub = readSubmission(e.target, rb);
    location.hash = `#/check?${params({ rulebook: e.target.rulebook.value, filed: e.target.filed.value, office: sub.office,
      respondent: sub.respondent, subjects: sub.subjects.join(','), sector: sub.sector, ...sub.facts })}`;
  } },
  h('div', { class: 'row' },
    select('rulebook', [['auto', 'The agreement in force on the filing date'], ...books.rulebooks.map((b) => [b.ref, b.name])], ref, 'Rulebook',
      { onchange: (e) => { location.hash = `#/check?rulebook=${e.target.value}`; } }),
    h('label', { class: 'field' }, ref === 'auto' ? 'Filed on' : 'Filed on (optional: checks the agreement was in force)',
      h('input', { type: 'date', name: 'filed', value: query.get('filed') || (ref === 'auto' ? today() : ''), required: ref === 'auto' }))),
  submissionFields(rb, { office: query.get('office'), respondent: query.get('respondent'), subjects: chosen,
    sector: query.get('sector'), facts }),
  h('div', { class: 'actions' }, h('button', {}, 'Check')));
  render(h('h1', {}, 'Admissibility'),
    h('p', { class: 'muted' }, 'How far can a submission go? Each subject reaches a tier of the procedure; facts open or close the higher ones.'),
    h('div', { class: 'two' }, form, out));
  if (!chosen.length) {
    out.replaceChildren(h('p', { class: 'muted panel' }, 'Pick the subjects of the submission and press Check.'));
    return;
  }
  try {
    const a = await api(`/api/check?${params({ rulebook: ref, filed: query.get('filed'), office: query.get('office'),
      respondent: query.get('respondent'), subjects: query.get('subjects'), sector: query.get('sector'), ...facts })}`);
    const used = a.rulebook === rb.agreement.id ? rb : await rulebook(a.rulebook);
    const tiers = ['none', ...used.tiers.map((t) => t.id)];
    const rank = (t) => tiers.indexOf(t);
    out.replaceChildren(h('section', { class: `panel verdict ${a.admissible ? 'yes' : 'no'}` },
      h('h2', {}, a.admissible ? 'Admissible' : 'Not admissible'),
      h('p', {}, a.admissible ? ['It can go as far as ', tierBadge(a.tier), ` under ${used.agreement.name}, filed with ${a.office}.`]
        : `Under ${used.agreement.name}, filed with ${a.office}.`),
      h('table', { class: 'ladder' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Subject'), used.tiers.map((t) => h('th', { title: `${t.text} (Art ${t.article})` }, words(t.id))))),
        h('tbody', {}, Object.entries(a.subjects).map(([s, t]) => h('tr', {}, h('th', {}, words(s)),
          used.tiers.map((tier) => h('td', { class: rank(t) >= rank(tier.id) ? 'reach' : 'stop' }, rank(t) >= rank(tier.id) ? '●' : '○')))))),
      reasonList('What limits it', a.reasons.filter((r) => r.limits)),
      reasonList('Only if shown', a.reasons.filter((r) => !r.limits))));
  } catch (err) {
    out.replaceChildren(errorBox(err));
  }
}

function reasonList(title, reasons) {
  if (!reasons.length) return null;
  return [h('h3', {}, title), h('ul', { class: 'reasons' }, reasons.map((r) => h('li', { class: r.limits ? 'limits' : '' },
    r.text, ' ', h('span', { class: 'cite' }, `Art ${r.article}`))))];
}

// ---------------------------------------------------------------- rulebooks

async function rulebooksPage() {
  const books = await rulebookList();
  const card = (b) => h('a', { class: 'card', href: `#/rulebook/${b.ref}` }, h('h3', {}, b.name),
    h('p', { class: 'muted' }, `${b.ref} · in force ${b.entry_into_force}${b.end ? ` to ${b.end}` : ''}`));
  render(h('h1', {}, 'Rulebooks'),
    h('p', { class: 'muted' }, 'Each agreement\'s procedure as data: stages, deadlines, actors, votes, scope, every rule with its article.'),
    h('div', { class: 'cards' }, books.rulebooks.map(card)),
    h('h2', {}, 'Design variants'),
    h('p', { class: 'muted' }, 'Alternative designs of the NAALC, for the simulator: what if the scope were wider, the process faster, the penalties real?'),
    h('div', { class: 'cards' }, books.variants.map(card)));
}

let mermaidPromise = null;
function loadMermaid() {
  mermaidPromise ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/vendor/mermaid/mermaid.min.js';
    s.onload = () => { window.mermaid.initialize({ startOnLoad: false, theme: 'neutral', securityLevel: 'strict', flowchart: { useMaxWidth: true, htmlLabels: true }, maxEdges: 2000 }); resolve(window.mermaid); };
    s.onerror = () => reject(new Error('the diagram library is not installed (npm ci in web/)'));
    document.head.append(s);
  });
  return mermaidPromise;
}

// The procedure as a Mermaid flowchart, top to bottom: a box per stage with its clock, an arrow
// per step (dotted for side steps), ends rounded. More compact than the state diagram of
// `accord rulebook show --format mermaid`, which the page links to.
function flowchartSource(rb) {
  const q = (text) => `"${String(text).replaceAll('"', "'")}"`;
  const lines = ['flowchart TD', '  classDef terminal fill:#eef1f4,stroke:#8a96a3', '  classDef clock fill:#e6eef8,stroke:#1f5fa8'];
  for (const st of rb.stages) {
    const clock = st.timing ? `<br/><small>${shortTiming(st.timing)}</small>` : '';
    const label = q(`${words(st.id)}${clock}`);
    lines.push(st.terminal ? `  ${st.id}([${label}]):::terminal` : `  ${st.id}[${label}]${st.timing ? ':::clock' : ''}`);
  }
  for (const id of rb.initial) lines.push(`  start((" ")) --> ${id}`);
  for (const t of rb.transitions) lines.push(`  ${t.from} ${t.side ? '-.->' : '-->'}|${q(words(t.event))}| ${t.to}`);
  return lines.join('\n');
}

// A stage's clock from the rulebook JSON: within_UNIT, not_before_UNIT or window_UNIT, UNIT being
// days or business_days.
function clock(t) {
  const business = Object.keys(t).some((k) => k.endsWith('_business_days'));
  const unit = business ? 'business_days' : 'days';
  for (const kind of ['within', 'not_before', 'window'])
    if (t[`${kind}_${unit}`] !== undefined) return { kind, n: t[`${kind}_${unit}`], business };
  return null;
}

function shortTiming(t) {
  const c = clock(t);
  if (!c) return '';
  const unit = c.business ? ' bd' : ' d';
  return c.kind === 'within' ? `≤ ${c.n}${unit}` : c.kind === 'not_before' ? `≥ ${c.n}${unit}` : `${c.n[0]}–${c.n[1]}${unit}`;
}

function timingText(t) {
  if (!t) return '—';
  const c = clock(t);
  const unit = c && c.business ? 'business days' : 'days';
  const after = t.after.map(words).join(' or ');
  let s = !c ? `after ${after}`
    : c.kind === 'within' ? `within ${c.n} ${unit} of ${after}`
      : c.kind === 'not_before' ? `not before ${c.n} ${unit} after ${after}`
        : `between ${c.n[0]} and ${c.n[1]} ${unit} after ${after}`;
  if (t.parties) s += `; ${Object.entries(t.parties).map(([n, b]) => `${Object.values(b)[0]} with ${n} Parties`).join(', ')}`;
  if (t.extension_by) s += `; extendable by ${words(t.extension_by)}${t.extension_days ? ` (${t.extension_days} days)` : ''}`;
  if (t.strict) s += '; strict';
  if (t.calendar) s += ` (${t.calendar} calendar)`;
  return s;
}

async function rulebookPage(ref) {
  render(h('h1', {}, ref), loading());
  let rb;
  try { rb = await rulebook(ref); } catch (err) { render(h('h1', {}, ref), errorBox(err)); return; }
  const diagram = h('div', { class: 'diagram', id: 'diagram' }, loading());
  const tierIndex = (t) => rb.tiers.findIndex((x) => x.id === t);
  render(
    h('p', { class: 'crumbs' }, h('a', { href: '#/rulebooks' }, '← Rulebooks')),
    h('h1', {}, rb.agreement.name),
    h('p', { class: 'muted' }, `${rb.agreement.id} · version ${rb.agreement.version} · in force ${rb.agreement.entry_into_force}`,
      rb.agreement.end ? ` to ${rb.agreement.end}` : '', ` · ${rb.agreement.article}`),
    h('section', { class: 'panel' }, h('div', { class: 'title-row' }, h('h2', {}, 'Procedure'),
      h('button', { class: 'secondary', id: 'zoom', onclick: (e) => {
        const big = diagram.classList.toggle('actual');
        e.target.textContent = big ? 'Fit to width' : 'Actual size';
      } }, 'Actual size')), diagram,
      h('p', { class: 'muted' }, 'Generated from the rulebook. ', h('a', { href: `/api/rulebooks/${ref}/mermaid` }, 'Mermaid source'), ' · ', h('a', { href: `/api/rulebooks/${ref}` }, 'JSON'))),
    h('section', { class: 'panel' }, h('h2', {}, 'Subjects by tier'),
      h('p', { class: 'muted' }, 'How far a submission on each subject can go. ', rb.tiers.map((t) => h('span', { class: 'tiernote' }, h('b', {}, words(t.id)), `: ${t.text} (Art ${t.article})`))),
      h('div', { class: 'scroll' }, h('table', { class: 'ladder', id: 'subjects-by-tier' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Subject'), rb.tiers.map((t) => h('th', {}, words(t.id))), h('th', {}, 'Principle'))),
        h('tbody', {}, rb.subjects.map((s) => h('tr', {}, h('th', {}, s.name),
          rb.tiers.map((t) => h('td', { class: tierIndex(s.tier) >= tierIndex(t.id) ? 'reach' : 'stop' }, tierIndex(s.tier) >= tierIndex(t.id) ? '●' : '○')),
          h('td', {}, s.principle || '')))))),
      rb.tiers.some((t) => t.requires.length) ? h('p', { class: 'muted' }, rb.tiers.filter((t) => t.requires.length).map((t) =>
        h('span', { class: 'tiernote' }, `${words(t.id)} also requires: ${t.requires.map(words).join(', ')}`))) : null),
    h('section', { class: 'panel' }, h('h2', {}, 'Stages and deadlines'),
      h('div', { class: 'scroll' }, h('table', { class: 'rules' },
        h('thead', {}, h('tr', {}, ['Stage', 'Who', 'Clock', 'Article'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rb.stages.map((s) => h('tr', {}, h('td', {}, h('b', {}, s.name), h('div', { class: 'sub' }, s.id, s.terminal ? ' · ends the case' : '')),
          h('td', {}, words(s.actor)), h('td', {}, timingText(s.timing)), h('td', { class: 'cite' }, s.article))))))),
    h('section', { class: 'panel' }, h('h2', {}, 'Steps'),
      h('div', { class: 'scroll' }, h('table', { class: 'rules' },
        h('thead', {}, h('tr', {}, ['Step', 'From → to', 'Who', 'Conditions', 'Article'].map((t) => h('th', {}, t)))),
        h('tbody', {}, rb.transitions.map((t) => h('tr', {}, h('td', {}, h('b', {}, words(t.event)), t.side ? h('div', { class: 'sub' }, 'side step') : null),
          h('td', {}, `${words(t.from)} → ${words(t.to)}`), h('td', {}, words(t.actor)),
          h('td', {}, [...t.guards.map(words), t.vote ? `vote: ${words(t.vote)}` : null, t.effect !== 'none' ? words(t.effect) : null].filter(Boolean).join('; ') || '—'),
          h('td', { class: 'cite' }, t.article))))))),
    h('section', { class: 'panel' }, h('h2', {}, 'Conditions, facts and votes'),
      h('ul', { class: 'defs' },
        rb.gates.map((g) => h('li', {}, h('b', {}, words(g.id)), `: ${g.text} `, h('span', { class: 'cite' }, `Art ${g.article}`))),
        rb.facts.map((f) => h('li', {}, h('b', {}, `fact ${words(f.id)}`), `: ${f.text} `, h('span', { class: 'cite' }, `Art ${f.article}`))),
        (rb.votes || []).map((v) => h('li', {}, h('b', {}, `vote ${words(v.id)}`), `: ${v.rule === 'consensus' ? 'consensus' : `${v.fraction[0]}/${v.fraction[1]}`} of the ${words(v.electorate)} `, h('span', { class: 'cite' }, `Art ${v.article}`))))));
  try {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(`diagram-${ref.replace(/\W/g, '-')}`, flowchartSource(rb));
    diagram.innerHTML = svg;  // mermaid's own sanitised output (securityLevel strict)
  } catch (err) {
    diagram.replaceChildren(h('p', { class: 'muted' }, `The diagram could not be drawn: ${err.message}`));
  }
}

// ---------------------------------------------------------------- statistics

async function statsPage() {
  render(h('h1', {}, 'Statistics'), loading());
  const s = await api('/api/stats');
  const offices = Object.entries(s.offices);
  // Measures are the rulebooks' own (median_days_X beside statutory_days_X, X_share).
  const measures = new Map();
  for (const [, o] of offices) for (const k of Object.keys(o)) {
    const m = k.match(/^median_days_(.+?)(_n)?$/);
    if (m && !m[2]) measures.set(m[1], o.rulebook);
  }
  const charts = [];
  for (const [m, book] of measures) {
    const rows = offices.filter(([, o]) => `median_days_${m}` in o)
      .map(([id, o]) => ({ label: id, note: `n=${o[`median_days_${m}_n`]}`, series: [
        { name: 'actual (median)', value: o[`median_days_${m}`], cls: 'actual' },
        { name: 'statutory', value: o[`statutory_days_${m}`], cls: 'statutory' }] }));
    charts.push(h('section', { class: 'panel chart' }, h('h2', {}, `Days ${words(m)}`, h('span', { class: 'count' }, book)),
      h('p', { class: 'muted' }, 'Median of the recorded cases beside the figure the rulebook sets. Cases whose dates are unknown are left out (n).'),
      barChart(rows, 'days')));
  }
  const shares = new Set();
  for (const [, o] of offices) for (const k of Object.keys(o)) if (k.endsWith('_share')) shares.add(k);
  for (const k of shares) {
    const rows = offices.filter(([, o]) => k in o).map(([id, o]) => ({ label: id, note: `n=${o[`${k}_n`]}`,
      series: [{ name: 'share of cases', value: o[k] === null ? null : Math.round(o[k] * 1000) / 10, cls: 'actual' }] }));
    charts.push(h('section', { class: 'panel chart' }, h('h2', {}, `Share reaching ${words(k.replace(/_share$/, ''))}`),
      h('p', { class: 'muted' }, 'Of the cases that reached the stage or ended.'), barChart(rows, '%', 100)));
  }
  const table = h('section', { class: 'panel' }, h('h2', {}, 'Figures by office'), h('div', { class: 'scroll' }, h('table', { class: 'rules' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Office'), h('th', {}, 'Rulebook'), h('th', {}, 'Cases'), h('th', {}, 'Figures'))),
    h('tbody', {}, offices.map(([id, o]) => h('tr', {}, h('td', {}, h('a', { href: `#/cases?office=${id}` }, id)), h('td', {}, o.rulebook), h('td', {}, o.cases),
      h('td', {}, Object.entries(o).filter(([k, v]) => !['rulebook', 'cases'].includes(k) && !k.endsWith('_n') && v !== null)
        .map(([k, v]) => h('span', { class: 'kv' }, `${words(k)}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}`)))))))));
  render(h('h1', {}, 'Statistics'),
    h('p', { class: 'muted' }, 'What the public record shows beside what the rulebooks say should happen.'),
    h('div', { class: 'charts' }, charts), table);
}

// ---------------------------------------------------------------- router

const routes = [
  [/^\/cases$/, (m, q) => casesPage(q)],
  [/^\/case\/(.+)$/, (m, q) => casePage(decodeURIComponent(m[1]), q)],
  [/^\/file$/, (m, q) => filePage(q)],
  [/^\/check$/, (m, q) => checkPage(q)],
  [/^\/rulebooks$/, () => rulebooksPage()],
  [/^\/rulebook\/(.+)$/, (m) => rulebookPage(m[1])],
  [/^\/stats$/, () => statsPage()],
];

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/cases';
  const [path, qs] = hash.split('?');
  const query = new URLSearchParams(qs || '');
  for (const a of document.querySelectorAll('[data-nav]'))
    a.classList.toggle('on', path.startsWith(`/${a.dataset.nav}`) || (a.dataset.nav === 'cases' && (path.startsWith('/case/') || path === '/file'))
      || (a.dataset.nav === 'rulebooks' && path.startsWith('/rulebook/')));
  for (const [re, fn] of routes) {
    const m = path.match(re);
    if (!m) continue;
    try {
      await fn(m, query);
    } catch (err) {
      render(h('h1', {}, 'Something went wrong'), errorBox(err));
    }
    document.title = `${view.querySelector('h1') ? view.querySelector('h1').textContent : ''} · Accord`;
    return;
  }
  render(h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/cases' }, 'See the cases.')));
}

window.addEventListener('hashchange', route);
setupSignIn();
refreshWho().then(route);
