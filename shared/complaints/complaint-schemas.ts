import * as v from 'valibot';
import { KpjSchema } from '../ids/kpj.ts';
import { text } from '../schema/text.ts';
import { int4IdText } from '../schema/numbers.ts';

export const COMPLAINT_CATEGORIES = ['SALDO', 'KLAIM', 'IURAN', 'DATA', 'APLIKASI', 'LAINNYA'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** `complaint.file`: a complaint written on the phone, maybe offline; the ticket comes from the server. */
export const ComplaintFileArgsSchema = v.object({
  draftId: v.pipe(v.string(), v.uuid('Draf tidak dikenali.')),
  category: v.picklist(COMPLAINT_CATEGORIES, 'Pilih kategori pengaduan.'),
  description: text({ min: 20, max: 2000, required: 'Tulis isi pengaduan.', tooShort: 'Tulis isi pengaduan, minimal 20 huruf.', tooLong: 'Isi pengaduan maksimal 2000 huruf.' }),
  kpj: v.optional(v.nullable(KpjSchema)),
});
export type ComplaintFileArgs = v.InferOutput<typeof ComplaintFileArgsSchema>;

export const COMPLAINT_REPLY_MAX_LENGTH = 1000;

/** `complaint.reply`: the participant's answer in a complaint thread; `replyId` makes a resend harmless. */
export const ComplaintReplyArgsSchema = v.object({
  complaintKey: int4IdText('Pengaduan tidak dikenali.'),
  replyId: v.pipe(v.string(), v.uuid('Balasan tidak dikenali.')),
  body: text({ min: 1, max: COMPLAINT_REPLY_MAX_LENGTH, required: 'Tulis balasan Anda.', tooLong: `Balasan maksimal ${COMPLAINT_REPLY_MAX_LENGTH} huruf.` }),
});
export type ComplaintReplyArgs = v.InferOutput<typeof ComplaintReplyArgsSchema>;

export const NotificationReadArgsSchema = v.object({ keys: v.pipe(v.array(int4IdText('Pemberitahuan tidak dikenali.')), v.minLength(1), v.maxLength(200)) });
