// Peringkat: regencies ranked by what needs attention (lowest recording, biggest backlog,
// soonest blank stock-out); every table sortable and exportable.
import { coverage, getJson, type CoverageRow } from '../api';
import { t } from '../i18n';
import { state } from '../state';
import { dataTable, el, num, pct } from '../ui';

// basis: 'history' (the last 14 days' rate) or 'capacity' (thin history: the printers' cards/day).
interface Forecast { office: string; name: string; blanks: number; backlog: number; cards_per_day: number; basis: 'history' | 'capacity'; blank_days_left: number | null; blanks_cover_backlog: boolean; blanks_short: number }

export async function ranking(root: HTMLElement): Promise<void> {
  const [cov, fc] = await Promise.all([
    coverage('kabupaten', state.province),
    getJson<{ items: Forecast[] }>(`/api/v1/stock/forecast?office=${state.province}`),
  ]);
  const byRecording = [...cov.rows].sort((a, b) => a.recording_pct - b.recording_pct);
  const byBacklog = [...cov.rows].sort((a, b) => (b.counts.prr + b.counts.suket) - (a.counts.prr + a.counts.suket));
  const offices = fc.items.filter((f) => f.office.length === 5);
  const soonest = [...offices].sort((a, b) => (a.blank_days_left ?? 1e9) - (b.blank_days_left ?? 1e9) || b.blanks_short - a.blanks_short);
  root.replaceChildren(el('h2', {}, `${t('ranking')} — ${state.provinceName}`),
    dataTable(t('lowest_recording'), [
      { label: t('rank'), value: (r: CoverageRow) => r.recording_rank },
      { label: t('code'), value: (r: CoverageRow) => r.code },
      { label: t('name'), value: (r: CoverageRow) => r.name },
      { label: t('wajib_ktp'), value: (r: CoverageRow) => r.counts.wajib_ktp, format: num },
      { label: t('recording'), value: (r: CoverageRow) => r.recording_pct, format: pct },
      { label: t('gap'), value: (r: CoverageRow) => r.recording_gap, format: pct },
      { label: t('akta'), value: (r: CoverageRow) => r.akta_pct, format: pct },
      { label: t('ikd'), value: (r: CoverageRow) => r.ikd_pct, format: pct },
    ], byRecording),
    dataTable(t('biggest_backlog'), [
      { label: t('code'), value: (r: CoverageRow) => r.code },
      { label: t('name'), value: (r: CoverageRow) => r.name },
      { label: t('prr'), value: (r: CoverageRow) => r.counts.prr, format: num },
      { label: t('suket'), value: (r: CoverageRow) => r.counts.suket, format: num },
      { label: t('stuck'), value: (r: CoverageRow) => r.counts.stuck, format: num },
      { label: t('duplicate'), value: (r: CoverageRow) => r.counts.duplicate_record, format: num },
    ], byBacklog),
    dataTable(t('soonest_stockout'), [
      { label: t('office'), value: (f: Forecast) => f.office },
      { label: t('name'), value: (f: Forecast) => f.name },
      { label: t('blanks'), value: (f: Forecast) => f.blanks, format: num },
      { label: t('backlog'), value: (f: Forecast) => f.backlog, format: num },
      { label: t('per_day'), value: (f: Forecast) => f.cards_per_day },
      { label: t('days_left'), value: (f: Forecast) => f.blank_days_left ?? (f.blanks_cover_backlog ? t('covers_backlog') : t('no_printer')) },
      { label: t('forecast_basis'), value: (f: Forecast) => t(f.basis === 'history' ? 'basis_history' : 'basis_capacity') },
      { label: 'blanks_short', value: (f: Forecast) => f.blanks_short, format: num },
    ], soonest));
}
