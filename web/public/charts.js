// Charts as plain SVG: a case's timeline against its statutory deadlines, and grouped bars.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const DAY = 86400000;
const toDay = (iso) => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(iso) / DAY : null);

function ticks(lo, hi) {
  const span = hi - lo;
  const out = [];
  const start = new Date(lo * DAY);
  const step = span < 150 ? 1 : span < 1100 ? 3 : span < 3000 ? 12 : 24;  // months
  let y = start.getUTCFullYear();
  let m = step >= 12 ? 0 : Math.floor(start.getUTCMonth() / step) * step;
  for (;;) {
    const d = Date.UTC(y, m, 1) / DAY;
    if (d > hi) break;
    if (d >= lo) out.push({ d, label: step >= 12 ? String(y) : `${y}-${String(m + 1).padStart(2, '0')}` });
    m += step;
    while (m >= 12) { m -= 12; y += 1; }
  }
  return out;
}

// c: the case answer of GET /api/cases/{id}; name(stage) gives a stage's readable name.
// width: the drawing's width in CSS pixels (text stays legible: narrow screens get two-line rows).
export function timelineChart(c, name, width = 960) {
  const W = Math.max(320, Math.min(960, Math.round(width)));
  const narrow = W < 700;
  const left = 16, right = 16, rowH = narrow ? 60 : 46, top = 56;
  const asOf = toDay(c.as_of);
  const points = [];
  for (const d of c.deadlines) points.push(toDay(d.anchor), toDay(d.due), toDay(d.on));
  for (const e of c.events) points.push(toDay(e.on));
  const open = c.deadlines.some((d) => d.status === 'open' || d.status === 'pending');
  const known = points.filter((x) => x !== null);
  if (!known.length) return s('svg', { viewBox: '0 0 960 40', class: 'timeline', role: 'img', 'aria-label': 'no dated events' },
    s('text', { x: 16, y: 24, class: 'muted' }, 'No dated event: the record gives no dates.'));
  let lo = Math.min(...known), hi = Math.max(...known);
  // Today belongs on the chart while a clock runs, unless the record stopped long ago.
  const showToday = asOf !== null && (open ? asOf - hi < 3 * 365 : asOf >= lo && asOf <= hi);
  if (showToday) { lo = Math.min(lo, asOf); hi = Math.max(hi, asOf); }
  const pad = Math.max(5, (hi - lo) * 0.04);
  lo -= pad; hi += pad;
  const x = (d) => left + ((d - lo) / (hi - lo)) * (W - left - right);
  const rows = c.deadlines;
  const H = top + rows.length * rowH + 34 + (narrow ? 22 : 0);
  const axisY = H - (narrow ? 22 : 0);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img',
    'aria-label': `Timeline of ${c.case.id}: ${rows.length} deadlines, ${rows.filter((r) => r.status === 'missed').length} missed` });

  // Axis and grid.
  for (const t of ticks(lo, hi)) {
    svg.append(s('line', { x1: x(t.d), x2: x(t.d), y1: top - 12, y2: axisY - 26, class: 'grid' }),
      s('text', { x: x(t.d), y: axisY - 10, class: 'tick', 'text-anchor': 'middle' }, t.label));
  }
  // Events on the top track.
  svg.append(s('text', { x: left, y: 14, class: 'track' }, 'events'));
  c.events.forEach((e) => {
    const d = toDay(e.on);
    if (d === null) return;
    svg.append(s('g', { class: 'event' }, s('title', {}, `${e.on}: ${e.event.replaceAll('_', ' ')}`),
      s('circle', { cx: x(d), cy: 30, r: 5 })));
  });
  if (showToday) {
    svg.append(s('line', { x1: x(asOf), x2: x(asOf), y1: 20, y2: axisY - 26, class: 'today' }),
      s('text', { x: x(asOf) + 4, y: top - 16, class: 'today-label' }, `as of ${c.as_of}`));
  }
  // One row per deadline: the statutory window, the due date, what happened.
  rows.forEach((d, i) => {
    const y = top + i * rowH;
    const a = toDay(d.anchor), due = toDay(d.due), on = toDay(d.on);
    const g = s('g', { class: `row st-${d.status}`, 'data-stage': d.stage });
    let label = `due ${d.due || '?'}`;
    if (d.on) label += ` · done ${d.on}`;
    if (d.status === 'missed' && on !== null && due !== null) label += ` (${on - due} days late)`;
    else if (d.status === 'missed') label += ' (missed)';
    else if (d.status === 'open' && due !== null && asOf !== null) label += due >= asOf ? ` (${due - asOf} days left)` : ` (${asOf - due} days overdue)`;
    const bar = narrow ? 14 : 0;  // narrow: the stage's name on a line of its own
    if (narrow) g.append(s('text', { x: left, y: y + 12, class: 'label' }, name(d.stage)), s('text', { x: left, y: y + 26, class: 'tick' }, label));
    else g.append(s('text', { x: left, y: y + 12, class: 'label' }, `${name(d.stage)} — ${label}`));
    const yb = y + bar;
    if (a !== null && due !== null) g.append(s('rect', { x: x(a), y: yb + 18, width: Math.max(2, x(due) - x(a)), height: 12, rx: 3, class: 'window' },
      s('title', {}, `statutory window: ${d.anchor} to ${d.due} (Art ${d.article})`)));
    if (due !== null) g.append(s('line', { x1: x(due), x2: x(due), y1: yb + 14, y2: yb + 34, class: 'due' }));
    if (on !== null) {
      if (d.status === 'missed' && due !== null) g.append(s('line', { x1: x(due), x2: x(on), y1: yb + 24, y2: yb + 24, class: 'late' }));
      g.append(s('circle', { cx: x(on), cy: yb + 24, r: 6, class: 'done' }, s('title', {}, `${d.on}: ${d.status}`)));
    } else if (d.status === 'open' && showToday) {
      g.append(s('circle', { cx: x(asOf), cy: yb + 24, r: 5, class: 'pending' }, s('title', {}, 'still open')));
    }
    svg.append(g);
  });
  // Legend.
  const lg = s('g', { class: 'legend', transform: narrow ? `translate(${left}, ${H - 12})` : `translate(${W - 300}, 10)` },
    s('rect', { x: 0, y: 0, width: 22, height: 10, rx: 3, class: 'window' }), s('text', { x: 28, y: 9 }, 'statutory window'),
    s('circle', { cx: 140, cy: 5, r: 5, class: 'done met' }), s('text', { x: 150, y: 9 }, 'met'),
    s('circle', { cx: 190, cy: 5, r: 5, class: 'done missed' }), s('text', { x: 200, y: 9 }, 'late'),
    s('circle', { cx: 240, cy: 5, r: 5, class: 'pending' }), s('text', { x: 250, y: 9 }, 'open'));
  svg.append(lg);
  return svg;
}

// rows: [{label, note, series: [{name, value, cls}]}]; values in `unit`, null when unknown.
export function barChart(rows, unit, fixedMax) {
  const W = 640, left = 96, right = 70, barH = 14, gap = 4, groupGap = 14, top = 30;
  const n = rows.length ? rows[0].series.length : 0;
  const groupH = n * (barH + gap) + groupGap;
  const H = top + rows.length * groupH + 6;
  const max = fixedMax || Math.max(1, ...rows.flatMap((r) => r.series.map((x) => x.value || 0))) * 1.08;
  const x = (v) => left + (v / max) * (W - left - right);
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'bars', role: 'img', 'aria-label': rows.map((r) => `${r.label}: ${r.series.map((x) => `${x.name} ${x.value ?? 'unknown'}`).join(', ')}`).join('; ') });
  rows[0] && rows[0].series.forEach((se, i) => {
    svg.append(s('rect', { x: left + i * 150, y: 4, width: 12, height: 12, class: se.cls }), s('text', { x: left + i * 150 + 18, y: 14, class: 'tick' }, se.name));
  });
  rows.forEach((r, gi) => {
    const y0 = top + gi * groupH;
    svg.append(s('text', { x: left - 8, y: y0 + n * (barH + gap) / 2 + 2, 'text-anchor': 'end', class: 'label' }, r.label),
      s('text', { x: left - 8, y: y0 + n * (barH + gap) / 2 + 14, 'text-anchor': 'end', class: 'tick' }, r.note || ''));
    r.series.forEach((se, i) => {
      const y = y0 + i * (barH + gap);
      if (se.value === null || se.value === undefined) {
        svg.append(s('text', { x: left + 4, y: y + barH - 3, class: 'tick' }, `${se.name}: no dated case`));
        return;
      }
      svg.append(s('rect', { x: left, y, width: Math.max(1, x(se.value) - left), height: barH, rx: 2, class: se.cls },
        s('title', {}, `${r.label}, ${se.name}: ${se.value} ${unit}`)),
      s('text', { x: x(se.value) + 5, y: y + barH - 3, class: 'value' }, `${se.value}${unit === '%' ? '%' : ` ${unit}`}`));
    });
  });
  return svg;
}

