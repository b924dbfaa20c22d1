// Ringkasan: the key numbers of the province with targets, gaps and the people behind each
// percentage, the reprint and stuck-at-BC counts, its age pyramid and the monthly history of its
// e-KTP records (from the dated transitions).
import { echarts } from '../charts';
import { activity, coverage, getJson, queues, stillToRecord } from '../api';
import { fill, t } from '../i18n';
import { state } from '../state';
import { card, date, dayAfter, dec, el, month, num, pct } from '../ui';

export async function overview(root: HTMLElement): Promise<void> {
  // The history per month reads every transition of the province (1–2 s at 770k residents): the
  // cards and the pyramid are drawn first, the trend when it comes.
  const history = activity(state.province, 24);
  history.catch(() => undefined);  // its failure is shown where it is awaited, not as an unhandled one
  const [cov, stuck, q] = await Promise.all([
    coverage('kabupaten', state.province), activity(state.province, 0), queues('provinsi', state.province.slice(0, 2))]);
  const r = cov.total;
  const c = r.counts;
  const gapNote = (gap: number, target: number) =>
    `${t('target')} ${pct(target)} · ${gap <= 0 ? t('met') : `${t('gap')} ${pct(gap)}`}`;
  const people = (n: number, what: string) => el('span', { class: 'people', 'data-people': String(n) }, `${num(n)} ${what}`);
  const pctCard = (label: string, value: number, gap: number, target: number, left: number, what: string, id: string) => {
    const k = card(label, pct(value), gapNote(gap, target), gap > 0 ? 'warn' : 'ok');
    k.id = id;
    k.querySelector('.value')!.append(' ', people(left, what));
    return k;
  };
  const reprint = q.items.reduce((s, i) => s + (i.counts.REPRINT ?? 0), 0);
  const bcStuck = stuck.stuck.BC ?? 0;
  const cards = el('div', { class: 'cards' },
    card(t('population'), num(c.population)),
    card(t('wajib_ktp'), num(c.wajib_ktp)),
    pctCard(t('recording'), r.recording_pct, r.recording_gap, cov.targets.recording, stillToRecord(c), t('still_to_record'), 'card-recording'),
    card(t('prr'), num(c.prr)),
    card(t('suket'), num(c.suket)),
    card(t('printed'), num(c.printed)),
    card(t('delivered'), num(c.delivered)),
    card(t('duplicate'), num(c.duplicate_record)),
    card(t('stuck'), num(c.stuck), '', c.stuck > 0 ? 'warn' : ''),
    Object.assign(card(t('reprint_queue'), num(reprint), '', reprint > 0 ? 'warn' : ''), { id: 'card-reprint' }),
    Object.assign(card(t('bc_stuck'), num(bcStuck), '', bcStuck > 0 ? 'warn' : ''), { id: 'card-bc-stuck' }),
    pctCard(t('ikd'), r.ikd_pct, r.ikd_gap, cov.targets.ikd, Math.max(0, c.ikd_eligible - c.ikd_activated), t('still_to_activate'), 'card-ikd'),
    pctCard(t('akta'), r.akta_pct, r.akta_gap, cov.targets.akta, Math.max(0, c.children - c.children_with_akta), t('children_without_akta'), 'card-akta'));
  const pyramid = el('div', { class: 'chart', id: 'pyramid' });
  const trend = el('div', { class: 'chart', id: 'trend' });
  root.replaceChildren(el('h2', {}, `${t('overview')} — ${r.name} (${date(cov.as_of)})`), cards,
    el('div', { class: 'charts' }, el('div', {}, el('h3', {}, t('pyramid')), pyramid), el('div', {}, el('h3', {}, t('monthly_trend')), trend)));

  const bands = r.age_bands;
  echarts.init(pyramid).setOption({
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => num(Math.abs(v)) },
    legend: { top: 0, data: [t('male'), t('female')] },
    grid: { left: 70, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'value', name: t('population'), nameLocation: 'middle', nameGap: 25, axisLabel: { formatter: (v: number) => num(Math.abs(v)) } },
    yAxis: { type: 'category', name: t('age_band'), data: bands.map((b) => b.band) },
    series: [
      { name: t('male'), type: 'bar', stack: 'p', data: bands.map((b) => -b.male) },
      { name: t('female'), type: 'bar', stack: 'p', data: bands.map((b) => b.female) },
    ],
  });
  // The trend from the transitions already recorded: every month of the last two years.
  trend.append(el('p', { class: 'muted' }, t('loading')));
  const months = (await history).months;
  trend.replaceChildren();
  const trendChart = echarts.init(trend);
  trendChart.setOption({
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => num(v) },
    legend: { top: 0, data: [t('first_recordings'), t('st_PRINTED'), t('st_DELIVERED')] },
    grid: { left: 60, right: 20, top: 50, bottom: 40 },
    xAxis: { type: 'category', name: t('month'), nameLocation: 'middle', nameGap: 25, data: months.map((m) => month(m.month)) },
    yAxis: { type: 'value', name: t('count'), axisLabel: { formatter: (v: number) => num(v) } },
    series: [
      { name: t('first_recordings'), type: 'bar', data: months.map((m) => m.recorded) },
      { name: t('st_PRINTED'), type: 'line', data: months.map((m) => m.reached.PRINTED ?? 0) },
      { name: t('st_DELIVERED'), type: 'line', data: months.map((m) => m.reached.DELIVERED ?? 0) },
    ],
  });
  (window as any).ktpelTrend = { months: months.map((m) => m.month), recorded: months.map((m) => m.recorded) };
  const series = await getJson<{ items: unknown[]; recording_pct_per_day: number; days_to_target: number | null }>(
    `/api/v1/coverage/series?code=${state.province}&days=180`);
  const pace = series.items.length >= 2 ? null : monthlyPace(months, c.wajib_ktp, c.recorded_wajib_ktp, cov.targets.recording);
  const paceCard = pace
    ? card(t('days_to_target'), pace.days === null ? '—' : num(pace.days),
      `${fill('pace_from_months', { n: dec(pace.perDay, 1) })}${pace.days === null ? '' : ` · ${date(dayAfter(cov.as_of, pace.days))}`}`)
    : card(t('days_to_target'), series.days_to_target === null ? '—' : num(series.days_to_target),
      `${series.recording_pct_per_day >= 0 ? '+' : ''}${dec(series.recording_pct_per_day, 3)} ${t('pp_per_day')}`);
  paceCard.id = 'card-pace';
  cards.append(paceCard);
}

// Without daily snapshots, the pace of the last three whole months of first recordings: the days
// until the recorded wajib KTP reach the target at that pace (0 when met, null when none recorded).
export function monthlyPace(months: { month: string; recorded: number }[], wajib: number, recorded: number, target: number):
    { perDay: number; days: number | null } | null {
  const whole = months.slice(-4, -1);  // the current month is not over
  if (whole.length < 3) return null;
  const days = whole.reduce((s, m) => s + new Date(Date.UTC(Number(m.month.slice(0, 4)), Number(m.month.slice(5, 7)), 0)).getUTCDate(), 0);
  const perDay = whole.reduce((s, m) => s + m.recorded, 0) / days;
  const needed = Math.ceil((target / 100) * wajib) - recorded;
  if (needed <= 0) return { perDay, days: 0 };
  return { perDay, days: perDay > 0 ? Math.ceil(needed / perDay) : null };
}
