// The wilayah the officer is looking at (a province by default: the one with residents).
import { coverage } from './api';

export const state = { province: '', provinceName: '' };

export async function pickProvince(): Promise<void> {
  if (state.province) return;
  const fromUrl = new URLSearchParams(location.search).get('province');
  const national = await coverage('provinsi', '');
  const withPeople = national.rows.filter((r) => r.counts.population > 0);
  const chosen = withPeople.find((r) => r.code === fromUrl) ?? withPeople[0] ?? national.rows[0];
  state.province = chosen?.code ?? '';
  state.provinceName = chosen?.name ?? '';
}
