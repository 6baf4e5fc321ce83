import { addMonths } from '../../shared/rules/dates.ts';

/** The password of every demo account; printed by `npm start`, never valid outside demo data. */
export const DEMO_PASSWORD = 'Demo-JMO-2026!';

export interface DemoCard {
  employer: string | null; // null = BPU (self-employed)
  startDate: string;
  endDate: string | null;
  endReason: 'RESIGN' | 'PHK' | null;
  wage: number; // reported wage (PU) or declared income (BPU)
  riskClass: 1 | 2 | 3 | 4 | 5;
  /** Months, counted from the end, in which the employer did not pay (visible gaps). */
  unpaidMonthsAgo?: number[];
}

export interface DemoPerson {
  key: string;
  fullName: string;
  sex: 'M' | 'F';
  birthDate: string;
  regionCode: string;
  motherName: string;
  story: string;
  email: string | null; // null: no account yet, so the registration flow can be tried
  phone: string;
  cards: DemoCard[];
}

/**
 * The named people a demo is walked through with. Dates are relative to `today`, so the
 * interesting cases stay interesting whenever the seed runs: Dewi's lay-off is always two
 * months ago and Hendra always two months short of 56.
 */
export function demoPeople(today: string): DemoPerson[] {
  return [
    {
      key: 'siti',
      fullName: 'Siti Rahayu',
      sex: 'F',
      birthDate: '1988-04-12',
      regionCode: '327303',
      motherName: 'Sumiati',
      story: 'tiga kartu peserta dari tiga pemberi kerja',
      email: 'siti.rahayu@demo.jmo-lite.test',
      phone: '+6281200000001',
      cards: [
        { employer: 'PT Sinar Garmen Nusantara', startDate: '2009-07-01', endDate: '2014-12-31', endReason: 'RESIGN', wage: 1_900_000, riskClass: 2 },
        { employer: 'PT Mitra Logistik Prima', startDate: '2015-02-01', endDate: '2019-08-31', endReason: 'RESIGN', wage: 3_600_000, riskClass: 3 },
        { employer: 'PT Cahaya Retail Mandiri', startDate: '2019-10-01', endDate: null, endReason: null, wage: 5_400_000, riskClass: 1, unpaidMonthsAgo: [7, 8] },
      ],
    },
    {
      key: 'budi',
      fullName: 'Budi Santoso',
      sex: 'M',
      birthDate: '1993-09-03',
      regionCode: '357802',
      motherName: 'Ngatini',
      story: 'pengemudi ojek daring, peserta BPU yang membayar sendiri',
      email: 'budi.santoso@demo.jmo-lite.test',
      phone: '+6281200000002',
      cards: [{ employer: null, startDate: '2021-05-01', endDate: null, endReason: null, wage: 2_500_000, riskClass: 1 }],
    },
    {
      key: 'dewi',
      fullName: 'Dewi Lestari',
      sex: 'F',
      birthDate: '1995-01-27',
      regionCode: '337402',
      motherName: 'Aminah',
      story: 'terkena PHK dua bulan lalu: bisa klaim JHT penuh dan JKP',
      email: 'dewi.lestari@demo.jmo-lite.test',
      phone: '+6281200000003',
      cards: [{ employer: 'PT Karya Tekstil Abadi', startDate: '2021-03-01', endDate: addMonths(today, -2), endReason: 'PHK', wage: 3_500_000, riskClass: 2 }],
    },
    {
      key: 'agus',
      fullName: 'Agus Wijaya',
      sex: 'M',
      birthDate: '1984-06-18',
      regionCode: '317505',
      motherName: 'Sulastri',
      story: '12 tahun aktif: bisa klaim JHT sebagian 10% atau 30%',
      email: 'agus.wijaya@demo.jmo-lite.test',
      phone: '+6281200000004',
      cards: [{ employer: 'PT Prima Elektronik Sejahtera', startDate: addMonths(today, -12 * 12 - 5).slice(0, 8) + '01', endDate: null, endReason: null, wage: 7_500_000, riskClass: 2 }],
    },
    {
      key: 'hendra',
      fullName: 'Hendra Gunawan',
      sex: 'M',
      birthDate: addMonths(today, -(55 * 12 + 10)),
      regionCode: '127103',
      motherName: 'Rohani',
      story: 'dua bulan lagi berusia 56 tahun (usia pensiun JHT)',
      email: 'hendra.gunawan@demo.jmo-lite.test',
      phone: '+6281200000005',
      cards: [{ employer: 'PT Nusantara Konstruksi Jaya', startDate: '2004-03-01', endDate: null, endReason: null, wage: 9_800_000, riskClass: 4 }],
    },
    {
      key: 'rina',
      fullName: 'Rina Kartika',
      sex: 'F',
      birthDate: '1998-11-09',
      regionCode: '367104',
      motherName: 'Fatimah',
      story: 'belum punya akun: coba alur Daftar dengan data ini',
      email: null,
      phone: '+6281200000006',
      cards: [{ employer: 'PT Maju Pangan Sentosa', startDate: '2022-01-01', endDate: null, endReason: null, wage: 4_200_000, riskClass: 1 }],
    },
  ];
}
