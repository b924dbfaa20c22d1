// The wilayah the officer is looking at (a province by default: the one with residents), within
// the officer's scope: a user of wilayah 65 or 65.04 only ever sees province 65; pusat sees all.
import { ApiError, coverage, session, userWilayah } from './api';

// region: a regency of the province picked on a page that shows one (Peralatan), '' for none.
export const state = { province: '', provinceName: '', region: '', choices: [] as { code: string; name: string }[] };

// The province of the signed-in user's wilayah, or '' for pusat (every province).
export function scopeProvince(): string {
  return userWilayah().slice(0, 2);
}

// The province shown: ?province= in the address, else the last one chosen, else the first with
// residents in this database; always one the user may see.
export async function pickProvince(): Promise<void> {
  if (state.province) return;
  const wanted = new URLSearchParams(location.search).get('province') ?? localStorage.getItem('ktpel.province');
  const scope = scopeProvince();
  let rows: { code: string; name: string; counts: { population: number } }[];
  try {
    rows = (await coverage('provinsi', '')).rows.filter((r) => !scope || r.code === scope);
  } catch (e) {
    // A scoped user may not be answered for the whole country: the own province is the choice.
    if (!scope || !(e instanceof ApiError) || (e.status !== 403 && e.status !== 404)) throw e;
    rows = [];
  }
  if (scope && rows.length === 0) {
    const name = userWilayah() === scope && session.user?.wilayah_name ? session.user.wilayah_name : scope;
    rows = [{ code: scope, name, counts: { population: 1 } }];
  }
  const withPeople = rows.filter((r) => r.counts.population > 0);
  state.choices = (withPeople.length ? withPeople : rows).map((r) => ({ code: r.code, name: r.name }));
  const chosen = state.choices.find((r) => r.code === wanted) ?? state.choices[0];
  state.province = chosen?.code ?? '';
  state.provinceName = chosen?.name ?? '';
}

export function chooseProvince(code: string): void {
  const c = state.choices.find((p) => p.code === code);
  if (!c) return;
  state.province = c.code;
  state.provinceName = c.name;
  state.region = '';
  localStorage.setItem('ktpel.province', c.code);
}

// After a logout or an expired session: the next user picks again within their own scope.
export function resetState(): void {
  state.province = '';
  state.provinceName = '';
  state.region = '';
  state.choices = [];
}
