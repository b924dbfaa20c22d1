// The wilayah the officer is looking at (a province by default: the one with residents).
import { coverage } from './api';

export const state = { province: '', provinceName: '', choices: [] as { code: string; name: string }[] };

// The province shown: ?province= in the address, else the last one chosen, else the first with
// residents in this database.
export async function pickProvince(): Promise<void> {
  if (state.province) return;
  const wanted = new URLSearchParams(location.search).get('province') ?? localStorage.getItem('ktpel.province');
  const national = await coverage('provinsi', '');
  const withPeople = national.rows.filter((r) => r.counts.population > 0);
  state.choices = withPeople.map((r) => ({ code: r.code, name: r.name }));
  const chosen = withPeople.find((r) => r.code === wanted) ?? withPeople[0] ?? national.rows[0];
  state.province = chosen?.code ?? '';
  state.provinceName = chosen?.name ?? '';
}

export function chooseProvince(code: string): void {
  const c = state.choices.find((p) => p.code === code);
  if (!c) return;
  state.province = c.code;
  state.provinceName = c.name;
  localStorage.setItem('ktpel.province', c.code);
}
