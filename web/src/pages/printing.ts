// Antrean cetak: the province's printers, stock, the plan in words (for the roles that plan
// capacity), and one office's queue (NIKs: not for a viewer, who sees the aggregates only).
import { ApiError, canSeePeople, getJson } from '../api';
import { t } from '../i18n';
import { state } from '../state';
import { act, dataTable, el, num } from '../ui';

interface Printer { serial: string; office: string; model: string; cards_per_day: number; status: string; lent_to: string }
interface Stock { office: string; name: string; blanks: number; ribbons: number; cleaning_kits: number }
interface QueueEntry { nik: string; village_code: string; status: string; since: string; class: string }
interface Plan { explanation: string[]; shares: { printer_office: string; for_office: string; cards: number; km: number }[] }

export async function printing(root: HTMLElement): Promise<void> {
  const [printers, stock, plan] = await Promise.all([
    getJson<{ items: Printer[] }>(`/api/v1/printers?office=${state.province}`),
    getJson<{ items: Stock[] }>(`/api/v1/stock/balances?office=${state.province}`),
    getJson<Plan>(`/api/v1/print/plan?province=${state.province}`).catch((e) => {
      if (e instanceof ApiError && e.status === 403) return null;  // not this role's to plan
      throw e;
    }),
  ]);
  const offices = [...new Set(printers.items.map((p) => p.office))].sort();
  const select = el('select', { id: 'office' }, ...offices.map((o) => el('option', { value: o }, o)));
  const queueBox = el('div', { id: 'queue' });
  const loadQueue = async () => {
    if (!select.value) return;
    if (!canSeePeople()) { queueBox.replaceChildren(el('p', { class: 'muted', id: 'not-allowed' }, t('not_allowed'))); return; }
    const q = await getJson<{ items: QueueEntry[]; priority: string }>(`/api/v1/print/queue?office=${select.value}&limit=100`);
    queueBox.replaceChildren(el('p', { class: 'muted' }, q.priority), dataTable(`${t('queue')} ${select.value}`, [
      { label: '#', value: (e: QueueEntry) => q.items.indexOf(e) + 1 },
      { label: 'NIK', value: (e: QueueEntry) => e.nik },
      { label: t('status'), value: (e: QueueEntry) => e.status },
      { label: t('class'), value: (e: QueueEntry) => e.class },
      { label: t('since'), value: (e: QueueEntry) => e.since.slice(0, 10) },
    ], q.items));
  };
  select.addEventListener('change', () => act(loadQueue, queueBox));
  root.replaceChildren(el('h2', {}, `${t('printing')} — ${state.provinceName}`),
    plan ? el('section', { class: 'plan' }, el('h3', {}, t('plan')), el('ul', {}, ...plan.explanation.map((line) => el('li', {}, line)))) : '',
    dataTable(t('printers'), [
      { label: 'Serial', value: (p: Printer) => p.serial },
      { label: t('office'), value: (p: Printer) => p.office },
      { label: 'Model', value: (p: Printer) => p.model },
      { label: t('per_day'), value: (p: Printer) => p.cards_per_day },
      { label: t('status'), value: (p: Printer) => p.status + (p.lent_to ? ` → ${p.lent_to}` : '') },
    ], printers.items),
    dataTable(t('stock'), [
      { label: t('office'), value: (s: Stock) => s.office },
      { label: t('name'), value: (s: Stock) => s.name },
      { label: t('blanks'), value: (s: Stock) => s.blanks, format: num },
      { label: t('ribbons'), value: (s: Stock) => s.ribbons, format: num },
    ], stock.items),
    el('label', {}, `${t('office')}: `, select), queueBox);
  await loadQueue();
}
