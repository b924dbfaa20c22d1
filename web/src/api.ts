// The ktpel API, typed for what the dashboard reads. Every request goes through request(): it
// sends the session cookie, adds X-CSRF-Token on writes, and on a 401 forgets the session and
// hands over to the login page (the caller gets an AuthError, which pages do not show).
export interface Counts {
  population: number; male: number; female: number; wajib_ktp: number; recorded: number; recorded_wajib_ktp: number;
  prr: number; suket: number; printed: number; delivered: number; duplicate_record: number; stuck: number;
  ikd_activated: number; ikd_eligible: number; children: number; children_with_akta: number;
}
export interface CoverageRow {
  code: string; name: string; counts: Counts; age_bands: { band: string; male: number; female: number }[];
  recording_pct: number; akta_pct: number; ikd_pct: number; recording_gap: number; akta_gap: number; ikd_gap: number;
  recording_rank: number;
}
export interface Coverage {
  as_of: string; level: string; targets: { recording: number; akta: number; ikd: number };
  total: CoverageRow; rows: CoverageRow[];
}
export type Role = 'operator' | 'supervisor' | 'province' | 'centre' | 'auditor' | 'viewer';
export interface User { username: string; role: Role; wilayah: string; wilayah_name: string }

// The signed-in officer: null until /auth/me or a login says who it is.
export const session = { user: null as User | null, csrf: '', expiresAt: '' };

// An answer other than 2xx: the HTTP status and the server's error code ("FORBIDDEN", ...).
// detail is the server's message in English, detailId in Indonesian (message_id), where it gives one.
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string, readonly detailId = '') { super(`${status} ${detail}`); }
}
// The session is gone (logged out, expired, never there): the login page is already shown.
export class AuthError extends ApiError {}

// What to do when a signed-in session is refused (the 401's code).
let onUnauthorized: (code: string) => void = () => {};
export function whenUnauthorized(f: (code: string) => void): void { onUnauthorized = f; }

export function clearSession(): void {
  session.user = null;
  session.csrf = '';
  session.expiresAt = '';
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = '', message = res.statusText, messageId = '';
  try {
    const e = (await res.json()).error;
    code = e.code ?? '';
    message = e.message ?? message;
    messageId = e.message_id ?? '';
  } catch { /* not JSON */ }
  return new ApiError(res.status, code, message, messageId);
}

// The one way to the server. auth=false for the login/me calls, whose 401 is an answer, not a
// reason to leave the page.
export async function request(path: string, init: RequestInit = {}, auth = true): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers.set('X-CSRF-Token', session.csrf);
  const res = await fetch(path, { ...init, method, headers, credentials: 'same-origin' });
  if (res.ok) return res;
  const err = await errorOf(res);
  if (res.status === 401 && auth) {
    // Only the first of several 401s at once (a page fetches in parallel) brings up the login page.
    if (session.user !== null) {
      clearSession();
      onUnauthorized(err.code || 'SESSION_EXPIRED');
    }
    throw new AuthError(err.status, err.code, err.message);
  }
  throw err;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request(path)).json() as Promise<T>;
}

export function coverage(level: string, code: string): Promise<Coverage> {
  return getJson<Coverage>(`/api/v1/coverage?level=${level}&code=${encodeURIComponent(code)}`);
}

interface SessionAnswer { user: User; expires_at: string; csrf_token: string }
function remember(s: SessionAnswer): User {
  session.user = s.user;
  session.csrf = s.csrf_token;
  session.expiresAt = s.expires_at;
  return s.user;
}

// Who is signed in (from the HttpOnly cookie), or null and why (the 401's code: UNAUTHENTICATED,
// SESSION_EXPIRED).
export async function me(): Promise<{ user: User | null; code: string }> {
  try {
    return { user: remember(await (await request('/api/v1/auth/me', {}, false)).json()), code: '' };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { clearSession(); return { user: null, code: e.code }; }
    throw e;
  }
}

// Throws ApiError with the server's code (BAD_CREDENTIALS, ACCOUNT_LOCKED, TOTP_REQUIRED, TOTP_INVALID, ...).
export async function login(username: string, password: string, totp?: string): Promise<User> {
  const body: Record<string, string> = { username, password };
  if (totp) body.totp = totp;
  const res = await request('/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }, false);
  return remember(await res.json());
}

export async function logout(): Promise<void> {
  try { await request('/api/v1/auth/logout', { method: 'POST' }, false); } finally { clearSession(); }
}

// The wilayah a user answers for, '' for pusat (the whole country).
export function userWilayah(): string {
  const w = session.user?.wilayah ?? '';
  return w.toLowerCase() === 'pusat' ? '' : w;
}

// Person-level data (residents, e-KTP records, print queues with NIKs) is not for a viewer.
export function canSeePeople(): boolean {
  return session.user !== null && session.user.role !== 'viewer';
}

// Sends a table to the server and saves the file it returns: XLSX, or a CSV that Excel with
// Indonesian settings opens right (; between cells, decimal comma).
export async function exportTable(kind: 'csv' | 'xlsx', title: string, columns: string[], rows: (string | number)[][]): Promise<void> {
  const res = await request(kind === 'csv' ? '/api/v1/export/csv?dialect=excel-id' : '/api/v1/export/xlsx', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, columns, rows }),
  });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${title.replace(/[^A-Za-z0-9_-]+/g, '_')}.${kind}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// A region's e-KTP history per month and its stuck records per status (counts only).
export interface Activity {
  months: { month: string; recorded: number; reached: Record<string, number> }[];
  stuck: Record<string, number>; stuck_days: number;
}
export function activity(code: string, months = 24): Promise<Activity> {
  return getJson<Activity>(`/api/v1/ektp/activity?code=${encodeURIComponent(code)}&months=${months}`);
}
// Records per status in each region of a level under `code`.
export function queues(level: string, code: string): Promise<{ items: { code: string; name: string; counts: Record<string, number> }[] }> {
  return getJson(`/api/v1/ektp/queues?level=${level}&code=${encodeURIComponent(code)}`);
}
// People of the wajib KTP not yet recorded: what "x %" leaves to do.
export const stillToRecord = (c: Counts): number => Math.max(0, c.wajib_ktp - c.recorded_wajib_ktp);
