import { defineText } from '../../i18n/language.ts';

/** What each claim field needs, said as what to do; shown when a step is not complete. */
export const claimFieldHelp = defineText({
  id: {
    fields: {
      _: 'Periksa lagi isian di langkah ini.',
      kpj: 'Pilih kartu peserta.',
      cause: 'Pilih sebab klaim.',
      percent: 'Pilih 10% atau 30%.',
      willingToWork: 'JKP mensyaratkan kesediaan untuk bekerja kembali.',
      'bankAccount.bankCode': 'Pilih bank dari daftar.',
      'bankAccount.number': 'Tulis nomor rekening: 6 sampai 20 angka.',
      'bankAccount.holderName': 'Tulis nama pemilik rekening, sama seperti di buku tabungan.',
      accidentDate: 'Isi tanggal kejadian.',
      accidentTime: 'Isi jam kejadian, contoh 08:30.',
      place: 'Tulis tempat kejadian, minimal 5 huruf.',
      description: 'Ceritakan kejadiannya, minimal 20 huruf.',
      facilityId: 'Tulis nama klinik atau rumah sakit PLKK.',
    },
    documentsMissing: (names: string[]) => `Foto belum ada untuk: ${names.join('; ')}. Setiap dokumen perlu minimal 1 halaman.`,
    retakeRefused: 'Foto ulang halaman yang ditolak (bertanda merah), atau hapus halaman itu.',
  },
  en: {
    fields: {
      _: 'Check what you entered in this step.',
      kpj: 'Choose a participant card.',
      cause: 'Choose the reason for the claim.',
      percent: 'Choose 10% or 30%.',
      willingToWork: 'JKP requires that you are willing to work again.',
      'bankAccount.bankCode': 'Choose a bank from the list.',
      'bankAccount.number': 'Enter the account number: 6 to 20 digits.',
      'bankAccount.holderName': 'Enter the account holder’s name, as in your savings book.',
      accidentDate: 'Enter the date of the accident.',
      accidentTime: 'Enter the time of the accident, e.g. 08:30.',
      place: 'Enter where it happened, at least 5 letters.',
      description: 'Describe what happened, at least 20 letters.',
      facilityId: 'Enter the name of the PLKK clinic or hospital.',
    },
    documentsMissing: (names: string[]) => `No photo yet of: ${names.join('; ')}. Every document needs at least 1 page.`,
    retakeRefused: 'Retake the refused page (marked in red), or remove it.',
  },
});
