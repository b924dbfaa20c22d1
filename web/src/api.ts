// The ktpel API, typed for what the dashboard reads.
export interface Counts {
  population: number; male: number; female: number; wajib_ktp: number; recorded: number; recorded_wajib_ktp: number;
  prr: number; suket: number; printed: number; delivered: number; duplicate_record: number; stuck: number;
  ikd_activated: number; ikd_eligible: number; children: number; children_with_akta: number;
}
export interface CoverageRow {
  code: string; name: string; counts: Counts; age_bands: { band: string; male: number; female: number }[];
  recording_pct: number; akta_pct: number; ikd_pct: number; recording_gap: number; akta_gap: number; ikd_gap: number;
  recording_rank: number;
}
export interface Coverage {
  as_of: string; level: string; targets: { recording: number; akta: number; ikd: number };
  total: CoverageRow; rows: CoverageRow[];
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path);
  if (!res.ok) {
    let message = res.statusText;
    try { message = (await res.json()).error.message; } catch { /* not JSON */ }
    throw new Error(`${res.status} ${message}`);
  }
  return res.json() as Promise<T>;
}

export function coverage(level: string, code: string): Promise<Coverage> {
  return getJson<Coverage>(`/api/v1/coverage?level=${level}&code=${encodeURIComponent(code)}`);
}

// Sends a table to the server and saves the file it returns (CSV or XLSX).
export async function exportTable(kind: 'csv' | 'xlsx', title: string, columns: string[], rows: (string | number)[][]): Promise<void> {
  const res = await fetch(`/api/v1/export/${kind}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ title, columns, rows }),
  });
  if (!res.ok) throw new Error(`export failed: ${res.status}`);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${title.replace(/[^A-Za-z0-9_-]+/g, '_')}.${kind}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
}
