// Laporan: the monthly report of the province or one of its regencies, month on month (the
// figures of GET /api/v1/reports/monthly, downloadable as XLSX or CSV for Excel), and the PDF a
// Kepala Dinas signs (letterhead, charts, signature block).
import { getJson, session, userWilayah } from '../api';
import { t } from '../i18n';
import { state } from '../state';
import { act, dataTable, el, num, pct } from '../ui';

interface Figures {
  population: number; wajib_ktp: number; recorded_wajib: number; still_to_record: number; recording_pct: number; prr: number;
  printed: number; delivered: number; suket_held: number; suket_expired: number; children: number; children_akta: number;
  akta_pct: number; ikd_activated: number; ikd_eligible: number; ikd_pct: number;
}
interface Row { code: string; name: string; now: Figures; before: Figures }
interface Report { code: string; name: string; month: string; as_of: string; previous: string; total: Row; rows: Row[] }

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const longDate = (iso: string): string => `${Number(iso.slice(8, 10))} ${MONTHS_ID[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const signed = (v: number, f: (x: number) => string): string => (v > 0 ? '+' : '') + f(v);

export async function reports(root: HTMLElement): Promise<void> {
  const scope = userWilayah();
  // A regency's officer reports on the regency; the province and pusat on the province or any regency.
  const regencies = scope.length >= 5 ? [] : (await getJson<{ items: { code: string; name: string }[] }>(`/api/v1/wilayah/${state.province}/children`)).items;
  const choices = scope.length >= 5 ? [{ code: scope.slice(0, 5), name: scope.length === 5 && session.user?.wilayah_name ? session.user.wilayah_name : scope.slice(0, 5) }] : [{ code: state.province, name: state.provinceName }, ...regencies];
  const region = el('select', { id: 'report-region' }, ...choices.map((c) => el('option', { value: c.code }, c.name)));
  const month = el('input', { id: 'report-month', type: 'month', value: new Date().toISOString().slice(0, 7) });
  const body = el('div', { id: 'report-body' });
  const load = async () => {
    const q = `code=${encodeURIComponent(region.value)}&month=${encodeURIComponent(month.value)}`;
    const r = await getJson<Report>(`/api/v1/reports/monthly?${q}`);
    const before = `${MONTHS_ID[Number(r.previous.slice(5, 7)) - 1]} ${r.previous.slice(0, 4)}`;
    const now = `${MONTHS_ID[Number(r.month.slice(5, 7)) - 1]} ${r.month.slice(0, 4)}`;
    type Line = { label: string; before: number; now: number; percent: boolean };
    const a = r.total.before, b = r.total.now;
    const lines: Line[] = [
      { label: t('population'), before: a.population, now: b.population, percent: false },
      { label: t('wajib_ktp'), before: a.wajib_ktp, now: b.wajib_ktp, percent: false },
      { label: t('recording'), before: a.recording_pct, now: b.recording_pct, percent: true },
      { label: t('report_still_to_record'), before: a.still_to_record, now: b.still_to_record, percent: false },
      { label: t('prr'), before: a.prr, now: b.prr, percent: false },
      { label: t('printed'), before: a.printed, now: b.printed, percent: false },
      { label: t('delivered'), before: a.delivered, now: b.delivered, percent: false },
      { label: t('suket_held'), before: a.suket_held, now: b.suket_held, percent: false },
      { label: t('suket_expired'), before: a.suket_expired, now: b.suket_expired, percent: false },
      { label: t('akta'), before: a.akta_pct, now: b.akta_pct, percent: true },
      { label: t('ikd'), before: a.ikd_activated, now: b.ikd_activated, percent: false },
    ];
    const two = (v: number) => Math.round(v * 100) / 100;  // percentages: two decimals, as in the PDF
    const idNum = (v: number) => v.toLocaleString('id-ID', { maximumFractionDigits: 2 });
    body.replaceChildren(
      el('p', { class: 'muted', id: 'report-dates' }, `${t('report_state')} ${longDate(r.as_of)} · ${t('report_compared')} ${longDate(r.previous)}`),
      el('a', { id: 'report-pdf', class: 'button', href: `/api/v1/reports/monthly.pdf?${q}` }, t('report_pdf_sign')),
      dataTable(`${t('reports')} ${r.name} ${now}`, [
        { label: t('indicator'), value: (l: Line) => l.label + (l.percent ? ' (%)' : '') },
        { label: before, value: (l: Line) => two(l.before), format: idNum },
        { label: now, value: (l: Line) => two(l.now), format: idNum },
        { label: t('change'), value: (l: Line) => two(l.now - l.before), format: (v: number) => signed(v, idNum) },
      ], lines),
      dataTable(`${r.name}: ${t('report_rows')} ${now}`, [
        { label: t('name'), value: (x: Row) => x.name },
        { label: t('recording'), value: (x: Row) => x.now.recording_pct, format: pct },
        { label: t('change'), value: (x: Row) => two(x.now.recording_pct - x.before.recording_pct), format: (v: number) => signed(v, idNum) },
        { label: t('report_still_to_record'), value: (x: Row) => x.now.still_to_record, format: num },
        { label: t('prr'), value: (x: Row) => x.now.prr, format: num },
        { label: t('suket_held'), value: (x: Row) => x.now.suket_held, format: num },
        { label: t('suket_expired'), value: (x: Row) => x.now.suket_expired, format: num },
        { label: t('akta'), value: (x: Row) => x.now.akta_pct, format: pct },
      ], r.rows));
  };
  region.addEventListener('change', () => act(load, body));
  month.addEventListener('change', () => act(load, body));
  root.replaceChildren(el('h2', {}, `${t('reports')} — ${state.provinceName}`),
    el('div', { class: 'controls' }, el('label', {}, `${t('region')}: `, region), ' ', el('label', {}, `${t('month')}: `, month)), body);
  await load();
}
