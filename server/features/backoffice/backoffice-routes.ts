import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { html } from 'hono/html';
import { desc, eq } from 'drizzle-orm';
import { claims, memberships, participants } from '../../db/schema.ts';
import type { AppDeps } from '../../app-env.ts';
import { CLAIM_STATUSES, type ClaimStatus } from '../../../shared/claims/claim-schemas.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { advanceClaim, NEXT_STATUSES } from '../claims/claim-status.ts';
import { listOpenComplaints, replyToComplaint } from './complaint-replies.ts';
import { claimDocumentsRoutes } from './claim-documents-routes.ts';
import { OFFICE_CSS } from './office-style.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import type { DocumentStore } from '../uploads/document-store.ts';
import * as v from 'valibot';
import { int4IdText } from '../../../shared/schema/numbers.ts';
import { text } from '../../../shared/schema/text.ts';

// The officer's forms pass the same edge checks as the participant's: no NUL reaches a text column.
const IdParam = int4IdText();
const NoteField = v.optional(text({ max: 300 }), '');
const ReplyField = text({ min: 1, max: 2000, required: 'Jawaban wajib diisi.', tooShort: 'Jawaban wajib diisi.', tooLong: 'Jawaban paling panjang 2000 huruf.' });

/**
 * /admin: the back-office simulator where an "officer" moves claims along the tracker.
 * Server-rendered with no script (the CSP forbids inline script); Basic auth, and POSTs
 * must come from this origin, because browsers attach Basic credentials to cross-site forms.
 */
export function backofficeRoutes(deps: AppDeps, documentStore: DocumentStore) {
  const app = new Hono();
  app.use('*', basicAuth({ username: 'admin', password: deps.config.adminPassword, realm: 'JMO Lite back office' }));
  app.route('/claims', claimDocumentsRoutes(deps, documentStore));
  app.get('/office.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(OFFICE_CSS);
  });
  app.get('/', async (c) => {
    const rows = await deps.db
      .select({ c: claims, kpj: memberships.kpj, name: participants.fullName, nik: participants.nik })
      .from(claims)
      .innerJoin(memberships, eq(memberships.id, claims.membershipId))
      .innerJoin(participants, eq(participants.id, claims.participantId))
      .orderBy(desc(claims.id))
      .limit(50);
    const openComplaints = await listOpenComplaints(deps.db);
    c.header('Cache-Control', 'no-store');
    return c.html(html`<!doctype html>
      <html lang="id">
        <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Back office klaim — JMO Lite</title><link rel="stylesheet" href="/admin/office.css" /></head>
        <body>
          <h1>Back office (simulator)</h1>
          <p><a href="/gateway">Simulator payment gateway</a></p>
          <h2>Pengaduan terbuka</h2>
          ${openComplaints.length === 0 ? html`<p>Tidak ada pengaduan terbuka.</p>` : ''}
          ${openComplaints.map(
            (complaint) => html`<section>
              <h3>${complaint.ticketNo} — ${complaint.category} — ${complaint.status}</h3>
              <ol>
                ${complaint.messages.map((message) => html`<li><strong>${message.author === 'officer' ? 'Petugas' : 'Peserta'}:</strong> ${message.body}</li>`)}
              </ol>
              <form method="post" action="/admin/complaints/${complaint.id}">
                <label>Jawaban <textarea name="reply" maxlength="2000" required></textarea></label>
                <label><input type="checkbox" name="close" value="1" /> Tutup pengaduan</label>
                <button type="submit">Kirim jawaban</button>
              </form>
            </section>`,
          )}
          <h2>Klaim</h2>
          <p>Ubah status klaim; peserta melihatnya setelah sinkronisasi berikutnya.</p>
          ${rows.length === 0 ? html`<p>Belum ada klaim.</p>` : ''}
          ${rows.map(
            ({ c: claim, kpj, name, nik }) => html`<section>
              <h2>${claim.claimNo} — ${claim.status}</h2>
              <p>${name} (NIK ${maskNik(nik)}), KPJ ${kpj}; ${claim.type} ${claim.cause ?? ''}; jalur ${claim.channel}; Rp${claim.requestedAmount.toLocaleString('id-ID')}</p>
              ${claim.requestedDocumentId
                ? html`<p class="requested">Diminta ulang: ${documentLabel(claim.requestedDocumentId)?.id ?? claim.requestedDocumentId}</p>`
                : ''}
              <p><a href="/admin/claims/${claim.id}">Dokumen klaim dan minta ulang dokumen</a></p>
              ${NEXT_STATUSES[claim.status as ClaimStatus].length === 0
                ? html`<p>Selesai.</p>`
                : html`<form method="post" action="/admin/claims/${claim.id}">
                    <label>Status baru <select name="to">${NEXT_STATUSES[claim.status as ClaimStatus].map((s) => html`<option>${s}</option>`)}</select></label>
                    <label>Catatan untuk peserta <input name="note" maxlength="300" /></label>
                    <button type="submit">Simpan</button>
                  </form>`}
            </section>`,
          )}
        </body>
      </html>`);
  });
  app.post('/claims/:id', async (c) => {
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) return c.text('Ditolak: asal permintaan tidak dikenal.', 403);
    const form = await c.req.parseBody();
    const to = String(form.to ?? '') as ClaimStatus;
    const claimId = v.safeParse(IdParam, c.req.param('id'));
    const note = v.safeParse(NoteField, typeof form.note === 'string' ? form.note : undefined);
    if (!claimId.success) return c.text('Klaim tidak ditemukan.', 404);
    if (!CLAIM_STATUSES.includes(to)) return c.text('Status tidak dikenal.', 400);
    if (!note.success) return c.text(note.issues[0].message, 400);
    const result = await deps.db.transaction((tx) =>
      advanceClaim(tx, { claimId: Number(claimId.output), to, note: note.output || null, actor: 'officer', now: deps.clock.now() }),
    );
    if (!result.ok) return c.text(result.code === 'NOTE_REQUIRED' ? 'Catatan wajib untuk status ini.' : `Tidak bisa: ${result.code}`, 422);
    return c.redirect('/admin', 303);
  });
  app.post('/complaints/:id', async (c) => {
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) return c.text('Ditolak: asal permintaan tidak dikenal.', 403);
    const form = await c.req.parseBody();
    const complaintId = v.safeParse(IdParam, c.req.param('id'));
    const reply = v.safeParse(ReplyField, typeof form.reply === 'string' ? form.reply : '');
    if (!complaintId.success) return c.text('Pengaduan tidak ditemukan atau sudah ditutup.', 404);
    if (!reply.success) return c.text(reply.issues[0].message, 400);
    const done = await replyToComplaint(deps.db, { complaintId: Number(complaintId.output), body: reply.output, close: form.close === '1', now: deps.clock.now() });
    return done ? c.redirect('/admin', 303) : c.text('Pengaduan tidak ditemukan atau sudah ditutup.', 404);
  });
  return app;
}
