// The JSON API, called with the tenant's key from sessionStorage as a bearer token (never in a URL, never a cookie).
const KEY = 'scout.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: key => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(kind, message, status) { super(message); this.kind = kind; this.status = status; }
}

export async function api(path) {
  const key = session.key();
  if (!key) throw new ApiError('no-key', 'Sign in with your API key to see this page.');
  let response;
  try {
    response = await fetch(path, { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError('unreachable', 'The server is unreachable. Check that it is running (scout serve) and reload the page.');
  }
  if (response.status === 401) {
    session.signOut();
    throw new ApiError('bad-key', 'The server refused this API key. Sign in again with a current key.', 401);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `HTTP ${response.status}`;
    throw new ApiError('http', detail, response.status);
  }
  return body;
}

/** Every page of a paged list resource (limit is the largest page the API serves for it). */
export async function all(path, field, limit) {
  const items = [];
  let token = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api(`${path}${sep}limit=${limit}${token ? `&pageToken=${encodeURIComponent(token)}` : ''}`);
    items.push(...page[field]);
    token = page.nextPageToken;
  } while (token);
  return items;
}

export const enc = encodeURIComponent;
