import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { claims, memberships } from '../../../../server/db/schema.ts';
import type { PullResponse } from '../../../../shared/sync/protocol.ts';
import { createUpload, fixture, uploadInChunks } from './tus-requests.ts';

describe('back office: a claim\u2019s documents', () => {
  let t: TestApp;
  let directory: string;
  let dewi: string;
  let siti: string;
  let claimId: number;
  let draftId: string;
  const admin = { Authorization: `Basic ${Buffer.from('admin:admin-demo-2026').toString('base64')}` };

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jmo-uploads-office-'));
    t = await createTestApp({ config: { documentStorage: { kind: 'file', directory } } });
    const dewiSession = await signInAs(t, demoEmails.dewi);
    dewi = dewiSession.cookie;
    siti = (await signInAs(t, demoEmails.siti)).cookie;
    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: dewi } })).json()) as PullResponse;
    const card = pull.changes.memberships![0]!;
    draftId = randomUUID();
    // A claim filed before claim.submit named its pages: claim.submit now refuses one without
    // them, so it is written as the older server wrote it.
    const [membership] = await t.database.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.kpj, card.kpj));
    const [claim] = await t.database.db
      .insert(claims)
      .values({ claimNo: 'KLM-261125-900001', participantId: dewiSession.participantId, membershipId: membership!.id, draftId, program: 'JHT', type: 'JHT_FULL', cause: 'PHK', channel: 'JMO', status: 'SUBMITTED', createdAt: t.clock.now() })
      .returning({ id: claims.id });
    claimId = claim!.id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('lists the pages of the claim\u2019s draft (a claim filed before pages were named) and serves a page\u2019s bytes with the detected type, only to the office', async () => {
    const jpeg = fixture('page.jpg');
    const ktp = await uploadInChunks(t, dewi, { draftId, documentId: 'KTP', page: '0', filetype: 'image/jpeg' }, jpeg, 64 * 1024);
    const pdf = await uploadInChunks(t, dewi, { draftId, documentId: 'KTP', page: '1', filetype: 'application/pdf' }, fixture('page.pdf'), 64 * 1024);
    await createUpload(t, dewi, 5000, { draftId, documentId: 'KK', page: '0', filetype: 'image/jpeg' });
    const sitis = await uploadInChunks(t, siti, { draftId, documentId: 'NPWP', page: '0', filetype: 'image/png' }, fixture('page.png'), 64 * 1024);

    const list = await t.app.request(`/admin/claims/${claimId}/documents`, { headers: admin });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { documents: { documentId: string; label: string; complete: boolean; pages: { page: number; url: string | null; type: string | null; sha256: string | null }[] }[] };
    // In the checklist's order (e-KTP before KK), as the office reads them.
    expect(body.documents.map((d) => [d.documentId, d.complete, d.pages.map((p) => [p.page, p.type, p.url])])).toEqual([
      [
        'KTP',
        true,
        [
          [0, 'image/jpeg', `/admin/claims/${claimId}/documents/${ktp.id}`],
          [1, 'application/pdf', `/admin/claims/${claimId}/documents/${pdf.id}`],
        ],
      ],
      ['KK', false, [[0, null, null]]],
    ]);
    expect(body.documents[0]!.label).toBe('KTP elektronik (e-KTP) atau identitas lain');

    const page = await t.app.request(`/admin/claims/${claimId}/documents/${ktp.id}`, { headers: admin });
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('image/jpeg');
    const bytes = Buffer.from(await page.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(jpeg).digest('hex'));

    // Without the office's password: the browser's Basic challenge, nothing else.
    expect((await t.app.request(`/admin/claims/${claimId}/documents/${ktp.id}`)).status).toBe(401);
    expect((await t.app.request(`/admin/claims/${claimId}/documents/${ktp.id}`, { headers: { Cookie: dewi } })).status).toBe(401);

    // A page of the same draft id but another participant is not this claim's.
    const foreign = await t.app.request(`/admin/claims/${claimId}/documents/${sitis.id}`, { headers: admin });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: 'DOCUMENT_PAGE_NOT_FOUND' });
  });

  it.each([
    ['an unknown claim', '999999/documents', 'CLAIM_NOT_FOUND'],
    ['a claim id that is no number', 'abc/documents', 'CLAIM_NOT_FOUND'],
    ['a page id that is no uuid', '{claim}/documents/x', 'DOCUMENT_PAGE_NOT_FOUND'],
    ['an unknown page', `{claim}/documents/${randomUUID()}`, 'DOCUMENT_PAGE_NOT_FOUND'],
  ])('answers %s with 404 and a code', async (_name, path, code) => {
    const res = await t.app.request(`/admin/claims/${path.replace('{claim}', String(claimId))}`, { headers: admin });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe(code);
    expect(body.message).toMatch(/tidak ditemukan/);
  });
});
