import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { EmailSchema, maskEmail } from '../../../../shared/ids/email.ts';

describe('EmailSchema', () => {
  it('trims and lower-cases so one address is one account', () => {
    expect(v.parse(EmailSchema, '  Sari.Dewi@Gmail.COM ')).toBe('sari.dewi@gmail.com');
  });
  it.each(['sari', 'sari@', '@gmail.com', 'sari dewi@gmail.com'])('rejects %s', (input) => {
    const r = v.safeParse(EmailSchema, input);
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toBe('Alamat email tidak valid.');
  });
  it('rejects addresses longer than 254 characters', () => {
    expect(v.safeParse(EmailSchema, `${'a'.repeat(64)}@${'b'.repeat(186)}.com`).success).toBe(false);
  });
});

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('sari@gmail.com')).toBe('s•••@gmail.com');
    expect(maskEmail('s@gmail.com')).toBe('s•••@gmail.com');
  });
  it('hides everything when there is no domain', () => {
    expect(maskEmail('sari')).toBe('•••');
  });
});
