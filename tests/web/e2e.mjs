// End-to-end tests of the web UI in Debian's chromium, driven by playwright-core, against a real
// accord-serve on loopback with the historical cases imported (tests/web/run.sh starts it).
//
// Environment: ACCORD_URL, TOKEN_SUBMITTER, TOKEN_NAO_US, TOKEN_COUNCIL_US, ARTIFACTS (a folder for
// screenshots). Exits non-zero on the first failed expectation, or when a page logged an error
// to the console that the test did not provoke on purpose.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

// playwright-core is installed in web/ (npm ci there), beside the UI it tests.
const { chromium } = createRequire(new URL('../../web/package.json', import.meta.url))('playwright-core');

const base = process.env.ACCORD_URL;
const artifacts = process.env.ARTIFACTS || 'test-artifacts/web';
mkdirSync(artifacts, { recursive: true });
const tokens = { submitter: process.env.TOKEN_SUBMITTER, nao: process.env.TOKEN_NAO_US, council: process.env.TOKEN_COUNCIL_US };
for (const [k, v] of Object.entries(tokens)) assert.ok(v, `token for ${k} missing`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

// Console errors: every one fails the run, except the browser's own "Failed to load resource"
// line for an API answer the test asked for on purpose (a refusal is a 4xx answer).
const consoleErrors = [];
let expectedFailures = 0;
async function newPage(viewport) {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()) && expectedFailures > 0) {
      expectedFailures -= 1;
      return;
    }
    consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: uncaught ${e.message}`));
  return page;
}

const results = [];
async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push(`ok   ${name} (${Date.now() - started} ms)`);
    console.log(results.at(-1));
  } catch (e) {
    console.log(`FAIL ${name}\n${e.stack}`);
    await browser.close();
    process.exit(1);
  }
}

async function signIn(page, token) {
  const out = page.getByRole('button', { name: 'Sign out' });
  if (await out.count()) await out.click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('dialog input[name=token]').fill(token);
  await page.locator('#signin-ok').click();
  await page.locator('.who .me').waitFor();
}

async function noHorizontalScroll(page) {
  const [scroll, width, widest] = await page.evaluate(() => {
    const w = window.innerWidth;
    const over = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className}`).slice(0, 5);
    return [document.documentElement.scrollWidth, w, over];
  });
  assert.ok(scroll <= width + 1, `${page.url()} is ${scroll}px wide in a ${width}px window: ${widest.join(', ')}`);
}

const desktop = await newPage({ width: 1280, height: 900 });
let caseId = '';

await test('case list: historical cases, overdue panel, search and facets', async () => {
  await desktop.goto(`${base}/#/cases`);
  await desktop.locator('table.cases tbody tr').first().waitFor();
  assert.ok(await desktop.locator('table.cases tbody tr').count() >= 50, 'the first page shows 50 cases');
  await desktop.locator('.overdue h2').waitFor();
  await desktop.screenshot({ path: `${artifacts}/cases-1280.png`, fullPage: true });
  await desktop.getByRole('searchbox', { name: 'Search cases' }).fill('han young');
  await desktop.getByRole('button', { name: 'Search' }).click();
  await desktop.waitForFunction(() => document.querySelector('#result-count')?.textContent.startsWith('1 case'));
  const ids = await desktop.locator('table.cases tbody tr td:first-child a').allTextContents();
  assert.deepEqual(ids, ['US-9702']);  // Han Young de México, in the facility column
  // A facet narrows the list and shows as a removable chip.
  await desktop.goto(`${base}/#/cases`);
  await desktop.locator('.facets a', { hasText: 'MX-NAO' }).click();
  await desktop.locator('.chip', { hasText: 'office: MX-NAO' }).waitFor();
  const offices = await desktop.locator('table.cases tbody tr td:nth-child(3)').allTextContents();
  assert.ok(offices.length > 0 && offices.every((o) => o.startsWith('MX-NAO')), offices.join());
});

await test('case page of a historical case: missed deadline marked on the timeline chart', async () => {
  await desktop.goto(`${base}/#/case/US-9601`);
  await desktop.locator('svg.timeline').waitFor();
  const missed = desktop.locator('svg.timeline g.row.st-missed');
  assert.equal(await missed.count(), 1);
  assert.match(await missed.locator('text.label').textContent(), /due 1996-11-26 · done 1997-01-27 \(62 days late\)/);
  assert.match(await desktop.locator('.alert.note').textContent(), /missed its deadline/);
  await desktop.screenshot({ path: `${artifacts}/case-historical-1280.png`, fullPage: true });
});

await test('file a case as a submitter', async () => {
  await signIn(desktop, tokens.submitter);
  await desktop.goto(`${base}/#/file?rulebook=naalc-1994`);
  const form = desktop.locator('#file-form');
  await form.locator('select[name=office]').selectOption('US-NAO');
  await form.locator('select[name=respondent]').selectOption('MX');
  await form.locator('input[name=subject][value=freedom_of_association]').check();
  await form.locator('input[name=submitter]').fill('Sindicato de prueba');
  await form.locator('input[name=facility]').fill('Planta Norte');
  await form.locator('input[name=on]').fill('2001-02-05');
  await form.locator('select[name=fact_trade_related]').selectOption('yes');
  await form.getByRole('button', { name: 'File the case' }).click();
  await desktop.waitForURL(/#\/case\/US-NAO-2001-\d+/);
  caseId = decodeURIComponent(desktop.url().split('#/case/')[1]);
  await desktop.locator('#stage').waitFor();
  assert.match(await desktop.locator('#stage').textContent(), /public submission reaches an NAO/);
});

await test('a step by the wrong role is refused and names the rule', async () => {
  const step = desktop.locator('ul.next li', { hasText: 'accept' });
  await step.locator('input[name=on]').fill('2001-03-01');
  expectedFailures += 1;
  await step.getByRole('button', { name: 'Record' }).click();
  const alert = desktop.locator('#step-result .alert.error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Not allowed.*accept is for receiving_nao \(role nao\); you are submitter/);
});

await test('the receiving NAO steps the case; the timeline follows', async () => {
  await signIn(desktop, tokens.nao);
  await desktop.goto(`${base}/#/case/${encodeURIComponent(caseId)}?as_of=2001-06-15`);
  let step = desktop.locator('ul.next li', { hasText: 'accept' });
  await step.locator('input[name=on]').fill('2001-03-01');
  await step.getByRole('button', { name: 'Record' }).click();
  await desktop.locator('#step-result .alert.ok', { hasText: 'accept on 2001-03-01' }).waitFor();
  assert.match(await desktop.locator('#stage').textContent(), /NAO/);
  step = desktop.locator('ul.next li', { hasText: 'publish report' });
  await step.locator('input[name=on]').fill('2001-06-01');
  await step.getByRole('button', { name: 'Record' }).click();
  await desktop.locator('#step-result .alert.ok', { hasText: 'publish report on 2001-06-01' }).waitFor();
  const rows = await desktop.locator('svg.timeline g.row').evaluateAll((gs) => gs.map((g) => [g.dataset.stage, g.getAttribute('class')]));
  assert.deepEqual(rows, [['nao_acceptance', 'row st-met'], ['nao_review', 'row st-met']]);
  assert.equal(await desktop.locator('table.events tbody tr').count(), 3);
  await desktop.screenshot({ path: `${artifacts}/case-stepped-1280.png`, fullPage: true });
});

await test('a refusal by the rulebook is explained with its article', async () => {
  await signIn(desktop, tokens.council);
  await desktop.goto(`${base}/#/case/${encodeURIComponent(caseId)}`);
  let step = desktop.locator('ul.next li', { hasText: 'request consultations' });
  await step.locator('input[name=on]').fill('2001-07-02');
  await step.getByRole('button', { name: 'Record' }).click();
  await desktop.locator('#step-result .alert.ok', { hasText: 'request consultations' }).waitFor();
  step = desktop.locator('ul.next li', { hasText: 'establish ece' });
  assert.match(await step.locator('.why').textContent(), /ece_scope/);
  await step.locator('input[name=on]').fill('2001-08-01');
  expectedFailures += 1;
  await step.getByRole('button', { name: 'Record' }).click();
  const alert = desktop.locator('#step-result .alert.error');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Refused by the rulebook/);
  assert.match(text, /Rule ece_scope · Article 23/);
  await desktop.screenshot({ path: `${artifacts}/case-refusal-1280.png`, fullPage: true });
});

await test('admissibility checker: how far each subject can go, and why', async () => {
  await desktop.goto(`${base}/#/check`);
  const form = desktop.locator('#check-form');
  await form.locator('select[name=rulebook]').selectOption('naalc-1994');
  await desktop.locator('#check-form input[name=subject][value=minimum_wage]').waitFor();
  await desktop.locator('#check-form input[name=subject][value=minimum_wage]').check();
  await desktop.locator('#check-form input[name=subject][value=freedom_of_association]').check();
  await desktop.locator('#check-form input[name=filed]').fill('2001-02-05');
  await desktop.locator('#check-form select[name=office]').selectOption('US-NAO');
  await desktop.locator('#check-form select[name=respondent]').selectOption('MX');
  await desktop.locator('#check-form select[name=fact_trade_related]').selectOption('yes');
  await desktop.locator('#check-form select[name=fact_mutually_recognized]').selectOption('yes');
  await desktop.locator('#check-form select[name=fact_persistent_pattern]').selectOption('yes');
  await desktop.locator('#check-form').getByRole('button', { name: 'Check' }).click();
  const verdict = desktop.locator('.verdict');
  await verdict.waitFor();
  assert.match(await verdict.locator('h2').textContent(), /^Admissible$/);
  assert.match(await verdict.textContent(), /can go as far as\s*sanctions|can go as far as\s*panel/);
  assert.match(await verdict.locator('ul.reasons').first().textContent(), /freedom_of_association.*consultations at most.*Art 23/);
  await desktop.screenshot({ path: `${artifacts}/check-1280.png`, fullPage: true });
  // A submission to the office of the Party complained against is not admissible.
  await desktop.goto(`${base}/#/check?rulebook=naalc-1994&office=MX-NAO&respondent=MX&subjects=minimum_wage`);
  await desktop.locator('.verdict.no').waitFor();
  assert.match(await desktop.locator('.verdict ul.reasons').first().textContent(), /Art 16\(3\)/);
});

await test('rulebook page: diagram from the rulebook, subjects by tier, rules with articles', async () => {
  await desktop.goto(`${base}/#/rulebook/naalc-1994`);
  await desktop.locator('#diagram svg').waitFor({ timeout: 20000 });
  assert.ok(await desktop.locator('#diagram svg .node').count() > 20, 'the diagram has the stages');
  const sanctions = await desktop.locator('#subjects-by-tier tbody tr', { hasText: 'children' }).locator('td.reach').count();
  const association = await desktop.locator('#subjects-by-tier tbody tr', { hasText: 'freedom of association' }).locator('td.reach').count();
  assert.ok(sanctions > association, `child labor reaches ${sanctions} tiers, freedom of association ${association}`);
  assert.match(await desktop.locator('table.rules').first().textContent(), /29\(1\)/);
  await desktop.screenshot({ path: `${artifacts}/rulebook-1280.png`, fullPage: true });
  await desktop.goto(`${base}/#/rulebook/usmca-rrm-2020`);
  await desktop.locator('#diagram svg').waitFor({ timeout: 20000 });
});

await test('statistics: charts of actual against statutory figures', async () => {
  await desktop.goto(`${base}/#/stats`);
  await desktop.locator('svg.bars').first().waitFor();
  assert.ok(await desktop.locator('svg.bars').count() >= 3);
  const labels = await desktop.locator('.chart h2').allTextContents();
  assert.ok(labels.some((l) => /request to closure/.test(l)), labels.join(' | '));
  assert.ok(labels.some((l) => /Share reaching ministerial consultations/.test(l)), labels.join(' | '));
  await desktop.screenshot({ path: `${artifacts}/stats-1280.png`, fullPage: true });
});

await test('export over HTTP: CSV and JSON of the filtered cases', async () => {
  const csv = await (await fetch(`${base}/api/export?format=csv&office=CA-NAO`)).text();
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'case_id,rulebook,office,respondent,subjects,stage,seq,event,on,actor,details,recorded_at');
  assert.ok(lines.length > 1 && lines.slice(1).every((l) => l.split(',')[2] === 'CA-NAO'));
  const json = await (await fetch(`${base}/api/export?format=json&q=${encodeURIComponent(caseId)}`)).json();
  assert.equal(json.cases.length, 1);
  assert.equal(json.cases[0].events.length, 4);
});

const phone = await newPage({ width: 390, height: 844 });
await test('phone width: every page fits the screen', async () => {
  for (const [path, wait, shot] of [
    ['#/cases', 'table.cases tbody tr', 'cases'],
    [`#/case/${encodeURIComponent(caseId)}`, 'svg.timeline', 'case'],
    ['#/check?rulebook=naalc-1994&office=US-NAO&respondent=MX&subjects=minimum_wage', '.verdict', 'check'],
    ['#/rulebook/naalc-1994', '#diagram svg', 'rulebook'],
    ['#/stats', 'svg.bars', 'stats'],
  ]) {
    await phone.goto(`${base}/${path}`);
    await phone.locator(wait).first().waitFor({ timeout: 20000 });
    await noHorizontalScroll(phone);
    await phone.screenshot({ path: `${artifacts}/${shot}-390.png`, fullPage: true });
  }
});

await test('no console errors on any page', async () => {
  assert.deepEqual(consoleErrors, []);
});

await browser.close();
console.log(`${results.length} browser tests passed; screenshots in ${artifacts}`);
