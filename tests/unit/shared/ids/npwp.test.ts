import { describe, expect, it } from 'vitest';
import { normalizeNpwp } from '../../../../shared/ids/npwp.ts';

const nik = '3174051211010012';

describe('normalizeNpwp', () => {
  it('strips the punctuation of an old 15-digit NPWP', () => {
    expect(normalizeNpwp('01.234.567.8-901.000', nik)).toEqual({ ok: true, value: '012345678901000' });
  });
  it('accepts the NIK itself as a 16-digit NPWP', () => {
    expect(normalizeNpwp('3174 0512 1101 0012', nik)).toEqual({ ok: true, value: nik });
  });
  it('rejects a 16-digit NPWP that is not the participant\u2019s NIK', () => {
    const r = normalizeNpwp('3174051211010013', nik);
    expect(r.ok === false && r.code).toBe('NPWP_NIK_MISMATCH');
  });
  it.each(['12345678901234', '12345678901234567', '01.234.567.8-901.00A'])('rejects %s as malformed', (input) => {
    const r = normalizeNpwp(input, nik);
    expect(r.ok === false && r.code).toBe('NPWP_FORMAT');
  });
});
