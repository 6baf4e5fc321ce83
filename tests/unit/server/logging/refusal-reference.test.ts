import { describe, expect, it } from 'vitest';
import { refusalReference } from '../../../../server/sync/push.ts';
import { scrubText } from '../../../../server/logging/scrub.ts';

describe('the reference a participant quotes to 175 for a refused mutation', () => {
  it('reaches the log unmasked, whatever letters it gets', () => {
    // A hex reference with six digits in a row was masked as a possible NIK about one time in ten.
    for (let i = 0; i < 10_000; i++) {
      const reference = refusalReference();
      expect(reference).toMatch(/^[A-Z]{8}$/);
      expect(scrubText(`push refused mutation ${reference}`)).toContain(reference);
    }
  });
});
