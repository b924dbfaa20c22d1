// Ringkasan: the key numbers of the province with targets and gaps, its age pyramid and trend.
import * as echarts from 'echarts';
import { coverage, getJson } from '../api';
import { t } from '../i18n';
import { state } from '../state';
import { card, el, num, pct } from '../ui';

export async function overview(root: HTMLElement): Promise<void> {
  const cov = await coverage('kabupaten', state.province);
  const r = cov.total;
  const c = r.counts;
  const gapNote = (gap: number, target: number) =>
    `${t('target')} ${pct(target)} · ${gap <= 0 ? t('met') : `${t('gap')} ${pct(gap)}`}`;
  const cards = el('div', { class: 'cards' },
    card(t('population'), num(c.population)),
    card(t('wajib_ktp'), num(c.wajib_ktp)),
    card(t('recording'), pct(r.recording_pct), gapNote(r.recording_gap, cov.targets.recording), r.recording_gap > 0 ? 'warn' : 'ok'),
    card(t('prr'), num(c.prr)),
    card(t('suket'), num(c.suket)),
    card(t('printed'), num(c.printed)),
    card(t('delivered'), num(c.delivered)),
    card(t('duplicate'), num(c.duplicate_record)),
    card(t('stuck'), num(c.stuck), '', c.stuck > 0 ? 'warn' : ''),
    card(t('ikd'), pct(r.ikd_pct), gapNote(r.ikd_gap, cov.targets.ikd), r.ikd_gap > 0 ? 'warn' : 'ok'),
    card(t('akta'), pct(r.akta_pct), gapNote(r.akta_gap, cov.targets.akta), r.akta_gap > 0 ? 'warn' : 'ok'));
  const pyramid = el('div', { class: 'chart', id: 'pyramid' });
  const trend = el('div', { class: 'chart', id: 'trend' });
  root.replaceChildren(el('h2', {}, `${t('overview')} — ${r.name} (${cov.as_of})`), cards,
    el('div', { class: 'charts' }, el('div', {}, el('h3', {}, t('pyramid')), pyramid), el('div', {}, el('h3', {}, t('trend')), trend)));

  const bands = r.age_bands;
  echarts.init(pyramid).setOption({
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [t('male'), t('female')] },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => num(Math.abs(v)) } },
    yAxis: { type: 'category', data: bands.map((b) => b.band) },
    series: [
      { name: t('male'), type: 'bar', stack: 'p', data: bands.map((b) => -b.male) },
      { name: t('female'), type: 'bar', stack: 'p', data: bands.map((b) => b.female) },
    ],
  });
  const series = await getJson<{ items: { day: string; recording_pct: number }[]; recording_pct_per_day: number; days_to_target: number | null }>(
    `/api/v1/coverage/series?code=${state.province}&days=180`);
  cards.append(card(t('days_to_target'), series.days_to_target === null ? '—' : num(series.days_to_target),
    `${series.recording_pct_per_day >= 0 ? '+' : ''}${series.recording_pct_per_day.toFixed(3)} ${t('pp_per_day')}`));
  if (series.items.length === 0) {
    trend.append(el('p', { class: 'muted' }, t('no_trend')));
  } else {
    echarts.init(trend).setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: series.items.map((i) => i.day) },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.floor(v.min - 1) },
      series: [{ type: 'line', data: series.items.map((i) => i.recording_pct), markLine: { data: [{ yAxis: cov.targets.recording }] } }],
    });
  }
}
