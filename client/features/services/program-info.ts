import { defineText } from '../../i18n/language.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { jakartaDateOf } from '../../../shared/rules/dates.ts';
import { jmoClaimLimitOn } from '../../../shared/rules/jht-claims.ts';

// The limit the claim channel rule applies today, so this page and a claim never disagree.
const jmoLimit = jmoClaimLimitOn(jakartaDateOf(Date.now()));

interface Program {
  code: 'JHT' | 'JKK' | 'JKM' | 'JP' | 'JKP';
  name: string;
  summary: string;
  points: string[];
}

interface Faq {
  question: string;
  answer: string;
}

/** Bundled with the app so it reads offline; figures follow ../shared/DOMAIN.md (2025–2026). */
export const programInfo = defineText<{ programs: Program[]; faq: Faq[] }>({
  id: {
    programs: [
      {
        code: 'JHT',
        name: 'Jaminan Hari Tua',
        summary: 'Tabungan hari tua Anda sendiri: iuran setiap bulan ditambah hasil pengembangan setiap tahun.',
        points: [
          'Iuran 5,7% dari upah: 3,7% dibayar pemberi kerja, 2% dipotong dari upah Anda.',
          'Bisa dicairkan penuh setelah berhenti bekerja (masa tunggu 1 bulan), usia 56 tahun, cacat total tetap, atau pindah ke luar negeri selamanya.',
          'Setelah 10 tahun kepesertaan boleh mengambil sebagian, 10% atau 30%, sekali seumur hidup.',
          `Saldo sampai ${formatRupiah(jmoLimit, 'id')} bisa diklaim lewat aplikasi bila verifikasi wajah dan Pengkinian Data sudah tercatat; selain itu lewat Lapak Asik atau kantor cabang.`,
        ],
      },
      {
        code: 'JKK',
        name: 'Jaminan Kecelakaan Kerja',
        summary: 'Perlindungan saat kecelakaan kerja, di perjalanan pergi-pulang kerja, saat dinas, atau penyakit akibat kerja.',
        points: [
          'Perawatan tanpa batas biaya di rumah sakit atau klinik mitra (PLKK). Tunjukkan kartu digital Anda.',
          'Upah tetap dibayar selama tidak mampu bekerja: 100% 12 bulan pertama, lalu 50% sampai sembuh.',
          'Pemberi kerja wajib melapor dalam 2×24 jam setelah kecelakaan.',
          'Iuran dibayar penuh oleh pemberi kerja (0,24%–1,74% dari upah sesuai risiko).',
        ],
      },
      {
        code: 'JKM',
        name: 'Jaminan Kematian',
        summary: 'Santunan untuk ahli waris bila peserta meninggal dunia bukan karena kecelakaan kerja.',
        points: [
          'Total Rp42 juta: santunan sekaligus, biaya pemakaman, dan santunan berkala.',
          'Beasiswa untuk paling banyak 2 anak bila iuran sudah minimal 3 tahun.',
          'Klaim diajukan oleh ahli waris, bukan dari akun peserta.',
        ],
      },
      {
        code: 'JP',
        name: 'Jaminan Pensiun',
        summary: 'Penghasilan bulanan setelah usia pensiun untuk pekerja penerima upah.',
        points: [
          'Iuran 3% dari upah (sampai batas upah tertinggi): 2% pemberi kerja, 1% pekerja.',
          'Usia pensiun 59 tahun pada 2025–2027, naik 1 tahun setiap 3 tahun sampai 65.',
          'Minimal 15 tahun iuran untuk pensiun bulanan; kurang dari itu dibayar sekaligus.',
        ],
      },
      {
        code: 'JKP',
        name: 'Jaminan Kehilangan Pekerjaan',
        summary: 'Uang tunai, informasi pasar kerja, dan pelatihan setelah terkena PHK.',
        points: [
          '60% dari upah terakhir (upah paling tinggi dihitung Rp5 juta) selama 6 bulan, paling banyak Rp3 juta per bulan.',
          'Syarat: minimal 12 bulan iuran dalam 24 bulan terakhir, 6 bulan berturut-turut sebelum PHK.',
          'Ajukan paling lambat 6 bulan setelah PHK. Tidak berlaku untuk pengunduran diri.',
          'Anda tidak membayar iuran JKP.',
        ],
      },
    ],
    faq: [
      {
        question: 'Apakah data di aplikasi ini selalu terbaru?',
        answer: 'Data disimpan di ponsel Anda dan diperbarui setiap kali tersambung ke internet. Tanggal "Data per …" menunjukkan kapan terakhir dikonfirmasi oleh server.',
      },
      {
        question: 'Saldo saya belum muncul, padahal baru terdaftar.',
        answer: 'Data kepesertaan baru bisa memerlukan 7–14 hari sampai iuran pertama tercatat. Bila lebih lama, hubungi pemberi kerja atau Layanan 175.',
      },
      {
        question: 'Apakah bisa mengisi klaim tanpa internet?',
        answer: 'Bisa. Draf tersimpan di ponsel dan dikirim sekali saja saat tersambung kembali. Status klaim tampil setelah server menerimanya.',
      },
    ],
  },
  en: {
    programs: [
      {
        code: 'JHT',
        name: 'Old-Age Savings (JHT)',
        summary: 'Your own savings account: monthly contributions plus a yearly development return.',
        points: [
          'Contribution 5.7% of wages: 3.7% paid by the employer, 2% deducted from your wage.',
          'Paid in full after leaving work (1-month waiting period), at age 56, on permanent total disability, or when leaving Indonesia for good.',
          'After 10 years of membership you may take 10% or 30% once in your life.',
          `Balances up to ${formatRupiah(jmoLimit, 'en')} can be claimed in the app once face match and the data update (Pengkinian Data) are on record; otherwise through Lapak Asik or a branch office.`,
        ],
      },
      {
        code: 'JKK',
        name: 'Work Accident Benefit (JKK)',
        summary: 'Cover for accidents at work, on the way to and from work, on duty trips, and occupational disease.',
        points: [
          'Treatment with no cost ceiling at partner hospitals and clinics (PLKK). Show your digital card.',
          'Wages continue while you cannot work: 100% for the first 12 months, then 50% until recovery.',
          'Your employer must report within 2×24 hours of the accident.',
          'Paid entirely by the employer (0.24%–1.74% of wages by risk).',
        ],
      },
      {
        code: 'JKM',
        name: 'Death Benefit (JKM)',
        summary: 'Paid to heirs when a participant dies from a cause other than a work accident.',
        points: [
          'Rp42 million in total: lump sum, funeral costs and periodic benefit.',
          'Scholarships for up to 2 children after at least 3 years of contributions.',
          'Heirs file this claim; it is not filed from the participant\'s account.',
        ],
      },
      {
        code: 'JP',
        name: 'Pension (JP)',
        summary: 'A monthly income after pension age for wage earners.',
        points: [
          'Contribution 3% of wages (up to the wage cap): 2% employer, 1% worker.',
          'Pension age is 59 in 2025–2027, rising 1 year every 3 years up to 65.',
          'At least 15 years of contributions for a monthly pension; otherwise paid as a lump sum.',
        ],
      },
      {
        code: 'JKP',
        name: 'Job-Loss Benefit (JKP)',
        summary: 'Cash, job-market information and training after being laid off.',
        points: [
          '60% of the last wage (counted up to Rp5 million) for 6 months, at most Rp3 million a month.',
          'Requires 12 months of contributions in the last 24, including 6 in a row before the lay-off.',
          'Claim within 6 months of the lay-off. Not for resignations.',
          'You pay no JKP contribution.',
        ],
      },
    ],
    faq: [
      {
        question: 'Is the data in this app always up to date?',
        answer: 'Data is kept on your phone and refreshed whenever you are online. "Data as of …" shows when the server last confirmed it.',
      },
      {
        question: 'My balance does not show yet although I just joined.',
        answer: 'New memberships can take 7–14 days until the first contribution is recorded. If it takes longer, contact your employer or the 175 call centre.',
      },
      {
        question: 'Can I fill in a claim without internet?',
        answer: 'Yes. The draft is kept on the phone and sent exactly once when you are back online. The claim status appears once the server has received it.',
      },
    ],
  },
});
