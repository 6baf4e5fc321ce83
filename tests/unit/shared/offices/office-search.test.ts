import { describe, expect, it } from 'vitest';
import { distanceKm, searchOffices, telLink, type Office } from '../../../../shared/offices/office-search.ts';

const office = (id: string, type: Office['type'], name: string, city: string, lat: number, lon: number): Office => ({
  id,
  type,
  name,
  city,
  province: 'Test',
  address: `Jl. Contoh No. ${id}`,
  lat,
  lon,
  phone: '(021) 123 4567',
  hours: '08.00–16.00',
});

const jakarta = office('1', 'BRANCH', 'Kantor Cabang Jakarta Menara', 'Jakarta Selatan', -6.2088, 106.8456);
const bandung = office('2', 'BRANCH', 'Kantor Cabang Bandung Suci', 'Bandung', -6.9175, 107.6191);
const surabaya = office('3', 'PLKK', 'RS Harapan Sehat', 'Surabaya', -7.2575, 112.7521);
const all = [surabaya, bandung, jakarta];

describe('distanceKm', () => {
  it('measures Jakarta to Bandung as about 117 km', () => {
    expect(distanceKm(jakarta, bandung)).toBeGreaterThan(110);
    expect(distanceKm(jakarta, bandung)).toBeLessThan(125);
  });
  it('is zero for the same place', () => {
    expect(distanceKm(jakarta, jakarta)).toBe(0);
  });
});

describe('searchOffices', () => {
  it('finds by city regardless of case, spacing and punctuation', () => {
    expect(searchOffices(all, { text: '  BANDUNG ' }).map((m) => m.office.id)).toEqual(['2']);
    expect(searchOffices(all, { text: 'kantor-cabang jakarta' }).map((m) => m.office.id)).toEqual(['1']);
  });
  it('needs every word to match', () => {
    expect(searchOffices(all, { text: 'bandung surabaya' })).toEqual([]);
  });
  it('filters by type', () => {
    expect(searchOffices(all, { type: 'PLKK' }).map((m) => m.office.id)).toEqual(['3']);
  });
  it('sorts the nearest first when a position is known', () => {
    const nearBandung = { lat: -6.9, lon: 107.6 };
    const result = searchOffices(all, { near: nearBandung });
    expect(result.map((m) => m.office.id)).toEqual(['2', '1', '3']);
    expect(result[0]?.distanceKm).toBeLessThan(5);
  });
  it('sorts by city without a position', () => {
    expect(searchOffices(all, {}).map((m) => m.office.city)).toEqual(['Bandung', 'Jakarta Selatan', 'Surabaya']);
  });
});

describe('telLink', () => {
  it('keeps only digits and plus', () => {
    expect(telLink('(021) 520-7797')).toBe('tel:0215207797');
    expect(telLink('175')).toBe('tel:175');
  });
});
