import { describe, expect, it } from 'vitest';
import { officeHoursIn } from '../../../../client/features/offices/office-hours.ts';

describe('officeHoursIn', () => {
  it('writes the directory’s Indonesian opening hours in English', () => {
    expect(officeHoursIn('Senin–Jumat 08.00–16.00', 'en')).toBe('Monday–Friday 08:00–16:00');
    expect(officeHoursIn('Senin–Sabtu 07.00–21.00', 'en')).toBe('Monday–Saturday 07:00–21:00');
    expect(officeHoursIn('IGD 24 jam', 'en')).toBe('Emergency 24 hours');
  });
  it('leaves them as they are in Indonesian', () => {
    expect(officeHoursIn('Senin–Jumat 08.00–16.00', 'id')).toBe('Senin–Jumat 08.00–16.00');
  });
});
