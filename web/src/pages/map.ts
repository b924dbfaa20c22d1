// Peta: the province's regencies coloured by an indicator; click a regency to drill down to its
// kecamatan (a table, and centroid markers on the regency's outline).
import * as echarts from 'echarts';
import { coverage, getJson, type CoverageRow } from '../api';
import { t } from '../i18n';
import { scopeProvince, state } from '../state';
import { act, dataTable, el, num, pct } from '../ui';

type Indicator = 'recording_pct' | 'prr' | 'suket' | 'akta_pct' | 'ikd_pct';
const indicators: { key: Indicator; label: () => string; value: (r: CoverageRow) => number }[] = [
  { key: 'recording_pct', label: () => t('recording'), value: (r) => r.recording_pct },
  { key: 'prr', label: () => t('prr'), value: (r) => r.counts.prr },
  { key: 'suket', label: () => t('suket'), value: (r) => r.counts.suket },
  { key: 'akta_pct', label: () => t('akta'), value: (r) => r.akta_pct },
  { key: 'ikd_pct', label: () => t('ikd'), value: (r) => r.ikd_pct },
];

declare global {
  interface Window {
    ktpelMap?: { regions: number; withData: number; level: string; drilled?: string };
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
      tooltip: { trigger: 'item', formatter: (p: any) => `${p.data?.label ?? p.name}<br/>${ind.label()}: ${typeof p.value === 'number' ? (ind.key.endsWith('_pct') ? pct(p.value) : num(p.value)) : '-'}` },
      visualMap: { min: Math.min(...values), max: Math.max(...values, Math.min(...values) + 1), calculable: true, left: 10, bottom: 10,
        inRange: { color: ind.key.endsWith('_pct') ? ['#d73027', '#fee08b', '#1a9850'] : ['#1a9850', '#fee08b', '#d73027'] } },
      series: [{ type: 'map', map: mapName, nameProperty: 'code', roam: true, data, label: { show: false }, emphasis: { label: { show: false } } }],
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
        { label: t('prr'), value: (r: CoverageRow) => r.counts.prr, format: num },
        { label: t('suket'), value: (r: CoverageRow) => r.counts.suket, format: num },
        { label: t('akta'), value: (r: CoverageRow) => r.akta_pct, format: pct },
      ], kec.rows));
    const points = children.items.filter((c) => c.lat != null && c.lon != null).map((c) => {
      const row = kec.rows.find((r) => r.code === c.code);
      return { name: c.name, value: [c.lon, c.lat, row ? row.recording_pct : 0] };
    });
    echarts.init(pin).setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: (q: any) => `${q.name}: ${pct(q.value[2])}` },
      geo: { map: `reg-${code}`, roam: true, itemStyle: { areaColor: '#eef2f7' } },
      series: [{ type: 'scatter', coordinateSystem: 'geo', data: points, symbolSize: 12 }],
    });
    window.ktpelMap = { ...window.ktpelMap!, level: 'kecamatan', drilled: code };
  };
  chart.on('click', (p: any) => act(() => drill(String(p.name)), detail));
}
