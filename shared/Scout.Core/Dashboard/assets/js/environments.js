import { api, enc } from './api.js';
import { h, repoTag, shortDigest, when, counts, message, worst, badge } from './dom.js';

export async function environments(el) {
  const { workloads } = await api('/v1/environments');
  el.append(h('h1', {}, 'Environments'));
  if (!workloads.length) {
    el.append(message('empty', 'No environment reported yet',
      'Link a workload to an image with POST /v1/environments {namespace, workloadName, workloadType, imageDigest}, or send "environment" in the upload envelope.'));
    return;
  }
  const byNamespace = new Map();
  for (const w of workloads) (byNamespace.get(w.namespace) ?? byNamespace.set(w.namespace, []).get(w.namespace)).push(w);
  for (const [ns, list] of byNamespace) {
    const worstSeverity = list.map(w => worst(w.findingCounts)).find(Boolean);
    el.append(h('section', { class: 'panel', 'aria-labelledby': `ns-${ns}`, 'data-namespace': ns },
      h('h2', { id: `ns-${ns}` }, `Namespace ${ns} `, worstSeverity ? badge(worstSeverity, `worst: ${worstSeverity}`) : null),
      h('div', { class: 'scroll' }, h('table', { class: 'grid stack' },
        h('thead', {}, h('tr', {}, ['Workload', 'Type', 'Image', 'Findings', 'Seen'].map(c => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map(w => h('tr', { 'data-digest': w.imageDigest },
          cell('Workload', w.workloadName), cell('Type', w.workloadType),
          cell('Image', h('a', { href: `#/images/${enc(w.imageDigest)}` }, repoTag(w.registry?.url).repository ?? shortDigest(w.imageDigest))),
          cell('Findings', counts(w.findingCounts)), cell('Seen', when(w.seenAt)))))))));
  }
}

const cell = (label, content) => h('td', { 'data-label': label }, h('div', {}, content));
