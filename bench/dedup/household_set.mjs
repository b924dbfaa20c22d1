#!/usr/bin/env node
// An independent generator of duplicate-laden resident sets (issue [12]): households (KK) of a
// province with their real hard non-duplicates (twins, siblings of one name, fathers and sons of
// one name, popular-name look-alikes) and second registrations ("data doble") of a share of the
// persons under a new NIK, written without reference to ktpel's own generator or dedup engine.
//
//   node bench/dedup/household_set.mjs --province 33|61|12 --people N --seed S --out DIR [--dup-rate 0.025]
//
// Writes DIR/residents.csv (exactly N records, the header ktpel dedup reads) and DIR/truth.csv
// (nik,person_id: the records of one person share person_id). Deterministic by --seed.
//
// ---- The model's rates (all per the unit named; change them here, nowhere else) ----
const RATES = {
  // households
  coupleHousehold: 0.80,        // head + spouse; else a widowed/divorced head (mostly women) or one person
  grandparentInHousehold: 0.08, // a widowed parent of the head or spouse lives in the KK
  twinsPerBirth: 0.011,         // a birth is of twins (two children, same date, same parents, same KK)
  twinNamesAlike: 0.55,         // twins get rhyming / one-letter-apart / shared-token names
  namedAfterSibling: 0.006,     // per family with 2+ children: a later child carries an earlier child's full name
  namedAfterSiblingMarga: 0.015,// the same for Batak / Nias families (given name + marga repeated)
  birthOrderNames: 0.12,        // Javanese families naming children EKO / DWI / TRI / CATUR ...
  juniorChristian: 0.012,       // a son carries his father's full name (Christian families)
  juniorOther: 0.004,           // the same elsewhere
  adultChildOwnKK: 0.5,         // an adult child who has left home is in the set with a KK of their own
  nikFromElsewhere: 0.08,       // a person's NIK was issued in another kecamatan (moved, kept the NIK)
  // second registrations
  dupRate: 0.025,               // share of persons registered a second time (--dup-rate)
  dupThird: 0.04,               // of those, registered a third time
  dupChild: 0.12,               // of those, a child (under 17) entered in a relative's KK
  dupWholeKK: 0.15,             // of the second registrations, those made with the whole family: a moved KK
                                //   registered anew while the old one stayed (members corrupted each on their own)
  dupSameKecamatan: 0.18, dupSameRegency: 0.34, dupSameProvince: 0.38, // else another province
  dupJoinsExistingKK: 0.55,     // joins a relative's / landlord's KK at the new place; else a new KK
  // name of the second record
  nameExact: 0.36, nameSound: 0.20, nameTypo: 0.08, nameTokenAddDrop: 0.12, nameReorder: 0.04,
  nameInitial: 0.05, nameTitle: 0.04, nameAbbrevMuhammad: 0.03, nameSpacing: 0.04, nameTwoErrors: 0.04, // (sum 1)
  // birth date of the second record
  dateExact: 0.78, dateYearDigit: 0.045, dateDayMonthSwap: 0.035, dateDayOff: 0.055,
  dateMonthOff: 0.02, datePlaceholder: 0.04, dateYearOff: 0.025, // (sum 1)
  // parents' names of the second record (each parent on its own)
  parentMissing: 0.07, parentMisspelt: 0.10, parentShortened: 0.08, parentTitled: 0.03,
  // birth place of the second record
  placeKab: 0.06, placeKota: 0.03, placeMisspelt: 0.06, placeOther: 0.03, placeTown: 0.04, placeMissing: 0.03,
  // other fields
  sexError: 0.003, occupationChanged: 0.45, bloodUnknownOneSide: 0.35,
  maxCorruptedFields: 3,        // of name, birth date, mother, father, birth place: at most this many wrong
};
// ------------------------------------------------------------------------------------------

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = parseArgs(process.argv.slice(2));
const PROVINCE = String(args.province || '');
const PEOPLE = Number(args.people);
const SEED = Number(args.seed ?? 1) >>> 0;
const OUT = args.out;
if (args['dup-rate'] !== undefined) RATES.dupRate = Number(args['dup-rate']);
if (!['33', '61', '12'].includes(PROVINCE) || !(PEOPLE > 0) || !OUT) {
  console.error('usage: household_set.mjs --province 33|61|12 --people N --seed S --out DIR [--dup-rate 0.025] [--wilayah DIR]');
  process.exit(2);
}
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WILAYAH = args.wilayah || path.join(ROOT, 'data/wilayah');
const AS_OF_YEAR = 2026, AS_OF_MONTH = 12; // ages are counted at December 2026

function parseArgs(a) {
  const o = {};
  for (let i = 0; i < a.length; i++) if (a[i].startsWith('--')) {
    const k = a[i].slice(2);
    if (i + 1 < a.length && !a[i + 1].startsWith('--')) o[k] = a[++i]; else o[k] = true;
  }
  return o;
}

// ---- deterministic random numbers (sfc32 seeded by splitmix32) ----
function makeRng(seed) {
  let s = seed >>> 0;
  const sm = () => { s = (s + 0x9e3779b9) >>> 0; let z = s; z = Math.imul(z ^ (z >>> 16), 0x85ebca6b); z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35); return (z ^ (z >>> 16)) >>> 0; };
  let a = sm(), b = sm(), c = sm(), d = sm();
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b | 0) + d | 0; d = d + 1 | 0; a = b ^ (b >>> 9); b = c + (c << 3) | 0;
    c = (c << 21) | (c >>> 11); c = c + t | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rnd = makeRng(SEED * 2654435761 + Number(PROVINCE));
const chance = (p) => rnd() < p;
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
// Zipf-like pick: popular names are much more common (look-alikes arise as in a real registry)
const zipf = (arr) => arr[Math.min(arr.length - 1, Math.floor(arr.length * (chance(0.5) ? rnd() : Math.pow(rnd(), 1.5))))];
function weighted(pairs) { // [[value, weight], ...]
  let tot = 0; for (const p of pairs) tot += p[1];
  let r = rnd() * tot;
  for (const p of pairs) { r -= p[1]; if (r < 0) return p[0]; }
  return pairs[pairs.length - 1][0];
}
const W = (s) => s.trim().split(/\s+/);

// ---- names (written for this generator; uppercase as on the KK) ----
const N = {
  javOldM: W(`SUPARMAN SUKIRNO PAIMIN KARSO SLAMET SUGIYONO PARJO WAGIMAN TUKIMIN SARDI SUWARNO SUTRISNO SUGENG
    SUMARNO KASMAN PONIMAN SAIMAN MARSUDI SARIMIN TUGIMAN WARSITO SUKARDI SUPARDI MUJIONO SUYANTO KARNO DARMO
    SASTRO TARNO PARMIN JUMADI SUKIMAN SUROTO SUMADI NGADIMAN MULYONO HARJONO SARJONO WIDODO SUPRIYADI SUDARSONO
    RASIMIN KASDI TASLIM WAKIDI SUMIDI DALIMIN KATIMIN SUKADI SARWOKO PARDI SUDIRMAN SUMARDI TEGUH RAHARJO SUKIJO`),
  javOldF: W(`SUPARMI SUMINAH PAINEM TUMINAH SRI WAGINAH SUKINAH KASMINI PARTINI SARMI TARMI SUYATMI SITI SUKARTI
    SUMIYATI PONIYEM SAINEM JUMINAH KATIYEM MARSINAH TUKINEM WARSIH SUMARNI SUPRIHATIN SUWARNI KASIYAH RUKMINI
    SARINAH TUMIRAH NGATINEM SUDARMI PARINAH KARSIH TASMINI WARTINI SUMIRAH SAMINI RATMI SARIYEM MUJIATI SUTINAH
    SUKIYEM LASMI DARMI SUTARMI KAMISAH SUNARSIH SUTIRAH MARYATI`),
  javMidM: W(`AGUS BUDI EKO JOKO BAMBANG HERU ARIF BAYU DIDIK HARI IWAN TOTOK YUDI ANTON SIGIT WAHYU HENDRO TRI DWI
    SLAMET ACHMAD PURNOMO SETIAWAN PRASETYO NUGROHO SANTOSO WIBOWO HARYANTO SUSANTO KURNIAWAN HIDAYAT SUSILO
    RUDI BENNY ARIS EDY PRIYO GUNAWAN HADI WIDODO ADI TONY YULIANTO ANDRI SUGENG RAHMAT ISWANTO SUGIHARTO`),
  javMidF: W(`SRI ENDANG WAHYUNI TITIK NUR YULI DEWI RETNO SITI ERNA ENDAH RINI TUTIK YANTI WIWIK ANI LILIK
    SUSI HARTATI SURYANI PURWANTI LESTARI RAHAYU WULANDARI ASTUTI HANDAYANI KUSUMAWATI NINGSIH MULYANI SETYOWATI
    NOVI EVI TRI DWI INDAH DIAH ATIK PUJI ISTI WIDYA NANIK UMI HERNI SULISTYOWATI KURNIASIH PRATIWI`),
  modM: W(`RIZKY ADITYA DIMAS FAJAR BAYU DANI ILHAM REZA ARYA FARHAN RAFI ALIF DAFFA FIRMAN YOGA ANDIKA GALIH
    RIFKI KEVIN RAHMAN DIKA NANDA SATRIA PUTRA PRATAMA SAPUTRA RAMADHAN HIDAYAT NUGRAHA FIRMANSYAH MAULANA
    KURNIAWAN SETIAWAN WICAKSONO ARDIANSYAH HERMAWAN SYAHPUTRA ALFIAN ADAM RAKA ZIDAN FAREL GILANG BIMA
    DENI FIKRI HAIKAL IRFAN AKBAR AZRIEL`),
  modF: W(`PUTRI AYU NADIA SALSABILA AULIA NABILA ANISA DINDA FITRI INTAN AMELIA CITRA DEVI ELSA INDAH NURUL
    RIZKA SALMA ZAHRA KHOIRUNNISA LESTARI RAHMAWATI PERMATASARI SAFITRI WULANDARI ANGGRAENI OKTAVIANI
    PRATIWI MAHARANI NOVITA AYUNDA KIRANA NAYLA CANTIKA AZZAHRA ALYA KEISHA SEPTIANI DWI TRI NINGRUM
    FEBRIANTI AMALIA KARTIKA MELATI`),
  arabM: W(`MUHAMMAD AHMAD ABDUL ABDULLAH HASAN HUSEIN ALI UMAR USMAN YUSUF IBRAHIM ISMAIL ZAINAL ZAINUDIN
    SYAMSUL SAIFUL KHOIRUL NURUL FAISAL FIKRI FAHMI HAMZAH HARUN IMRON JAMALUDIN KHOLIL LUKMAN MAHMUD
    MUSTOFA NASRUDIN RIDWAN SALEH SYAIFUDIN TAUFIK YAHYA ZAKARIA ANWAR ARIFIN BAHRUDIN HAMID RASYID RAHMAT
    SOLEH MUCHLIS ROHMAN FATHONI HABIBI AMIN`),
  arabF: W(`SITI NUR FATIMAH AISYAH KHADIJAH AMINAH HALIMAH ZAINAB MARYAM HASANAH KHOIRIYAH MUNAWAROH
    NURHAYATI ROHMAH SALAMAH ZULAIKHA SYARIFAH UMI ASMA HUSNA LAILA MASRUROH MUTMAINAH NAFISAH QOMARIYAH
    ROFIQOH SA'ADAH SHOLIHAH SOFIYAH ULFAH WAFIQ YULAIKHA ZAHROH AMALIA ANISAH FAUZIAH ISTIQOMAH JAMILAH
    LATIFAH MARFUAH NADHIROH RAHMAH`),
  batakM: W(`JOSUA DANIEL SAMUEL PAULUS MARTIN JHON RONALD HOTMAN PARULIAN TUMPAL BONAR MANGATUR JANSEN RICKY
    BENNY DARWIN FERNANDO GABRIEL HENDRIK JUNIOR KORNELIUS LAMHOT MARUBA NELSON OLOAN PARLINDUNGAN RAJA
    SAHAT TIGOR ULI BOLAS DAPOT ERWIN GOMGOM HISAR IMANUEL JONRI KRISMAN LUHUT MAIDIN PANGIHUTAN ROY SUMURUNG
    TOGAR WESLY YOSUA ARDIN BINSAR CHANDRA AMOS ANDREAS BERNARD CHRISTIAN DEDY EDISON FREDY GOKLAS HALOMOAN
    HOTLAN JAMES JEFRI JONATAN KARDIN LAMBOK MANAHAN MARTUA NATANAEL OBAJA PANDAPOTAN PARDAMEAN RAJAMIN RIDWAN
    ROBINSON SABAR SANGAP SORTAHI TIOPAN TUNGGUL VICTOR WILMAR ALBERTUS BISMAR DONAL ELIAS FRANS HENRY JOHANNES
    KASTRO LESTARI MANGASI NIKSON OPUNG PARASIAN RUDOLF SAUT TORANG`),
  batakF: W(`RUMONDANG TIOMINAR ROSMAWATI LAMRIA MARIA DUMARIA ELISABETH HOTMAIDA SARTIKA ROSMERI NURLELA
    LISBET MASNIARI ROSLINA TIARMA DELIMA EVA FRIDA GRACE HANNA INDAH JULIANA KRISTINA LENNY MELATI NOVITA
    OKTAVIA PESTA RENI SONDANG TETTY UTAMI VERAWATI WINDA YOHANA ASTRI BUTET CHRISTINE DEWI ERLINA FITRI
    GUSTINA HERLINA IRMA ANNA BERLIANA CORRY DORMAULI ESTER FLORA GABE HOTNIDA IDA JOJOR KARTINI LINDA
    MARTHA MINDO NURHAIDA OLOAN PINTA RESTA ROSIDA SAULINA SRIWATI TIOLINA TUMIAR ULINA VERONIKA WARNI YANTI
    AGUSTINA BENNITA DARMA ERNI FERAWATI HOTMA JULIA LASMA MAULINA NELLY PURNAMA ROTUA SONTI TAMARA`),
  margaToba: W(`SIREGAR SIMANJUNTAK HUTAPEA SINAGA SITUMORANG PARDEDE MANURUNG PANJAITAN SILALAHI TAMBUNAN
    SIHOMBING SIMATUPANG NAPITUPULU GULTOM PASARIBU HUTAGALUNG SIANTURI NAINGGOLAN MARPAUNG TOBING SITORUS
    SIAHAAN HUTABARAT SIMBOLON SITOMPUL PAKPAHAN BUTARBUTAR SILITONGA ARITONANG HUTAURUK SIMAMORA SIAGIAN
    SIMANULLANG SIBURIAN LUMBANTOBING`),
  margaMandailing: W(`NASUTION HARAHAP LUBIS SIREGAR HASIBUAN DAULAY RANGKUTI PULUNGAN BATUBARA MATONDANG`),
  margaKaro: W(`GINTING TARIGAN SEMBIRING SITEPU PERANGINANGIN KAROKARO BARUS SURBAKTI SINULINGGA BANGUN SEBAYANG`),
  margaSimalungun: W(`PURBA SARAGIH DAMANIK SINAGA GIRSANG SIPAYUNG SUMBAYAK`),
  margaNias: W(`ZEBUA HAREFA TELAUMBANUA GULO LAIA HALAWA ZALUKHU HULU WARUWU NDRURU LASE ZEGA MENDROFA DUHA
    GEA HIA LAROSA BAEHA GIAWA`),
  niasM: W(`FAOZIDUHU YAMONI SOKHIATULO ARATOSI FATIZANOLO YASOKHI FOLALA BAZIDUHU SOKHIZATULO ADIL AMOSI
    YOSIA MARTINUS YOHANES PETRUS FILIPUS TOTONAFO SAROFATI FIRMAN AROZATULO BEDALI DELIMAN EFORIUS FAOLONAFO
    FATOLOSA FONAHA HAOGOSOKHI HIDAYAT IMANUEL JUNIARMAN KRISTIAN LUDWIG MANOLO NOFEDI OTANIUS RAHMAT SAMAERI
    SITASI TEMAZISOKHI YAFETI YULIUS ZISOKHI ARIANUS BOHALIMA DARIUS ELIYUNUS FAHUWUSA`),
  niasF: W(`YASTIN FIRMANIA SOZANOLO ELISA MARTA MARIANI FATIMA YUSNIDAR ROSMAWATI DELIMA IMELDA NOVIDA
    ELFRIDA KRISTIN YUNIARTI NURMALA ADOLINA BERLIAN DESNAWATI ESTERIANI FATINA HASRATI IRAWATI JUMIATI
    KASIH LISNAWATI MEILINA NOVIDA NURIATI OKTAVIANA RIANI SARIANI SITIRIA TIURMA WATILAH YUSTINA ASIANI
    DEWINTA ERLINA FONIAT HOTMAWATI`),
  malayM: W(`ZULKIFLI RUSLI AZHAR AMRAN SYAHRIAL IDRIS MAHADI RAZALI ZAINUDDIN BAHARUDDIN HAMDAN ROSLAN
    JUNAIDI SAMSUDIN KAMARUDDIN MANSUR AZMI FAUZI SYAMSUDDIN HERMAN ISKANDAR RIDUAN RAJALI SUHAIMI NASRUN
    ABANG BUJANG`),
  malayF: W(`HASNAH ROHANI ZURAIDAH ZAITUN RAHIMAH NORMA JUNAIDAH SALMAH ASMAWATI RUSMINAH HAMIDAH ZUBAIDAH
    NURSIAH NORHAYATI MASNAH SITI RAHMAH YUSNITA ERNAWATI FAUZIAH DAYANG UTIN`),
  malayPrefixM: W(`SYARIF WAN TENGKU ABANG DAENG`), malayPrefixF: W(`SYARIFAH WAN TENGKU DAYANG UTIN`),
  dayakM: W(`YOHANES PETRUS ANTONIUS MARKUS YOSEF PAULUS FRANSISKUS AGUSTINUS STEFANUS BENEDIKTUS YULIANUS
    ALOYSIUS KORNELIUS MIKAEL THOMAS DOMINIKUS SIMON LUKAS MATIUS ANDREAS ADRIANUS BONIFASIUS DAMIANUS
    EMANUEL FABIANUS GREGORIUS HERMANUS IGNASIUS KRISTOFORUS LAURENSIUS MARSELINUS NIKOLAUS OKTAVIANUS
    PIUS RAFAEL SILVESTER TARSISIUS VALENTINUS YAKOBUS ZAKARIAS ANSELMUS BERNARDUS KLEMENS LEONARDUS`),
  dayakF: W(`MARIA MAGDALENA KRISTINA YULIANA MARSELINA AGNES SUSANA ROSALIA VERONIKA MARTINA ELISABET
    KATARINA ANASTASIA BERNADETA FILOMENA MARGARETA SISILIA APOLONIA BRIGITA DOROTEA EUFRASIA FRANSISKA
    GERTRUDIS HELENA IMELDA KRESENSIA LUSIA MONIKA NATALIA PRISKA REGINA SKOLASTIKA TERESIA URSULA
    VIKTORIA YOSEFINA ANGELA BENEDIKTA KLARA LIDWINA MARTA`),
  dayakTok: W(`ALING ASANG LAWAI NYANGUN JUMPI UNYANG ANYUN DANDUN UDAU IJAU SIUN AJAT AKUI APUI BANTING
    LANSAU NGIUK RAMBAI SELAMAT TIGOR JEMARU KUMPANG RABIN AMAN LIMBUNG ASONG DOYOT ACUN BAYANG DUNGAU
    ENTAYAN GANDI INGKONG JAWING KELAWIT LANTING MANGKU NYALAU PALAWAN RINDU SANGGAU TEMENGGUNG UJUP
    BERAHIM DAUD IRANG KANYAN LENGGANG NGADAU PANTUS RAJANG SIDIN TAMPUN`),
  chineseSurname: W(`LIE TAN LIM BONG CHIN HIU LIU THJIN NG ONG KHO PHANG SIM TJHAI WONG YAP GO KWEE OEI`),
  chineseSyl: W(`KIM HOA BUN SENG SIAU LING KHIN FUI MEI LAN AH KIONG TJOE HONG SIONG SAN LIONG TJIN MOI JIN
    FA KHIAM NJUK FONG CHIN HIN KOK LIAN MING NAM PENG SUI TEK WAN YUN CENG HUAT KIAT LIE SOEN TJHUN`),
  chineseIndoSurname: W(`WIJAYA GUNAWAN SANTOSO HALIM KURNIAWAN TANOTO SALIM SUSANTO HARTONO SETIAWAN LIMANTO
    TANJAYA LIMAN JAYA CANDRA HALIMAWAN SUGIANTO TANUWIJAYA`),
  chineseGivenM: W(`HENDRA SUSANTO ROBERT STEVEN MICHAEL WILLIAM KEVIN JONATHAN ANTON BUDI RUDY HARYANTO
    JOHAN FELIX ALBERT VINCENT DENNIS ERIC ANDI BENNY CHANDRA DARMAWAN EDDY FERRY GUNAWAN HENDRIK IVAN
    JIMMY KELVIN LEONARDO MARTIN NICHOLAS OSCAR PATRICK RICHARD SUHENDRA TOMMY WILLIAM YOHAN ANDREAS BUDIMAN
    CALVIN DANIEL EDWARD FRANKY`),
  chineseGivenF: W(`LILY SUSANTI LINDA MELIANA JESSICA VIVIAN CINDY WENNY FELICIA MONICA STELLA ANGELINA
    SHERLY YENNY LISA MARIA AMELIA BELINDA CHRISTINA DEBORA EVELYN FENNY GRACE HELEN IRENE JULIANA KAREN
    LIANA MELISSA NATALIA OKTAVIA PRISKILA RATNA SILVIA TINA VERONIKA WINNY YULIANA AGNES CLARA DIANA ELLEN`),
};
const BIRTH_ORDER = W(`EKO DWI TRI CATUR PANCA`);
// twins' rhyming / one-letter-apart first names (the rest of the name is shared)
const TWIN_PAIRS = [['HASAN', 'HUSEIN'], ['PUTRA', 'PUTRI'], ['RIZKY', 'RIZKA'], ['FAJAR', 'FAJRI'],
  ['DIMAS', 'DIMAN'], ['NANDA', 'NANDI'], ['RINA', 'RINI'], ['DEWA', 'DEWI'], ['ANDI', 'ANDRE'],
  ['SALSA', 'SALSI'], ['ARYA', 'ARYO'], ['NADIA', 'NADIN'], ['HASANAH', 'HUSNA'], ['YOGA', 'YOGI'],
  ['RAMA', 'RAMI'], ['INTAN', 'INTAN'], ['DINA', 'DINI'], ['FIKRI', 'FAKRI'], ['AULIA', 'AMELIA'], ['WIDYA', 'WIDYO'],
  ['ADAM', 'HAWA'], ['REZA', 'REZI'], ['ALDI', 'ALDO'], ['NUR', 'NURI'], ['ANGGA', 'ANGGI'], ['DAFFA', 'DAFFI']];
const TWIN_SEX = { PUTRI: 'P', RIZKA: 'P', RINI: 'P', DEWI: 'P', SALSA: 'P', SALSI: 'P', NADIA: 'P', NADIN: 'P', HASANAH: 'P',
  HUSNA: 'P', RINA: 'P', RAMI: 'P', DINA: 'P', DINI: 'P', AULIA: 'P', AMELIA: 'P', WIDYA: 'P', HAWA: 'P', NURI: 'P', ANGGI: 'P', INTAN: 'P' };
TWIN_PAIRS.splice(TWIN_PAIRS.findIndex((p) => p[0] === 'INTAN'), 1);

// ---- ethnic groups: names, religion, Christian (for juniors) ----
const RELIGION = {
  jav: [['Islam', 95], ['Kristen', 2.5], ['Katholik', 2], ['Hindu', 0.3], ['Buddha', 0.2]],
  arab: [['Islam', 100]],
  toba: [['Kristen', 78], ['Katholik', 16], ['Islam', 6]],
  mand: [['Islam', 98], ['Kristen', 2]],
  karo: [['Kristen', 52], ['Katholik', 16], ['Islam', 30], ['Hindu', 2]],
  siml: [['Kristen', 75], ['Islam', 20], ['Katholik', 5]],
  nias: [['Kristen', 82], ['Katholik', 14], ['Islam', 4]],
  malay: [['Islam', 100]],
  chinese: [['Buddha', 50], ['Kristen', 20], ['Katholik', 18], ['Konghucu', 12]],
  dayak: [['Katholik', 58], ['Kristen', 37], ['Islam', 5]],
};
const CHRISTIAN_GROUPS = new Set(['toba', 'karo', 'siml', 'nias', 'dayak', 'chinese']);
const MARGA = { toba: N.margaToba, mand: N.margaMandailing, karo: N.margaKaro, siml: N.margaSimalungun, nias: N.margaNias };

function era(year) { return year < 1966 ? 0 : year < 1990 ? 1 : 2; }
function javGiven(sex, year) { // one token of a Javanese-Muslim name for the era
  const e = era(year), m = sex === 'L';
  if (chance(0.3)) return zipf(m ? N.arabM : N.arabF);
  if (e === 0) return zipf(m ? N.javOldM : N.javOldF);
  if (e === 1) return zipf(chance(0.25) ? (m ? N.javOldM : N.javOldF) : (m ? N.javMidM : N.javMidF));
  return zipf(chance(0.2) ? (m ? N.javMidM : N.javMidF) : (m ? N.modM : N.modF));
}
function tokenCount(year) {
  const e = era(year);
  return e === 0 ? weighted([[1, 70], [2, 28], [3, 2]]) : e === 1 ? weighted([[1, 40], [2, 50], [3, 10]]) : weighted([[1, 14], [2, 56], [3, 30]]);
}
function uniqTokens(fn, n) { const out = []; for (let i = 0; out.length < n && i < 10; i++) { const t = fn(); if (!out.includes(t)) out.push(t); } return out; }
// a given name (without marga / family surname) for a group
function givenName(g, sex, year) {
  const m = sex === 'L';
  switch (g) {
    case 'jav': {
      const n = tokenCount(year);
      const toks = uniqTokens(() => javGiven(sex, year), n);
      if (toks.length > 1 && toks.includes('MUHAMMAD')) { toks.splice(toks.indexOf('MUHAMMAD'), 1); toks.unshift('MUHAMMAD'); }
      return toks.join(' ');
    }
    case 'arab': case 'mand': case 'malay': {
      const n = era(year) === 0 ? weighted([[1, 45], [2, 50], [3, 5]]) : weighted([[1, 20], [2, 60], [3, 20]]);
      const own = g === 'malay' ? (m ? N.malayM : N.malayF) : (m ? N.arabM : N.arabF);
      const toks = uniqTokens(() => chance(0.55) ? zipf(own) : zipf(m ? N.arabM : N.arabF), n);
      if (era(year) === 2 && chance(0.4)) toks[toks.length - 1] = zipf(m ? N.modM : N.modF);
      if (g === 'malay' && chance(0.12)) toks.unshift(pick(m ? N.malayPrefixM : N.malayPrefixF));
      return [...new Set(toks)].join(' ');
    }
    case 'toba': case 'karo': case 'siml': {
      const n = weighted([[1, 60], [2, 40]]);
      return uniqTokens(() => zipf(era(year) === 2 && chance(0.3) ? (m ? N.modM : N.modF) : (m ? N.batakM : N.batakF)), n).join(' ');
    }
    case 'nias': {
      const n = weighted([[1, 65], [2, 35]]);
      return uniqTokens(() => zipf(m ? N.niasM : N.niasF), n).join(' ');
    }
    case 'dayak': {
      const n = era(year) === 0 ? weighted([[1, 40], [2, 60]]) : weighted([[1, 15], [2, 70], [3, 15]]);
      if (n === 1) return chance(0.5) ? zipf(N.dayakTok) : zipf(m ? N.dayakM : N.dayakF);
      const t = [zipf(m ? N.dayakM : N.dayakF), zipf(N.dayakTok)];
      if (n === 3) t.splice(1, 0, zipf(m ? N.modM : N.modF));
      return t.join(' ');
    }
    case 'chinese': {
      return zipf(m ? N.chineseGivenM : N.chineseGivenF);
    }
  }
  return 'X';
}
// a family's name style: the marga / surname the children carry
function familyName(g) {
  if (MARGA[g] && g !== 'mand') return zipf(MARGA[g]);
  if (g === 'mand') return chance(0.85) ? zipf(MARGA.mand) : '';
  if (g === 'chinese') return chance(0.55) ? zipf(N.chineseIndoSurname) : '#' + zipf(N.chineseSurname); // '#': old-style 3-syllable names
  return '';
}
function fullName(g, sex, year, fam) {
  if (fam === undefined) fam = familyName(g);
  if (g === 'chinese') {
    if (fam.startsWith('#')) {
      const s = fam.slice(1);
      if (era(year) === 2 || chance(0.35)) return givenName(g, sex, year) + ' ' + s;
      return s + ' ' + zipf(N.chineseSyl) + ' ' + zipf(N.chineseSyl);
    }
    return givenName(g, sex, year) + (fam ? ' ' + fam : '');
  }
  const given = givenName(g, sex, year);
  if (!fam) return given;
  if (sex === 'P' && (g === 'toba' || g === 'karo' || g === 'siml') && chance(0.3)) return given + ' BR ' + fam;
  return given + ' ' + fam;
}

// ---- the places (read at run time from the repository's wilayah files) ----
function readCsv(file) {
  const lines = fs.readFileSync(path.join(WILAYAH, file), 'utf8').split('\n').filter(Boolean);
  const head = lines[0].split(',');
  return lines.slice(1).map((l) => { const c = l.split(','); const o = {}; head.forEach((h, i) => { o[h] = c[i]; }); return o; });
}
const regenciesAll = readCsv('regencies.csv');
const districtsAll = readCsv('districts.csv');
const villagesAll = readCsv('villages.csv');
const popRows = readCsv('population.csv');
const pop = new Map(popRows.map((r) => [r.regency_code, Number(r.population)]));
const placeName = (r) => r.name.replace(/^(Kabupaten|Kota)\s+/i, '').toUpperCase();
const isKota = (r) => /^Kota\s/i.test(r.name);
const villagesByDistrict = new Map();
for (const v of villagesAll) { let a = villagesByDistrict.get(v.district_code); if (!a) villagesByDistrict.set(v.district_code, a = []); a.push(v); }
const districtsByRegency = new Map();
for (const d of districtsAll) if (villagesByDistrict.has(d.code)) { let a = districtsByRegency.get(d.regency_code); if (!a) districtsByRegency.set(d.regency_code, a = []); a.push(d); }
const regencies = regenciesAll.filter((r) => r.province_code === PROVINCE && districtsByRegency.has(r.code));
const otherRegencies = regenciesAll.filter((r) => r.province_code !== PROVINCE && districtsByRegency.has(r.code));
const regencyWeights = regencies.map((r) => [r, pop.get(r.code) || 100000]);

// who lives where: ethnic mix per regency (by its name), then per province
function ethnicMix(r) {
  const n = r.name.toUpperCase();
  if (PROVINCE === '33') return [['jav', 96.5], ['chinese', 2], ['arab', 1.5]];
  if (PROVINCE === '61') {
    if (/PONTIANAK|SINGKAWANG/.test(n)) return [['malay', 30], ['chinese', 30], ['dayak', 12], ['jav', 18], ['arab', 10]];
    if (/SAMBAS/.test(n)) return [['malay', 78], ['chinese', 8], ['jav', 8], ['dayak', 6]];
    if (/LANDAK|SANGGAU|SEKADAU|SINTANG|KAPUAS HULU|MELAWI|BENGKAYANG/.test(n)) return [['dayak', 62], ['malay', 20], ['chinese', 8], ['jav', 10]];
    return [['malay', 48], ['jav', 20], ['dayak', 18], ['arab', 8], ['chinese', 6]];
  }
  if (/NIAS|GUNUNGSITOLI/.test(n)) return [['nias', 94], ['malay', 3], ['toba', 3]];
  if (/KARO/.test(n)) return [['karo', 78], ['toba', 10], ['jav', 12]];
  if (/TAPANULI SELATAN|MANDAILING|PADANG LAWAS|PADANGSIDIMPUAN/.test(n)) return [['mand', 82], ['toba', 8], ['jav', 10]];
  if (/SIMALUNGUN|PEMATANGSIANTAR/.test(n)) return [['siml', 35], ['toba', 28], ['jav', 30], ['chinese', 4], ['karo', 3]];
  if (/TAPANULI|TOBA|SAMOSIR|HUMBANG|SIBOLGA|DAIRI|PAKPAK/.test(n)) return [['toba', 84], ['mand', 4], ['jav', 6], ['nias', 3], ['malay', 3]];
  if (/MEDAN/.test(n)) return [['jav', 30], ['toba', 20], ['mand', 10], ['karo', 8], ['chinese', 14], ['malay', 10], ['nias', 2], ['arab', 6]];
  return [['jav', 45], ['malay', 22], ['toba', 16], ['mand', 6], ['karo', 4], ['chinese', 5], ['arab', 2]];
}

// ---- records ----
const OCC_ADULT = [['PETANI/PEKEBUN', 22], ['WIRASWASTA', 16], ['KARYAWAN SWASTA', 14], ['BURUH HARIAN LEPAS', 10], ['PEDAGANG', 7],
  ['MENGURUS RUMAH TANGGA', 0], ['PEGAWAI NEGERI SIPIL', 3], ['GURU', 2], ['NELAYAN/PERIKANAN', 2], ['SOPIR', 2], ['BURUH TANI/PERKEBUNAN', 6],
  ['TUKANG BATU', 1], ['BELUM/TIDAK BEKERJA', 5], ['PERANGKAT DESA', 0.5], ['PERDAGANGAN', 1], ['KARYAWAN HONORER', 1]];
const BLOOD = [['-', 45], ['O', 20], ['A', 13], ['B', 17], ['AB', 5]];
const STREETS = W(`MERDEKA SUDIRMAN DIPONEGORO KARTINI PEMUDA PAHLAWAN MAWAR MELATI ANGGREK KENANGA FLAMBOYAN CEMPAKA
  DAHLIA NANGKA DURIAN RAYA SEKOLAH MASJID PASAR GATOT_SUBROTO AHMAD_YANI IMAM_BONJOL SISINGAMANGARAJA`);
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (y, m) => (m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m]);
const pad2 = (n) => (n < 10 ? '0' : '') + n;
const pad3 = (n) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;
function randomDate(year) { const m = int(1, 12); return { y: year, m, d: int(1, daysIn(year, m)) }; }
const dateStr = (t) => `${t.y}-${pad2(t.m)}-${pad2(t.d)}`;
const ageOf = (t) => AS_OF_YEAR - t.y - (t.m > AS_OF_MONTH ? 1 : 0);

const persons = [];     // the persons (one record each), then the duplicates are appended as records
const households = [];  // {kk, village, rt, rw, address, kec}
const householdsByKec = new Map();
const nikSerial = new Map(), kkSerial = new Map();
function nextSerial(map, prefix) { const n = (map.get(prefix) || 0) + 1; map.set(prefix, n); return prefix + String(n).padStart(4, '0'); }
const kecOf = (villageCode) => villageCode.slice(0, 8).replace(/\./g, '');
function makeNik(kec, date, sex) { return nextSerial(nikSerial, kec + pad2(date.d + (sex === 'P' ? 40 : 0)) + pad2(date.m) + pad2(date.y % 100)); }
function makeKk(kec) { const y = int(2005, 2026), m = int(1, 12), d = int(1, daysIn(y, m)); return nextSerial(kkSerial, kec + pad2(d) + pad2(m) + pad2(y % 100)); }
function randomVillageIn(regency) { const d = pick(districtsByRegency.get(regency.code)); return pick(villagesByDistrict.get(d.code)); }
function randomDistrictOf(regency) { return pick(districtsByRegency.get(regency.code)); }

function newHousehold(village) {
  const kec = kecOf(village.code);
  const rt = int(1, 12), rw = int(1, 8);
  const address = chance(0.5) ? `JL. ${pick(STREETS).replace('_', ' ')} NO. ${int(1, 150)}`
    : chance(0.5) ? `DUSUN ${village.name.toUpperCase()} RT ${pad3(rt)}` : `RT ${pad3(rt)} RW ${pad3(rw)} ${village.name.toUpperCase()}`;
  const h = { kk: makeKk(kec), village: village.code, kec, rt: pad3(rt), rw: pad3(rw), address };
  households.push(h);
  let a = householdsByKec.get(kec); if (!a) householdsByKec.set(kec, a = []); a.push(h);
  return h;
}
function birthPlaceFor(regency, adult) {
  if (adult && chance(0.08)) return placeName(pick(otherRegencies));
  if (chance(adult ? 0.15 : 0.06)) return placeName(pick(regencies));
  return placeName(regency);
}
function occupationFor(p) {
  const a = ageOf(p.date);
  if (a < 5) return 'BELUM/TIDAK BEKERJA';
  if (a < 22) return a < 19 || chance(0.6) ? 'PELAJAR/MAHASISWA' : weighted(OCC_ADULT);
  if (a >= 65 && chance(0.5)) return p.sex === 'P' ? 'MENGURUS RUMAH TANGGA' : 'PENSIUNAN';
  if (p.sex === 'P' && chance(0.45)) return 'MENGURUS RUMAH TANGGA';
  return weighted(OCC_ADULT);
}
// a person with their NIK: sex, date, household, parents' names
function addPerson(h, o) {
  const p = { id: persons.length + 1, name: o.name, sex: o.sex, date: o.date, place: o.place, religion: o.religion,
    marital: o.marital, mother: o.mother, father: o.father, h, group: o.group, blood: weighted(BLOOD) };
  p.occupation = occupationFor(p);
  let kec = h.kec;
  if (ageOf(p.date) >= 17 && chance(RATES.nikFromElsewhere)) kec = kecOf(pick(villagesByDistrict.get(randomDistrictOf(pick(regencies)).code)).code);
  p.nik = makeNik(kec, p.date, p.sex);
  persons.push(p);
  return p;
}

// the corruption model's letter and sound changes (either way round)
const VOWELS = 'AEIOU';
const SOUND = [['P', 'F'], ['J', 'Y'], ['DJ', 'J'], ['TJ', 'C'], ['OE', 'U'], ['CH', 'KH'], ['KH', 'H'], ['Y', 'I'], ['V', 'F'],
  ['Z', 'S'], ['SY', 'S'], ['TH', 'T'], ['DH', 'D'], ['IE', 'I'], ['AI', 'E'], ['Q', 'K'], ['PH', 'F'], ['O', 'U'], ['E', 'I'], ['A', 'O']];
const KEYS = ['QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

// children's names of one family, with the real sibling patterns
function familyChildren(h, regency, g, fam, father, mother, religion, fatherBirth, motherBirth) {
  const kids = [];
  const cohort = motherBirth.y;
  const mean = cohort < 1960 ? 4.2 : cohort < 1975 ? 3.0 : cohort < 1990 ? 2.3 : 1.8;
  let n = 0; { let l = Math.exp(-mean), k = 0, pr = 1; do { k++; pr *= rnd(); } while (pr > l); n = k - 1; }
  const birthOrder = g === 'jav' && n >= 2 && chance(RATES.birthOrderNames);
  const sharedTok = birthOrder && chance(0.5) ? javGiven('L', cohort + 25) : null;
  // births counted in months: the first from the mother's 19th-27th year, then 11 months to 8 years apart
  let t = (motherBirth.y + int(19, 27)) * 12 + int(0, 11);
  const maxT = Math.min(AS_OF_YEAR * 12 + AS_OF_MONTH - 1, (motherBirth.y + 43) * 12);
  let order = 0;
  const used = new Set(); // parents do not give two living children one given name
  const firstTok = (nm) => nm.split(' ')[0];
  for (let i = 0; i < n && t <= maxT; i++) {
    const y = Math.floor(t / 12), mo = t % 12 + 1;
    const date = { y, m: mo, d: int(1, daysIn(y, mo)) };
    const twins = chance(RATES.twinsPerBirth);
    const births = twins ? 2 : 1;
    let names = [], sexes = [];
    for (let b = 0; b < births; b++) {
      const sex = chance(0.51) ? 'L' : 'P';
      sexes.push(sex);
      let name = fullName(g, sex, y, fam);
      for (let k = 0; k < 12 && used.has(firstTok(name)); k++) name = fullName(g, sex, y, fam);
      if (birthOrder && order < BIRTH_ORDER.length) name = BIRTH_ORDER[order] + ' ' + (sharedTok || javGiven(sex, y));
      names.push(name); order++;
    }
    if (twins && chance(RATES.twinNamesAlike)) {
      const suffix = fam && g !== 'chinese' ? ' ' + fam : (chance(0.6) ? ' ' + givenName(g, sexes[0], y).split(' ')[0] : '');
      if (chance(0.6)) { // a known pair: HASAN / HUSEIN, PUTRA / PUTRI, RIZKY ADITYA / RIZKA ADITYA
        const pr = pick(TWIN_PAIRS);
        sexes = pr.map((t) => TWIN_SEX[t] || 'L');
        names = pr.map((t) => t + suffix);
      } else { // different first token, the rest shared
        const rest = names[0].split(' ').slice(1).join(' ');
        const first = givenName(g, sexes[1], y).split(' ')[0];
        if (rest && first !== firstTok(names[0])) names[1] = first + ' ' + rest;
      }
    }
    for (let k = 0; births === 2 && names[0] === names[1] && k < 12; k++) names[1] = fullName(g, sexes[1], y, fam);
    for (const nm of names) used.add(firstTok(nm));
    // twins of one sex with near names stay on their parents' KK in this set (apart, nothing on
    // paper tells them from one person registered twice: such pairs are left out, not mislabelled)
    const stay = twins && sexes[0] === sexes[1];
    for (let b = 0; b < births; b++) {
      kids.push({ name: names[b], sex: sexes[b], date: { ...date }, place: chance(0.9) ? placeName(regency) : birthPlaceFor(regency, false),
        religion, mother, father, group: g, stay });
    }
    t += Math.max(11, weighted([[1, 10], [2, 30], [3, 28], [4, 16], [5, 9], [6, 4], [8, 3]]) * 12 + int(-6, 6));
  }
  // a child named after an earlier sibling (often one who died, still on the KK)
  const pSame = MARGA[g] ? RATES.namedAfterSiblingMarga : RATES.namedAfterSibling;
  if (kids.length >= 2 && chance(pSame)) {
    const later = kids[kids.length - 1];
    const earlier = kids.slice(0, -1).find((k) => k.sex === later.sex && k.date.y !== later.date.y);
    if (earlier) { later.name = earlier.name; earlier.stay = true; later.stay = true; } // the earlier one died, still on the KK
  }
  // a son who carries his father's full name (JUNIOR)
  if (chance(CHRISTIAN_GROUPS.has(g) ? RATES.juniorChristian : RATES.juniorOther)) {
    const son = kids.find((k) => k.sex === 'L');
    if (son) son.name = chance(0.8) ? father : father + ' JR';
  }
  return kids;
}

const queue = []; // adult children who left home: their households are made next
function makeHousehold(regency, village, fixed, fixedWife) {
  const g = fixed ? fixed.group : weighted(ethnicMix(regency));
  const h = newHousehold(village);
  const religion = fixed ? fixed.religion : weighted(RELIGION[g]);
  const type = fixed ? 'couple' : weighted([['couple', RATES.coupleHousehold], ['widow', 0.11], ['single', 0.09]]);
  const headAge = fixed ? ageOf(fixed.date) : weighted([[int(22, 29), 14], [int(30, 39), 24], [int(40, 49), 24], [int(50, 59), 19], [int(60, 69), 12], [int(70, 88), 7]]);
  const headDate = fixed ? fixed.date : randomDate(AS_OF_YEAR - headAge - 1 + int(0, 1));
  const fam = fixed && fixed.fam !== undefined ? fixed.fam : familyName(g);
  const headSex = fixed ? fixed.sex : type === 'widow' ? (chance(0.8) ? 'P' : 'L') : (type === 'single' ? (chance(0.6) ? 'L' : 'P') : 'L');
  const out = [];
  // parents of an adult from outside the household: older-generation names
  const parents = (gg, year) => {
    const fm = familyName(gg);
    return { mother: fullName(gg, 'P', year - 27), father: fullName(gg, 'L', year - 30, fm), fam: fm };
  };
  let head;
  let hp = fixed ? { mother: fixed.mother, father: fixed.father, fam: fixed.fam } : parents(g, headDate.y);
  if (fixed) head = fixed;
  else head = { name: fullName(g, headSex, headDate.y, MARGA[g] ? hp.fam : g === 'chinese' && headSex === 'L' ? fam : undefined), sex: headSex, date: headDate };
  const married = type === 'couple';
  // the grandparent: the head's widowed mother (or father)
  let grand = null;
  if (headAge >= 28 && headAge <= 62 && chance(RATES.grandparentInHousehold)) {
    const gs = chance(0.72) ? 'P' : 'L';
    const gd = randomDate(headDate.y - int(20, 38));
    if (ageOf(gd) <= 98) {
      const gp = parents(g, gd.y);
      grand = { name: gs === 'P' ? hp.mother : hp.father, sex: gs, date: gd, mother: gp.mother, father: gp.father };
    }
  }
  const headRec = addPerson(h, { name: head.name, sex: head.sex, date: head.date, place: fixed ? fixed.place : birthPlaceFor(regency, true), religion,
    marital: married ? 'KAWIN' : type === 'widow' ? (chance(0.7) ? 'CERAI MATI' : 'CERAI HIDUP') : 'BELUM KAWIN',
    mother: hp.mother, father: hp.father, group: g });
  out.push(headRec);
  let spouse = null;
  if (married || type === 'widow') {
    // the spouse (for a widow(er) head: the late spouse, for the children's parent names)
    const sg = chance(0.9) ? g : weighted(ethnicMix(regency));
    const sSex = head.sex === 'L' ? 'P' : 'L';
    const sd = randomDate(head.date.y + (sSex === 'P' ? int(-1, 7) : int(-8, 1)));
    const sp = parents(sg, sd.y);
    spouse = fixedWife || { name: fullName(sg, sSex, sd.y, MARGA[sg] ? sp.fam : sg === 'chinese' && sSex === 'L' ? fam : undefined), sex: sSex, date: sd,
      mother: sp.mother, father: sp.father, group: sg, place: birthPlaceFor(regency, true) };
    if (ageOf(spouse.date) < 17) spouse.date = randomDate(AS_OF_YEAR - 18 - int(0, 3));
    if (married) out.push(addPerson(h, { ...spouse, religion, marital: 'KAWIN' }));
  }
  if (spouse) {
    const father = head.sex === 'L' ? head : spouse, mother = head.sex === 'L' ? spouse : head;
    // the mother's name on the children's records: sometimes written a little differently
    const motherOnKids = chance(0.03) ? soundChange(mother.name) : mother.name;
    // children carry the father's marga (Batak, Nias) or the family's surname (Chinese-Indonesian)
    const kidFam = g === 'chinese' ? fam : MARGA[g] && father.name.includes(' ') ? father.name.replace(/^.* /, '') : '';
    const kids = familyChildren(h, regency, g, kidFam, father.name, motherOnKids, religion, father.date, mother.date);
    for (const k of kids) {
      const a = ageOf(k.date);
      const leaves = !k.stay && a >= 21 && chance(Math.min(0.92, (a - 19) * 0.09));
      if (leaves) {
        if (chance(RATES.adultChildOwnKK)) queue.push({ ...k, marital: 'KAWIN', fam: k.sex === 'L' ? kidFam : '', regency, village });
        continue;
      }
      out.push(addPerson(h, { ...k, marital: a >= 23 && chance(0.3) ? 'KAWIN' : 'BELUM KAWIN' }));
    }
  }
  if (grand) out.push(addPerson(h, { ...grand, place: birthPlaceFor(regency, true), religion, marital: 'CERAI MATI', group: g }));
  return out;
}
function makeDepartedHousehold(k) {
  const where = rnd();
  let regency = k.regency, village;
  if (where < 0.4) village = k.village;
  else if (where < 0.7) village = pick(villagesByDistrict.get(k.village.district_code));
  else { regency = weighted(regencyWeights); village = randomVillageIn(regency); }
  if (k.sex === 'L') return makeHousehold(regency, village, { ...k, group: k.group });
  // a daughter: her husband heads the KK; she keeps her own parents' names
  const g = k.group;
  const hd = randomDate(k.date.y - int(0, 6));
  const hp = { mother: fullName(g, 'P', hd.y - 27), father: fullName(g, 'L', hd.y - 30), fam: familyName(g) };
  const husband = { name: fullName(g, 'L', hd.y, MARGA[g] ? hp.fam : undefined), sex: 'L', date: hd, mother: hp.mother, father: hp.father,
    fam: MARGA[g] ? hp.fam : '', group: g, religion: k.religion, place: birthPlaceFor(regency, true) };
  return makeHousehold(regency, village, husband, { name: k.name, sex: 'P', date: k.date, mother: k.mother, father: k.father, place: k.place, group: g });
}

// ---- build the population ----
const t0 = Date.now();
const totalDups = Math.round(PEOPLE * RATES.dupRate / (1 + RATES.dupRate));
const targetPersons = PEOPLE - totalDups;
while (persons.length < targetPersons) {
  if (queue.length && chance(0.7)) { makeDepartedHousehold(queue.shift()); continue; }
  const regency = weighted(regencyWeights);
  makeHousehold(regency, randomVillageIn(regency));
}
persons.length = targetPersons; // the last household may be cut: a KK split across the set's edge is harmless

// ---- second registrations (data doble) ----
function soundChange(name) {
  const toks = name.split(' ');
  for (let tries = 0; tries < 12; tries++) {
    const ti = int(0, toks.length - 1); const t = toks[ti];
    if (t.length < 3 || t === 'BR') continue;
    const kind = rnd();
    if (kind < 0.62) { // a sound substitution, either way
      const [a, b] = pick(SOUND); const [from, to] = chance(0.5) ? [a, b] : [b, a];
      const idx = t.indexOf(from, 1); if (idx < 0) continue;
      toks[ti] = t.slice(0, idx) + to + t.slice(idx + from.length);
    } else if (kind < 0.8) { // double a consonant or undouble one
      const m = t.match(/([B-DF-HJ-NP-TV-Z])\1/);
      if (m) toks[ti] = t.replace(m[0], m[1]);
      else { const i = int(1, t.length - 2); if (VOWELS.includes(t[i])) continue; toks[ti] = t.slice(0, i + 1) + t.slice(i); }
    } else { // a dropped or added H
      if (t.endsWith('H')) toks[ti] = t.slice(0, -1);
      else if (t.includes('H')) { const i = t.indexOf('H'); toks[ti] = t.slice(0, i) + t.slice(i + 1); }
      else if (VOWELS.includes(t[t.length - 1]) && chance(0.5)) toks[ti] = t + 'H';
      else continue;
    }
    if (toks[ti].length >= 2) return toks.join(' ');
  }
  return typo(name);
}
function typo(name) {
  const i = int(1, Math.max(1, name.length - 1));
  if (name[i] === ' ' || name[i - 1] === ' ') return name.slice(0, i) + name.slice(i).replace(/^(\S)/, '$1$1');
  const k = rnd();
  if (k < 0.3) return name.slice(0, i) + name.slice(i + 1); // dropped letter
  if (k < 0.55) return name.slice(0, i - 1) + name[i] + name[i - 1] + name.slice(i + 1); // transposed
  const row = KEYS.find((r) => r.includes(name[i]));
  if (!row) return name.slice(0, i) + name.slice(i + 1);
  const j = row.indexOf(name[i]); const nb = row[j + (j > 0 && (j === row.length - 1 || chance(0.5)) ? -1 : 1)];
  return name.slice(0, i) + nb + name.slice(i + 1); // a neighbouring key
}
function tokenAddDrop(p) {
  const toks = p.name.split(' ');
  if (MARGA[p.group] && p.sex === 'P' && toks.length >= 2 && chance(0.35)) { // a Batak woman's BR (boru) written or left off
    const i = toks.indexOf('BR');
    if (i >= 0) { if (chance(0.3)) toks[i] = 'BORU'; else toks.splice(i, 1); } else toks.splice(toks.length - 1, 0, 'BR');
    return toks.join(' ');
  }
  if (toks.length >= 2 && chance(0.6)) { // drop a token (mostly the last: a father's name or marga left off)
    const i = chance(0.7) ? toks.length - 1 : (chance(0.5) ? 0 : int(0, toks.length - 1));
    toks.splice(i, 1); return toks.join(' ');
  }
  // add one: a second given name, the father's first name as a surname, or the marga
  const fatherTok = p.father ? p.father.split(' ')[0] : '';
  const extra = chance(0.4) && fatherTok && !toks.includes(fatherTok) ? fatherTok : givenName(p.group === 'chinese' ? 'jav' : p.group, p.sex, p.date.y).split(' ')[0];
  if (toks.includes(extra)) return toks.concat(givenName('jav', p.sex, p.date.y).split(' ')[0]).join(' ');
  return chance(0.75) ? toks.concat(extra).join(' ') : [extra].concat(toks).join(' ');
}
function reorder(name) {
  const t = name.split(' ');
  if (t.length < 2) return null;
  if (t.length === 2) return t[1] + ' ' + t[0];
  return chance(0.5) ? [t[t.length - 1], ...t.slice(0, -1)].join(' ') : [t[1], t[0], ...t.slice(2)].join(' ');
}
function initial(name) {
  const t = name.split(' ');
  if (t.length < 2) return null;
  const i = chance(0.75) ? 0 : t.length - 1;
  if (t[i] === 'BR') return null;
  t[i] = t[i][0] + '.'; return t.join(' ');
}
function title(p) {
  const r = rnd();
  if (r < 0.45 && p.religion === 'Islam' && ageOf(p.date) >= 35) return (p.sex === 'P' ? 'HJ. ' : 'H. ') + p.name;
  if (r < 0.75 && ageOf(p.date) >= 24) return p.name + pick([', S.PD', ', S.E', ', S.H', ', AMD', ', S.KOM', ', SST']);
  if (ageOf(p.date) >= 30) return pick(['DRS. ', 'IR. ', 'DR. ']) + p.name;
  return p.name + ' ' + (p.sex === 'P' ? 'BINTI ' : 'BIN ') + (p.father ? p.father.split(' ')[0] : 'ABDULLAH');
}
// spaces as written: NUR HAYATI / NURHAYATI, ABDUL RAHMAN / ABDULRAHMAN, SA'ADAH / SAADAH
const SPLIT_PREFIX = ['NUR', 'ABDUL', 'SRI', 'SITI', 'MUHAMMAD', 'AHMAD', 'DWI', 'TRI', 'PUTRI', 'SYARIF'];
const SPLIT_SUFFIX = ['WATI', 'NINGSIH', 'YATI', 'HAYATI', 'ROHMAN', 'RAHMAN', 'UDIN', 'UDDIN', 'ANTO', 'YANTO', 'ANINGSIH'];
function spacing(name) {
  if (/['-]/.test(name)) return name.replace(/['-]/, chance(0.5) ? '' : ' ');
  const t = name.split(' ');
  for (let i = 0; i < t.length - 1; i++) if (SPLIT_PREFIX.includes(t[i]) && chance(0.7)) { t.splice(i, 2, t[i] + t[i + 1]); return t.join(' '); }
  for (let i = 0; i < t.length; i++) {
    for (const p of SPLIT_PREFIX) if (t[i].startsWith(p) && t[i].length > p.length + 2) { t[i] = p + ' ' + t[i].slice(p.length); return t.join(' '); }
    for (const x of SPLIT_SUFFIX) if (t[i].endsWith(x) && t[i].length > x.length + 2) { t[i] = t[i].slice(0, -x.length) + ' ' + x; return t.join(' '); }
  }
  if (t.length >= 2 && chance(0.5)) { // a space left out between two names
    const i = int(0, t.length - 2);
    if (t[i] === 'BR' || t[i + 1] === 'BR' || t[i].endsWith('.')) return null;
    t.splice(i, 2, t[i] + t[i + 1]); return t.join(' ');
  }
  return null;
}
function abbrevMuhammad(name) {
  const m = name.match(/^(MUHAMMAD|MOHAMMAD|MUHAMAD|AHMAD|ABDUL) /);
  if (!m) return null;
  const v = { MUHAMMAD: ['M.', 'MOH.', 'MUH.', 'MOCH.', 'MOHAMMAD', 'MUHAMAD', 'MOCHAMAD'], AHMAD: ['ACHMAD', 'AHMAT', 'A.'], ABDUL: ['ABD.', 'ABDOEL'] }[m[1]] || ['M.'];
  return pick(v) + name.slice(m[1].length);
}
function corruptName(p) {
  const kind = weighted([['exact', RATES.nameExact], ['sound', RATES.nameSound], ['typo', RATES.nameTypo], ['token', RATES.nameTokenAddDrop],
    ['reorder', RATES.nameReorder], ['initial', RATES.nameInitial], ['title', RATES.nameTitle], ['abbrev', RATES.nameAbbrevMuhammad], ['spacing', RATES.nameSpacing], ['two', RATES.nameTwoErrors]]);
  const one = (k, who) => {
    switch (k) {
      case 'sound': return soundChange(who.name);
      case 'typo': return typo(who.name);
      case 'token': return tokenAddDrop(who);
      case 'reorder': return reorder(who.name) || soundChange(who.name);
      case 'initial': return initial(who.name) || soundChange(who.name);
      case 'title': return title(who);
      case 'abbrev': return abbrevMuhammad(who.name) || soundChange(who.name);
      case 'spacing': return spacing(who.name) || soundChange(who.name);
    }
    return who.name;
  };
  if (kind === 'exact') return { name: p.name, bad: false };
  if (kind === 'two') {
    const a = one(pick(['sound', 'typo', 'token', 'initial']), p);
    return { name: one(pick(['sound', 'typo']), { ...p, name: a }), bad: true };
  }
  return { name: one(kind, p), bad: true };
}
function corruptDate(d) {
  const kind = weighted([['exact', RATES.dateExact], ['digit', RATES.dateYearDigit], ['swap', RATES.dateDayMonthSwap], ['day', RATES.dateDayOff],
    ['month', RATES.dateMonthOff], ['placeholder', RATES.datePlaceholder], ['year', RATES.dateYearOff]]);
  const t = { ...d };
  switch (kind) {
    case 'exact': return { date: t, bad: false };
    case 'digit': { // one digit of the year (the last, sometimes the third): 1978 -> 1973 / 1968
      const s = String(t.y).split(''); const i = chance(0.75) ? 3 : 2; let nd;
      if (i === 3) do nd = String(int(0, 9)); while (nd === s[i]);
      else { const v = Number(s[i]); nd = String(v === 9 ? 8 : v === 0 ? 1 : v + (chance(0.5) ? 1 : -1)); } // the decade digit: one up or down
      s[i] = nd; t.y = Number(s.join('')); if (t.y > AS_OF_YEAR || t.y < 1900) t.y = d.y - 1; break;
    }
    case 'swap': if (t.d <= 12 && t.d !== t.m) { const x = t.d; t.d = t.m; t.m = x; } else t.d = Math.min(daysIn(t.y, t.m), t.d + 1); break;
    case 'day': { const k = chance(0.6) ? pick([-1, 1]) : pick([-3, -2, 2, 3, 10, -10]); t.d = Math.max(1, Math.min(daysIn(t.y, t.m), t.d + k)); if (t.d === d.d) t.d = t.d > 1 ? t.d - 1 : 2; break; }
    case 'month': t.m = t.m === 12 ? 11 : t.m + 1; t.d = Math.min(t.d, daysIn(t.y, t.m)); break;
    case 'placeholder': { const r = rnd(); if (r < 0.55) { t.m = 1; t.d = 1; } else if (r < 0.8) { t.m = 12; t.d = 31; } else t.d = t.d === 1 ? 15 : 1; break; }
    case 'year': t.y += pick([-1, 1]); break;
  }
  if (t.y > AS_OF_YEAR) t.y = AS_OF_YEAR;
  return { date: t, bad: dateStr(t) !== dateStr(d) };
}
function corruptParent(name, p, isMother) {
  if (!name) return { name, bad: false };
  const r = rnd();
  let a = RATES.parentMissing; if (r < a) return { name: '', bad: true };
  if (r < (a += RATES.parentMisspelt)) return { name: chance(0.7) ? soundChange(name) : typo(name), bad: true };
  if (r < (a += RATES.parentShortened)) {
    const t = name.split(' ');
    if (t.length < 2) return { name: soundChange(name), bad: true };
    return { name: chance(0.6) ? t[0] : t.slice(0, -1).join(' '), bad: true };
  }
  if (r < (a += RATES.parentTitled)) return { name: isMother ? 'HJ. ' + name : (chance(0.5) ? 'H. ' : 'ALM. ') + name, bad: true };
  return { name, bad: false };
}
function corruptPlace(place) {
  const r = rnd(); let a = RATES.placeKab;
  if (r < a) return { place: 'KAB. ' + place, bad: true };
  if (r < (a += RATES.placeKota)) return { place: 'KOTA ' + place, bad: true };
  if (r < (a += RATES.placeMisspelt)) return { place: chance(0.5) ? soundChange(place) : typo(place), bad: true };
  if (r < (a += RATES.placeOther)) return { place: placeName(pick(regencies)), bad: true };
  if (r < (a += RATES.placeTown)) { // the town (kecamatan) of birth instead of the regency
    const reg = regencies.find((x) => placeName(x) === place);
    if (reg) return { place: pick(districtsByRegency.get(reg.code)).name.toUpperCase(), bad: true };
  }
  if (r < (a += RATES.placeMissing)) return { place: '', bad: true };
  return { place, bad: false };
}
function secondPlace(p) { // where: the same kecamatan, the regency, the province or another province
  const r = rnd(); let village;
  const reg = regencies.find((x) => x.code === p.h.village.slice(0, 5)) || pick(regencies);
  if (r < RATES.dupSameKecamatan) village = pick(villagesByDistrict.get(p.h.village.slice(0, 8)));
  else if (r < RATES.dupSameKecamatan + RATES.dupSameRegency) village = randomVillageIn(reg);
  else if (r < RATES.dupSameKecamatan + RATES.dupSameRegency + RATES.dupSameProvince) village = randomVillageIn(weighted(regencyWeights));
  else village = randomVillageIn(pick(otherRegencies));
  return village;
}
function secondRecord(p, family) {
  let h = family;
  if (!h) {
    const village = secondPlace(p);
    const existing = householdsByKec.get(kecOf(village.code));
    h = existing && existing.length && chance(RATES.dupJoinsExistingKK) ? pick(existing) : newHousehold(village);
  }
  const kec = h.kec;
  const child = ageOf(p.date) < 17;
  let name, date, mother, father, place;
  for (let tries = 0; ; tries++) { // at most RATES.maxCorruptedFields fields wrong (an officer would still see the person)
    name = child && chance(0.6) ? { name: p.name, bad: false } : corruptName(p);
    date = corruptDate(p.date);
    mother = corruptParent(p.mother, p, true); father = corruptParent(p.father, p, false);
    place = corruptPlace(p.place);
    const bad = [name, date, mother, father, place].filter((x) => x.bad).length;
    if (bad <= RATES.maxCorruptedFields || tries > 20) break;
  }
  const sex = chance(RATES.sexError) ? (p.sex === 'L' ? 'P' : 'L') : p.sex;
  const a = ageOf(p.date);
  return { id: p.id, name: name.name, sex, date: date.date, place: place.place, religion: p.religion,
    marital: p.marital === 'BELUM KAWIN' && a >= 20 && chance(0.3) ? 'KAWIN' : p.marital,
    occupation: chance(RATES.occupationChanged) ? occupationFor(p) : p.occupation,
    mother: mother.name, father: father.name, h, group: p.group,
    blood: chance(RATES.bloodUnknownOneSide) ? '-' : p.blood, nik: makeNik(kec, date.date, sex) };
}
const dups = [];
const members = new Map();
for (const p of persons) { let m = members.get(p.h); if (!m) members.set(p.h, m = []); m.push(p); }
while (dups.length < totalDups) {
  const p = persons[Math.floor(rnd() * persons.length)];
  if (chance(RATES.dupWholeKK)) { // the whole family registered again at a new place under a new KK
    const fam = members.get(p.h).filter((m) => !m.dup);
    if (fam.length < 2 || fam.length > totalDups - dups.length) continue;
    const h = newHousehold(secondPlace(p));
    for (const m of fam) { m.dup = true; dups.push(secondRecord(m, h)); }
    continue;
  }
  const child = ageOf(p.date) < 17;
  if (child !== chance(RATES.dupChild) || p.dup) continue; // the share of children among the duplicated
  p.dup = true;
  dups.push(secondRecord(p));
  if (dups.length < totalDups && chance(RATES.dupThird)) dups.push(secondRecord(p));
}

// ---- write (records shuffled: a registry extract is not in household order) ----
const all = persons.concat(dups);
for (let i = all.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); const x = all[i]; all[i] = all[j]; all[j] = x; }
const q = (s) => (s.includes(',') || s.includes('"') ? '"' + s.replace(/"/g, '""') + '"' : s);
fs.mkdirSync(OUT, { recursive: true });
const res = fs.openSync(path.join(OUT, 'residents.csv'), 'w');
const tru = fs.openSync(path.join(OUT, 'truth.csv'), 'w');
fs.writeSync(res, 'nik,kk,name,sex,birth_place,birth_date,religion,marital_status,occupation,mother_name,father_name,village_code,rt,rw,address,blood_type,citizenship\n');
fs.writeSync(tru, 'nik,person_id\n');
const CH = 20000;
for (let i = 0; i < all.length; i += CH) {
  const a = [], b = [];
  for (let k = i; k < Math.min(all.length, i + CH); k++) {
    const p = all[k];
    a.push(`${p.nik},${p.h.kk},${q(p.name)},${p.sex},${q(p.place)},${dateStr(p.date)},${p.religion},${p.marital},${q(p.occupation)},${q(p.mother)},${q(p.father)},${p.h.village},${p.h.rt},${p.h.rw},${q(p.h.address)},${p.blood},WNI\n`);
    b.push(`${p.nik},P${PROVINCE}-${p.id}\n`);
  }
  fs.writeSync(res, a.join('')); fs.writeSync(tru, b.join(''));
}
fs.closeSync(res); fs.closeSync(tru);
console.log(`household_set: ${all.length} records (${targetPersons} persons in ${households.length} KK, ${dups.length} second registrations) province ${PROVINCE} seed ${SEED} -> ${OUT} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
