// The trend as an SVG line per severity (built with DOM calls and classes: the CSP allows no inline style) and the
// same numbers as a table for screen readers and keyboard users.
import { h, SEVERITIES } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';
const svg = (tag, attrs) => { const el = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v); return el; };

export function trendChart(days) {
  const W = 640, H = 200, P = 32;
  const max = Math.max(1, ...days.flatMap(d => SEVERITIES.map(s => d.counts?.[s] ?? 0)));
  const x = i => P + (days.length === 1 ? (W - 2 * P) / 2 : (i * (W - 2 * P)) / (days.length - 1));
  const y = n => H - P + 8 - (n * (H - 2 * P)) / max;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'trend', role: 'img', 'aria-label': 'Open findings by severity per day' });
  chart.append(svg('line', { x1: P, y1: y(0), x2: W - P, y2: y(0), class: 'axis' }));
  const top = svg('text', { x: 4, y: y(max) + 4, class: 'tick' }); top.textContent = String(max); chart.append(top);
  const zero = svg('text', { x: 4, y: y(0) + 4, class: 'tick' }); zero.textContent = '0'; chart.append(zero);
  for (const [i, d] of days.entries()) if (i === 0 || i === days.length - 1) {
    const t = svg('text', { x: x(i), y: H - 4, class: 'tick', 'text-anchor': 'middle' }); t.textContent = d.day.slice(5); chart.append(t);
  }
  for (const s of SEVERITIES) {
    const points = days.map((d, i) => `${x(i)},${y(d.counts?.[s] ?? 0)}`).join(' ');
    chart.append(svg('polyline', { points, class: `line line-${s}` }));
    for (const [i, d] of days.entries()) chart.append(svg('circle', { cx: x(i), cy: y(d.counts?.[s] ?? 0), r: 3, class: `dot line-${s}` }));
  }
  const legend = h('ul', { class: 'legend' }, SEVERITIES.map(s => h('li', {}, h('span', { class: `swatch line-${s}` }), s)));
  const table = h('table', { class: 'grid compact', id: 'trend-table' }, h('caption', {}, 'Daily snapshots'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col', class: 'num' }, 'Images'),
      SEVERITIES.map(s => h('th', { scope: 'col', class: 'num' }, s)))),
    h('tbody', {}, [...days].reverse().map(d => h('tr', {}, h('td', {}, d.day), h('td', { class: 'num' }, String(d.images)),
      SEVERITIES.map(s => h('td', { class: 'num' }, String(d.counts?.[s] ?? 0)))))));
  return h('div', { class: 'trend-wrap' }, chart, legend, h('details', {}, h('summary', {}, 'Show the numbers'), h('div', { class: 'scroll' }, table)));
}
