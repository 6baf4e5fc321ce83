import * as v from 'valibot';
import { KpjSchema } from '../ids/kpj.ts';
import { BankAccountSchema } from '../ids/bank.ts';
import { isIsoDate } from '../rules/dates.ts';
import { text } from '../schema/text.ts';
import { MAX_PAGES_PER_DRAFT } from './document-upload-schemas.ts';

const IsoDate = v.pipe(v.string('Isi tanggal.'), v.check(isIsoDate, 'Tanggal tidak valid.'));
const DocumentId = text({ min: 1, max: 64, required: 'Dokumen tidak dikenali.' });
const DocumentIds = v.pipe(v.array(DocumentId), v.maxLength(30));

/**
 * The tus upload ids of a claim's document pages (the last path segment of each page's upload
 * URL). The server checks each is the participant's own, complete, of this draft and not named
 * by another claim, and that every required document has a page (shared/claims/claim-document-check.ts).
 */
const UploadIds = v.pipe(
  v.array(v.pipe(v.string('Halaman dokumen tidak dikenali.'), v.uuid('Halaman dokumen tidak dikenali.'), v.toLowerCase())),
  v.maxLength(MAX_PAGES_PER_DRAFT, `Satu klaim paling banyak ${MAX_PAGES_PER_DRAFT} halaman dokumen.`),
);

const common = {
  draftId: v.pipe(v.string(), v.uuid('Draf tidak dikenali.')),
  kpj: KpjSchema,
  /** For the record: the checklist documents the phone had pages for. */
  documentsConfirmed: DocumentIds,
  // Optional so a claim queued by an older app is answered DOCUMENTS_MISSING, naming what to photograph.
  documents: v.optional(UploadIds, []),
};

export const JHT_FULL_CAUSES = ['RESIGN', 'PHK', 'PKWT_END', 'BPU_STOP', 'RETIREMENT_AGE', 'DISABILITY', 'EMIGRATION'] as const;

const JhtFullArgsSchema = v.object({ ...common, type: v.literal('JHT_FULL'), cause: v.picklist(JHT_FULL_CAUSES, 'Pilih sebab klaim.'), bankAccount: BankAccountSchema });
const JhtPartialArgsSchema = v.object({ ...common, type: v.literal('JHT_PARTIAL'), percent: v.picklist([10, 30] as const, 'Pilih 10% atau 30%.'), bankAccount: BankAccountSchema });
const JkpArgsSchema = v.object({
  ...common,
  type: v.literal('JKP'),
  bankAccount: BankAccountSchema,
  willingToWork: v.literal(true, 'JKP mensyaratkan kesediaan untuk bekerja kembali.'),
});
export const JkkArgsSchema = v.object({
  ...common,
  type: v.literal('JKK'),
  accidentDate: IsoDate,
  accidentTime: v.pipe(v.string('Isi jam kejadian.'), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam tidak valid (contoh 08:30).')),
  place: text({ min: 5, max: 200, required: 'Isi tempat kejadian.', tooShort: 'Tulis tempat kejadian, minimal 5 huruf.', tooLong: 'Tempat kejadian maksimal 200 huruf.' }),
  description: text({ min: 20, max: 2000, required: 'Ceritakan kejadiannya.', tooShort: 'Ceritakan kejadiannya, minimal 20 huruf.', tooLong: 'Cerita maksimal 2000 huruf.' }),
  onTheWayToWork: v.boolean(),
  facilityId: text({ min: 3, max: 120, required: 'Pilih klinik atau rumah sakit PLKK.', tooShort: 'Tulis nama klinik atau rumah sakit PLKK.', tooLong: 'Nama klinik paling panjang 120 huruf.' }),
});

/** `claim.submit`: one variant per claim type, each with exactly what that claim needs. */
export const ClaimSubmitArgsSchema = v.variant('type', [JhtFullArgsSchema, JhtPartialArgsSchema, JkpArgsSchema, JkkArgsSchema]);
export type ClaimSubmitArgs = v.InferOutput<typeof ClaimSubmitArgsSchema>;

/** `claim.cancel`: the claim number the participant sees on the tracker. */
export const ClaimCancelArgsSchema = v.object({ claimNo: text({ min: 1, max: 32, required: 'Nomor klaim tidak dikenali.' }) });
export type ClaimType = ClaimSubmitArgs['type'];

/**
 * `claim.resubmit`: a claim the office returned ("perlu perbaikan"), corrected by the
 * participant and sent back for verification: a new payout account, the documents now ready,
 * and a note to the officer. Only what changed is sent.
 */
export const ClaimResubmitArgsSchema = v.object({
  claimNo: v.pipe(v.string('Nomor klaim tidak dikenali.'), v.regex(/^KLM-\d{6}-\d{6,10}$/, 'Nomor klaim tidak dikenali.')),
  bankAccount: v.optional(BankAccountSchema),
  documentsConfirmed: DocumentIds,
  /** New pages sent in answer to the return; must include the document the office asked for again. */
  documents: v.optional(UploadIds, []),
  note: text({ min: 5, max: 300, required: 'Tulis apa yang sudah Anda perbaiki.', tooShort: 'Tulis apa yang sudah Anda perbaiki, minimal 5 huruf.', tooLong: 'Catatan maksimal 300 huruf.' }),
});
export type ClaimResubmitArgs = v.InferOutput<typeof ClaimResubmitArgsSchema>;

/** Tracker states (DOMAIN.md §3 model). */
export const CLAIM_STATUSES = ['SUBMITTED', 'VERIFYING', 'RETURNED', 'APPROVED', 'PAID', 'REJECTED', 'CANCELLED'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const FINAL_CLAIM_STATUSES: readonly ClaimStatus[] = ['PAID', 'REJECTED', 'CANCELLED'];

export const claimErrors = {
  CARD_NOT_YOURS: 'Kartu peserta ini tidak ada di akun Anda.',
  BANK_NAME_MISMATCH: 'Nama pemilik rekening harus sama dengan nama Anda sebagai peserta.',
  CLAIM_IN_PROCESS: 'Masih ada klaim yang sedang diproses untuk kartu ini. Tunggu sampai selesai.',
  JKK_DATE_IN_FUTURE: 'Tanggal kecelakaan tidak boleh setelah hari ini.',
  JKK_NOT_COVERED: 'Kartu ini tidak lagi aktif pada tanggal kecelakaan, jadi tidak ditanggung JKK.',
  CLAIM_NOT_FOUND: 'Klaim ini tidak ada di akun Anda.',
  CLAIM_NOT_RETURNED: 'Klaim ini tidak sedang menunggu perbaikan, jadi tidak perlu dikirim ulang.',
  NO_BANK_ON_CLAIM: 'Klaim ini tidak memakai rekening bank.',
} as const;
// The document refusals (DOCUMENTS_MISSING, DOCUMENT_UNFINISHED, DOCUMENT_NOT_FOUND) name the
// document, so their messages are built per claim: documentRefusals in ./claim-document-check.ts.
