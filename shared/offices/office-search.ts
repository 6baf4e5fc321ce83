/** A branch office (kantor cabang) or a partner clinic/hospital for work accidents (PLKK). */
export interface Office {
  id: string;
  type: 'BRANCH' | 'PLKK';
  name: string;
  address: string;
  city: string;
  province: string;
  lat: number;
  lon: number;
  phone: string;
  hours: string;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine): plenty for "which office is nearest". */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLon = toRad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

// "Kantor Cabang" and "kantor  cabang" and "KANTOR-CABANG" are the same search.
function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface OfficeQuery {
  text?: string;
  type?: Office['type'];
  near?: GeoPoint;
}

export interface OfficeMatch {
  office: Office;
  distanceKm?: number;
}

/**
 * Offline search by name, city, province or address; every word must match somewhere.
 * With a position the nearest come first, otherwise branch offices by city then name.
 */
export function searchOffices(offices: readonly Office[], query: OfficeQuery): OfficeMatch[] {
  const words = normalize(query.text ?? '').split(' ').filter(Boolean);
  const matches: OfficeMatch[] = [];
  for (const office of offices) {
    if (query.type && office.type !== query.type) continue;
    const haystack = normalize(`${office.name} ${office.city} ${office.province} ${office.address}`);
    if (!words.every((word) => haystack.includes(word))) continue;
    matches.push(query.near ? { office, distanceKm: distanceKm(query.near, office) } : { office });
  }
  return matches.sort((a, b) =>
    a.distanceKm !== undefined && b.distanceKm !== undefined
      ? a.distanceKm - b.distanceKm
      : a.office.city.localeCompare(b.office.city, 'id') ||
        a.office.type.localeCompare(b.office.type) ||
        a.office.name.localeCompare(b.office.name, 'id'),
  );
}

/** A map link that opens the phone's map app or the browser; works without our server. */
export function mapLink(office: GeoPoint & { name: string }): string {
  return `https://www.openstreetmap.org/?mlat=${office.lat}&mlon=${office.lon}#map=17/${office.lat}/${office.lon}`;
}

/** `tel:` link from a printed number such as "(021) 520 7797". */
export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
