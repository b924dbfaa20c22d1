// Cari penduduk: by NIK or name -> the resident and the e-KTP timeline ("where is my KTP?").
import { ApiError, getJson } from '../api';
import { label, t } from '../i18n';
import { act, date, dateTime, el } from '../ui';

interface Transition { from: string | null; to: string; event: string; at: string; operator: string; station: string; reason: string }
interface Duplicate { nik: string; case_id: number | null; source: string }
interface Record { nik: string; status: string; since: string; history: Transition[]; duplicate_of?: Duplicate | null }
interface Resident { nik: string; name: string; village_code: string; birth_date: string; alive: boolean; death_date: string | null }

// A death closes the e-KTP record: the officer sees it before looking for a card.
const died = (r: Resident) => (r.alive === false ? ` · ${t('deceased')}${r.death_date ? ` ${date(r.death_date)}` : ''}` : '');

// Not found (404) is an answer; anything else (no session, not allowed) goes up.
const unless404 = (e: unknown) => { if (e instanceof ApiError && e.status === 404) return null; throw e; };

async function showNik(nik: string, out: HTMLElement): Promise<void> {
  const resident = await getJson<Resident>(`/api/v1/residents/${nik}`).catch(unless404);
  if (!resident) { out.replaceChildren(el('p', { id: 'result' }, t('not_found'))); return; }
  const rec = await getJson<Record>(`/api/v1/ektp/${nik}`).catch(unless404);
  const head = el('div', { id: 'result' }, el('h3', {}, `${resident.name} — ${resident.nik}`),
    el('p', {}, `${resident.village_code} · ${date(resident.birth_date)}${died(resident)}`));
  if (!rec) { head.append(el('p', {}, t('no_record'))); out.replaceChildren(head); return; }
  const steps = el('ol', { class: 'timeline', id: 'timeline' }, ...rec.history.map((h) =>
    el('li', {}, el('strong', { 'data-status': h.to }, label('st_', h.to)), ` ${dateTime(h.at)} · ${label('ev_', h.event)} · ${h.operator}@${h.station}${h.reason ? ` · ${h.reason}` : ''}`)));
  head.append(el('p', {}, `${t('status')}: `, el('strong', { id: 'current-status', 'data-status': rec.status }, label('st_', rec.status))));
  // A DUPLICATE_RECORD says which NIK it duplicates and which case decided it.
  const dup = rec.duplicate_of;
  if (dup) head.append(el('p', { id: 'duplicate-of' }, `${t('duplicate_of')} ${dup.nik}`,
    dup.case_id !== null ? ` · ${t('adjudication_case')} #${dup.case_id}` : ` · ${dup.source}`));
  head.append(el('h4', {}, t('timeline')), steps);
  out.replaceChildren(head);
}

export async function search(root: HTMLElement): Promise<void> {
  const input = el('input', { id: 'q', placeholder: t('search_hint'), size: '30' });
  const button = el('button', { type: 'submit', id: 'find' }, t('find'));
  const out = el('div', { id: 'out' });
  const form = el('form', {}, input, button);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    act(() => find(input.value.trim(), out), out);
  });
  root.replaceChildren(el('h2', {}, t('search')), form, out);
}

async function find(q: string, out: HTMLElement): Promise<void> {
  if (/^\d{16}$/.test(q)) return showNik(q, out);
  const found = await getJson<{ items: Resident[] }>(`/api/v1/residents?name=${encodeURIComponent(q)}&match=contains&page_size=20`);
  if (found.items.length === 0) { out.replaceChildren(el('p', { id: 'result' }, t('not_found'))); return; }
  out.replaceChildren(el('ul', { id: 'matches' }, ...found.items.map((r) => {
    const a = el('a', { href: '#' }, `${r.name} — ${r.nik} (${r.village_code})${died(r)}`);
    a.addEventListener('click', (e) => { e.preventDefault(); act(() => showNik(r.nik, out), out); });
    return el('li', {}, a);
  })));
}
