import * as v from 'valibot';
import { KpjSchema } from '../ids/kpj.ts';

export const COMPLAINT_CATEGORIES = ['SALDO', 'KLAIM', 'IURAN', 'DATA', 'APLIKASI', 'LAINNYA'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** `complaint.file`: a complaint written on the phone, maybe offline; the ticket comes from the server. */
export const ComplaintFileArgsSchema = v.object({
  draftId: v.pipe(v.string(), v.uuid('Draf tidak dikenali.')),
  category: v.picklist(COMPLAINT_CATEGORIES, 'Pilih kategori pengaduan.'),
  description: v.pipe(v.string('Tulis isi pengaduan.'), v.trim(), v.minLength(20, 'Tulis isi pengaduan, minimal 20 huruf.'), v.maxLength(2000, 'Isi pengaduan maksimal 2000 huruf.')),
  kpj: v.optional(v.nullable(KpjSchema)),
});
export type ComplaintFileArgs = v.InferOutput<typeof ComplaintFileArgsSchema>;

export const COMPLAINT_REPLY_MAX_LENGTH = 1000;

/** `complaint.reply`: the participant's answer in a complaint thread; `replyId` makes a resend harmless. */
export const ComplaintReplyArgsSchema = v.object({
  // Bounded to a Postgres integer: a larger key would fail in the query instead of being refused.
  // Written as !(n > max) so a non-number (NaN) gets only the regex's message, not two.
  complaintKey: v.pipe(v.string(), v.regex(/^\d{1,10}$/, 'Pengaduan tidak dikenali.'), v.check((key) => !(Number(key) > 2_147_483_647), 'Pengaduan tidak dikenali.')),
  replyId: v.pipe(v.string(), v.uuid('Balasan tidak dikenali.')),
  body: v.pipe(
    v.string('Tulis balasan Anda.'),
    v.trim(),
    v.minLength(1, 'Tulis balasan Anda.'),
    v.maxLength(COMPLAINT_REPLY_MAX_LENGTH, `Balasan maksimal ${COMPLAINT_REPLY_MAX_LENGTH} huruf.`),
  ),
});
export type ComplaintReplyArgs = v.InferOutput<typeof ComplaintReplyArgsSchema>;

export const NotificationReadArgsSchema = v.object({ keys: v.pipe(v.array(v.pipe(v.string(), v.regex(/^\d{1,12}$/))), v.minLength(1), v.maxLength(200)) });
