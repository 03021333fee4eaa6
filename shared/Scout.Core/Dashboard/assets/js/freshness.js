// How fresh the advisories are (issue #18): per feed and ecosystem the newest advisory change applied (the cursor),
// the last poll and the last change seen, from GET /v1/advisories/status; a feed polled longer ago than the schedule
// allows is called out, since its findings may miss advisories published since.
import { h, when, DASH } from './dom.js';

/** The time part of a feed cursor ("2024-05-01T10:00:00Z|ID,ID"), or null. */
export function cursorTime(cursor) {
  if (!cursor) return null;
  const t = Date.parse(cursor.split('|')[0]);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

// The newest of several timestamps (ISO strings in more than one precision: compared as times, returned as given).
const latest = values => values.filter(v => v && !Number.isNaN(Date.parse(v))).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) ?? null;

export function freshness(status) {
  const feeds = status.feeds || [];
  const body = [];
  if (!feeds.length) {
    body.push(h('p', { class: 'none', id: 'advisories-as-of' },
      'No advisory feed polled yet: findings use the advisories imported so far. Run scout serve --feed URL to refresh on a schedule ',
      '(scout advisories refresh --feed URL refreshes once).'));
    return panel(body);
  }
  const asOf = latest(feeds.map(f => cursorTime(f.cursor) ?? f.lastChange));
  const lastPoll = latest(feeds.map(f => f.lastPoll ?? f.lastRefresh));
  body.push(h('p', { id: 'advisories-as-of' }, 'Advisories as of ', h('strong', { 'data-time': asOf ?? '' }, when(asOf)),
    ', last poll ', h('strong', { 'data-time': lastPoll ?? '' }, when(lastPoll)), ` (polled every ${status.pollIntervalSeconds} s).`));
  const stale = feeds.filter(f => f.stale);
  if (stale.length) {
    body.push(h('div', { class: 'warning', id: 'feed-stale', role: 'alert' },
      h('strong', {}, 'Advisories may be stale. '),
      `${stale.length} of ${feeds.length} feed ecosystems not polled in the last ${Math.round(status.staleAfterSeconds / 60)} minutes: `,
      stale.map(f => `${f.ecosystem} (last poll ${when(f.lastPoll ?? f.lastRefresh)})`).join(', '),
      '. Check that the refresh schedule runs (scout serve --feed, the EventBridge rule or Cloud Scheduler job) and its log.'));
  }
  const pending = feeds.reduce((n, f) => n + (f.pendingRetries?.length ?? 0), 0);
  if (pending) body.push(h('p', { class: 'note', id: 'feed-pending' }, `${pending} advisory record${pending === 1 ? '' : 's'} could not be read yet and ${pending === 1 ? 'is' : 'are'} retried on every refresh.`));
  body.push(h('details', {}, h('summary', {}, `Feeds (${feeds.length})`), h('div', { class: 'scroll' }, h('table', { class: 'grid compact stack', id: 'feeds-table' },
    h('thead', {}, h('tr', {}, ['Feed', 'Ecosystem', 'As of', 'Last change', 'Last poll', 'Pending', 'State'].map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, feeds.map(f => h('tr', { 'data-feed': f.feed, 'data-ecosystem': f.ecosystem, 'data-stale': String(f.stale) },
      cell('Feed', h('code', {}, f.feed)), cell('Ecosystem', f.ecosystem), cell('As of', when(cursorTime(f.cursor))), cell('Last change', when(f.lastChange)),
      cell('Last poll', when(f.lastPoll ?? f.lastRefresh)),
      cell('Pending', f.pendingRetries?.length ? f.pendingRetries.map(p => `${p.id} ×${p.attempts}`).join(', ') : DASH),
      cell('State', h('span', { class: f.stale ? 'stale' : 'fresh' }, f.stale ? 'stale' : 'fresh')))))))));
  return panel(body);
}

const panel = body => h('section', { class: 'panel', id: 'freshness', 'aria-labelledby': 'freshness-h' }, h('h2', { id: 'freshness-h' }, 'Advisory freshness'), body);
const cell = (label, content) => h('td', { 'data-label': label }, h('div', {}, content));
