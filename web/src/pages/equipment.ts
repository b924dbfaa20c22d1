// Peralatan: which kecamatan of the province (or one regency) can record e-KTP (a map of working
// recording sets), the broken items and open repair tickets, reliability by type and repair site,
// where the residents of a kecamatan that cannot record are sent, and a procurement scenario (for
// the roles that plan capacity; the others are told so politely).
import { echarts } from '../charts';
import { ApiError, AuthError, getJson, request, userWilayah } from '../api';
import { label, t } from '../i18n';
import { state } from '../state';
import { act, card, dataTable, date, dec, el, km, num } from '../ui';

interface KecStatus {
  kecamatan: string; code: string; name: string; sets: number; can_record: boolean; missing: string[]; items: number; broken: number;
  open_tickets: number; lat: number | null; lon: number | null; wajib_ktp: number; unrecorded_wajib: number;
}
interface Status { region: string; kecamatan: number; can_record: number; broken_items: number; open_tickets: number; composition: string; items: KecStatus[] }
interface Ticket {
  id: number; serial: string; office: string; item_type: string; model: string; reported_on: string; symptom: string; cause: string;
  reporter: string; status: string; closed_on: string | null; site: string | null; cost_rupiah: number; parts: string; closer: string;
}
interface Reliability { group: string; items: number; failures: number; repaired: number; operating_days: number; mtbf_days: number | null; mttr_days: number | null; cost_rupiah: number }
interface Continuity { kecamatan: string; code: string; can_record: boolean; serve_at: string | null; serve_at_name: string; distance_km: number }
interface Plan {
  budget: number; spent: number; value: number; explanation: string[]; notes: string[];
  purchases: { kecamatan: string; reason: string; items: { item_type: string; qty: number; unit_price: number }[] }[];
}

declare global {
  interface Window {
    // What the map drew (browser tests): kecamatan points by colour, the region shown.
    ktpelEquipment?: { region: string; points: number; red: number; amber: number; green: number };
  }
}

// The recording set and the default unit prices of a scenario (rupiah).
const setTypes = ['PC', 'FINGERPRINT_SCANNER', 'IRIS_SCANNER', 'CAMERA', 'SIGNATURE_PAD', 'UPS'] as const;
const defaultPrices: Record<(typeof setTypes)[number], number> = {
  PC: 15_000_000, FINGERPRINT_SCANNER: 25_000_000, IRIS_SCANNER: 35_000_000, CAMERA: 12_000_000, SIGNATURE_PAD: 8_000_000, UPS: 12_000_000,
};
const defaultBudget = 750_000_000;

const rupiah = (v: number): string => `Rp ${num(v)}`;
const days = (v: number | string): string => typeof v === 'number' ? dec(v, 1) : v;
// 0 working sets: red, 1: amber, 2 or more: green.
const bands = [
  { key: 'red', label: () => t('sets_none'), color: '#d73027', has: (s: number) => s <= 0 },
  { key: 'amber', label: () => t('sets_one'), color: '#f5a623', has: (s: number) => s === 1 },
  { key: 'green', label: () => t('sets_two'), color: '#1a9850', has: (s: number) => s >= 2 },
] as const;

// The region shown: the one picked on this page (the province or a regency of it), else a regency
// officer's (or a kecamatan operator's) own regency, else the province.
const regionShown = (): string => {
  if (state.region.startsWith(state.province) && state.region) return state.region;
  const w = userWilayah();
  return w.length >= 5 && w.startsWith(state.province) ? w.slice(0, 5) : state.province;
};

export async function equipment(root: HTMLElement): Promise<void> {
  const region = regionShown();
  const [status, tickets, reliability, continuity, geo, regencies] = await Promise.all([
    getJson<Status>(`/api/v1/equipment/status?region=${region}`),
    getJson<{ items: Ticket[] }>(`/api/v1/equipment/tickets?office=${region}&open=1`),
    getJson<{ by_type: Reliability[]; by_model: Reliability[]; by_site: Reliability[] }>(`/api/v1/equipment/reliability?office=${region}`),
    getJson<{ region: string; items: Continuity[] }>(`/api/v1/continuity?region=${region}`),
    getJson<any>(`/api/v1/geo/regencies?province=${state.province}`),
    getJson<{ items: { code: string; name: string }[] }>(`/api/v1/wilayah/${state.province}/children`),
  ]);
  const byCode = new Map(status.items.map((k) => [k.code, k]));

  // The region: the province or one of its regencies (an officer of a regency sees only that one).
  const own = userWilayah();
  const choices = [{ code: state.province, name: state.provinceName }, ...regencies.items]
    .filter((r) => own.length < 5 || r.code === own.slice(0, 5));
  const picker = el('select', { id: 'equip-region', 'aria-label': t('region') },
    ...choices.map((r) => el('option', r.code === region ? { value: r.code, selected: '' } : { value: r.code }, `${r.name} (${r.code})`)));
  picker.addEventListener('change', () => {
    state.region = picker.value;
    window.ktpelReady = undefined;
    act(() => equipment(root).then(() => { window.ktpelReady = 'equipment'; }), root);
  });
  const regionName = choices.find((r) => r.code === region)?.name ?? region;

  const totals = el('p', { id: 'equip-totals', class: 'totals', 'data-can-record': String(status.can_record), 'data-kecamatan': String(status.kecamatan) },
    `${num(status.can_record)} ${t('of')} ${num(status.kecamatan)} ${t('kec_can_record')}`);
  const cards = el('div', { class: 'cards' },
    card(t('kec_can_record_short'), `${num(status.can_record)} / ${num(status.kecamatan)}`, '', status.can_record < status.kecamatan ? 'warn' : 'ok'),
    card(t('broken_items'), num(status.broken_items), '', status.broken_items > 0 ? 'warn' : ''),
    card(t('open_tickets'), num(status.open_tickets), '', status.open_tickets > 0 ? 'warn' : ''));
  const chartEl = el('div', { class: 'chart map', id: 'equip-map' });

  // Continuity: every kecamatan that cannot record and where its residents go.
  const cannot = continuity.items.filter((c) => !c.can_record);
  const sentTo = (c: Continuity): string => c.serve_at
    ? `${t('residents_sent_to')} ${c.serve_at_name || c.serve_at} (${km(c.distance_km)})`
    : t('no_place_to_record');
  const continuityBox = el('div', { id: 'continuity' }, cannot.length === 0
    ? el('p', { class: 'muted' }, t('all_can_record'))
    : dataTable(t('continuity'), [
      { label: t('code'), value: (c: Continuity) => c.code },
      { label: t('kecamatan_one'), value: (c: Continuity) => byCode.get(c.code)?.name ?? c.code },
      { label: t('missing'), value: (c: Continuity) => byCode.get(c.code)?.missing.map((m) => label('it_', m)).join(', ') ?? '' },
      { label: t('unrecorded_wajib'), value: (c: Continuity) => byCode.get(c.code)?.unrecorded_wajib ?? 0, format: num },
      { label: t('serve_at'), value: sentTo },
    ], cannot));

  const ticketBox = el('div', { id: 'equip-tickets' }, dataTable(t('broken_and_tickets'), [
    { label: '#', value: (x: Ticket) => x.id },
    { label: t('serial'), value: (x: Ticket) => x.serial },
    { label: t('office'), value: (x: Ticket) => x.office },
    { label: t('item_type'), value: (x: Ticket) => label('it_', x.item_type) },
    { label: t('model'), value: (x: Ticket) => x.model },
    { label: t('reported_on'), value: (x: Ticket) => x.reported_on, format: date },
    { label: t('symptom'), value: (x: Ticket) => x.symptom },
    { label: t('cause'), value: (x: Ticket) => label('fc_', x.cause) },
    { label: t('reporter'), value: (x: Ticket) => x.reporter },
    { label: t('status'), value: (x: Ticket) => label('ps_', x.status) },
  ], tickets.items));

  const mtbf = (r: Reliability) => r.mtbf_days ?? '—';
  const mttr = (r: Reliability) => r.mttr_days ?? '—';
  const reliabilityBox = el('div', { id: 'reliability' },
    dataTable(t('reliability_by_type'), [
      { label: t('item_type'), value: (r: Reliability) => label('it_', r.group) },
      { label: t('units'), value: (r: Reliability) => r.items, format: num },
      { label: t('failures'), value: (r: Reliability) => r.failures, format: num },
      { label: t('repaired'), value: (r: Reliability) => r.repaired, format: num },
      { label: t('mtbf'), value: mtbf, format: days },
      { label: t('mttr'), value: mttr, format: days },
      { label: t('cost'), value: (r: Reliability) => r.cost_rupiah, format: rupiah },
    ], reliability.by_type),
    // A repair site has repairs, not units in service: no MTBF there.
    dataTable(t('reliability_by_site'), [
      { label: t('repair_site'), value: (r: Reliability) => label('rs_', r.group) },
      { label: t('failures'), value: (r: Reliability) => r.failures, format: num },
      { label: t('repaired'), value: (r: Reliability) => r.repaired, format: num },
      { label: t('mttr'), value: mttr, format: days },
      { label: t('cost'), value: (r: Reliability) => r.cost_rupiah, format: rupiah },
    ], reliability.by_site));

  root.replaceChildren(el('h2', {}, `${t('equipment')} — ${regionName}`),
    el('label', {}, `${t('region')}: `, picker),
    totals, cards,
    el('h3', {}, t('equip_map')), chartEl,
    continuityBox, ticketBox, reliabilityBox,
    procurementForm());

  // Kecamatan as points on the regency outlines, one series per colour band (the legend).
  const mapName = `equip-${region}`;
  const features = region.length === 2 ? geo.features : geo.features.filter((f: any) => f.properties.code === region);
  echarts.registerMap(mapName, { type: 'FeatureCollection', features });
  const located = status.items.filter((k) => k.lat != null && k.lon != null);
  const counts = { red: 0, amber: 0, green: 0 };
  const series = bands.map((b) => {
    const data = located.filter((k) => b.has(k.sets)).map((k) => ({ name: k.name, code: k.code, value: [k.lon!, k.lat!, k.sets], k }));
    counts[b.key] = data.length;
    return { name: b.label(), type: 'scatter', coordinateSystem: 'geo', data, symbolSize: 11, itemStyle: { color: b.color, borderColor: '#333', borderWidth: 0.5 } };
  });
  const chart = echarts.init(chartEl);
  chart.setOption({
    animation: false,
    legend: { top: 8, left: 10, orient: 'vertical' },
    tooltip: { trigger: 'item', formatter: (p: any) => {
      const k: KecStatus | undefined = p.data?.k;
      if (!k) return p.name;
      return `${k.name} (${k.code})<br/>${t('working_sets')}: ${k.sets}` +
        (k.missing.length ? `<br/>${t('missing')}: ${k.missing.map((m) => label('it_', m)).join(', ')}` : '') +
        `<br/>${t('broken_items')}: ${k.broken} · ${t('open_tickets')}: ${k.open_tickets}`;
    } },
    geo: { map: mapName, roam: true, itemStyle: { areaColor: '#eef2f7', borderColor: '#8aa2c0' }, emphasis: { disabled: true } },
    series,
  });
  window.ktpelEquipment = { region, points: located.length, ...counts };
}

// The procurement scenario: a budget and unit prices to POST; the answer (spent, value, the plan
// in words) or the server's reason in Indonesian.
function procurementForm(): HTMLElement {
  const input = (id: string, value: number) => el('input', { id, type: 'number', min: '0', step: '1', value: String(value), required: '' });
  const budget = input('budget', defaultBudget);
  const prices = setTypes.map((ty) => [ty, input(`price-${ty}`, defaultPrices[ty])] as const);
  const out = el('div', { id: 'procure-result' });
  const submit = el('button', { type: 'submit', id: 'procure' }, t('procure_run'));
  const form = el('form', { id: 'procure-form', class: 'procure' },
    el('label', {}, `${t('budget')} (Rp)`, budget),
    ...prices.map(([ty, box]) => el('label', {}, `${t('unit_price')} ${label('it_', ty)} (Rp)`, box)),
    submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    out.replaceChildren(el('p', { class: 'muted' }, t('loading')));
    void plan({ province: state.province, budget: Number(budget.value), prices: Object.fromEntries(prices.map(([ty, box]) => [ty, Number(box.value)])) }, out)
      .finally(() => { submit.disabled = false; });
  });
  return el('section', { class: 'plan', id: 'procurement' }, el('h3', {}, t('procurement')), form, out);
}

async function plan(body: unknown, out: HTMLElement): Promise<void> {
  try {
    const res = await request('/api/v1/procurement/plan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const p = (await res.json()) as Plan;
    out.replaceChildren(
      el('div', { class: 'cards' },
        card(t('spent'), rupiah(p.spent), `${t('of')} ${rupiah(p.budget)}`),
        card(t('plan_value'), num(p.value))),
      el('ul', { id: 'procure-explanation' }, ...p.explanation.map((line) => el('li', {}, line))),
      p.notes.length ? el('ul', { id: 'procure-notes', class: 'muted' }, ...p.notes.map((n) => el('li', {}, n))) : '',
      p.purchases.length ? dataTable(t('purchases'), [
        { label: t('kecamatan_one'), value: (x: Plan['purchases'][number]) => x.kecamatan },
        { label: t('reason'), value: (x: Plan['purchases'][number]) => label('pr_', x.reason) },
        { label: t('items_bought'), value: (x: Plan['purchases'][number]) => x.items.map((i) => `${i.qty}× ${label('it_', i.item_type)}`).join(', ') },
        { label: t('cost'), value: (x: Plan['purchases'][number]) => x.items.reduce((s, i) => s + i.qty * i.unit_price, 0), format: rupiah },
      ], p.purchases) : '');
    out.dataset.state = 'done';
  } catch (e) {
    if (e instanceof AuthError) return;  // the login page is up already
    const forbidden = e instanceof ApiError && e.status === 403;
    const message = forbidden ? t('procure_forbidden')
      : e instanceof ApiError ? (e.detailId || e.detail) : String(e);
    out.replaceChildren(el('p', { class: 'error', id: forbidden ? 'procure-forbidden' : 'procure-error' }, message));
    out.dataset.state = forbidden ? 'forbidden' : 'error';
  }
}
