import { defineText } from '../i18n/language.ts';

export const syncText = defineText({
  id: {
    fresh: 'terbaru',
    stale: 'belum diperbarui',
    offline: 'belum diperbarui, Anda sedang offline',
    outdated: 'lebih dari 35 hari, mungkin sudah tidak sesuai',
    never: 'Belum pernah diambil dari server.',
    sending: (done: number, total: number) => `Mengirim ${done} dari ${total}…`,
    refreshing: 'Memperbarui data…',
    waiting: (count: number) => `${count} data menunggu dikirim. Akan terkirim otomatis saat online.`,
    failed: 'Server belum bisa dihubungi. Dicoba lagi otomatis.',
    retryNow: 'Coba sekarang',
    signInAgain: 'Sesi berakhir. Masuk lagi untuk mengirim data yang menunggu.',
    signIn: 'Masuk',
    refresh: 'Perbarui',
  },
  en: {
    fresh: 'up to date',
    stale: 'not refreshed yet',
    offline: 'not refreshed, you are offline',
    outdated: 'over 35 days old, may no longer be correct',
    never: 'Never fetched from the server.',
    sending: (done: number, total: number) => `Sending ${done} of ${total}…`,
    refreshing: 'Refreshing data…',
    waiting: (count: number) => `${count} items waiting to be sent. They go automatically when online.`,
    failed: 'The server cannot be reached yet. Retrying automatically.',
    retryNow: 'Try now',
    signInAgain: 'Session ended. Sign in again to send waiting items.',
    signIn: 'Sign in',
    refresh: 'Refresh',
  },
});
