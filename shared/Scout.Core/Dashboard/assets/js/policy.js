// Policy results (DESIGN.md section 8: GET /v1/images/{digest}/policy, {results: [{policy, status, reasons}]}).
import { h, when } from './dom.js';

const TITLES = {
  'fixable-vulnerabilities': 'No fixable vulnerabilities',
  'copyleft-licenses': 'No copyleft licenses',
  'base-image-up-to-date': 'Base image up to date',
  'no-secrets': 'No secrets',
  'sbom-attestation': 'SBOM attestation',
  'high-profile-vulnerabilities': 'No high-profile vulnerabilities',
};

export const policyTitle = name => TITLES[name] ?? name;

export const statusBadge = status => h('span', { class: `policy-status policy-${status}` }, status);

/** The image page's policy section body. */
export function policyResults(view) {
  const results = view.results || [];
  if (!results.length) return h('p', { class: 'none' }, 'No policy evaluated for this image yet (PUT /v1/policy configures them).');
  return h('div', {}, h('ul', { class: 'policies', id: 'policy-results' }, results.map(r => h('li', { 'data-policy': r.policy, 'data-status': r.status },
    h('div', { class: 'policy-head' }, statusBadge(r.status), ' ', h('strong', {}, policyTitle(r.policy)), ' ', h('code', { class: 'note' }, r.policy)),
    r.reasons?.length ? h('ul', { class: 'reasons' }, r.reasons.slice(0, 20).map(x => h('li', {}, x)),
      r.reasons.length > 20 ? h('li', { class: 'note' }, `and ${r.reasons.length - 20} more`) : null) : null))),
    view.evaluatedAt ? h('p', { class: 'note' }, `Evaluated ${when(view.evaluatedAt)}.`) : null);
}
