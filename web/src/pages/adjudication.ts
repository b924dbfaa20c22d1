// Adjudikasi: the queue of possible duplicates (NIK ganda) and, for a case, both people side by
// side (photos where a recording holds one, the fields the matcher compared with its level and
// weight, the fingers that matched with their scores), and the officer's decision with a reason
// (POST /api/v1/adjudication/{id}/decision). A decided case leaves the queue.
import { getJson, request } from '../api';
import { currentLang, t } from '../i18n';
import { act, el } from '../ui';

interface Person {
  nik: string; name?: string; birth_place?: string; birth_date?: string; sex?: string; village_code?: string;
  mother_name?: string; father_name?: string; ektp_status?: string;
}
interface Case {
  id: number; status: string; score: number; fingers: { finger: number; score: number }[]; source: string; created_at: string;
  new_record: Person; enrolled_earlier: Person; evidence: string;
}

// ISO/IEC 19794-2 finger positions.
const FINGERS_ID = ['', 'Jempol kanan', 'Telunjuk kanan', 'Jari tengah kanan', 'Jari manis kanan', 'Kelingking kanan',
  'Jempol kiri', 'Telunjuk kiri', 'Jari tengah kiri', 'Jari manis kiri', 'Kelingking kiri'];

// The matcher's comparison vector, from its explanation ("MATCH: name exact +8.1 (held by 2);
// birth_date exact +9.0; ...; total +21.3"): field -> level and weight.
export function comparisonVector(evidence: string): Map<string, { level: string; weight: string }> {
  const out = new Map<string, { level: string; weight: string }>();
  const body = evidence.includes(': ') ? evidence.slice(evidence.indexOf(': ') + 2) : evidence;
  for (const part of body.split('; ')) {
    const m = /^([a-z_]+) ([a-z0-9-]+)(?: ([+-][0-9.]+))?/.exec(part.trim());
    if (m) out.set(m[1], { level: m[2], weight: m[3] ?? '' });
  }
  return out;
}

// The matcher's level names (core/dedup/pair_comparison.cc) in the officer's language.
const LEVELS: Record<string, [string, string]> = {
  exact: ['sama persis', 'exact'], same: ['sama', 'same'], 'very-close': ['sangat mirip', 'very close'], close: ['mirip', 'close'],
  weak: ['sedikit mirip', 'weak'], different: ['berbeda', 'different'], missing: ['kosong di satu sisi', 'missing on one side'],
  'same-year': ['tahun sama', 'same year'], placeholder: ['tanggal pengganti', 'placeholder date'],
  'swap-or-digit': ['tertukar / beda 1 angka', 'swapped or one digit'], 'within-10km': ['≤ 10 km', 'within 10 km'],
  '10-50km': ['10–50 km', '10–50 km'], '50-300km': ['50–300 km', '50–300 km'], 'over-300km': ['> 300 km', 'over 300 km'],
};
const levelText = (level: string): string => (LEVELS[level] ? LEVELS[level][currentLang() === 'id' ? 0 : 1] : level);

const FIELDS: { key: string; label: () => string; value: (p: Person) => string }[] = [
  { key: 'name', label: () => t('name'), value: (p) => p.name ?? '' },
  { key: 'birth_date', label: () => t('birth_date'), value: (p) => p.birth_date ?? '' },
  { key: 'sex', label: () => t('sex'), value: (p) => p.sex ?? '' },
  { key: 'mother', label: () => t('mother_name'), value: (p) => p.mother_name ?? '' },
  { key: 'father', label: () => t('father_name'), value: (p) => p.father_name ?? '' },
  { key: 'birth_place', label: () => t('birth_place'), value: (p) => p.birth_place ?? '' },
  { key: 'region', label: () => t('village'), value: (p) => p.village_code ?? '' },
];

// The recorded image of one side (photo or signature), or a placeholder where the store has none.
function image(c: Case, kind: 'photo' | 'signature', side: 'new' | 'earlier'): HTMLElement {
  const box = el('div', { class: kind, id: `${kind}-${side}` });
  const img = el('img', { src: `/api/v1/adjudication/${c.id}/${kind}/${side}`, alt: t(kind) });
  img.addEventListener('error', () => box.replaceChildren(el('div', { class: `placeholder ${kind}`, 'data-placeholder': kind },
    t(kind === 'photo' ? 'no_photo' : 'no_signature'))));
  box.append(img);
  return box;
}

function person(c: Case, side: 'new' | 'earlier'): HTMLElement {
  const p = side === 'new' ? c.new_record : c.enrolled_earlier;
  return el('div', { class: 'person', id: `person-${side}` },
    el('h4', {}, side === 'new' ? t('new_record') : t('enrolled_earlier')),
    image(c, 'photo', side),
    image(c, 'signature', side),
    el('div', { class: 'nik', id: `nik-${side}` }, p.nik),
    el('div', {}, p.name ?? ''),
    el('div', { class: 'muted' }, `${t('ektp_status')}: ${p.ektp_status ?? '-'}`));
}

function evidenceTable(c: Case): HTMLElement {
  const vector = comparisonVector(c.evidence);
  return el('table', { id: 'evidence' },
    el('thead', {}, el('tr', {}, ...[t('field'), t('new_record'), t('enrolled_earlier'), t('agreement'), t('weight')].map((h) => el('th', {}, h)))),
    el('tbody', {}, ...FIELDS.map((f) => {
      const a = f.value(c.new_record), b = f.value(c.enrolled_earlier);
      const v = vector.get(f.key);
      // Without the matcher's word (a fingerprint case), the plain comparison of the two values.
      const level = v?.level ?? (a && b ? (a === b ? 'exact' : 'different') : 'missing');
      return el('tr', { 'data-field': f.key, class: level === 'exact' || level === 'same' ? 'agree' : level === 'different' ? 'differ' : '' },
        el('td', {}, f.label()), el('td', {}, a), el('td', {}, b), el('td', { class: 'level', 'data-level': level }, levelText(level)), el('td', {}, v?.weight ?? ''));
    })));
}

function fingerTable(c: Case): HTMLElement {
  if (!c.fingers.length) return el('p', { class: 'muted', id: 'fingers' }, t('no_fingers'));
  return el('table', { id: 'fingers' },
    el('thead', {}, el('tr', {}, el('th', {}, t('finger')), el('th', {}, t('score')))),
    el('tbody', {}, ...c.fingers.map((f) => el('tr', { 'data-finger': String(f.finger) },
      el('td', {}, FINGERS_ID[f.finger] ?? String(f.finger)), el('td', {}, f.score.toLocaleString('id-ID', { maximumFractionDigits: 3 }))))));
}

function decisionForm(c: Case, done: () => Promise<void>): HTMLElement {
  const out = el('p', { class: 'error', id: 'decision-error' });
  const same = el('input', { type: 'radio', name: 'decision', value: 'SAME_PERSON', id: 'decision-same' });
  const different = el('input', { type: 'radio', name: 'decision', value: 'DIFFERENT_PEOPLE', id: 'decision-different' });
  // Checked here rather than by the browser's own validation: the message is ours, in the page's language.
  const note = el('textarea', { id: 'decision-note', rows: '3', 'aria-required': 'true' });
  const submit = el('button', { type: 'submit', id: 'decision-submit' }, t('record_decision'));
  const form = el('form', { id: 'decision-form' },
    el('h4', {}, t('decision')),
    el('label', {}, same, ' ', t('same_person')), ' ', el('label', {}, different, ' ', t('different_people')),
    el('label', { class: 'block' }, `${t('reason')}: `, note), submit, out);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const decision = same.checked ? 'SAME_PERSON' : different.checked ? 'DIFFERENT_PEOPLE' : '';
    if (!decision) { out.textContent = t('decision_needed'); return; }
    if (!note.value.trim()) { out.textContent = t('reason_needed'); return; }
    act(async () => {
      await request(`/api/v1/adjudication/${c.id}/decision`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ decision, note: note.value.trim() }),
      });
      await done();
    }, out);
  });
  return form;
}

export async function adjudication(root: HTMLElement): Promise<void> {
  const detail = el('div', { id: 'case' });
  const queue = el('div', { id: 'adjudication-queue' });
  const load = async (): Promise<Case[]> => {
    const cases = (await getJson<{ items: Case[] }>('/api/v1/adjudication?status=OPEN&limit=200')).items;
    queue.replaceChildren(cases.length === 0 ? el('p', { class: 'muted', id: 'queue-empty' }, t('queue_empty')) : el('table', {},
      el('thead', {}, el('tr', {}, ...['#', t('new_record'), t('enrolled_earlier'), t('score'), t('source'), t('since')].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...cases.map((c) => {
        const tr = el('tr', { class: 'clickable', 'data-case': String(c.id) },
          el('td', {}, String(c.id)), el('td', {}, `${c.new_record.nik} ${c.new_record.name ?? ''}`),
          el('td', {}, `${c.enrolled_earlier.nik} ${c.enrolled_earlier.name ?? ''}`),
          el('td', {}, c.score.toLocaleString('id-ID', { maximumFractionDigits: 3 })), el('td', {}, c.source), el('td', {}, c.created_at.slice(0, 10)));
        tr.addEventListener('click', () => show(c));
        return tr;
      }))));
    return cases;
  };
  const show = (c: Case) => {
    detail.replaceChildren(
      el('h3', {}, `${t('case')} #${c.id} · ${t('score')} ${c.score.toLocaleString('id-ID', { maximumFractionDigits: 3 })} · ${c.source}`),
      el('div', { class: 'side-by-side' }, person(c, 'new'), person(c, 'earlier')),
      el('h4', {}, t('demographic_evidence')), evidenceTable(c),
      el('p', { class: 'muted', id: 'evidence-text' }, c.evidence),
      el('h4', {}, t('matching_fingers')), fingerTable(c),
      decisionForm(c, async () => {
        detail.replaceChildren(el('p', { id: 'decided' }, `${t('case')} #${c.id}: ${t('decided')}`));
        await load();
      }));
    window.ktpelCase = c.id;
  };
  root.replaceChildren(el('h2', {}, t('adjudication')), queue, detail);
  await load();
}

declare global { interface Window { ktpelCase?: number } }
