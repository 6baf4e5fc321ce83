// Claim document pages uploaded with tus: what the server accepts, shared so the phone can
// refuse the same things before spending data on them.
import * as v from 'valibot';
import { DOCUMENT_IDS } from '../rules/claim-documents.ts';

/** A page after shrinking on the phone (issue 15 aims at ≤ 200 KB; this is the hard ceiling). */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/** Pages of one claim draft, all its documents together. */
export const MAX_PAGES_PER_DRAFT = 20;
/** An upload not finished by then is removed with its bytes. */
export const UPLOAD_EXPIRY_MS = 7 * 24 * 60 * 60 * 1000;
/** Types the office can open; checked by the file's magic bytes, not by what the phone says. */
export const ACCEPTED_DOCUMENT_TYPES = ['image/jpeg', 'image/webp', 'image/png', 'application/pdf'] as const;
export type AcceptedDocumentType = (typeof ACCEPTED_DOCUMENT_TYPES)[number];

/** The tus `Upload-Metadata` of a page (values as decoded text, as tus carries them). */
export const DocumentUploadMetadataSchema = v.object({
  draftId: v.pipe(v.string('Draf tidak dikenali.'), v.uuid('Draf tidak dikenali.')),
  documentId: v.picklist(DOCUMENT_IDS, 'Jenis dokumen tidak dikenali.'),
  page: v.pipe(
    v.string('Nomor halaman wajib diisi.'),
    v.regex(/^\d{1,2}$/, 'Nomor halaman tidak valid.'),
    v.transform(Number),
    v.maxValue(MAX_PAGES_PER_DRAFT - 1, `Satu dokumen paling banyak ${MAX_PAGES_PER_DRAFT} halaman.`),
  ),
  filetype: v.picklist(ACCEPTED_DOCUMENT_TYPES, 'Berkas harus berupa foto JPEG, WebP, PNG, atau PDF.'),
});
export type DocumentUploadMetadata = v.InferOutput<typeof DocumentUploadMetadataSchema>;

/** Refusals of the upload endpoints (`/api/uploads`), beside the common ones. */
export const uploadErrors = {
  UPLOAD_NOT_FOUND: 'Unggahan tidak ditemukan. Unggah halaman ini lagi.',
  UPLOAD_LENGTH_REQUIRED: 'Ukuran berkas harus disebutkan sebelum mengunggah.',
  UPLOAD_TOO_LARGE: 'Halaman ini lebih dari 2 MB. Foto ulang atau perkecil lalu unggah lagi.',
  UPLOAD_TOO_MANY_PAGES: `Satu klaim paling banyak ${MAX_PAGES_PER_DRAFT} halaman dokumen. Hapus halaman yang tidak perlu.`,
  UPLOAD_METADATA_INVALID: 'Keterangan unggahan tidak lengkap atau tidak sesuai.',
  UPLOAD_TYPE_REFUSED: 'Berkas ini bukan foto JPEG, WebP, PNG, atau PDF, jadi ditolak. Foto ulang dokumennya.',
  UPLOAD_EXPIRED: 'Unggahan ini tidak selesai dalam 7 hari dan sudah dihapus. Unggah halaman ini lagi.',
  UPLOAD_OFFSET_MISMATCH: 'Posisi unggahan tidak cocok dengan server. Aplikasi akan melanjutkan dari posisi yang benar.',
  UPLOAD_LOCKED: 'Halaman ini sedang diunggah dari koneksi lain. Coba lagi sebentar lagi.',
  UPLOAD_ALREADY_COMPLETE: 'Halaman ini sudah terunggah lengkap.',
  UPLOAD_PAGE_SENT: 'Halaman ini sudah terkirim bersama klaim dan tidak bisa diganti. Jika petugas meminta foto ulang, kirim lewat perbaikan klaim.',
  TUS_VERSION_REQUIRED: 'Aplikasi perlu diperbarui untuk mengunggah dokumen.',
} as const;
export type UploadErrorCode = keyof typeof uploadErrors;
