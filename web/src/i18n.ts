// Labels in Bahasa Indonesia (default) and English.
export type Lang = 'id' | 'en';

const texts = {
  overview: ['Ringkasan', 'Overview'],
  map: ['Peta', 'Map'],
  ranking: ['Peringkat', 'Ranking'],
  printing: ['Antrean cetak', 'Print queue'],
  search: ['Cari penduduk', 'Find a resident'],
  population: ['Penduduk', 'Population'],
  wajib_ktp: ['Wajib KTP', 'Must hold a KTP'],
  recording: ['Perekaman KTP-el', 'e-KTP recording'],
  prr: ['Siap cetak (PRR)', 'Print-ready (PRR)'],
  suket: ['Suket beredar', 'Suket outstanding'],
  printed: ['Tercetak, belum diambil', 'Printed, not collected'],
  delivered: ['Sudah diterima', 'Delivered'],
  duplicate: ['Data ganda', 'Duplicate records'],
  stuck: ['Tertahan > 14 hari', 'Stuck > 14 days'],
  ikd: ['Aktivasi IKD', 'IKD activation'],
  akta: ['Akta kelahiran anak 0-17', 'Birth certificates, children 0-17'],
  target: ['target', 'target'],
  gap: ['selisih', 'gap'],
  met: ['tercapai', 'met'],
  indicator: ['Indikator', 'Indicator'],
  code: ['Kode', 'Code'],
  name: ['Nama', 'Name'],
  rank: ['Peringkat', 'Rank'],
  pyramid: ['Piramida penduduk', 'Population pyramid'],
  male: ['Laki-laki', 'Male'],
  female: ['Perempuan', 'Female'],
  trend: ['Tren perekaman (%)', 'Recording trend (%)'],
  no_trend: ['Belum ada riwayat harian', 'No daily history yet'],
  back: ['Kembali', 'Back'],
  kecamatan: ['Kecamatan', 'Districts'],
  export_csv: ['Unduh CSV', 'Download CSV'],
  export_xlsx: ['Unduh XLSX', 'Download XLSX'],
  report_pdf: ['Laporan bulanan (PDF)', 'Monthly report (PDF)'],
  lowest_recording: ['Perekaman terendah', 'Lowest recording'],
  biggest_backlog: ['Antrean cetak terbesar', 'Biggest print backlog'],
  soonest_stockout: ['Blangko paling cepat habis', 'Soonest blank stock-out'],
  office: ['Kantor', 'Office'],
  blanks: ['Blangko', 'Blanks'],
  ribbons: ['Ribbon', 'Ribbons'],
  days_left: ['Hari tersisa', 'Days left'],
  backlog: ['Antrean', 'Backlog'],
  printers: ['Printer', 'Printers'],
  per_day: ['Kartu/hari', 'Cards/day'],
  status: ['Status', 'Status'],
  queue: ['Antrean cetak', 'Print queue'],
  class: ['Kelas', 'Class'],
  since: ['Sejak', 'Since'],
  plan: ['Rencana kapasitas', 'Capacity plan'],
  search_hint: ['NIK (16 angka) atau nama', 'NIK (16 digits) or name'],
  find: ['Cari', 'Find'],
  not_found: ['Tidak ditemukan', 'Not found'],
  timeline: ['Riwayat KTP-el', 'e-KTP timeline'],
  no_record: ['Belum ada perekaman KTP-el', 'Not recorded yet'],
  indicator_pick: ['Warna menurut', 'Colour by'],
  stock: ['Stok', 'Stock'],
  loading: ['Memuat...', 'Loading...'],
  days_to_target: ['Hari menuju target perekaman', 'Days to the recording target'],
  pp_per_day: ['poin %/hari', 'pp/day'],
} as const;

let lang: Lang = (localStorage.getItem('ktpel.lang') as Lang) || 'id';

export function t(key: keyof typeof texts): string {
  return texts[key][lang === 'id' ? 0 : 1];
}
export function currentLang(): Lang {
  return lang;
}
export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('ktpel.lang', l);
}
