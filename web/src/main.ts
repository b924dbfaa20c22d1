// The dashboard shell: hash routes for the five pages, the language toggle, and a readiness flag
// (window.ktpelReady) that browser tests wait for.
import './style.css';
import { currentLang, setLang, t } from './i18n';
import { chooseProvince, pickProvince, state } from './state';
import { el } from './ui';
import { overview } from './pages/overview';
import { mapPage } from './pages/map';
import { ranking } from './pages/ranking';
import { printing } from './pages/printing';
import { search } from './pages/search';

declare global { interface Window { ktpelReady?: string } }

const pages = { overview, map: (root: HTMLElement) => mapPage(root), ranking, printing, search } as const;
type PageName = keyof typeof pages;

function nav(active: PageName): void {
  const n = document.getElementById('nav')!;
  n.replaceChildren(...(Object.keys(pages) as PageName[]).map((p) =>
    el('a', { href: `#${p}`, class: p === active ? 'active' : '', id: `nav-${p}` }, t(p))));
}

async function route(): Promise<void> {
  window.ktpelReady = undefined;
  const name = (location.hash.slice(1) || 'overview') as PageName;
  const page = pages[name] ? name : 'overview';
  nav(page);
  document.getElementById('lang')!.textContent = currentLang() === 'id' ? 'EN' : 'ID';
  const root = document.getElementById('page')!;
  root.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  try {
    await pickProvince();
    const where = document.getElementById('where')!;
    const picker = el('select', { id: 'province', 'aria-label': 'Provinsi' },
      ...state.choices.map((p) => el('option', p.code === state.province ? { value: p.code, selected: '' } : { value: p.code }, `${p.name} (${p.code})`)));
    picker.addEventListener('change', () => { chooseProvince(picker.value); void route(); });
    where.replaceChildren(picker);
    await pages[page](root);
    window.ktpelReady = page;
  } catch (e) {
    root.replaceChildren(el('p', { class: 'error' }, String(e)));
    window.ktpelReady = `error:${page}`;
  }
}

document.getElementById('lang')!.addEventListener('click', () => {
  setLang(currentLang() === 'id' ? 'en' : 'id');
  document.documentElement.lang = currentLang();
  route();
});
window.addEventListener('hashchange', route);
route();
