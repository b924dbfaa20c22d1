#include "core/common/messages.h"

#include <map>
#include <stdexcept>

#include "core/text/utf8_prefix.h"

namespace ktpel {
namespace {

struct Text {
  const char* id;
  const char* en;
};

const std::map<std::string_view, Text>& catalogue() {
  static const std::map<std::string_view, Text> texts = {
      // Accounts, sessions and permissions (issue [8])
      {"BAD_CREDENTIALS", {"Nama pengguna atau kata sandi salah", "Wrong username or password"}},
      {"ACCOUNT_LOCKED", {"Akun {0} dikunci setelah {1} kali gagal masuk, sampai {2} UTC; coba lagi setelah itu atau minta admin pusat membuka kunci", "Account {0} is locked after {1} failed logins until {2} UTC; try again after that or ask a centre administrator to unlock it"}},
      {"ACCOUNT_DISABLED", {"Akun {0} dinonaktifkan; hubungi admin", "Account {0} is disabled; contact an administrator"}},
      {"TOTP_REQUIRED", {"Masukkan kode 6 digit dari aplikasi autentikator", "Enter the 6-digit code from your authenticator app"}},
      {"TOTP_INVALID", {"Kode autentikator salah atau sudah dipakai", "The authenticator code is wrong or already used"}},
      {"UNAUTHENTICATED", {"Silakan masuk terlebih dahulu (Authorization: Bearer TOKEN atau sesi dasbor)", "Log in first (Authorization: Bearer TOKEN or the dashboard session)"}},
      {"SESSION_EXPIRED", {"Sesi berakhir pada {0}; silakan masuk lagi", "The session ended at {0}; log in again"}},
      {"FORBIDDEN", {"Peran {0} tidak boleh melakukan ini (perlu izin {1})", "Role {0} may not do this (needs permission {1})"}},
      {"CSRF", {"Permintaan tulis dari dasbor tanpa token CSRF yang benar (header X-CSRF-Token)", "A dashboard write without the right CSRF token (header X-CSRF-Token)"}},
      {"OUT_OF_SCOPE", {"Wilayah {0} di luar cakupan akun Anda ({1})", "Region {0} is outside your account's scope ({1})"}},
      {"UNKNOWN_USER", {"Pengguna {0} tidak ada atau dinonaktifkan", "User {0} does not exist or is disabled"}},
      {"USER_EXISTS", {"Pengguna {0} sudah ada", "User {0} already exists"}},
      {"USERNAME_INVALID", {"Nama pengguna harus 3-32 karakter a-z, 0-9, titik, garis bawah atau minus", "A username needs 3-32 characters a-z, 0-9, dot, underscore or minus"}},
      {"ROLE_UNKNOWN", {"Peran '{0}' tidak dikenal; pilihan: operator, supervisor, province, centre, auditor, viewer", "Unknown role '{0}'; choose operator, supervisor, province, centre, auditor or viewer"}},
      {"SCOPE_ROLE_MISMATCH", {"Peran {0} harus dibatasi pada {1}, bukan '{2}'", "Role {0} must be scoped to {1}, not '{2}'"}},
      {"WEAK_PASSWORD", {"Kata sandi ditolak: {0}", "Password refused: {0}"}},
      {"FIRST_USER_CENTRE", {"Akun pertama harus peran centre dengan wilayah pusat", "The first account must be a centre account scoped to pusat"}},
      {"FOUR_EYES", {"Usulan {0} dibuat oleh {1}; persetujuan harus oleh petugas lain", "Proposal {0} was made by {1}; another officer must decide it"}},
      {"PROPOSAL_NOT_FOUND", {"Usulan {0} tidak ditemukan", "No proposal {0}"}},
      {"PROPOSAL_DECIDED", {"Usulan {0} sudah berstatus {1}", "Proposal {0} is already {1}"}},
      {"DELETION_NEEDS_SAME_PERSON", {"Kasus adjudikasi {0} berstatus {1}; penghapusan data ganda perlu keputusan SAME_PERSON", "Adjudication case {0} is {1}; deleting a duplicate needs a SAME_PERSON decision"}},
      {"NIK_RETIRED", {"NIK {0} telah dihapus sebagai data ganda dan tidak boleh dipakai lagi", "NIK {0} was deleted as a duplicate and may never be used again"}},
      // NIK / KK numbers
      {"NIK_LENGTH", {"NIK harus 16 digit, yang diberikan {0} karakter", "NIK must have 16 digits, got {0} characters"}},
      {"NIK_NON_DIGIT", {"NIK hanya boleh berisi angka 0-9", "NIK may contain digits 0-9 only"}},
      {"NIK_REGION_UNKNOWN", {"Kode kecamatan {0} tidak dikenal; mungkin kode lama sebelum pemekaran wilayah", "Unknown kecamatan code {0}; possibly a code from before a region split"}},
      {"NIK_DATE_INVALID", {"Tanggal lahir {0} dalam NIK bukan tanggal yang sah", "Birth date {0} in the NIK is not a valid calendar date"}},
      {"NIK_DAY_OUT_OF_RANGE", {"Tanggal {0} dalam NIK di luar 01-31 (laki-laki) dan 41-71 (perempuan)", "Day {0} in the NIK is outside 01-31 (male) and 41-71 (female)"}},
      {"NIK_SERIAL_ZERO", {"Nomor urut NIK 0000 tidak sah (harus 0001-9999)", "NIK serial 0000 is invalid (must be 0001-9999)"}},
      {"NIK_BIRTH_DATE_MISMATCH", {"Tanggal lahir dalam NIK ({0}) berbeda dengan tanggal lahir tercatat ({1})", "Birth date in the NIK ({0}) differs from the recorded birth date ({1})"}},
      {"NIK_SEX_MISMATCH", {"Jenis kelamin dalam NIK ({0}) berbeda dengan yang tercatat ({1})", "Sex encoded in the NIK ({0}) differs from the recorded sex ({1})"}},
      {"NIK_DUPLICATE", {"NIK {0} sudah terdaftar untuk penduduk lain; periksa dengan ktpel resident get {0} (NIK ganda diselesaikan oleh pusat)", "NIK {0} is already registered to another resident; check it with ktpel resident get {0} (duplicate NIKs are resolved by the centre)"}},
      {"ISSUANCE_LIMIT", {"Petugas {0} sudah mendaftarkan {1} kelahiran pada {2}, batas harian; minta supervisor memeriksa atau menaikkan KTPEL_BIRTHS_PER_OFFICER_DAY", "Officer {0} has registered {1} births on {2}, the daily limit; ask a supervisor to check, or to raise KTPEL_BIRTHS_PER_OFFICER_DAY"}},
      {"KK_SERIAL_EXHAUSTED", {"Nomor urut KK kecamatan {0} untuk hari ini sudah habis (9999); daftarkan bayi ke KK keluarganya atau coba lagi besok", "No KK serial left in kecamatan {0} for today (all 9999 used); add the baby to the family's KK, or try again tomorrow"}},
      {"NIK_SERIAL_EXHAUSTED", {"Nomor urut NIK untuk {0} sudah habis (9999); hubungi Ditjen Dukcapil", "No free NIK serial left for {0} (all 9999 used); contact Ditjen Dukcapil"}},
      {"KK_LENGTH", {"Nomor KK harus 16 digit, yang diberikan {0} karakter", "KK number must have 16 digits, got {0} characters"}},
      {"KK_NON_DIGIT", {"Nomor KK hanya boleh berisi angka 0-9", "KK number may contain digits 0-9 only"}},
      {"KK_REGION_UNKNOWN", {"Kode wilayah {0} dalam nomor KK tidak dikenal; mungkin kode lama sebelum pemekaran", "Unknown region code {0} in the KK number; possibly a code from before a region split"}},
      {"KK_DATE_INVALID", {"Tanggal terbit {0} dalam nomor KK bukan tanggal yang sah", "Issue date {0} in the KK number is not a valid calendar date"}},
      {"KK_SERIAL_ZERO", {"Nomor urut KK 0000 tidak sah", "KK serial 0000 is invalid"}},
      // Resident fields
      {"FIELD_REQUIRED", {"Kolom {0} wajib diisi", "Field {0} is required"}},
      {"FIELD_TYPE", {"Kolom {0} harus berupa {1}", "Field {0} must be {2}"}},
      {"FIELD_UNKNOWN", {"Kolom tidak dikenal: {0}; kolom yang boleh: {1}", "Unknown field(s): {0}; allowed: {1}"}},
      {"FIELD_RANGE", {"Kolom {0} harus antara {1} dan {2}", "Field {0} must lie between {1} and {2}"}},
      {"FIELD_TOO_LONG", {"Kolom {0} terlalu panjang (maksimal {1} karakter)", "Field {0} is too long (at most {1} characters)"}},
      {"FIELD_BAD_UTF8", {"Kolom {0} bukan teks UTF-8 yang sah", "Field {0} is not valid UTF-8 text"}},
      {"FIELD_HIDDEN_CHARACTER", {"Kolom {0} memuat karakter tersembunyi {1} (kontrol, pengubah arah teks atau lebar nol)", "Field {0} holds the hidden character {1} (a control, text-direction or zero-width character)"}},
      {"FIELD_UNTRIMMED", {"Kolom {0} diawali atau diakhiri spasi", "Field {0} starts or ends with a space"}},
      {"FIELD_BLANK", {"Kolom {0} hanya berisi spasi", "Field {0} holds only spaces"}},
      {"NAME_CHARACTER", {"Kolom {0}: karakter {1} tidak dipakai dalam nama (hanya huruf, spasi dan ' - . ,)", "Field {0}: {1} is not used in names (letters, spaces and ' - . , only)"}},
      {"NAME_DOUBLE_SPACE", {"Kolom {0} memuat dua spasi berturut-turut", "Field {0} holds two spaces in a row"}},
      {"DATE_FORMAT", {"Kolom {0}: '{1}' bukan tanggal yang sah (format YYYY-MM-DD)", "Field {0}: '{1}' is not a valid date (format YYYY-MM-DD)"}},
      {"DATE_IN_FUTURE", {"Kolom {0}: tanggal {1} ada di masa depan", "Field {0}: date {1} is in the future"}},
      {"ENUM_VALUE", {"Kolom {0}: '{1}' tidak dikenal; pilihan: {2}", "Field {0}: '{1}' is not allowed; choose one of: {2}"}},
      {"VILLAGE_UNKNOWN", {"Kode desa/kelurahan {0} tidak dikenal (format PP.KK.CC.NNNN); cari kodenya dengan: ktpel wilayah search NAMA --level desa", "Unknown desa/kelurahan code {0} (format PP.KK.CC.NNNN); look it up with: ktpel wilayah search NAME --level desa"}},
      {"RT_RW_FORMAT", {"Kolom {0}: '{1}' harus 1-3 digit angka, misalnya 001", "Field {0}: '{1}' must be 1-3 digits, e.g. 001"}},
      {"RESIDENT_NOT_FOUND", {"Penduduk dengan NIK {0} tidak ditemukan", "No resident with NIK {0}"}},
      {"RESIDENT_DEAD", {"Penduduk {0} sudah tercatat meninggal", "Resident {0} is already recorded as deceased"}},
      {"RESIDENT_DECEASED", {"Penduduk {0} tercatat meninggal pada {1}: KTP-el tidak dicetak dan suket tidak diterbitkan", "Resident {0} is recorded as deceased on {1}: no e-KTP card is printed and no suket issued"}},
      {"NIK_IMMUTABLE", {"NIK tidak dapat diubah; untuk NIK ganda ajukan ke pusat", "A NIK never changes; duplicate NIKs are resolved by the centre"}},
      {"MARITAL_TRANSITION", {"Perubahan status kawin dari {0} ke {1} tidak sah", "Marital status cannot change from {0} to {1}"}},
      {"MOVE_SAME_ADDRESS", {"Alamat tujuan pindah sama dengan alamat sekarang", "The move destination equals the current address"}},
      {"DEATH_BEFORE_BIRTH", {"Tanggal kematian {0} sebelum tanggal lahir {1}", "Death date {0} is before birth date {1}"}},
      {"RELATIONSHIP_VALUE", {"Hubungan keluarga '{0}' tidak dikenal; pilihan: {1}", "Family relationship '{0}' is not allowed; choose one of: {1}"}},
      {"KK_MISMATCH", {"NIK {0} tercatat di KK {1}, bukan {2}", "NIK {0} belongs to KK {1}, not {2}"}},
      {"KK_HEAD_TAKEN", {"{0} adalah kepala keluarga, dan KK {1} sudah punya kepala keluarga ({2}); pindahkan anggota lain dulu atau pakai KK baru", "{0} is a head of family, and KK {1} already has one ({2}); move the other members first or use a new KK"}},
      // Registration and moves (issue [11])
      {"PARENT_REQUIRED", {"Kelahiran perlu NIK ibu (mother_nik, dan father_nik bila ada) atau alasan (parent_reason): {0}", "A birth needs the mother's NIK (mother_nik, and father_nik where known) or a reason (parent_reason): {0}"}},
      {"PARENT_NOT_FOUND", {"Kolom {0}: NIK {1} tidak terdaftar; daftarkan orang tua dulu atau isi parent_reason", "Field {0}: NIK {1} is not registered; register the parent first or give parent_reason"}},
      {"PARENT_SEX", {"Kolom {0}: penduduk {1} bukan berjenis kelamin {2}", "Field {0}: resident {1} is not of sex {2}"}},
      {"PARENT_BORN_AFTER", {"Kolom {0}: orang tua {1} lahir {2}, tidak sebelum anaknya", "Field {0}: parent {1} was born {2}, not before the child"}},
      {"MARITAL_UNDER_AGE", {"Kolom marital_status: {0} tidak sah untuk umur {1} tahun; batas umur kawin {2} tahun (UU 16/2019; perempuan 16 tahun sebelum 15-10-2019)", "Field marital_status: {0} is not possible at age {1}; the legal marriage age is {2} (UU 16/2019; 16 for women before 2019-10-15)"}},
      {"LIKELY_DOUBLE", {"Kemungkinan data ganda: nama, tanggal lahir, jenis kelamin dan ibu sama dengan NIK {0} di kabupaten ini; periksa, atau nyatakan confirm_not_double dengan not_double_reason", "Likely double: same name, birth date, sex and mother as NIK {0} in this regency; check it, or state confirm_not_double with not_double_reason"}},
      {"KK_REQUIRED", {"{0} belum dewasa dan tidak menjadi kepala keluarga: isi mother_nik/father_nik (ikut KK orang tua) atau kk yang dituju dengan kk_reason", "{0} is a minor and never heads a family: give mother_nik/father_nik (joins a parent's KK) or the KK to join (kk) with kk_reason"}},
      {"KK_HEAD_MINOR", {"{0} belum dewasa (belum wajib KTP) dan tidak dapat menjadi kepala keluarga KK baru", "{0} is a minor (not yet wajib KTP) and cannot head a new KK"}},
      {"KK_REASON_REQUIRED", {"Orang tua tercatat di KK {0}; untuk KK lain isi kk_reason", "The parents are on KK {0}; to register on another KK give kk_reason"}},
      {"KK_CHOICE_CONFLICT", {"Pilih salah satu: KK yang dituju (kk) atau KK baru (new_kk / with_family)", "Choose one: the KK to join (kk) or a new KK (new_kk / with_family)"}},
      {"KK_NEW_NEEDS_HEAD", {"Di KK baru hubungan keluarga harus KEPALA KELUARGA, bukan {0}", "In a new KK the relationship must be KEPALA KELUARGA, not {0}"}},
      {"KK_NOT_FOUND", {"KK {0} tidak terdaftar (tanpa anggota)", "KK {0} is not registered (no members)"}},
      {"KK_NOT_IN_DESTINATION", {"KK {0} tidak beralamat di desa tujuan {1}; pilih KK di desa tujuan atau KK baru", "KK {0} is not at the destination village {1}; choose a KK there or a new KK"}},
      {"MOVE_NEW_HEAD_REQUIRED", {"Kepala keluarga pindah sendiri: isi new_head (anggota dewasa KK {0} yang tinggal: {1}) atau with_family=true", "The head of family moves alone: give new_head (an adult member of KK {0} who stays: {1}) or with_family=true"}},
      {"MOVE_NEW_HEAD_INVALID", {"new_head {0} bukan anggota dewasa yang masih hidup dari KK {1}; anggota: {2}", "new_head {0} is not a living adult member of KK {1}; members: {2}"}},
      {"MOVE_FAMILY_NOT_HEAD", {"with_family hanya untuk kepala keluarga; {0} bukan kepala keluarga", "with_family is for the head of family; {0} is not the head"}},
      {"FAMILY_HEAD_COUNT", {"KK {0} harus punya tepat satu kepala keluarga (ada {1})", "KK {0} must have exactly one head of family (found {1})"}},
      // CSV files
      {"CSV_EMPTY", {"Berkas kosong (0 byte); harus ada baris judul: {0}", "The file is empty (0 bytes); it needs the header row: {0}"}},
      {"CSV_HEADER", {"Baris judul salah. Diharapkan: {0}; ditemukan: {1}", "Wrong header row. Expected: {0}; found: {1}"}},
      {"CSV_COLUMNS", {"Baris punya {0} kolom, seharusnya {1}", "The row has {0} columns, expected {1}"}},
      {"CSV_QUOTE", {"Tanda kutip tidak benar: {0}", "Quote error: {0}"}},
      {"CSV_BINARY", {"Berkas berisi data biner (byte NUL), bukan CSV teks", "The file holds binary data (NUL byte), not CSV text"}},
      {"CSV_BAD_UTF8", {"Baris berisi byte yang bukan UTF-8", "The row holds bytes that are not UTF-8"}},
      // e-KTP status flow
      {"EKTP_TRANSITION", {"Peristiwa '{0}' tidak boleh dari status {1}", "Event '{0}' is not allowed from status {1}"}},
      {"ADJUDICATION_NOT_FOUND", {"Kasus adjudikasi #{0} tidak ada", "Adjudication case #{0} does not exist"}},
      {"ADJUDICATION_DECIDED", {"Kasus adjudikasi #{0} sudah diputuskan ({1})", "Adjudication case #{0} is already decided ({1})"}},
      {"EKTP_BLOCKED_DUPLICATE", {"Rekaman berstatus DUPLICATE_RECORD: kartu diblokir sampai pusat memutuskan ({0} ditolak)", "The record is a DUPLICATE_RECORD: the card is blocked until the centre resolves it ({0} refused)"}},
      {"EKTP_REPRINT_REASON", {"Alasan cetak ulang '{0}' tidak dikenal; pilihan: HILANG, RUSAK, PERUBAHAN DATA", "Unknown reprint reason '{0}'; choose HILANG, RUSAK or PERUBAHAN DATA"}},
      {"EKTP_DATES", {"Tanggal status {0} sebelum tanggal perekaman {1}", "Status date {0} is before the recording date {1}"}},
      {"EKTP_MOVED", {"Rekaman KTP-el NIK {0} baru saja diubah petugas lain (sekarang {1}); muat ulang dan coba lagi",
                      "The e-KTP record of NIK {0} was just changed by someone else (now {1}); reload and try again"}},
      {"EKTP_NOT_FOUND", {"Belum ada rekaman KTP-el untuk NIK {0}", "No e-KTP record for NIK {0} yet"}},
      // e-KTP statuses in words, for officers (ktpel ektp status, resident get)
      {"EKTP_WORDS_BC", {"Sudah direkam, data belum terkirim ke pusat (BC)", "Recorded, data not yet sent to the centre (BC)"}},
      {"EKTP_WORDS_SFE", {"Data rekaman sudah diterima pusat (SFE)", "Recording received by the centre (SFE)"}},
      {"EKTP_WORDS_DEDUP", {"Sedang diperiksa data ganda (DEDUP)", "Being checked for duplicates (DEDUP)"}},
      {"EKTP_WORDS_DEDUP_REVIEW", {"Kemungkinan data ganda, menunggu keputusan petugas adjudikasi (DEDUP_REVIEW)", "Possible duplicate, awaiting an adjudicator's decision (DEDUP_REVIEW)"}},
      {"EKTP_WORDS_PRR", {"Siap cetak, menunggu antrean cetak (PRR)", "Ready to print, waiting in the print queue (PRR)"}},
      {"EKTP_WORDS_DUPLICATE_RECORD", {"Terblokir: data ganda, menunggu keputusan pusat (DUPLICATE_RECORD)", "Blocked: duplicate record, awaiting the centre's decision (DUPLICATE_RECORD)"}},
      {"EKTP_WORDS_SUKET", {"Surat keterangan (suket) diterbitkan, kartu belum dicetak (SUKET)", "Certificate (suket) issued, card not yet printed (SUKET)"}},
      {"EKTP_WORDS_PRINTED", {"Kartu sudah dicetak, siap diambil (PRINTED)", "Card printed, ready for collection (PRINTED)"}},
      {"EKTP_WORDS_DELIVERED", {"Kartu sudah diserahkan (DELIVERED)", "Card handed over (DELIVERED)"}},
      {"EKTP_WORDS_REPRINT", {"Cetak ulang diminta, menunggu masuk antrean (REPRINT)", "Reprint requested, waiting to be queued (REPRINT)"}},
      {"EKTP_WORDS_CANCELLED", {"Dibatalkan (CANCELLED)", "Cancelled (CANCELLED)"}},
      // Enrolment data
      {"ISO_TEMPLATE", {"Templat sidik jari ISO 19794-2 rusak: {0} (byte {1})", "Malformed ISO 19794-2 fingerprint template: {0} (byte {1})"}},
      {"ENROLMENT_INVALID", {"Data perekaman {0} tidak sah: {1}", "Enrolment field {0} is invalid: {1}"}},
      // Recording packets and stations
      {"PACKET_DAMAGED", {"Paket rusak atau diubah: {0}", "Packet damaged or tampered with: {0}"}},
      {"PACKET_SIGNATURE", {"Tanda tangan paket tidak cocok dengan kunci stasiun {0} (kunci salah atau paket diubah)", "The packet signature does not match station {0}'s keys (wrong key or tampered packet)"}},
      {"STATION_UNKNOWN", {"Stasiun {0} tidak terdaftar di pusat", "Station {0} is not registered at the centre"}},
      {"STATION_REVOKED", {"Stasiun {0} sudah dicabut; paketnya ditolak. Daftarkan ulang stasiun dengan kode baru", "Station {0} is revoked; its packets are refused. Register the station again with a new code"}},
      {"STATION_CODE", {"Kode pendaftaran stasiun tidak sah, sudah dipakai, atau kedaluwarsa; minta kode baru ke admin pusat", "The station registration code is invalid, used or expired; ask the centre admin for a new one"}},
      {"CENTRE_FINGERPRINT", {"Pusat di {0} menjawab dengan sidik kunci {1}, bukan {2}: mungkin bukan pusat Anda. Tidak ada yang disimpan; cocokkan sidik kunci dengan petugas pusat (ktpel centre fingerprint), lalu minta kode baru", "The centre at {0} answered with key fingerprint {1}, not {2}: it may not be your centre. Nothing was stored; check the fingerprint with the centre's officer (ktpel centre fingerprint), then ask for a new code"}},
      {"STATION_PASSPHRASE", {"Frasa sandi stasiun salah (KTPEL_STATION_PASSPHRASE)", "Wrong station passphrase (KTPEL_STATION_PASSPHRASE)"}},
      {"OPERATOR_LOGIN", {"Operator {0} tidak dikenal atau kata sandi salah", "Operator {0} unknown or wrong password"}},
      {"PACKET_STATION_MISMATCH", {"Paket {0} menyebut stasiun {1}, tetapi isinya dari stasiun {2}", "Packet {0} claims station {1} but its content comes from station {2}"}},
      {"STATION_TOKEN", {"Stasiun {0} tidak membawa token unggah yang sah; jalankan ktpel station rotate-key untuk mendapat token baru", "Station {0} did not present a valid upload token; run ktpel station rotate-key to get a new one"}},
      {"PACKET_STATION", {"Paket {0} bukan milik stasiun {1}; stasiun hanya mengunggah paketnya sendiri", "Packet {0} does not belong to station {1}; a station uploads only its own packets"}},
      {"UPLOAD_QUOTA", {"Stasiun {0} sudah punya {1} unggahan terbuka ({2}); selesaikan atau tunggu yang lama kedaluwarsa", "Station {0} already has {1} open uploads ({2}); finish them or wait for abandoned ones to expire"}},
      {"UPLOAD_INCOMPLETE", {"Unggahan paket {0} belum lengkap ({1} dari {2} byte)", "Upload of packet {0} is incomplete ({1} of {2} bytes)"}},
      {"UPLOAD_CORRUPTED", {"Unggahan paket {0} rusak di jalan (SHA-256 berbeda); kirim ulang", "Upload of packet {0} was corrupted in transit (SHA-256 differs); send it again"}},
      // Stock ledger
      {"STOCK_LEDGER", {"Mutasi stok ditolak: {0}", "Stock movement refused: {0}"}},
      {"STOCK_QUANTITY", {"Jumlah {0} ditolak: satu mutasi stok memindahkan 1 sampai {1} barang", "Quantity {0} refused: one stock movement moves 1 to {1} items"}},
      // Equipment (issue [10])
      {"EQUIPMENT_FIELD", {"Data peralatan salah pada kolom {0}: harus {1}", "Equipment field {0} is wrong: must be {1}"}},
      {"REPAIR_PLAN_FIELD", {"Data rencana perbaikan salah pada kolom {0}: harus {1}", "Repair plan field {0} is wrong: must be {1}"}},
      {"OUTREACH_PLAN_FIELD", {"Data rencana jemput bola salah pada kolom {0}: harus {1}", "Outreach plan field {0} is wrong: must be {1}"}},
      {"SET_COMPOSITION", {"Susunan set perekaman salah: {0} — harus {1}", "Recording-set composition is wrong: {0} — must be {1}"}},
      {"TICKET_FIELD", {"Tiket perbaikan salah pada kolom {0}: harus {1}", "Repair ticket field {0} is wrong: must be {1}"}},
      {"TICKET_OPEN", {"Peralatan {0} sudah punya tiket perbaikan terbuka ({1}); tambahkan keterangan di tiket itu", "Item {0} already has an open repair ticket ({1}); add to that ticket instead"}},
      {"TICKET_CLOSED", {"Tiket {0} sudah ditutup pada {1}", "Ticket {0} was already closed on {1}"}},
      {"TICKET_NOT_FOUND", {"Tiket perbaikan {0} tidak ada", "Repair ticket {0} does not exist"}},
      {"ITEM_NOT_FOUND", {"Peralatan dengan nomor seri {0} tidak terdaftar", "No equipment item with serial {0}"}},
      {"ITEM_EXISTS", {"Peralatan dengan nomor seri {0} sudah terdaftar", "Equipment serial {0} is already registered"}},
      {"ITEM_RETIRED", {"Peralatan {0} sudah dihapus dari inventaris (retired); statusnya tidak bisa diubah lagi", "Item {0} is retired; its status can no longer change"}},
      {"ITEM_STATUS_TICKET", {"Peralatan {0} masih punya tiket perbaikan terbuka ({1}); tutup tiketnya (ktpel equipment repair {1} ...) agar statusnya aktif", "Item {0} still has an open repair ticket ({1}); close the ticket (ktpel equipment repair {1} ...) to make it active"}},
      {"OFFICE_OUT_OF_SCOPE", {"Kantor {0} di luar wilayah akun Anda; baris ini harus diimpor oleh petugas wilayah itu", "Office {0} is outside your account's scope; an officer of that region must import this row"}},
      {"PLANNER_BUSY", {"Rencana lain sedang dihitung; coba lagi beberapa detik lagi", "Another plan is being computed; try again in a few seconds"}},
      {"INVENTORY_CSV", {"Baris {0}: {1}", "Row {0}: {1}"}},
      {"PROCUREMENT_PRICE_MISSING", {"Harga {0} tidak ada di katalog harga (dibutuhkan {1}); tambahkan harga satuannya", "No price for {0} in the price catalogue (needed by {1}); add its unit price"}},
      {"PROCUREMENT_INPUT", {"Data pengadaan salah pada {0}: {1}", "Procurement input wrong at {0}: {1}"}},
      {"CONTINUITY_INPUT", {"Data rencana kesinambungan perekaman salah pada {0}: {1}", "Continuity plan input wrong at {0}: {1}"}},
      {"PRINTER_FIELD", {"Data printer salah pada kolom {0}: harus {1}", "Printer field {0} is wrong: must be {1}"}},
      {"PRINTER_NOT_FOUND", {"Printer {0} tidak terdaftar", "Printer {0} is not registered"}},
      {"PRINTER_EXISTS", {"Printer {0} sudah terdaftar", "Printer {0} is already registered"}},
      {"PRINTER_NOT_HERE", {"Printer {0} tidak mencetak untuk kantor {1} hari ini (status: {2}); aktifkan (ktpel printer status {0} active) atau pakai printer kantor ini (ktpel printer list --office {1})", "Printer {0} does not print for office {1} today (status: {2}); set it active (ktpel printer status {0} active) or use one of this office's printers (ktpel printer list --office {1})"}},
      {"PRINT_PRIORITY", {"Urutan prioritas '{0}' salah: sebut FIRST_CARD, DATA_CHANGE, REPLACEMENT, SUKET_CONVERSION masing-masing sekali", "Priority order '{0}' is wrong: name FIRST_CARD, DATA_CHANGE, REPLACEMENT, SUKET_CONVERSION once each"}},
      {"PRINT_NOT_READY", {"NIK {0} berstatus {1}; hanya PRR atau SUKET yang dapat dicetak (riwayat: ktpel ektp status {0})", "NIK {0} is {1}; only PRR or SUKET records can be printed (history: ktpel ektp status {0})"}},
      {"PRINT_WRONG_OFFICE", {"NIK {0} tinggal di wilayah {1}, bukan antrean kantor {2}: cetak di Disdukcapil kabupaten/kota domisilinya, atau sebutkan kantor pemiliknya (--for-office / for_office) bila mencetak untuk kantor lain", "NIK {0} lives in {1}, not in office {2}'s queue: print it at the office of the regency where the resident lives, or name the owning office (--for-office / for_office) when printing for another office"}},
      {"OFFICE_UNKNOWN", {"Kantor {0} tidak dikenal: pakai kode kabupaten/kota (PP.KK) atau provinsi (PP)", "Unknown office {0}: use a regency/city code (PP.KK) or a province code (PP)"}},
      {"SUKET_NOT_NEEDED", {"KTP-el penduduk ini diperkirakan dicetak di kantor {0} pada {1} ({2} hari lagi, nomor antrean {3}); suket hanya diterbitkan bila menunggu lebih dari {4} hari (atau --force bila penduduk tidak dapat menunggu)", "This resident's card is expected at office {0} on {1} ({2} days from now, place {3} in the queue); a suket is issued only for a wait of more than {4} days (or --force when the resident cannot wait)"}},
      {"SUKET_NOT_RENEWABLE", {"Suket {0} berstatus {1} ({2}) dan tidak dapat diperpanjang; hanya suket yang masih terbuka", "Suket {0} is {1} ({2}) and cannot be renewed; only an open suket can"}},
      {"SUKET_RENEW_TOO_EARLY", {"Suket {0} masih berlaku sampai {1}; perpanjangan baru dapat dilakukan mulai {2}", "Suket {0} is valid until {1}; it can be renewed from {2}"}},
      {"PRINT_BEFORE_PRR", {"Kolom date: tanggal cetak {0} sebelum rekaman menjadi PRR (siap cetak) pada {1}", "Field date: print date {0} is before the record became PRR (print-ready) on {1}"}},
      {"DELIVERY_BEFORE_PRINT", {"Kolom date: tanggal penyerahan {0} sebelum kartu dicetak pada {1}", "Field date: hand-over date {0} is before the card was printed on {1}"}},
      {"DELIVERY_SELF_WITH_REPRESENTATIVE", {"Kolom collector: SELF (diambil sendiri) tidak memakai nama/NIK wakil; pilih REPRESENTATIVE bila diwakilkan", "Field collector: SELF (collected in person) takes no representative name/NIK; choose REPRESENTATIVE when someone collects on the resident's behalf"}},
      {"DELIVERY_REPRESENTATIVE_SELF", {"Kolom representative_nik: {0} adalah NIK pemilik kartu sendiri; pilih collector SELF", "Field representative_nik: {0} is the card holder's own NIK; choose collector SELF"}},
      {"DELIVERY_WRONG_OFFICE", {"Kolom office: kartu NIK {0} diserahkan di Disdukcapil domisilinya ({1}), bukan {2}", "Field office: the card of NIK {0} is handed over at the office of the resident's regency ({1}), not {2}"}},
      {"CARD_NOT_ARRIVED", {"Kartu {0} dicetak di kantor {1} untuk {2} dan belum diterima di {2} (dikirim: {3}); catat penerimaan dulu: ktpel print receive --from {1} --office {2}", "Card {0} was printed at office {1} for {2} and has not been received at {2} yet (shipped: {3}); record its arrival first: ktpel print receive --from {1} --office {2}"}},
      {"PRINT_FOR_OFFICE_MISMATCH", {"Kolom for_office: NIK {0} tinggal di {1}, bukan wilayah kantor {2}", "Field for_office: NIK {0} lives in {1}, not under office {2}"}},
      {"SHIP_SAME_OFFICE", {"Kolom to: kantor tujuan sama dengan kantor pencetak ({0})", "Field to: the destination is the printing office itself ({0})"}},
      {"PRINT_BLOCKED_DUPLICATE", {"NIK {0} berstatus DUPLICATE_RECORD, duplikat dari {1}: kartu tidak dicetak sampai pusat memutuskan", "NIK {0} is a DUPLICATE_RECORD of {1}: no card is printed until the centre decides"}},
      {"NO_BLANKS", {"Blangko di kantor {0} habis: terima tranche (ktpel stock receive), minta kiriman dari kantor lain, atau terbitkan suket (ktpel suket issue)", "No blanks left at office {0}: receive a tranche (ktpel stock receive), ask another office for a transfer, or issue a suket (ktpel suket issue)"}},
      {"SUKET_PAGE_VALID", {"Suket ini ASLI dan BERLAKU sampai {0}.", "This suket is genuine and valid until {0}."}},
      {"SUKET_PAGE_EXPIRED", {"Suket ini asli, tetapi masa berlakunya sudah HABIS ({0}). Pemegang perlu memperpanjangnya di Disdukcapil.", "This suket is genuine but EXPIRED ({0}). The holder needs to renew it at the Disdukcapil office."}},
      {"SUKET_PAGE_REVOKED", {"Suket ini TIDAK BERLAKU LAGI: pemegangnya sudah menerima KTP-el atau suket pengganti (nomor {1}).", "This suket is NO LONGER VALID: the holder has received the e-KTP card or a replacement suket (number {1})."}},
      {"SUKET_PAGE_DECEASED", {"Suket ini TIDAK BERLAKU: pemegangnya tercatat meninggal dunia.", "This suket is NOT VALID: its holder is recorded as deceased."}},
      {"SUKET_PAGE_INVALID", {"Suket ini TIDAK SAH: tidak diterbitkan oleh Disdukcapil atau isinya telah diubah. Jangan terima dokumen ini.", "This suket is NOT GENUINE: not issued by Disdukcapil, or altered. Do not accept it."}},
      // "Where is my KTP?" in words for a resident ({0} office and address, {1} suket number, {2} its last day)
      {"KTP_WORDS_NOT_RECORDED", {"Anda belum melakukan perekaman KTP-el.", "You have not been recorded for an e-KTP yet."}},
      {"KTP_WORDS_BC", {"Data perekaman KTP-el Anda sudah diambil dan sedang dikirim ke pusat.", "Your e-KTP recording was taken and is being sent to the centre."}},
      {"KTP_WORDS_SFE", {"Data perekaman KTP-el Anda sudah diterima pusat dan menunggu pemeriksaan.", "The centre received your e-KTP recording; it is waiting to be checked."}},
      {"KTP_WORDS_DEDUP", {"Data KTP-el Anda sedang diperiksa agar tidak ada data ganda.", "Your e-KTP data is being checked for duplicates."}},
      {"KTP_WORDS_DEDUP_REVIEW", {"Data KTP-el Anda mirip dengan data penduduk lain dan sedang diperiksa petugas.", "Your e-KTP data resembles another resident's and is being reviewed by an officer."}},
      {"KTP_WORDS_DUPLICATE_RECORD", {"Data KTP-el Anda tercatat ganda dengan data penduduk lain; KTP-el belum dapat dicetak sampai diselesaikan di {0}.", "Your e-KTP data is recorded as a duplicate of another resident's; the card cannot be printed until it is resolved at {0}."}},
      {"KTP_WORDS_PRR", {"Data KTP-el Anda sudah lengkap dan menunggu giliran cetak di {0}.", "Your e-KTP data is complete and waiting to be printed at {0}."}},
      {"KTP_WORDS_SUKET", {"KTP-el Anda menunggu giliran cetak di {0}. Sementara itu Anda memegang surat keterangan (suket) nomor {1} yang berlaku sampai {2}.", "Your e-KTP is waiting to be printed at {0}. Meanwhile you hold the suket number {1}, valid until {2}."}},
      {"KTP_WORDS_PRINTED", {"KTP-el Anda sudah dicetak dan dapat diambil di {0}.", "Your e-KTP has been printed and can be collected at {0}."}},
      {"KTP_WORDS_DELIVERED", {"KTP-el Anda sudah diserahkan.", "Your e-KTP has been handed over."}},
      {"KTP_WORDS_REPRINT", {"Permohonan cetak ulang KTP-el Anda sedang diproses di {0}.", "Your request for a reprinted e-KTP is being processed at {0}."}},
      {"KTP_WORDS_CANCELLED", {"Rekaman KTP-el ini sudah ditutup.", "This e-KTP record is closed."}},
      {"KTP_WORDS_QUEUE", {"Nomor antrean cetak Anda {0}; perkiraan dicetak {1}.", "You are number {0} in the print queue; expected to be printed on {1}."}},
      {"KTP_WORDS_QUEUE_UNDATED", {"Nomor antrean cetak Anda {0}; tanggal cetak belum dapat diperkirakan karena blangko atau printer di {1} belum mencukupi.", "You are number {0} in the print queue; no date can be given yet because {1} lacks blanks or a working printer."}},
      {"KTP_ADVICE_STUCK", {"Data Anda sudah {0} hari pada tahap ini. Datang ke {1} dengan membawa Kartu Keluarga (KK) asli dan bukti perekaman KTP-el (jika ada) agar petugas memeriksanya.", "Your data has been at this step for {0} days. Come to {1} with your original family card (KK) and your e-KTP recording receipt (if any) so an officer can check it."}},
      {"KTP_ADVICE_COLLECT", {"Ambil KTP-el Anda di {0} dengan membawa KK asli dan suket atau bukti perekaman. Bila diwakilkan, wakil membawa surat kuasa dan KTP-el wakil.", "Collect your e-KTP at {0} with your original KK and the suket or recording receipt. A representative brings a letter of authority and their own e-KTP."}},
      {"KTP_ADVICE_SUKET_EXPIRED", {"Suket {0} sudah habis masa berlakunya. Datang ke {1} dengan membawa suket lama dan KK asli untuk memperpanjangnya.", "Suket {0} has expired. Come to {1} with the old suket and your original KK to renew it."}},
      {"KTP_ADVICE_RECORD", {"Datang ke kantor kecamatan atau {0} dengan membawa KK asli untuk perekaman KTP-el.", "Come to the kecamatan office or {0} with your original KK to be recorded for an e-KTP."}},
      {"AKTA_EXISTS", {"NIK {0} sudah memiliki akta kelahiran nomor {1}; akta tidak diterbitkan dua kali", "NIK {0} already has birth certificate {1}; an akta is never issued twice"}},
      {"AKTA_WRONG_OFFICE", {"NIK {0} tinggal di wilayah {1}; akta kelahiran diterbitkan oleh Disdukcapil domisilinya, bukan kantor {2}", "NIK {0} lives in {1}; the birth certificate is issued by the office of that regency, not office {2}"}},
      {"AKTA_DECEASED", {"Penduduk {0} tercatat meninggal pada {1}: akta kelahiran tidak diterbitkan lewat layanan ini", "Resident {0} is recorded as deceased on {1}: no birth certificate is issued through this service"}},
      {"AKTA_BEFORE_BIRTH", {"Tanggal akta {0} sebelum tanggal lahir {1}", "The akta date {0} is before the birth date {1}"}},
      {"SUKET_NOT_FOUND", {"Suket {0} tidak ditemukan", "Suket {0} not found"}},
      {"SUKET_TOKEN", {"Token suket tidak terbaca ({0})", "Suket token unreadable ({0})"}},
      {"SUKET_SIGNATURE", {"Tanda tangan suket TIDAK sah: suket palsu atau diubah", "Suket signature is NOT valid: forged or altered"}},
      {"SUKET_KEY_UNKNOWN", {"Kunci kantor {0} tidak dikenal; suket tidak dapat diperiksa", "No key for office {0}; the suket cannot be checked"}},
      {"SETTING_VALUE", {"Nilai pengaturan {0} salah: {1}", "Setting {0} has a wrong value: {1}"}},
      // Monthly reports ([11])
      {"REPORT_REGION", {"Laporan bulanan dibuat untuk provinsi (mis. 65) atau kabupaten/kota (mis. 65.71); {0} bukan salah satunya", "A monthly report is made for a province (e.g. 65) or a regency (e.g. 65.71); {0} is neither"}},
      {"REPORT_MONTH", {"Bulan {0} salah: tulis TTTT-BB (mis. 2026-11), paling lambat {1}", "Month {0} is wrong: write YYYY-MM (e.g. 2026-11), not after {1}"}},
      {"PLAN_INPUT", {"Data perencanaan kapasitas salah pada {0}: {1}", "Capacity planner input wrong at {0}: {1}"}},
      // Demographic dedup model (the incremental path keeps the last good one)
      {"DEDUP_MODEL_EM", {"Model tidak disimpan: EM sesi '{0}' tidak konvergen dalam {1} iterasi", "Model not saved: the EM session '{0}' did not converge in {1} iterations"}},
      {"DEDUP_MODEL_WEIGHT", {"Model tidak disimpan: kecocokan {0} ({1}) tidak lebih mungkin pada pasangan yang sama (m {2}) daripada yang berbeda (u {3})", "Model not saved: agreement on {0} ({1}) is not more likely among matches (m {2}) than among non-matches (u {3})"}},
      {"DEDUP_MODEL_PRIOR", {"Model tidak disimpan: peluang awal {0} tidak masuk akal ({1} pasangan ganda diharapkan di antara {2} rekaman; registri tanpa data ganda tidak mengajarkan apa pun)", "Model not saved: the prior {0} is implausible ({1} matching pairs expected among {2} records; a registry without duplicates teaches nothing)"}},
      {"DEDUP_MODEL_REGION", {"Model tidak disimpan: proses atas wilayah {0} saja tidak mengganti model seluruh registri", "Model not saved: a run over region {0} only does not replace the whole registry's model"}},
      // Coverage
      {"COVERAGE_DAY_RANGE", {"Tanggal {0} di luar jangkauan: cakupan dihitung untuk {1} sampai {2} (penghitung berlaku {3}; hanya jam server yang memajukannya)", "Day {0} is out of range: coverage is computed for {1} to {2} (the counters are for {3}; only the server's clock moves them)"}},
      // Wilayah
      {"WILAYAH_NOT_FOUND", {"Kode wilayah {0} tidak ditemukan", "Region code {0} not found"}},
      {"WILAYAH_LEVEL", {"Tingkat wilayah '{0}' tidak dikenal; pilihan: nasional, provinsi, kabupaten, kecamatan, desa", "Unknown region level '{0}'; choose nasional, provinsi, kabupaten, kecamatan or desa"}},
      {"KECAMATAN_UNKNOWN", {"Kode kecamatan {0} tidak dikenal (format PP.KK.CC); cari kodenya dengan: ktpel wilayah search NAMA --level kecamatan", "Unknown kecamatan code {0} (format PP.KK.CC); look it up with: ktpel wilayah search NAME --level kecamatan"}},
      {"LATLON_RANGE", {"Koordinat di luar jangkauan: lintang -90..90, bujur -180..180", "Coordinates out of range: latitude -90..90, longitude -180..180"}},
  };
  return texts;
}

// A value put into a message, at most kMaxArgument bytes (cut on a UTF-8 character boundary, "…"
// after): a message names what was sent, it does not echo a 2 MB field back (twice, in two languages).
constexpr size_t kMaxArgument = 500;
void append_argument(std::string& out, const std::string& arg) {
  if (arg.size() <= kMaxArgument) {
    out += arg;
    return;
  }
  out += utf8_prefix(arg, kMaxArgument);
  out += "\u2026";
}

// Builds a new string rather than replace() in place: g++ 12 -O3 warns (falsely) on that.
std::string fill(const std::string& text, std::initializer_list<std::string> args) {
  std::string out;
  out.reserve(text.size() + 32);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 2 < text.size() && text[i + 2] == '}' && text[i + 1] >= '0' && text[i + 1] <= '9') {
      const size_t k = static_cast<size_t>(text[i + 1] - '0');
      if (k < args.size()) {
        append_argument(out, *(args.begin() + k));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

Error build(std::string_view code, std::string field, std::initializer_list<std::string> args,
            Severity severity) {
  auto it = catalogue().find(code);
  if (it == catalogue().end()) throw std::logic_error("message code missing: " + std::string(code));
  return Error{std::string(code), fill(it->second.id, args), fill(it->second.en, args),
               std::move(field), severity};
}

}  // namespace

Error make_error(std::string_view code, std::string field, std::initializer_list<std::string> args) {
  return build(code, std::move(field), args, Severity::Error);
}
Error make_warning(std::string_view code, std::string field, std::initializer_list<std::string> args) {
  return build(code, std::move(field), args, Severity::Warning);
}
Message message(std::string_view code, std::initializer_list<std::string> args) {
  Error e = build(code, {}, args, Severity::Warning);
  return {std::move(e.message_id), std::move(e.message_en)};
}
bool has_message(std::string_view code) { return catalogue().count(code) > 0; }

}  // namespace ktpel
