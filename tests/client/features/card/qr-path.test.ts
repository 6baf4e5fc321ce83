import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { qrPath } from '../../../../client/features/card/qr-path.ts';

describe('qrPath', () => {
  it('draws exactly the dark modules of the code, run by run', () => {
    const text = 'eyJ2IjoxLCJrcGoiOiI5OTAwMDAwMDAwMSJ9.c2lnbmF0dXJl';
    const { path, size } = qrPath(text);
    const { data } = encode(text, { ecc: 'M', border: 4 });
    const darkModules = data.flat().filter(Boolean).length;
    const drawn = [...path.matchAll(/h(\d+)v1/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(size).toBe(data.length);
    expect(drawn).toBe(darkModules);
  });
});
