import * as v from 'valibot';
import { KpjSchema } from '../ids/kpj.ts';
import { text } from '../schema/text.ts';

/** POST /api/payments: a BPU participant pays the next `months` months ahead. */
export const CreatePaymentSchema = v.object({
  requestId: v.pipe(v.string(), v.uuid('Permintaan tidak dikenali.')),
  kpj: KpjSchema,
  months: v.pipe(v.number('Pilih jumlah bulan.'), v.integer('Pilih jumlah bulan.'), v.minValue(1, 'Minimal 1 bulan.'), v.maxValue(12, 'Paling banyak 12 bulan sekaligus.')),
  withJht: v.boolean(),
});
export type CreatePaymentInput = v.InferOutput<typeof CreatePaymentSchema>;

/** What the payment gateway posts to /api/payments/webhook (signed, see payment-webhook.ts). */
export const PaymentWebhookSchema = v.object({
  notificationId: text({ min: 8, max: 64 }),
  virtualAccount: v.pipe(v.string(), v.regex(/^\d{16}$/)),
  amount: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  paidAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type PaymentWebhook = v.InferOutput<typeof PaymentWebhookSchema>;

export const paymentErrors = {
  NOT_BPU: 'Pembayaran iuran mandiri hanya untuk peserta Bukan Penerima Upah (BPU). Iuran pekerja penerima upah dibayar pemberi kerja.',
  CARD_NOT_YOURS: 'Kartu peserta ini tidak ada di akun Anda.',
  PAYMENT_PENDING: 'Masih ada tagihan yang belum dibayar untuk kartu ini. Bayar atau tunggu sampai kedaluwarsa.',
} as const;
