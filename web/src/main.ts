// The dashboard shell: the login page until a session exists, then hash routes for the six pages,
// the signed-in officer and logout in the header, the language toggle, and a readiness flag
// (window.ktpelReady: a page's name, 'login', 'forbidden:PAGE' or 'error:PAGE') that browser tests
// wait for.
import './style.css';
import { ApiError, AuthError, canSeePeople, logout, me, session, userWilayah, whenUnauthorized } from './api';
import { currentLang, hasText, setLang, t, type TextKey } from './i18n';
import { chooseProvince, pickProvince, resetState, state } from './state';
import { el } from './ui';
import { loginPage } from './pages/login';

declare global { interface Window { ktpelReady?: string } }

// Each page is its own chunk, loaded when first opened: the first paint (the login page, the shell)
// waits for none of them, nor for the chart library.
type Page = (root: HTMLElement) => Promise<void>;
const pages: Record<'overview' | 'map' | 'ranking' | 'printing' | 'equipment' | 'reports' | 'adjudication' | 'search', () => Promise<Page>> = {
  overview: () => import('./pages/overview').then((m) => m.overview),
  map: () => import('./pages/map').then((m) => (root: HTMLElement) => m.mapPage(root)),
  ranking: () => import('./pages/ranking').then((m) => m.ranking),
  printing: () => import('./pages/printing').then((m) => m.printing),
  equipment: () => import('./pages/equipment').then((m) => m.equipment),
  reports: () => import('./pages/reports').then((m) => m.reports),
  adjudication: () => import('./pages/adjudication').then((m) => m.adjudication),
  search: () => import('./pages/search').then((m) => m.search),
};
type PageName = keyof typeof pages;
// Pages of person-level data, hidden from a viewer.
const personal: readonly PageName[] = ['search', 'adjudication'];
const allowed = (p: PageName): boolean => canSeePeople() || !personal.includes(p);

const byId = (id: string): HTMLElement => document.getElementById(id)!;
let generation = 0;  // the latest route(); an older one that finishes late draws nothing
let loginNotice: TextKey | '' = '';  // why the login page is up, kept across a language switch

function nav(active: PageName): void {
  byId('nav').replaceChildren(...(Object.keys(pages) as PageName[]).filter(allowed).map((p) =>
    el('a', { href: `#${p}`, class: p === active ? 'active' : '', id: `nav-${p}` }, t(p))));
}

// The officer in the header: name, role and wilayah.
function whoami(): void {
  const u = session.user!;
  const w = userWilayah();
  const role = `role_${u.role}`;
  byId('logout').textContent = t('logout');
  byId('user').replaceChildren(
    el('span', { id: 'user-name' }, u.username), ' · ',
    el('span', { id: 'user-role', 'data-role': u.role }, hasText(role) ? t(role) : u.role), ' · ',
    el('span', { id: 'user-wilayah', 'data-wilayah': w }, w ? `${u.wilayah_name || w} (${w})` : t('pusat')));
}

function showLogin(): void {
  generation++;
  resetState();
  document.body.classList.add('signed-out');
  byId('nav').replaceChildren();
  byId('where').replaceChildren();
  byId('user').replaceChildren();
  loginPage(byId('page'), loginNotice ? t(loginNotice) : '', () => { loginNotice = ''; void route(); });
  window.ktpelReady = 'login';
}

// Any 401 on the way: the session is gone, so is the page.
whenUnauthorized(() => {
  loginNotice = 'session_expired';
  showLogin();
});

async function route(): Promise<void> {
  const mine = ++generation;
  window.ktpelReady = undefined;
  byId('lang').textContent = currentLang() === 'id' ? 'EN' : 'ID';
  const name = (location.hash.slice(1) || 'overview') as PageName;
  const page = pages[name] ? name : 'overview';
  const root = byId('page');
  if (!session.user) {
    let who;
    try {
      who = await me();
    } catch (e) {
      root.replaceChildren(el('p', { class: 'error' }, String(e)));
      window.ktpelReady = 'error:login';
      return;
    }
    if (mine !== generation) return;
    if (!who.user) {
      if (who.code === 'SESSION_EXPIRED') loginNotice = 'session_expired';
      showLogin();
      return;
    }
  }
  document.body.classList.remove('signed-out');
  whoami();
  nav(page);
  root.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    await pickProvince();
    if (mine !== generation) return;
    const picker = el('select', { id: 'province', 'aria-label': 'Provinsi' },
      ...state.choices.map((p) => el('option', p.code === state.province ? { value: p.code, selected: '' } : { value: p.code }, `${p.name} (${p.code})`)));
    picker.addEventListener('change', () => { chooseProvince(picker.value); void route(); });
    byId('where').replaceChildren(picker);
    if (!allowed(page)) {
      root.replaceChildren(el('p', { class: 'error', id: 'not-allowed' }, t('not_allowed')));
      window.ktpelReady = `forbidden:${page}`;
      return;
    }
    const draw = await pages[page]();
    if (mine !== generation) return;
    await draw(root);
    if (mine === generation) window.ktpelReady = page;
  } catch (e) {
    if (e instanceof AuthError || mine !== generation) return;  // the login page is up already
    if (e instanceof ApiError && e.status === 403) {
      root.replaceChildren(el('p', { class: 'error', id: 'not-allowed' }, t('not_allowed_page')));
      window.ktpelReady = `forbidden:${page}`;
      return;
    }
    root.replaceChildren(el('p', { class: 'error' }, String(e)));
    window.ktpelReady = `error:${page}`;
  }
}

byId('lang').addEventListener('click', () => {
  setLang(currentLang() === 'id' ? 'en' : 'id');
  document.documentElement.lang = currentLang();
  if (session.user) { void route(); return; }
  byId('lang').textContent = currentLang() === 'id' ? 'EN' : 'ID';
  showLogin();
});
byId('logout').addEventListener('click', async () => {
  try { await logout(); } catch { /* gone already: the login page either way */ }
  loginNotice = 'logged_out';
  showLogin();
});
window.addEventListener('hashchange', () => { void route(); });
void route();
