import { defineText } from '../../i18n/language.ts';

export const claimFixText = defineText({
  id: {
    heading: 'Perbaiki dan kirim ulang',
    officeAsked: 'Yang diminta petugas:',
    changeAccount: 'Ganti rekening pencairan',
    note: 'Apa yang sudah Anda perbaiki?',
    noteHint: 'Contoh: rekening sudah diganti ke rekening atas nama saya sendiri.',
    send: 'Kirim perbaikan',
    sendOffline: 'Simpan dan kirim saat online',
    label: 'Perbaikan klaim',
    queued: 'Perbaikan tersimpan dan akan dikirim otomatis saat tersambung ke internet.',
    sent: 'Perbaikan terkirim. Klaim kembali diajukan untuk diverifikasi.',
    refused: (message: string) => `Perbaikan ditolak: ${message}`,
    fieldHelp: {
      _: 'Periksa lagi isian perbaikan.',
      note: 'Tulis apa yang sudah Anda perbaiki, minimal 5 huruf.',
      'bankAccount.bankCode': 'Pilih bank dari daftar.',
      'bankAccount.number': 'Tulis nomor rekening: 6 sampai 20 angka.',
      'bankAccount.holderName': 'Tulis nama pemilik rekening, sama seperti di buku tabungan.',
    },
  },
  en: {
    heading: 'Correct and send again',
    officeAsked: 'What the officer asked for:',
    changeAccount: 'Change the payout account',
    note: 'What have you corrected?',
    noteHint: 'For example: the account is now one in my own name.',
    send: 'Send correction',
    sendOffline: 'Save and send when online',
    label: 'Claim correction',
    queued: 'Your correction is saved and will be sent automatically when you are online.',
    sent: 'Correction sent. The claim is submitted again for verification.',
    refused: (message: string) => `Correction refused: ${message}`,
    fieldHelp: {
      _: 'Check what you entered.',
      note: 'Write what you corrected, at least 5 letters.',
      'bankAccount.bankCode': 'Choose a bank from the list.',
      'bankAccount.number': 'Enter the account number: 6 to 20 digits.',
      'bankAccount.holderName': 'Enter the account holder’s name, as in your savings book.',
    },
  },
});
