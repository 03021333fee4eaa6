import { api, enc } from './api.js';
import { h, repoTag, shortDigest, text, when, fields, badge, DASH } from './dom.js';

export async function advisory(el, id, aliases) {
  const view = await api(`/v1/advisories/${enc(id)}/images${aliases ? `?aliases=${enc(aliases)}` : ''}`);
  const osv = view.advisories[0];
  el.append(h('p', { class: 'crumbs' }, h('a', { href: '#/images' }, 'Images'), ' / advisory'),
    h('h1', { id: 'advisory-title' }, id));
  const severities = view.images.map(i => i.severity);
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'adv-h' }, h('h2', { id: 'adv-h' }, text(osv.summary || osv.id)),
    osv.details ? h('p', { class: 'details' }, osv.details) : null,
    fields([
      ['Records', view.advisories.map(a => a.id).join(', ')],
      ['Aliases', (osv.aliases || []).join(', ')],
      ['Severity here', severities.length ? badge(severities[0]) : DASH],
      ['CVSS vectors', (osv.severity || []).map(s => `${s.type} ${s.score}`).join('; ')],
      ['Published', when(osv.published)], ['Modified', when(osv.modified)], ['Withdrawn', osv.withdrawn ? when(osv.withdrawn) : DASH],
    ])));
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'ranges-h' }, h('h2', { id: 'ranges-h' }, 'Affected'),
    h('div', { class: 'scroll' }, h('table', { class: 'grid compact', id: 'affected-table' },
      h('thead', {}, h('tr', {}, ['Ecosystem', 'Package', 'Ranges', 'Versions'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, view.advisories.flatMap(a => (a.affected || []).map(af => h('tr', {},
        h('td', {}, text(af.package?.ecosystem)), h('td', {}, text(af.package?.name ?? af.package?.purl)),
        h('td', {}, (af.ranges || []).map(r => h('div', {}, `${r.type}: ${(r.events || []).map(e => Object.entries(e).map(([k, v]) => `${k} ${v}`).join('')).join(', ')}`))),
        h('td', { class: 'wrap' }, (af.versions || []).slice(0, 20).join(', ') + ((af.versions || []).length > 20 ? ' …' : ''))))))))));
  el.append(h('section', { class: 'panel', 'aria-labelledby': 'hits-h' }, h('h2', { id: 'hits-h' }, `Your images it hits (${view.images.length})`),
    view.images.length ? h('div', { class: 'scroll' }, h('table', { class: 'grid', id: 'advisory-images' },
      h('thead', {}, h('tr', {}, ['Image', 'Package', 'Severity', 'Fix', 'VEX'].map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, view.images.map(i => h('tr', { 'data-digest': i.digest },
        h('td', {}, h('a', { href: `#/images/${enc(i.digest)}` }, repoTag(i.registry?.url).repository ?? shortDigest(i.digest))),
        h('td', {}, h('code', {}, text(i.purl)), h('div', { class: 'note' }, `installed ${text(i.installedVersion)}`)),
        h('td', {}, badge(i.severity)), h('td', {}, i.fixState), h('td', {}, i.suppressed ? 'suppressed' : DASH))))))
      : h('p', { class: 'none' }, 'None of your images has a package this advisory affects.')));
}
