import { all, api, enc } from './api.js';
import { h, SEVERITIES, rank, repoTag, shortDigest, text, when, counts, message, worst, sortableTable, DASH } from './dom.js';

const PAGE = 50;

export async function images(el) {
  const [list, envs] = await Promise.all([all('/v1/images', 'images', 500), api('/v1/environments')]);
  el.append(h('h1', {}, 'Images'));
  if (list.length === 0) {
    el.append(message('empty', 'No images yet', 'Upload one with POST /v1/images (or run scout demo --keep); it is listed here once analyzed.'));
    return;
  }
  const byDigest = new Map();
  for (const w of envs.workloads) (byDigest.get(w.imageDigest) ?? byDigest.set(w.imageDigest, []).get(w.imageDigest)).push(w);
  const rows = list.map(i => ({ ...i, ...repoTag(i.registry?.url), workloads: byDigest.get(i.digest) ?? [] }));
  const oses = [...new Set(rows.map(osOf).filter(Boolean))].sort();
  const namespaces = [...new Set(envs.workloads.map(w => w.namespace))].sort();

  const q = h('input', { id: 'image-search', name: 'q', type: 'search', placeholder: 'repository, tag or digest', autocomplete: 'off' });
  const sev = h('select', { id: 'image-severity', name: 'severity' }, h('option', { value: '' }, 'any'),
    SEVERITIES.slice(0, 4).map(s => h('option', { value: s }, `${s} or worse`)));
  const os = h('select', { id: 'image-os', name: 'os' }, h('option', { value: '' }, 'any'), oses.map(o => h('option', { value: o }, o)));
  const ns = h('select', { id: 'image-namespace', name: 'namespace' }, h('option', { value: '' }, 'any'), namespaces.map(n => h('option', { value: n }, n)));
  el.append(h('form', { class: 'filters', role: 'search', onsubmit: e => e.preventDefault() },
    field('image-search', 'Search', q), field('image-severity', 'Findings', sev), field('image-os', 'OS', os), field('image-namespace', 'Namespace', ns)));

  const status = h('p', { class: 'status', id: 'image-count', role: 'status' });
  const prev = h('button', { type: 'button', id: 'page-prev' }, 'Previous');
  const next = h('button', { type: 'button', id: 'page-next' }, 'Next');
  let offset = 0, filtered = rows, sortState = { key: 'worst', dir: 'desc' };

  const table = sortableTable({
    id: 'images-table', caption: 'Images of this tenant', stack: true,
    sort: sortState,
    onSort: s => { sortState = s; offset = 0; refresh(); },
    rowAttrs: r => ({ 'data-digest': r.digest, class: 'clickable', onclick: e => { if (!e.target.closest('a')) location.hash = `#/images/${enc(r.digest)}`; } }),
    columns: [
      { key: 'repository', label: 'Repository', value: r => r.repository ?? '', className: 'repo',
        cell: r => h('a', { href: `#/images/${enc(r.digest)}` }, r.repository ?? shortDigest(r.digest)) },
      { key: 'tag', label: 'Tag / digest', value: r => r.tag ?? '', cell: r => [text(r.tag), h('br'), h('code', { title: r.digest }, shortDigest(r.digest))] },
      { key: 'os', label: 'OS', value: r => osOf(r) ?? '', cell: r => text(osOf(r)) },
      { key: 'packages', label: 'Packages', numeric: true, value: r => r.packageCount, cell: r => String(r.packageCount) },
      { key: 'worst', label: 'Findings', value: r => severityKey(r), cell: r => counts(r.findingCounts) },
      { key: 'base', label: 'Base image', value: r => baseName(r) ?? '', cell: r => text(baseName(r)) },
      { key: 'analyzed', label: 'Analyzed', value: r => r.analyzedAt, cell: r => when(r.analyzedAt) },
      { key: 'envs', label: 'Environments', value: r => r.workloads.length,
        cell: r => r.workloads.length ? r.workloads.map(w => `${w.namespace}/${w.workloadName}`).join(', ') : DASH },
    ],
    rows: [],
  });

  function refresh() {
    const term = q.value.trim().toLowerCase();
    filtered = rows.filter(r =>
      (!term || [r.repository, r.tag, r.digest, r.registry?.url].some(v => v && v.toLowerCase().includes(term)))
      && (!sev.value || rank(worst(r.findingCounts)) >= rank(sev.value))
      && (!os.value || osOf(r) === os.value)
      && (!ns.value || r.workloads.some(w => w.namespace === ns.value)));
    const dir = sortState.dir === 'asc' ? 1 : -1;
    const sorter = sorters[sortState.key];
    const sorted = sorter ? [...filtered].sort((a, b) => cmp(sorter(a), sorter(b)) * dir) : filtered;
    offset = Math.min(offset, Math.max(0, Math.floor((sorted.length - 1) / PAGE) * PAGE));
    table.rerender(sorted.slice(offset, offset + PAGE));
    status.textContent = sorted.length === 0 ? 'No image matches these filters. Clear the search or choose "any".'
      : `Showing ${offset + 1}–${Math.min(offset + PAGE, sorted.length)} of ${sorted.length} images` + (sorted.length < rows.length ? ` (${rows.length} in all)` : '');
    prev.disabled = offset === 0;
    next.disabled = offset + PAGE >= sorted.length;
  }
  const sorters = {
    repository: r => r.repository ?? '', tag: r => r.tag ?? '', os: r => osOf(r) ?? '', packages: r => r.packageCount,
    worst: severityKey, base: r => baseName(r) ?? '', analyzed: r => r.analyzedAt, envs: r => r.workloads.length,
  };
  for (const c of [q, sev, os, ns]) for (const type of ['input', 'change']) c.addEventListener(type, () => { offset = 0; refresh(); });
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); refresh(); });
  next.addEventListener('click', () => { offset += PAGE; refresh(); });
  el.append(status, h('div', { class: 'scroll' }, table), h('nav', { class: 'pager', 'aria-label': 'Image pages' }, prev, next));
  refresh();
}

function field(id, label, control) { return h('div', { class: 'field' }, h('label', { for: id }, label), control); }

const osOf = r => (r.os?.type || r.os?.version ? [r.os.type, r.os.version].filter(Boolean).join(' ') : null);
const baseName = r => (r.baseImage ? [r.baseImage.repository, r.baseImage.tag].filter(Boolean).join(':') || r.baseImage.digest : null);
const severityKey = r => SEVERITIES.slice(0, 4).map(s => String(r.findingCounts?.[s] ?? 0).padStart(7, '0')).join('.');
const cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
