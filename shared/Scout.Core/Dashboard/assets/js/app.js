// The dashboard shell: sign-in, navigation and hash routes (#/images/sha256:..., so nothing secret is ever in a URL).
import { session, ApiError } from './api.js';
import { h, message } from './dom.js';
import { overview } from './overview.js';
import { images } from './images.js';
import { image } from './image.js';
import { environments } from './environments.js';
import { advisory } from './advisory.js';

const $ = id => document.getElementById(id);

const routes = [
  [/^#?\/?$/, () => ['overview', overview]],
  [/^#\/images\/?$/, () => ['images', images]],
  [/^#\/images\/([^/?]+)$/, m => ['images', el => image(el, decodeURIComponent(m[1]))]],
  [/^#\/environments\/?$/, () => ['environments', environments]],
  [/^#\/advisories\/([^/?]+)(?:\?aliases=([^/]*))?$/, m => ['images', el => advisory(el, decodeURIComponent(m[1]), m[2] ? decodeURIComponent(m[2]) : '')]],
];

let generation = 0;

async function show() {
  const signedIn = Boolean(session.key());
  $('sign-in').hidden = signedIn;
  $('nav').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
  const page = $('page');
  if (!signedIn) { page.replaceChildren(); $('api-key').focus(); return; }
  const hash = location.hash || '#/';
  const match = routes.map(([re, make]) => [re.exec(hash), make]).find(([m]) => m);
  const mine = ++generation;
  if (!match) { page.replaceChildren(message('empty', 'No such page', 'Go to the ', h('a', { href: '#/' }, 'overview'), '.')); return; }
  const [name, render] = match[1](match[0]);
  for (const a of document.querySelectorAll('#nav a')) a.toggleAttribute('aria-current', a.dataset.page === name);
  const el = h('div', { class: 'view', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  page.replaceChildren(el);
  try {
    const content = h('div', { class: 'view' });
    await render(content);
    if (mine !== generation) return; // the user moved on meanwhile
    page.replaceChildren(content);
    content.dataset.ready = 'true';
    performance.mark('scout-view-ready'); // what the dashboard bench (bench/Scout.Bench dashboard) reads
  } catch (e) {
    if (mine !== generation) return;
    if (e instanceof ApiError && (e.kind === 'bad-key' || e.kind === 'no-key')) { signOut(e.message); return; }
    const title = e instanceof ApiError && e.kind === 'unreachable' ? 'Server unreachable'
      : e instanceof ApiError && e.status === 404 ? 'Not found' : 'Something went wrong';
    page.replaceChildren(h('div', { class: 'view', 'data-ready': 'true' }, message('error', title, e.message, ' ',
      h('a', { href: '#/' }, 'Back to the overview'), '.')));
  }
}

function signOut(reason) {
  session.signOut();
  $('sign-in-message').textContent = reason || '';
  show();
}

$('sign-in-form').addEventListener('submit', e => {
  e.preventDefault();
  const key = $('api-key').value.trim();
  if (!key) { $('sign-in-message').textContent = 'Enter an API key.'; return; }
  session.signIn(key);
  $('api-key').value = '';
  $('sign-in-message').textContent = '';
  show();
});
$('sign-out').addEventListener('click', () => signOut('Signed out.'));
window.addEventListener('hashchange', () => { show(); $('main').focus({ preventScroll: true }); });
show();
