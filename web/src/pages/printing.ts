// Antrean cetak: the province's printers, stock, the plan in words (for the roles that plan
// capacity: office names, calendar dates), and one office's queue (NIKs: not for a viewer, who
// sees the aggregates only).
import { ApiError, canSeePeople, getJson } from '../api';
import { fill, label, t } from '../i18n';
import { state } from '../state';
import { act, dataTable, date, dateTime, dayAfter, dec, el, num } from '../ui';

interface Printer { serial: string; office: string; model: string; cards_per_day: number; status: string; lent_to: string }
interface Stock { office: string; name: string; blanks: number; ribbons: number; cleaning_kits: number }
interface QueueEntry { nik: string; village_code: string; status: string; since: string; class: string }
interface Plan {
  as_of: string; backlog: number; capacity_per_day: number; pooled_days: number | null; as_is_days: number | null;
  plan_capacity_days: number | null; plan_days: number | null; blank_shortfall: number; ribbon_shortfall: number;
  offices: { code: string; name: string; days_as_is: number | null }[];
  shares: { printer_office: string; for_office: string; cards: number; km: number; printer_days: number | null }[];
  moves: { item: string; from: string; to: string; cards: number; km: number }[];
}

// The plan in sentences of the language shown, from its numbers.
export function planText(plan: Plan, nameOf: (code: string) => string): string[] {
  const when = (days: number | null) => (days === null ? t('never') : date(dayAfter(plan.as_of, days)));
  const lines = [fill('plan_backlog', { backlog: num(plan.backlog), capacity: num(plan.capacity_per_day), date: when(plan.pooled_days) })];
  if (plan.as_is_days !== null) {
    const slowest = [...plan.offices].sort((a, b) => (b.days_as_is ?? 0) - (a.days_as_is ?? 0))[0];
    lines.push(fill('plan_as_is', { date: when(plan.as_is_days), office: slowest ? nameOf(slowest.code) : '' }));
  } else {
    lines.push(fill('plan_as_is_never', { offices: plan.offices.filter((o) => o.days_as_is === null).map((o) => nameOf(o.code)).join(', ') }));
  }
  lines.push(fill('plan_with', { date: when(plan.plan_capacity_days) }));
  for (const s of plan.shares)
    lines.push(fill('plan_share', { printer: nameOf(s.printer_office), cards: num(s.cards), office: nameOf(s.for_office), km: num(s.km), days: dec(s.printer_days ?? 0, 2) }));
  for (const m of plan.moves)
    lines.push(fill('plan_move', { cards: num(m.cards), item: t(m.item === 'ribbon' ? 'item_ribbon' : 'item_blanks'), from: nameOf(m.from), to: nameOf(m.to), km: num(m.km) }));
  if (plan.blank_shortfall > 0) lines.push(fill('plan_blank_short', { n: num(plan.blank_shortfall) }));
  if (plan.ribbon_shortfall > 0) lines.push(fill('plan_ribbon_short', { n: num(plan.ribbon_shortfall) }));
  if (plan.plan_days !== null && plan.plan_capacity_days !== null && plan.plan_days > plan.plan_capacity_days + 1e-6)
    lines.push(fill('plan_done_with_tranches', { date: when(plan.plan_days) }));
  return lines;
}

export async function printing(root: HTMLElement): Promise<void> {
  const [printers, stock, plan] = await Promise.all([
    getJson<{ items: Printer[] }>(`/api/v1/printers?office=${state.province}`),
    getJson<{ items: Stock[] }>(`/api/v1/stock/balances?office=${state.province}`),
    getJson<Plan>(`/api/v1/print/plan?province=${state.province}`).catch((e) => {
      if (e instanceof ApiError && e.status === 403) return null;  // not this role's to plan
      throw e;
    }),
  ]);
  const names = new Map<string, string>([...stock.items.map((s) => [s.office, s.name] as const), ...(plan?.offices ?? []).map((o) => [o.code, o.name] as const)]);
  const nameOf = (code: string) => names.get(code) ?? code;
  const offices = [...new Set(printers.items.map((p) => p.office))].sort();
  const select = el('select', { id: 'office' }, ...offices.map((o) => el('option', { value: o }, `${nameOf(o)} (${o})`)));
  const queueBox = el('div', { id: 'queue' });
  const loadQueue = async () => {
    if (!select.value) return;
    if (!canSeePeople()) { queueBox.replaceChildren(el('p', { class: 'muted', id: 'not-allowed' }, t('not_allowed'))); return; }
    const q = await getJson<{ items: QueueEntry[]; priority: string }>(`/api/v1/print/queue?office=${select.value}&limit=100`);
    queueBox.replaceChildren(el('p', { class: 'muted' }, q.priority.split(',').map((c) => label('pc_', c)).join(' → ')),
      dataTable(`${t('queue')} ${nameOf(select.value)}`, [
        { label: t('position'), value: (e: QueueEntry) => q.items.indexOf(e) + 1 },
        { label: 'NIK', value: (e: QueueEntry) => e.nik },
        { label: t('status'), value: (e: QueueEntry) => label('st_', e.status) },
        { label: t('class'), value: (e: QueueEntry) => label('pc_', e.class) },
        { label: t('since'), value: (e: QueueEntry) => e.since, format: dateTime },
      ], q.items));
  };
  select.addEventListener('change', () => act(loadQueue, queueBox));
  root.replaceChildren(el('h2', {}, `${t('printing')} — ${state.provinceName}`),
    plan ? el('section', { class: 'plan', id: 'plan' }, el('h3', {}, t('plan')), el('ul', {}, ...planText(plan, nameOf).map((line) => el('li', {}, line)))) : '',
    dataTable(t('printers'), [
      { label: t('serial'), value: (p: Printer) => p.serial },
      { label: t('office'), value: (p: Printer) => nameOf(p.office) },
      { label: t('model'), value: (p: Printer) => p.model },
      { label: t('per_day'), value: (p: Printer) => p.cards_per_day, format: num },
      { label: t('status'), value: (p: Printer) => label('ps_', p.status) + (p.lent_to ? ` → ${nameOf(p.lent_to)}` : '') },
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
