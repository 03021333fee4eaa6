import { api, all, enc } from './api.js';
import { h, SEVERITIES, repoTag, text, counts, message } from './dom.js';
import { trendChart } from './chart.js';
import { freshness } from './freshness.js';
import { policyTitle } from './policy.js';

export async function overview(el) {
  const [list, trend, feeds, summary] = await Promise.all([all('/v1/images', 'images', 500), api('/v1/trend?days=30'),
    api('/v1/advisories/status'), api('/v1/overview')]);
  el.append(h('h1', {}, 'Overview'));
  el.append(freshness(feeds));
  if (list.length === 0) {
    el.append(message('empty', 'No images yet',
      'Upload an image with POST /v1/images (or run scout demo --keep) and its findings appear here once analyzed.'));
    return;
  }
  const totals = Object.fromEntries([...SEVERITIES, 'suppressed', 'indeterminate'].map(s => [s, 0]));
  for (const image of list) for (const [k, n] of Object.entries(image.findingCounts || {})) totals[k] = (totals[k] ?? 0) + n;
  const open = SEVERITIES.reduce((sum, s) => sum + totals[s], 0);
  const withCritical = list.filter(i => (i.findingCounts?.critical ?? 0) > 0).length;

  el.append(h('section', { class: 'cards', 'aria-label': 'Totals' },
    card('Images', list.length, 'images'),
    card('Open findings', open, 'open'),
    ...SEVERITIES.map(s => card(s[0].toUpperCase() + s.slice(1), totals[s], s, `sev-${s}`)),
    card('Suppressed by VEX', totals.suppressed, 'suppressed'),
    card('Indeterminate', totals.indeterminate, 'indeterminate'),
    card('Images with critical', withCritical, 'with-critical')));

  const sum = o => SEVERITIES.reduce((n, s) => n + (o?.[s] ?? 0), 0);
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'fix-h' }, h('h2', { id: 'fix-h' }, 'Fixable vulnerabilities and secrets'),
    h('div', { class: 'cards' },
      card('Fixable', sum(summary.fixable), 'fixable', 'fixable'),
      card('Not fixable', sum(summary.notFixable), 'not-fixable'),
      card('Leaked secrets', summary.secrets, 'secrets', summary.secrets ? 'leaked' : null),
      card('Images with secrets', summary.imagesWithSecrets, 'images-with-secrets')),
    h('div', { class: 'scroll' }, h('table', { class: 'grid compact', id: 'fixable-table' },
      h('caption', {}, 'Open vulnerabilities (not suppressed, not indeterminate) by severity'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Severity'), h('th', { scope: 'col', class: 'num' }, 'Fixable'), h('th', { scope: 'col', class: 'num' }, 'Not fixable'))),
      h('tbody', {}, SEVERITIES.map(s => h('tr', { 'data-severity': s }, h('th', { scope: 'row', class: 'cap' }, s),
        h('td', { class: 'num', 'data-kind': 'fixable' }, String(summary.fixable?.[s] ?? 0)),
        h('td', { class: 'num', 'data-kind': 'not-fixable' }, String(summary.notFixable?.[s] ?? 0)))))))));

  const policies = summary.policy || [];
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'policy-h' }, h('h2', { id: 'policy-h' }, 'Policies'),
    policies.length ? h('div', { class: 'scroll' }, h('table', { class: 'grid compact', id: 'policy-summary' },
      h('caption', {}, summary.policyNotEvaluated ? `Images per result (${summary.policyNotEvaluated} not evaluated yet)` : 'Images per result'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Policy'), ['pass', 'fail', 'unknown'].map(s => h('th', { scope: 'col', class: 'num' }, s)))),
      h('tbody', {}, policies.map(p => h('tr', { 'data-policy': p.policy }, h('th', { scope: 'row' }, policyTitle(p.policy)),
        h('td', { class: 'num', 'data-status': 'pass' }, String(p.pass)), h('td', { class: `num${p.fail ? ' policy-fail-count' : ''}`, 'data-status': 'fail' }, String(p.fail)),
        h('td', { class: 'num', 'data-status': 'unknown' }, String(p.unknown)))))))
      : h('p', { class: 'none' }, 'No image evaluated against the policies yet: results appear after the next analysis or PUT /v1/policy.')));

  const days = trend.days || [];
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'trend-h' }, h('h2', { id: 'trend-h' }, 'Open findings per day'),
    days.length ? trendChart(days) : h('p', { class: 'none' }, 'No daily snapshot yet: one is recorded on each analysis and advisory refresh.')));

  const worstImages = [...list].sort((a, b) => score(b) - score(a)).slice(0, 5).filter(i => score(i) > 0);
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'worst-h' }, h('h2', { id: 'worst-h' }, 'Most exposed images'),
    worstImages.length ? h('ul', { class: 'plain' }, worstImages.map(i => h('li', {},
      h('a', { href: `#/images/${enc(i.digest)}` }, text(repoTag(i.registry?.url).repository ?? i.digest)), ' ', counts(i.findingCounts))))
      : h('p', { class: 'none' }, 'No open findings in any image.')));
}

function card(label, value, key, cls) {
  return h('div', { class: `card ${cls || ''}`, 'data-total': key }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, String(value)));
}

// Worst first: critical count, then high, medium, low (lexicographic).
const score = i => SEVERITIES.slice(0, 4).reduce((s, sev) => s * 100000 + (i.findingCounts?.[sev] ?? 0), 0);
