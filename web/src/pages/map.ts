// Peta: the province's regencies coloured by an indicator; click a regency to drill down to its
// kecamatan (a table, and centroid markers on the regency's outline, coloured the same way).
// Percentages are coloured in fixed bands around their target (a 0.2-point spread stays one
// colour); counts on a single-hue scale from zero. Each map has its legend.
import { echarts } from '../charts';
import { coverage, getJson, stillToRecord, type Coverage, type CoverageRow } from '../api';
import { t } from '../i18n';
import { scopeProvince, state } from '../state';
import { act, dataTable, el, num, pct } from '../ui';

type Indicator = 'recording_pct' | 'prr' | 'suket' | 'akta_pct' | 'ikd_pct';
type Target = keyof Coverage['targets'];
const indicators: { key: Indicator; label: () => string; value: (r: CoverageRow) => number; target?: Target }[] = [
  { key: 'recording_pct', label: () => t('recording'), value: (r) => r.recording_pct, target: 'recording' },
  { key: 'prr', label: () => t('prr'), value: (r) => r.counts.prr },
  { key: 'suket', label: () => t('suket'), value: (r) => r.counts.suket },
  { key: 'akta_pct', label: () => t('akta'), value: (r) => r.akta_pct, target: 'akta' },
  { key: 'ikd_pct', label: () => t('ikd'), value: (r) => r.ikd_pct, target: 'ikd' },
];

// The colour bands of a percentage: at or above target, within 2, 5 and 15 points of it, further.
export function percentBands(target: number): { gte?: number; lt?: number; label: string; color: string }[] {
  const p = (v: number) => pct(Math.max(0, v));
  return [
    { gte: target, label: `≥ ${p(target)} (${t('legend_target')})`, color: '#1a9850' },
    { gte: target - 2, lt: target, label: `${p(target - 2)} – ${p(target)}`, color: '#91cf60' },
    { gte: target - 5, lt: target - 2, label: `${p(target - 5)} – ${p(target - 2)}`, color: '#fee08b' },
    { gte: target - 15, lt: target - 5, label: `${p(target - 15)} – ${p(target - 5)}`, color: '#fc8d59' },
    { lt: target - 15, label: `< ${p(target - 15)}`, color: '#d73027' },
  ];
}
// The legend of an indicator over `values` (on dimension `dim` of the data).
function scale(ind: (typeof indicators)[number], targets: Coverage['targets'], values: number[], dim?: number): object {
  const common = { left: 10, bottom: 10, ...(dim === undefined ? {} : { dimension: dim }) };
  if (ind.target) return { type: 'piecewise', ...common, pieces: percentBands(targets[ind.target]) };
  return { type: 'continuous', ...common, min: 0, max: Math.max(1, ...values), calculable: true, text: [num(Math.max(1, ...values)), '0'],
    inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } };
}
const show = (ind: (typeof indicators)[number], v: unknown) => (typeof v === 'number' ? (ind.target ? pct(v) : num(v)) : '—');

declare global {
  interface Window {
    ktpelMap?: { regions: number; withData: number; level: string; drilled?: string; colours?: Record<string, string> };
    ktpelMapChart?: echarts.ECharts;
  }
}

// national = every province (click one to see its regencies); otherwise the chosen province's
// regencies (click one to see its kecamatan).
export async function mapPage(root: HTMLElement, national = false): Promise<void> {
  const [geo, cov] = await Promise.all([
    getJson<any>(national ? '/api/v1/geo/provinces' : `/api/v1/geo/regencies?province=${state.province}`),
    national ? coverage('provinsi', '') : coverage('kabupaten', state.province),
  ]);
  const mapName = national ? 'indonesia' : `prov-${state.province}`;
  echarts.registerMap(mapName, geo);
  const select = el('select', { id: 'indicator' }, ...indicators.map((i) => el('option', { value: i.key }, i.label())));
  const chartEl = el('div', { class: 'chart map', id: 'map' });
  const detail = el('div', { id: 'drill' });
  const up = el('button', { type: 'button', id: 'national' }, 'Indonesia');
  up.addEventListener('click', () => act(() => mapPage(root, true).then(() => { window.ktpelReady = 'map'; }), detail));
  // The whole country only for those whose scope it is (pusat).
  root.replaceChildren(el('h2', {}, `${t('map')} — ${national ? 'Indonesia' : state.provinceName}`),
    el('label', {}, `${t('indicator_pick')}: `, select), national || scopeProvince() ? '' : up, chartEl, detail);
  const chart = echarts.init(chartEl);
  const draw = () => {
    const ind = indicators.find((i) => i.key === select.value) ?? indicators[0];
    const data = cov.rows.map((r) => ({ name: r.code, value: ind.value(r), label: r.name }));
    const values = data.map((d) => d.value);
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: (p: any) => `${p.data?.label ?? p.name}<br/>${ind.label()}: ${show(ind, p.value)}` },
      visualMap: scale(ind, cov.targets, values),
      series: [{ type: 'map', map: mapName, nameProperty: 'code', roam: true, data, label: { show: false }, emphasis: { disabled: true }, select: { disabled: true } }],
    }, true);
    // Regions drawn (tests compare with the wilayah count) and how many have residents.
    window.ktpelMap = { regions: geo.features.length, withData: geo.features.filter((f: any) => data.some((d) => d.name === f.properties.code)).length,
      level: national ? 'provinsi' : 'kabupaten' };
  };
  window.ktpelMapChart = chart;
  select.addEventListener('change', draw);
  draw();
  const drill = async (code: string) => {
    if (national) {  // a province: show its regencies
      const row = cov.rows.find((r) => r.code === code);
      if (!row || row.counts.population === 0) return;  // nobody registered there in this database
      state.province = code;
      state.provinceName = row.name;
      await mapPage(root, false);
      return;
    }
    const kec = await coverage('kecamatan', code);
    const region = cov.rows.find((r) => r.code === code);
    const children = await getJson<{ items: { code: string; name: string; lat?: number | null; lon?: number | null }[] }>(`/api/v1/wilayah/${code}/children`);
    const feature = geo.features.find((f: any) => f.properties.code === code);
    echarts.registerMap(`reg-${code}`, { type: 'FeatureCollection', features: [feature] });
    const pin = el('div', { class: 'chart', id: 'kecmap' });
    const back = el('button', { type: 'button', id: 'back' }, t('back'));
    back.addEventListener('click', () => { detail.replaceChildren(); window.ktpelMap = { ...window.ktpelMap!, level: 'kabupaten', drilled: undefined }; });
    const report = el('a', { href: `/api/v1/export/report.pdf?code=${code}`, id: 'report' }, t('report_pdf'));
    detail.replaceChildren(el('h3', {}, `${region?.name ?? code}: ${t('kecamatan')}`), back, report, pin,
      dataTable(`${t('kecamatan')} ${region?.name ?? code}`, [
        { label: t('code'), value: (r: CoverageRow) => r.code },
        { label: t('name'), value: (r: CoverageRow) => r.name },
        { label: t('population'), value: (r: CoverageRow) => r.counts.population, format: num },
        { label: t('wajib_ktp'), value: (r: CoverageRow) => r.counts.wajib_ktp, format: num },
        { label: t('recording'), value: (r: CoverageRow) => r.recording_pct, format: pct },
        { label: t('still_to_record'), value: (r: CoverageRow) => stillToRecord(r.counts), format: num },
        { label: t('prr'), value: (r: CoverageRow) => r.counts.prr, format: num },
        { label: t('suket'), value: (r: CoverageRow) => r.counts.suket, format: num },
        { label: t('akta'), value: (r: CoverageRow) => r.akta_pct, format: pct },
      ], kec.rows));
    // Each kecamatan a point at its centre, coloured by the indicator chosen above, on its legend.
    const ind = indicators.find((i) => i.key === select.value) ?? indicators[0];
    const points = children.items.filter((c) => c.lat != null && c.lon != null).flatMap((c) => {
      const row = kec.rows.find((r) => r.code === c.code);
      return row ? [{ name: c.name, code: c.code, value: [c.lon, c.lat, ind.value(row)] }] : [];
    });
    const kecChart = echarts.init(pin);
    kecChart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: (q: any) => `${q.name}<br/>${ind.label()}: ${show(ind, q.value[2])}` },
      visualMap: scale(ind, kec.targets, points.map((p) => p.value[2] as number), 2),
      geo: { map: `reg-${code}`, roam: true, itemStyle: { areaColor: '#eef2f7' } },
      series: [{ type: 'scatter', coordinateSystem: 'geo', data: points, symbolSize: 14, itemStyle: { borderColor: '#333', borderWidth: 0.5 } }],
    });
    // The colour each kecamatan got (tests compare it with its band).
    const model = (kecChart as any).getModel().getSeriesByIndex(0).getData();
    const colours: Record<string, string> = {};
    points.forEach((p, i) => { colours[p.code] = String(model.getItemVisual(i, 'style')?.fill ?? model.getItemVisual(i, 'color')); });
    window.ktpelMap = { ...window.ktpelMap!, level: 'kecamatan', drilled: code, colours };
  };
  chart.on('click', (p: any) => act(() => drill(String(p.name)), detail));
}
