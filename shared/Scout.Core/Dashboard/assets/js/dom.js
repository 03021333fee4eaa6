// DOM building without innerHTML: every value from the API goes in as text.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const DASH = '—';
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];
export const rank = s => ({ critical: 4, high: 3, medium: 2, low: 1 })[s] ?? 0;

export const text = v => (v === undefined || v === null || v === '' ? DASH : String(v));

/** DESIGN.md section 8: the repository is registry.url without a trailing tag; the tag follows the last ':' after the last '/'. */
export function repoTag(url) {
  if (!url) return { repository: null, tag: null };
  const slash = url.lastIndexOf('/');
  const colon = url.lastIndexOf(':');
  return colon > slash ? { repository: url.slice(0, colon), tag: url.slice(colon + 1) } : { repository: url, tag: null };
}

export const shortDigest = d => (d ? d.replace(/^sha256:/, '').slice(0, 12) : DASH);

export function when(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function worst(counts) {
  for (const s of SEVERITIES.slice(0, 4)) if ((counts?.[s] ?? 0) > 0) return s;
  return null;
}

export const badge = (severity, label) => h('span', { class: `sev sev-${severity}` }, label ?? severity);

export function counts(counts, { zeros = false } = {}) {
  const list = h('span', { class: 'counts' });
  for (const s of SEVERITIES) {
    const n = counts?.[s] ?? 0;
    if (n === 0 && !zeros) continue;
    list.append(h('span', { class: `count sev-${s}`, title: `${n} ${s}`, 'data-severity': s }, h('span', { class: 'visually-hidden' }, `${s}: `), String(n)));
  }
  if (!list.childElementCount) list.append(h('span', { class: 'none' }, 'no findings'));
  return list;
}

export function fields(rows) {
  return h('dl', { class: 'fields' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v instanceof Node ? v : text(v))]));
}

export function message(kind, title, ...body) {
  return h('div', { class: `state state-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('h2', {}, title), h('p', {}, ...body));
}

/**
 * A table whose column headers sort it (buttons, so the keyboard works; aria-sort says the order).
 * columns: [{ key, label, value(row) -> sortable, cell(row) -> node|text, numeric }]
 */
export function sortableTable({ id, caption, columns, rows, sort, rowAttrs, onSort, stack }) {
  const state = { ...sort };
  const tbody = h('tbody');
  const heads = columns.map(col => {
    const th = h('th', { scope: 'col', 'data-key': col.key, class: col.numeric ? 'num' : null });
    if (col.value) {
      th.append(h('button', { type: 'button', class: 'sort', onclick: () => {
        state.dir = state.key === col.key && state.dir === 'desc' ? 'asc' : 'desc';
        state.key = col.key;
        render();
        onSort?.(state);
      } }, col.label));
    } else th.append(col.label);
    return th;
  });
  const table = h('table', { id, class: stack ? 'grid sortable stack' : 'grid sortable' }, caption ? h('caption', {}, caption) : null, h('thead', {}, h('tr', {}, heads)), tbody);
  function render() {
    const col = columns.find(c => c.key === state.key);
    const sorted = [...rows];
    if (col?.value) {
      const dir = state.dir === 'asc' ? 1 : -1;
      sorted.sort((a, b) => {
        const x = col.value(a), y = col.value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      });
    }
    for (const th of heads) {
      th.removeAttribute('aria-sort');
      if (th.dataset.key === state.key) th.setAttribute('aria-sort', state.dir === 'asc' ? 'ascending' : 'descending');
    }
    tbody.replaceChildren(...sorted.map(r => h('tr', rowAttrs ? rowAttrs(r) : {}, columns.map(c =>
      h('td', { class: [c.numeric ? 'num' : null, c.className].filter(Boolean).join(' ') || null, 'data-label': c.label }, h('div', {}, c.cell(r)))))));
  }
  render();
  table.rerender = newRows => { rows = newRows; render(); };
  return table;
}
