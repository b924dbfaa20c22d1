// Small DOM helpers: elements, numbers in Indonesian style, sortable exportable tables.
import { ApiError, AuthError, exportTable } from './api';
import { currentLang, t } from './i18n';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// Runs the work of a click or a submit: a lost session has brought up the login page already;
// any other failure is shown in out (or logged when there is no place for it).
export function act(work: () => Promise<unknown>, out?: HTMLElement): void {
  work().catch((e) => {
    if (e instanceof AuthError) return;
    const message = e instanceof ApiError && e.status === 403 ? t('not_allowed') : String(e);
    if (out) out.replaceChildren(el('p', { class: 'error' }, message)); else console.error(message);
  });
}

// Numbers and dates in the language shown: Indonesian by default (1.234.567; 12,5 %; 6 Desember 2026).
const locale = (): string => (currentLang() === 'id' ? 'id-ID' : 'en-GB');
export const num = (v: number): string => v.toLocaleString(locale(), { maximumFractionDigits: 1 });
export const km = (v: number): string => `${v.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })} km`;
export const dec = (v: number, digits: number): string => v.toLocaleString(locale(), { maximumFractionDigits: digits });
export const pct = (v: number): string => `${v.toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 2 })} %`;
const utc = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`);
export const date = (iso: string): string =>
  iso ? new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(iso)) : '';
// "2026-12-06T09:05:00Z" -> "6 Desember 2026 09.05" (UTC, as the server records it).
export const dateTime = (iso: string): string =>
  `${date(iso)} ${new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(iso))}`;
export const month = (ym: string): string =>
  new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(`${ym}-01`));
// The calendar day `days` (rounded up: a part-day is that day's work) after `iso`.
export const dayAfter = (iso: string, days: number): string =>
  new Date(utc(iso).getTime() + Math.ceil(days - 1e-9) * 86400000).toISOString().slice(0, 10);

export interface Column { label: string; value: (row: any) => string | number; format?: (v: any) => string }

// A table the officer can sort by any column and download as CSV or XLSX.
export function dataTable(title: string, columns: Column[], rows: any[], onRow?: (row: any) => void): HTMLElement {
  let sortCol = -1;
  let asc = true;
  const tbody = el('tbody');
  const render = () => {
    const sorted = [...rows];
    if (sortCol >= 0) {
      const c = columns[sortCol];
      sorted.sort((a, b) => {
        const x = c.value(a), y = c.value(b);
        const r = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return asc ? r : -r;
      });
    }
    tbody.replaceChildren(...sorted.map((row) => {
      const tr = el('tr', {}, ...columns.map((c) => el('td', {}, c.format ? c.format(c.value(row)) : String(c.value(row)))));
      if (onRow) { tr.classList.add('clickable'); tr.addEventListener('click', () => onRow(row)); }
      return tr;
    }));
  };
  const head = el('tr', {}, ...columns.map((c, i) => {
    const th = el('th', { 'data-col': String(i) }, c.label);
    th.addEventListener('click', () => { asc = sortCol === i ? !asc : true; sortCol = i; render(); });
    return th;
  }));
  render();
  const data = () => rows.map((r) => columns.map((c) => c.value(r)));
  // XLSX first (numbers stay numbers in any Excel); the CSV is the one Indonesian Excel opens right.
  const xlsx = el('button', { type: 'button', 'data-export': 'xlsx', class: 'primary' }, t('export_xlsx'));
  xlsx.addEventListener('click', () => act(() => exportTable('xlsx', title, columns.map((c) => c.label), data())));
  const csv = el('button', { type: 'button', 'data-export': 'csv' }, t('export_csv_excel'));
  csv.addEventListener('click', () => act(() => exportTable('csv', title, columns.map((c) => c.label), data())));
  return el('section', { class: 'table' }, el('div', { class: 'table-head' }, el('h3', {}, title), xlsx, csv),
    el('table', {}, el('thead', {}, head), tbody));
}

export function card(label: string, value: string, note = '', cls = ''): HTMLElement {
  return el('div', { class: `card ${cls}` }, el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), el('div', { class: 'note' }, note));
}
