import { describe, expect, it } from 'vitest';
import { maskDigits } from '../../../../shared/ids/mask-digits.ts';

describe('maskDigits', () => {
  it('keeps the first four and last two digits of a KPJ and a phone number', () => {
    expect(maskDigits('99012345678')).toBe('9901•••••78');
    expect(maskDigits('6281234567890')).toBe('6281•••••••90');
  });
  it('hides a short number (a code) entirely', () => {
    expect(maskDigits('123456')).toBe('••••••');
  });
});
