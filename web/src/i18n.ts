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
  login_title: ['Masuk ke Dasbor KTP-el', 'Sign in to the e-KTP dashboard'],
  username: ['Nama pengguna', 'Username'],
  password: ['Kata sandi', 'Password'],
  totp: ['Kode autentikator (6 angka)', 'Authenticator code (6 digits)'],
  sign_in: ['Masuk', 'Sign in'],
  logout: ['Keluar', 'Log out'],
  bad_credentials: ['Nama pengguna atau kata sandi salah.', 'Wrong username or password.'],
  account_locked: ['Akun terkunci karena terlalu banyak percobaan gagal.', 'Account locked after too many failed attempts.'],
  totp_required: ['Masukkan kode dari aplikasi autentikator Anda.', 'Enter the code from your authenticator app.'],
  totp_wrong: ['Kode autentikator salah.', 'Wrong authenticator code.'],
  login_failed: ['Gagal masuk', 'Sign-in failed'],
  session_expired: ['Sesi Anda telah berakhir. Silakan masuk kembali.', 'Your session has ended. Please sign in again.'],
  logged_out: ['Anda telah keluar.', 'You have signed out.'],
  not_allowed: ['Anda tidak berwenang membuka data perorangan.', 'You are not allowed to open person-level data.'],
  not_allowed_page: ['Halaman ini tidak tersedia untuk peran Anda.', 'This page is not available for your role.'],
  pusat: ['Pusat', 'Pusat (national)'],
  role_operator: ['Operator kecamatan', 'District operator'],
  role_supervisor: ['Supervisor kabupaten/kota', 'Regency supervisor'],
  role_province: ['Petugas provinsi', 'Province officer'],
  role_centre: ['Petugas pusat', 'Central officer'],
  role_auditor: ['Auditor', 'Auditor'],
  role_viewer: ['Pemantau', 'Viewer'],
} as const;

let lang: Lang = (localStorage.getItem('ktpel.lang') as Lang) || 'id';

export type TextKey = keyof typeof texts;

export function t(key: TextKey): string {
  return texts[key][lang === 'id' ? 0 : 1];
}
export function hasText(key: string): key is TextKey {
  return key in texts;
}
export function currentLang(): Lang {
  return lang;
}
export function setLang(l: Lang): void {
  lang = l;
  localStorage.setItem('ktpel.lang', l);
}
