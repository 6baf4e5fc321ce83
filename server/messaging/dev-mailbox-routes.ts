import { Hono } from 'hono';
import { html } from 'hono/html';
import { desc } from 'drizzle-orm';
import type { AppDeps } from '../app-env.ts';
import { messageOutbox } from '../db/schema.ts';
import { clientIp, isLoopbackAddress } from '../http/client-ip.ts';

/**
 * /dev/mailbox: where a developer or demo user reads the email and SMS codes that would
 * otherwise go out. Only outside production (or with DEV_MAILBOX=1), only to a browser on this
 * machine (it holds live reset links); never linked from the app.
 */
export function devMailboxRoutes(deps: AppDeps) {
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (!deps.config.devMailboxEnabled || !isLoopbackAddress(clientIp(c, deps.config.trustProxy))) return c.json({ code: 'NOT_FOUND', message: 'Alamat yang diminta tidak ditemukan.' }, 404);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  const latest = () => deps.db.select().from(messageOutbox).orderBy(desc(messageOutbox.id)).limit(50);
  app.get('/mailbox.json', async (c) => c.json({ messages: (await latest()).map(({ id, channel, recipient, subject, body, createdAt, lastError }) => ({ id, channel, recipient, subject, body, createdAt, lastError })) }));
  app.get('/mailbox', async (c) => {
    const messages = await latest();
    return c.html(html`<!doctype html>
      <html lang="id">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Kotak surat pengembangan — JMO Lite</title></head>
        <body>
          <h1>Kotak surat pengembangan</h1>
          <p>Email dan SMS yang dikirim JMO Lite saat berjalan tanpa SMTP/gateway SMS. Muat ulang halaman untuk pesan baru.</p>
          ${messages.length === 0 ? html`<p>Belum ada pesan.</p>` : ''}
          ${messages.map(
            (m) => html`<article>
              <h2>${m.channel === 'email' ? 'Email' : 'SMS'} ke ${m.recipient}</h2>
              <p><small>${m.createdAt.toISOString()}</small>${m.lastError ? html` — <strong>tidak dikirim</strong> (${m.lastError})` : ''}</p>
              ${m.subject ? html`<p><strong>${m.subject}</strong></p>` : ''}
              <pre>${m.body}</pre>
            </article>`,
          )}
        </body>
      </html>`);
  });
  return app;
}
