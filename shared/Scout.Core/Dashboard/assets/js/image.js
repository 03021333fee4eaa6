import { api, enc } from './api.js';
import { policyResults } from './policy.js';
import { h, SEVERITIES, rank, repoTag, shortDigest, text, when, counts, fields, badge, sortableTable, DASH } from './dom.js';

const PACKAGE_PAGE = 100;

export async function image(el, digest) {
  const base = `/v1/images/${enc(digest)}`;
  const [img, findingPage, packagePage, policy] = await Promise.all([api(base), api(`${base}/findings?limit=10000`), api(`${base}/packages?limit=10000`),
    api(`${base}/policy`)]);
  // Recommendations exist once the API reports base images (the baseImage field is present, even when null).
  const recommendations = 'baseImage' in img ? await api(`${base}/recommendations`) : null;
  const { repository, tag } = repoTag(img.registry?.url);
  const findings = findingPage.findings;
  const vulns = findings.filter(f => f.kind !== 'secret');
  const secrets = findings.filter(f => f.kind === 'secret');

  el.append(h('p', { class: 'crumbs' }, h('a', { href: '#/images' }, 'Images'), ' / '),
    h('h1', { id: 'image-title' }, repository ?? shortDigest(digest), tag ? h('span', { class: 'tag' }, `:${tag}`) : null),
    h('p', {}, h('code', { class: 'digest', id: 'image-digest' }, img.digest)),
    h('section', { class: 'cards', 'aria-label': 'Findings by severity' },
      SEVERITIES.map(s => h('div', { class: `card sev-${s}`, 'data-total': s }, h('span', { class: 'label' }, s), h('span', { class: 'value' }, String(img.findingCounts?.[s] ?? 0)))),
      h('div', { class: 'card', 'data-total': 'suppressed' }, h('span', { class: 'label' }, 'Suppressed by VEX'), h('span', { class: 'value' }, String(img.findingCounts?.suppressed ?? 0))),
      h('div', { class: 'card', 'data-total': 'secrets' }, h('span', { class: 'label' }, 'Secrets'), h('span', { class: 'value' }, String(secrets.length)))));

  const failed = (policy.results || []).filter(r => r.status === 'fail').length;
  el.append(section('policy', policy.results?.length ? `Policies (${failed ? `${failed} failing` : 'all pass or unknown'})` : 'Policies', policyResults(policy)));
  el.append(section('findings', `Findings (${vulns.length})`, vulns.length ? findingsTable(vulns) : h('p', { class: 'none' }, 'No vulnerability found in this image\'s packages.')));
  el.append(section('secrets', `Secrets (${secrets.length})`, secrets.length ? secretsTable(secrets) : h('p', { class: 'none' }, 'No secret found in env values or labels.')));
  el.append(section('base', 'Base image', baseImage(img, recommendations)));
  el.append(section('metadata', 'Metadata', fields([
    ['Digest', h('code', {}, img.digest)], ['Repository', repository], ['Tag', tag], ['Registry', img.registry?.url], ['Registry type', img.registry?.type],
    ['Created', when(img.createdAt)], ['Architecture', img.architecture], ['OS', [img.os?.type, img.os?.version].filter(Boolean).join(' ')],
    ['Exposed ports', (img.exposedPorts || []).join(', ')], ['Packages', String(img.packageCount)],
    ['SBOM', [img.sbom?.format, img.sbom?.specVersion].filter(Boolean).join(' ')], ['SBOM sha256', img.sbom?.sha256 ? h('code', {}, img.sbom.sha256) : DASH],
    ['SBOM OS', [img.sbom?.os?.id, img.sbom?.os?.version].filter(Boolean).join(' ')], ['Packages in SBOM', String(img.sbom?.totalPackages ?? DASH)],
    ['Analyzed', when(img.analyzedAt)],
  ])));
  el.append(section('env', 'Environment variables', kvTable('env-table', 'Name', 'Value (secrets are redacted at upload)', (img.env || []).map(e => [e.name, e.value]))));
  el.append(section('labels', 'Labels', kvTable('labels-table', 'Label', 'Value', Object.entries(img.labels || {}))));
  el.append(section('workloads', 'Runs in', img.environments?.length
    ? h('ul', { class: 'plain' }, img.environments.map(e => h('li', {}, `${e.namespace} / ${e.workloadName} (${e.workloadType}), seen ${when(e.seenAt)}`)))
    : h('p', { class: 'none' }, 'No workload reported for this image (POST /v1/environments links one).')));
  el.append(section('layers', `Layers (${(img.layers || []).length})`, layers(img)));
  el.append(section('packages', `Packages (${packagePage.total})`, packagesView(packagePage.packages, packagePage.total)));
  if (img.warnings?.length) el.append(section('warnings', `SBOM warnings (${img.warnings.length})`,
    h('ul', { class: 'plain' }, img.warnings.map(w => h('li', {}, h('code', {}, w.path), ' ', w.message)))));
}

function section(id, title, body) {
  return h('section', { class: 'panel', id: `section-${id}`, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), body);
}

const fixRank = f => (f.fixState === 'fixed' ? 3 : f.fixState === 'unknown' ? 1 : f.fixState === 'wont-fix' ? 0 : 2);

function findingsTable(list) {
  const advisoryLink = f => h('a', { href: `#/advisories/${enc(f.id)}${f.aliases?.length ? `?aliases=${enc(f.aliases.join(','))}` : ''}` }, f.id);
  return h('div', { class: 'scroll' }, sortableTable({
    id: 'findings-table', caption: 'Click a column heading to sort', stack: true,
    sort: { key: 'severity', dir: 'desc' },
    rowAttrs: f => ({ 'data-id': f.id, 'data-severity': f.severity, class: f.suppressed ? 'suppressed' : null }),
    columns: [
      { key: 'id', label: 'Advisory', value: f => f.id, className: 'finding-id', cell: f => [advisoryLink(f), f.aliases?.length ? h('div', { class: 'aliases' }, f.aliases.join(', ')) : null] },
      { key: 'severity', label: 'Severity', value: f => rank(f.severity) * 100 + (f.cvss?.score ?? 0), className: 'severity',
        cell: f => [badge(f.severity), f.kind === 'indeterminate' ? h('div', { class: 'note' }, 'indeterminate') : null] },
      { key: 'cvss', label: 'CVSS', numeric: true, value: f => f.cvss?.score ?? -1, className: 'cvss',
        cell: f => (f.cvss ? h('span', { title: f.cvss.vector }, f.cvss.score ?? DASH, h('span', { class: 'note' }, ` v${f.cvss.version}`)) : DASH) },
      { key: 'package', label: 'Package', value: f => f.purl ?? '', cell: f => [h('code', { class: 'purl' }, text(f.purl)), h('div', { class: 'note' }, `installed ${text(f.installedVersion)}`)] },
      { key: 'fix', label: 'Fix', value: f => fixRank(f), className: 'fix',
        cell: f => [h('span', { class: `fix fix-${f.fixState}` }, f.fixState), f.fixedVersions?.length ? h('div', { class: 'note' }, f.fixedVersions.join(', ')) : null] },
      { key: 'vex', label: 'VEX', value: f => f.vex?.status ?? '', cell: f => (f.vex ? [f.vex.status, f.vex.justification ? h('div', { class: 'note' }, f.vex.justification) : null] : DASH) },
      { key: 'origin', label: 'Layer', value: f => f.origin ?? '', cell: f => text(f.origin) },
      { key: 'provenance', label: 'Provenance', value: f => f.advisoryModified ?? '',
        cell: f => h('div', { class: 'note' }, `${text(f.source)} · modified ${when(f.advisoryModified)} · ${text(f.matchType)}`, f.detail ? h('div', {}, f.detail) : null) },
    ],
    rows: list,
  }));
}

function secretsTable(list) {
  return h('div', { class: 'scroll' }, sortableTable({
    id: 'secrets-table', sort: { key: 'name', dir: 'asc' },
    columns: [
      { key: 'name', label: 'Where', value: f => `${f.location}/${f.name}`, cell: f => `${text(f.location)} ${text(f.name)}` },
      { key: 'rule', label: 'Rule', value: f => f.rule ?? f.id, cell: f => text(f.rule ?? f.id) },
      { key: 'severity', label: 'Severity', value: f => rank(f.severity), cell: f => badge(f.severity) },
    ],
    rows: list,
  }));
}

function kvTable(id, k, v, rows) {
  if (!rows.length) return h('p', { class: 'none' }, 'None.');
  return h('div', { class: 'scroll' }, h('table', { id, class: 'grid compact' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, k), h('th', { scope: 'col' }, v))),
    h('tbody', {}, rows.map(([a, b]) => h('tr', {}, h('td', {}, h('code', {}, a)), h('td', { class: 'wrap' }, text(b)))))));
}

function baseImage(img, recs) {
  if (!('baseImage' in img)) return h('p', { class: 'none' }, `${DASH} (this server does not report base images)`);
  if (!img.baseImage) return h('p', { class: 'none' }, 'No base image identified.');
  const b = img.baseImage;
  const parts = [fields([['Base', [b.repository, b.tag].filter(Boolean).join(':')], ['Digest', h('code', {}, b.digest)], ['Layers', String(b.layerCount ?? DASH)],
    ['Chain', (b.chain || []).map(c => [c.repository, c.tag].filter(Boolean).join(':') || c.digest).join(' → ') || DASH]])];
  const candidates = recs?.baseImage?.candidates || [];
  if (candidates.length) parts.push(h('h3', {}, 'Recommended bases'), h('ul', { class: 'plain' }, candidates.map(c => h('li', {},
    `${[c.repository, c.tag].filter(Boolean).join(':')} (${c.kind}) `, counts(c.findingCounts),
    c.delta ? h('span', { class: 'note' }, ` Δ critical ${c.delta.critical}, high ${c.delta.high}`) : null))));
  return h('div', {}, parts);
}

function layers(img) {
  const list = img.layers || [];
  if (!list.length) return h('p', { class: 'none' }, 'No layer reported.');
  const baseCount = img.baseImage?.layerCount ?? null;
  return h('ol', { class: 'layers' }, list.map((l, i) => h('li', {}, h('code', {}, l), ' ',
    h('span', { class: 'note' }, baseCount === null ? DASH : i < baseCount ? 'base' : 'own'))));
}

function packagesView(packages, total) {
  const q = h('input', { id: 'package-search', type: 'search', name: 'package', autocomplete: 'off', placeholder: 'name or purl' });
  const status = h('p', { class: 'status', role: 'status' });
  const more = h('button', { type: 'button' }, 'Show more');
  let shown = PACKAGE_PAGE;
  const table = sortableTable({
    id: 'packages-table', sort: { key: 'name', dir: 'asc' },
    columns: [
      { key: 'name', label: 'Name', value: p => p.name ?? '', cell: p => text(p.name) },
      { key: 'version', label: 'Version', value: p => p.version ?? '', cell: p => text(p.version) },
      { key: 'type', label: 'Type', value: p => p.type ?? '', cell: p => text(p.type) },
      { key: 'licenses', label: 'Licenses', value: p => (p.licenses || []).join(','), cell: p => text((p.licenses || []).join(', ') || p.licenseExpression) },
      { key: 'dep', label: 'Dependency', value: p => p.dependencyType ?? '', cell: p => text(p.dependencyType) },
      { key: 'origin', label: 'Layer', value: p => p.origin ?? '', cell: p => text(p.origin) },
      { key: 'purl', label: 'purl', value: p => p.purl ?? '', cell: p => h('code', { class: 'purl' }, text(p.purl)) },
    ],
    rows: [],
  });
  function refresh() {
    const term = q.value.trim().toLowerCase();
    const hits = term ? packages.filter(p => [p.name, p.purl].some(v => v && v.toLowerCase().includes(term))) : packages;
    table.rerender(hits.slice(0, shown));
    status.textContent = `Showing ${Math.min(shown, hits.length)} of ${hits.length} packages` + (total > packages.length ? ` (first ${packages.length} of ${total} loaded)` : '');
    more.hidden = shown >= hits.length;
  }
  q.addEventListener('input', () => { shown = PACKAGE_PAGE; refresh(); });
  more.addEventListener('click', () => { shown += PACKAGE_PAGE; refresh(); });
  refresh();
  return h('div', {}, h('div', { class: 'filters' }, h('div', { class: 'field' }, h('label', { for: 'package-search' }, 'Filter packages'), q)),
    status, h('div', { class: 'scroll' }, table), more);
}
