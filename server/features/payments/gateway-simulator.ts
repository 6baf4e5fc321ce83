import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { html } from 'hono/html';
import { desc, eq } from 'drizzle-orm';
import { payments } from '../../db/schema.ts';
import type { AppDeps } from '../../app-env.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { signWebhook } from './payment-webhook.ts';

/**
 * /gateway: a stand-in for the bank's payment gateway. "Bayar" sends a signed notification to
 * /api/payments/webhook through the app's own HTTP stack, exactly as the real gateway would.
 */
export function gatewaySimulatorRoutes(deps: AppDeps, deliver: (request: Request) => Promise<Response>) {
  const app = new Hono();
  app.use('*', basicAuth({ username: 'admin', password: deps.config.adminPassword, realm: 'JMO Lite payment gateway simulator' }));
  app.get('/', async (c) => {
    const pending = await deps.db.select().from(payments).where(eq(payments.status, 'PENDING')).orderBy(desc(payments.id)).limit(50);
    c.header('Cache-Control', 'no-store');
    return c.html(html`<!doctype html>
      <html lang="id">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Simulator payment gateway — JMO Lite</title></head>
        <body>
          <h1>Simulator payment gateway</h1>
          <p>Tagihan virtual account yang menunggu pembayaran.</p>
          ${pending.length === 0 ? html`<p>Tidak ada tagihan.</p>` : ''}
          <ul>
            ${pending.map(
              (p) => html`<li>
                VA ${p.virtualAccount} — ${formatRupiah(p.amount)} — ${p.periods.join(', ')}
                <form method="post" action="/gateway/pay/${p.virtualAccount}"><button type="submit">Bayar</button></form>
              </li>`,
            )}
          </ul>
        </body>
      </html>`);
  });
  app.post('/pay/:va', async (c) => {
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) return c.text('Ditolak: asal permintaan tidak dikenal.', 403);
    const va = c.req.param('va');
    // Any other shape cannot be one of our virtual accounts; it never reaches the query.
    const [payment] = /^\d{16}$/.test(va) ? await deps.db.select().from(payments).where(eq(payments.virtualAccount, va)) : [];
    if (!payment) return c.text('VA tidak dikenal.', 404);
    const now = deps.clock.now();
    const body = JSON.stringify({ notificationId: `GW-${randomUUID()}`, virtualAccount: payment.virtualAccount, amount: payment.amount, paidAt: now.toISOString() });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const response = await deliver(
      new Request(new URL('/api/payments/webhook', c.req.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Timestamp': timestamp, 'X-Signature': signWebhook(deps.config.paymentWebhookSecret, timestamp, body) },
        body,
      }),
    );
    if (!response.ok) return c.text(`Webhook menolak: ${response.status} ${await response.text()}`, 502);
    return c.redirect('/gateway', 303);
  });
  return app;
}
