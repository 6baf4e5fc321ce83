import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { DocumentsStep } from '../../../../client/features/claim-documents/DocumentsStep.tsx';
import { freshLocalDb } from '../../support/local-rows.ts';

const neverShrink = async (): Promise<never> => {
  throw new Error('not in this test');
};

describe('the documents step (before the wizard mounts it)', () => {
  it('lists the documents the claim type and cause need, each with a camera button and a file picker', async () => {
    const db = await freshLocalDb();
    const html = renderToString(<DocumentsStep db={db} draftId="d1" claimType="JHT_FULL" cause="RESIGN" shrink={neverShrink} />);
    for (const id of ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'SURAT_BERHENTI']) expect(html).toContain(`data-document="${id}"`);
    expect(html).not.toContain('data-document="BUKTI_PHK"');
    expect(html).not.toContain('data-document="NPWP"');
    expect(html.match(/capture="environment"/g)).toHaveLength(5);
    expect(html.match(/accept="image\/\*,application\/pdf"/g)).toHaveLength(5);
    expect(html).toContain('Surat keterangan berhenti bekerja (paklaring) dari perusahaan');
    expect(html).toContain('Belum ada foto');
    // Nothing here claims that anything was sent.
    expect(html).not.toMatch(/unggah|terkirim|dikirim/i);
    db.close();
  });

  it('follows the cause and the NPWP threshold', async () => {
    const db = await freshLocalDb();
    const html = renderToString(<DocumentsStep db={db} draftId="d1" claimType="JHT_FULL" cause="EMIGRATION" balance={60_000_000} shrink={neverShrink} />);
    for (const id of ['PASPOR', 'PERNYATAAN_TIDAK_BEKERJA_DI_INDONESIA', 'NPWP']) expect(html).toContain(`data-document="${id}"`);
    expect(html).not.toContain('data-document="SURAT_BERHENTI"');
    db.close();
  });
});
