import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { demoEmails } from '../../support/test-session.ts';
import { signedInApp } from '../../support/signed-in-app.ts';
import { createPhone } from '../../support/sync-harness.ts';
import { jhtFullClaim } from '../../support/claim-builders.ts';
import { putCompletePages, withDocuments } from '../../support/claim-documents.ts';
import { claims } from '../../../server/db/schema.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';

const officer = { Authorization: `Basic ${Buffer.from('admin:admin-demo-2026').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' };

describe('the office asks for one document again; the phone learns which', () => {
  const dewi = signedInApp(demoEmails.dewi);

  it('stores the pulled claim with requestedDocumentId, and with null once the retaken page is resubmitted', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray())[0]!.kpj;
    await queueMutation(phone.db, { name: 'claim.submit', args: await withDocuments(dewi.t.database.db, jhtFullClaim(kpj, 'Dewi Lestari')), label: 'JHT penuh' }, 1);
    await phone.engine.sync();
    const [row] = await dewi.t.database.db.select().from(claims).where(eq(claims.participantId, dewi.participantId));
    expect((await phone.db.claims.get(String(row!.id)))?.requestedDocumentId).toBeNull();

    // The officer's own forms: into verification, then back to the participant for the family card.
    const post = (path: string, fields: Record<string, string>) => dewi.t.app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: officer });
    expect((await post(`/admin/claims/${row!.id}`, { to: 'VERIFYING', note: '' })).status).toBe(303);
    expect((await post(`/admin/claims/${row!.id}/return-document`, { documentId: 'KK', note: 'KK terpotong, foto seluruh halaman.' })).status).toBe(303);
    await phone.engine.sync();
    expect(await phone.db.claims.get(String(row!.id))).toMatchObject({ status: 'RETURNED', requestedDocumentId: 'KK' });

    const correction = randomUUID();
    const [retaken] = await putCompletePages(dewi.t.database.db, { participantId: dewi.participantId, draftId: correction, documentIds: ['KK'] });
    await queueMutation(phone.db, { name: 'claim.resubmit', args: { claimNo: row!.claimNo, documentsConfirmed: ['KK'], note: 'KK sudah saya foto ulang.', documents: [retaken] }, label: 'Perbaikan klaim' }, 2);
    await phone.engine.sync();
    expect(await phone.db.claims.get(String(row!.id))).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });
  });
});
