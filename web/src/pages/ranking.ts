// Peringkat: regencies and every kecamatan of the province ranked by what needs attention (lowest
// recording, with the people still to record; biggest backlog with reprints and records stuck at
// BC; soonest blank stock-out); every table sortable and exportable.
import { activity, coverage, getJson, queues, stillToRecord, type CoverageRow } from '../api';
import { t } from '../i18n';
import { state } from '../state';
import { dataTable, el, num, pct } from '../ui';

// basis: 'history' (the last 14 days' rate) or 'capacity' (thin history: the printers' cards/day).
interface Forecast { office: string; name: string; blanks: number; backlog: number; cards_per_day: number; basis: 'history' | 'capacity'; blank_days_left: number | null; blanks_cover_backlog: boolean; blanks_short: number }

export async function ranking(root: HTMLElement): Promise<void> {
  const [cov, kec, fc, q] = await Promise.all([
    coverage('kabupaten', state.province),
    coverage('kecamatan', state.province),
    getJson<{ items: Forecast[] }>(`/api/v1/stock/forecast?office=${state.province}`),
    queues('kabupaten', state.province),
  ]);
  // Stuck at BC per regency (counts only): one small query each.
  const stuck = new Map(await Promise.all(cov.rows.map(async (r) => [r.code, (await activity(r.code, 0)).stuck.BC ?? 0] as const)));
  const reprints = new Map(q.items.map((i) => [i.code, i.counts.REPRINT ?? 0]));
  const regencyName = new Map(cov.rows.map((r) => [r.code, r.name]));
  const byRecording = [...cov.rows].sort((a, b) => a.recording_pct - b.recording_pct);
  const kecByRecording = [...kec.rows].sort((a, b) => a.recording_pct - b.recording_pct || stillToRecord(b.counts) - stillToRecord(a.counts));
  const byBacklog = [...cov.rows].sort((a, b) => (b.counts.prr + b.counts.suket) - (a.counts.prr + a.counts.suket));
  const offices = fc.items.filter((f) => f.office.length === 5);
  const soonest = [...offices].sort((a, b) => (a.blank_days_left ?? 1e9) - (b.blank_days_left ?? 1e9) || b.blanks_short - a.blanks_short);
  const kecTable = dataTable(t('kec_ranking'), [
    { label: t('rank'), value: (r: CoverageRow) => kecByRecording.indexOf(r) + 1 },
    { label: t('code'), value: (r: CoverageRow) => r.code },
    { label: t('kecamatan_one'), value: (r: CoverageRow) => r.name },
    { label: t('regency'), value: (r: CoverageRow) => regencyName.get(r.code.slice(0, 5)) ?? r.code.slice(0, 5) },
    { label: t('wajib_ktp'), value: (r: CoverageRow) => r.counts.wajib_ktp, format: num },
    { label: t('recording'), value: (r: CoverageRow) => r.recording_pct, format: pct },
    { label: t('still_to_record'), value: (r: CoverageRow) => stillToRecord(r.counts), format: num },
    { label: t('prr'), value: (r: CoverageRow) => r.counts.prr, format: num },
    { label: t('stuck'), value: (r: CoverageRow) => r.counts.stuck, format: num },
  ], kecByRecording);
  kecTable.id = 'kec-ranking';
  root.replaceChildren(el('h2', {}, `${t('ranking')} — ${state.provinceName}`),
    dataTable(t('lowest_recording'), [
      { label: t('rank'), value: (r: CoverageRow) => r.recording_rank },
      { label: t('code'), value: (r: CoverageRow) => r.code },
      { label: t('name'), value: (r: CoverageRow) => r.name },
      { label: t('wajib_ktp'), value: (r: CoverageRow) => r.counts.wajib_ktp, format: num },
      { label: t('recording'), value: (r: CoverageRow) => r.recording_pct, format: pct },
      { label: t('still_to_record'), value: (r: CoverageRow) => stillToRecord(r.counts), format: num },
      { label: t('gap'), value: (r: CoverageRow) => r.recording_gap, format: pct },
      { label: t('akta'), value: (r: CoverageRow) => r.akta_pct, format: pct },
      { label: t('ikd'), value: (r: CoverageRow) => r.ikd_pct, format: pct },
    ], byRecording),
    kecTable,
    Object.assign(dataTable(t('biggest_backlog'), [
      { label: t('code'), value: (r: CoverageRow) => r.code },
      { label: t('name'), value: (r: CoverageRow) => r.name },
      { label: t('prr'), value: (r: CoverageRow) => r.counts.prr, format: num },
      { label: t('suket'), value: (r: CoverageRow) => r.counts.suket, format: num },
      { label: t('reprint_queue'), value: (r: CoverageRow) => reprints.get(r.code) ?? 0, format: num },
      { label: t('stuck'), value: (r: CoverageRow) => r.counts.stuck, format: num },
      { label: t('bc_stuck'), value: (r: CoverageRow) => stuck.get(r.code) ?? 0, format: num },
      { label: t('duplicate'), value: (r: CoverageRow) => r.counts.duplicate_record, format: num },
    ], byBacklog), { id: 'backlog-ranking' }),
    dataTable(t('soonest_stockout'), [
      { label: t('office'), value: (f: Forecast) => f.office },
      { label: t('name'), value: (f: Forecast) => f.name },
      { label: t('blanks'), value: (f: Forecast) => f.blanks, format: num },
      { label: t('backlog'), value: (f: Forecast) => f.backlog, format: num },
      { label: t('per_day'), value: (f: Forecast) => f.cards_per_day, format: num },
      { label: t('days_left'), value: (f: Forecast) => f.blank_days_left ?? (f.blanks_cover_backlog ? t('covers_backlog') : t('no_printer')), format: (v: number | string) => (typeof v === 'number' ? num(v) : v) },
      { label: t('forecast_basis'), value: (f: Forecast) => t(f.basis === 'history' ? 'basis_history' : 'basis_capacity') },
      { label: t('blanks_short'), value: (f: Forecast) => f.blanks_short, format: num },
    ], soonest));
}
