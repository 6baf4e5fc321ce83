import { defineText } from '../../i18n/language.ts';

/** "140 KB", "1,2 MB": whole kilobytes below a megabyte (what a participant counts in their data plan). */
export function amount(bytes: number, decimalMark: string): string {
  const kilobytes = Math.round(bytes / 1024);
  if (kilobytes < 1000) return `${kilobytes} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', decimalMark)} MB`;
}

export interface UploadCounts {
  pagesDone: number;
  pagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** The page being sent is the one after those done (the last one once all are done). */
const pageInFlight = ({ pagesDone, pagesTotal }: UploadCounts) => Math.min(pagesDone + 1, pagesTotal);

export const documentsText = defineText({
  id: {
    intro: 'Foto setiap dokumen. Foto disimpan di ponsel, jadi bisa diambil tanpa internet.',
    takePhoto: 'Ambil foto',
    pickFile: 'Pilih foto atau PDF',
    retake: 'Foto ulang',
    remove: 'Hapus',
    pageLabel: (document: string, page: number) => `${document}, halaman ${page}`,
    pages: (count: number) => (count === 0 ? 'Belum ada foto' : `${count} halaman`),
    shrinking: 'Memperkecil foto…',
    pdf: 'PDF',
    unreadable: 'Foto ini tidak bisa dibaca. Coba ambil foto lagi.',
    wrongType: 'Hanya foto (JPEG, PNG, WebP) atau PDF yang bisa dipakai.',
    pdfTooLarge: 'PDF ini lebih dari 2 MB. Foto dokumennya saja, halaman demi halaman.',
    storageFull: 'Memori ponsel penuh: foto ini belum tersimpan. Foto yang sudah ada tetap aman. Kosongkan ruang, lalu coba lagi.',
    uploadProgress: (counts: UploadCounts) =>
      `Mengunggah ${pageInFlight(counts)} dari ${counts.pagesTotal} halaman · ${amount(counts.bytesDone, ',')} dari ${amount(counts.bytesTotal, ',')}`,
    /** While waiting nothing is being sent, so the line says what is already on the server. */
    uploadWaiting: (counts: UploadCounts) => `Terkirim ${counts.pagesDone} dari ${counts.pagesTotal} halaman · ${amount(counts.bytesDone, ',')} dari ${amount(counts.bytesTotal, ',')}`,
    uploadLabel: 'Unggahan foto dokumen',
    totals: (documents: number, pages: number, bytes: number) => `${documents} dokumen · ${pages} halaman · ${amount(bytes, ',')}`,
    onlyRequested: (document: string) => `Foto ulang hanya dokumen ini: ${document}.`,
    refusedHere: (message: string) => `Foto ini ditolak: ${message} Ambil foto ulang.`,
  },
  en: {
    intro: 'Take a photo of each document. Photos are kept on your phone, so you can take them without internet.',
    takePhoto: 'Take photo',
    pickFile: 'Choose photo or PDF',
    retake: 'Retake',
    remove: 'Remove',
    pageLabel: (document: string, page: number) => `${document}, page ${page}`,
    pages: (count: number) => (count === 0 ? 'No photo yet' : count === 1 ? '1 page' : `${count} pages`),
    shrinking: 'Making the photo smaller…',
    pdf: 'PDF',
    unreadable: 'This photo cannot be read. Try taking it again.',
    wrongType: 'Only photos (JPEG, PNG, WebP) or PDF files can be used.',
    pdfTooLarge: 'This PDF is over 2 MB. Photograph the document instead, page by page.',
    storageFull: 'Phone storage is full: this photo was not saved. Photos taken before are safe. Free some space, then try again.',
    uploadProgress: (counts: UploadCounts) =>
      `Uploading ${pageInFlight(counts)} of ${counts.pagesTotal} pages · ${amount(counts.bytesDone, '.')} of ${amount(counts.bytesTotal, '.')}`,
    uploadWaiting: (counts: UploadCounts) => `Sent ${counts.pagesDone} of ${counts.pagesTotal} pages · ${amount(counts.bytesDone, '.')} of ${amount(counts.bytesTotal, '.')}`,
    uploadLabel: 'Document photo upload',
    totals: (documents: number, pages: number, bytes: number) =>
      `${documents} ${documents === 1 ? 'document' : 'documents'} · ${pages} ${pages === 1 ? 'page' : 'pages'} · ${amount(bytes, '.')}`,
    onlyRequested: (document: string) => `Retake only this document: ${document}.`,
    refusedHere: (message: string) => `This photo was refused: ${message} Take it again.`,
  },
});
