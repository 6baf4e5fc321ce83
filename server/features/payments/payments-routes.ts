import { Hono } from 'hono';
import { describe, vValidator } from '../../http/openapi/describe.ts';
import { PaymentCreatedSchema, WebhookAcceptedSchema } from '../../../shared/api/api-responses.ts';
import * as v from 'valibot';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { requireAuth } from '../../auth/session.ts';
import { apiError, rejectInvalid } from '../../http/errors.ts';
import { CreatePaymentSchema, PaymentWebhookSchema, paymentErrors } from '../../../shared/payments/payment-schemas.ts';
import { toPaymentRecord } from '../../sync/pull-services.ts';
import { createPayment } from './payment-service.ts';
import { applyPaymentNotification, verifyWebhookSignature } from './payment-webhook.ts';

const WEBHOOK_STATUS = { PAID: 200, DUPLICATE: 200, ALREADY_PAID: 200, UNKNOWN_VA: 404, AMOUNT_MISMATCH: 422, EXPIRED: 409 } as const;
const WEBHOOK_MESSAGES = {
  UNKNOWN_VA: 'Nomor virtual account tidak dikenal.',
  AMOUNT_MISMATCH: 'Jumlah pembayaran tidak sama dengan tagihan.',
  EXPIRED: 'Tagihan sudah kedaluwarsa sebelum dibayar.',
  BAD_SIGNATURE: 'Tanda tangan notifikasi tidak sah.',
  STALE_TIMESTAMP: 'Waktu notifikasi di luar batas 5 menit.',
} as const;

/** POST /api/payments (online only: a VA comes from the server) and the gateway's webhook. */
export function paymentsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/webhook', describe({ summary: 'Payment gateway notification (signed, server to server)', responses: { 200: WebhookAcceptedSchema }, requestBody: PaymentWebhookSchema, signedWebhook: true, errors: { 400: ['MALFORMED_JSON', 'INVALID_INPUT'], 401: ['BAD_SIGNATURE', 'STALE_TIMESTAMP'], 404: ['UNKNOWN_VA'], 409: ['EXPIRED'], 422: ['AMOUNT_MISMATCH'] } }), async (c) => {
      // The signature covers the exact bytes sent, so the body is read raw before parsing.
      const rawBody = await c.req.text();
      const verdict = verifyWebhookSignature(deps.config.paymentWebhookSecret, c.req.header('X-Timestamp'), c.req.header('X-Signature'), rawBody, deps.clock.now());
      if (verdict !== 'ok') return apiError(c, 401, verdict, WEBHOOK_MESSAGES[verdict]);
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return apiError(c, 400, 'MALFORMED_JSON');
      }
      const parsed = v.safeParse(PaymentWebhookSchema, json);
      if (!parsed.success) return apiError(c, 400, 'INVALID_INPUT');
      const outcome = await applyPaymentNotification(deps.db, parsed.output, deps.clock.now());
      const status = WEBHOOK_STATUS[outcome];
      if (status !== 200) return apiError(c, status, outcome, WEBHOOK_MESSAGES[outcome as keyof typeof WEBHOOK_MESSAGES]);
      return c.json({ status: outcome });
    })
    .post('/', describe({ summary: 'Create a virtual account for a BPU contribution payment', responses: { 201: PaymentCreatedSchema }, errors: { 404: ['CARD_NOT_YOURS'], 409: ['PAYMENT_PENDING'], 422: ['NOT_BPU'] } }), requireAuth, vValidator('json', CreatePaymentSchema, rejectInvalid), async (c) => {
      const input = c.req.valid('json');
      const result = await createPayment(deps.db, c.get('auth')!, input, deps.clock.now());
      if (!result.ok) {
        const status = result.code === 'PAYMENT_PENDING' ? 409 : result.code === 'CARD_NOT_YOURS' ? 404 : 422;
        return c.json({ code: result.code, message: paymentErrors[result.code], ...(result.payment ? { payment: toPaymentRecord(result.payment, input.kpj) } : {}) }, status);
      }
      return c.json({ payment: toPaymentRecord(result.payment, input.kpj) }, 201);
    });
}
