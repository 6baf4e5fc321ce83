import type { Office } from '../../../shared/offices/office-search.ts';

// Fictitious offices and partner clinics in real Indonesian cities: the names, streets and
// numbers are invented for the demo; the city coordinates are real so "terdekat" is meaningful.
const cities: Array<{ city: string; province: string; lat: number; lon: number; area: string }> = [
  { city: 'Jakarta Pusat', province: 'DKI Jakarta', lat: -6.1865, lon: 106.8341, area: '021' },
  { city: 'Jakarta Selatan', province: 'DKI Jakarta', lat: -6.2615, lon: 106.8106, area: '021' },
  { city: 'Jakarta Timur', province: 'DKI Jakarta', lat: -6.225, lon: 106.9004, area: '021' },
  { city: 'Bekasi', province: 'Jawa Barat', lat: -6.2383, lon: 106.9756, area: '021' },
  { city: 'Tangerang', province: 'Banten', lat: -6.1783, lon: 106.6319, area: '021' },
  { city: 'Depok', province: 'Jawa Barat', lat: -6.4025, lon: 106.7942, area: '021' },
  { city: 'Bogor', province: 'Jawa Barat', lat: -6.5971, lon: 106.806, area: '0251' },
  { city: 'Bandung', province: 'Jawa Barat', lat: -6.9175, lon: 107.6191, area: '022' },
  { city: 'Cirebon', province: 'Jawa Barat', lat: -6.7063, lon: 108.557, area: '0231' },
  { city: 'Semarang', province: 'Jawa Tengah', lat: -6.9667, lon: 110.4167, area: '024' },
  { city: 'Surakarta', province: 'Jawa Tengah', lat: -7.5755, lon: 110.8243, area: '0271' },
  { city: 'Yogyakarta', province: 'DI Yogyakarta', lat: -7.7956, lon: 110.3695, area: '0274' },
  { city: 'Surabaya', province: 'Jawa Timur', lat: -7.2575, lon: 112.7521, area: '031' },
  { city: 'Malang', province: 'Jawa Timur', lat: -7.9666, lon: 112.6326, area: '0341' },
  { city: 'Denpasar', province: 'Bali', lat: -8.65, lon: 115.2167, area: '0361' },
  { city: 'Mataram', province: 'Nusa Tenggara Barat', lat: -8.5833, lon: 116.1167, area: '0370' },
  { city: 'Kupang', province: 'Nusa Tenggara Timur', lat: -10.1772, lon: 123.607, area: '0380' },
  { city: 'Medan', province: 'Sumatera Utara', lat: 3.5952, lon: 98.6722, area: '061' },
  { city: 'Padang', province: 'Sumatera Barat', lat: -0.9471, lon: 100.4172, area: '0751' },
  { city: 'Pekanbaru', province: 'Riau', lat: 0.5071, lon: 101.4478, area: '0761' },
  { city: 'Batam', province: 'Kepulauan Riau', lat: 1.0456, lon: 104.0305, area: '0778' },
  { city: 'Jambi', province: 'Jambi', lat: -1.6101, lon: 103.6131, area: '0741' },
  { city: 'Palembang', province: 'Sumatera Selatan', lat: -2.9761, lon: 104.7754, area: '0711' },
  { city: 'Bandar Lampung', province: 'Lampung', lat: -5.45, lon: 105.2667, area: '0721' },
  { city: 'Pontianak', province: 'Kalimantan Barat', lat: -0.0263, lon: 109.3425, area: '0561' },
  { city: 'Banjarmasin', province: 'Kalimantan Selatan', lat: -3.3194, lon: 114.5908, area: '0511' },
  { city: 'Balikpapan', province: 'Kalimantan Timur', lat: -1.2379, lon: 116.8529, area: '0542' },
  { city: 'Samarinda', province: 'Kalimantan Timur', lat: -0.5022, lon: 117.1536, area: '0541' },
  { city: 'Makassar', province: 'Sulawesi Selatan', lat: -5.1477, lon: 119.4327, area: '0411' },
  { city: 'Manado', province: 'Sulawesi Utara', lat: 1.4748, lon: 124.8421, area: '0431' },
  { city: 'Ambon', province: 'Maluku', lat: -3.6954, lon: 128.1814, area: '0911' },
  { city: 'Jayapura', province: 'Papua', lat: -2.5337, lon: 140.7181, area: '0967' },
];

const streets = ['Jl. Merdeka', 'Jl. Sudirman', 'Jl. Diponegoro', 'Jl. Gajah Mada', 'Jl. Ahmad Yani', 'Jl. Pahlawan', 'Jl. Veteran', 'Jl. Pemuda'];
const hospitals = ['RS Harapan Sehat', 'RS Mitra Karya', 'RS Bakti Husada', 'RS Sejahtera Bersama'];
const clinics = ['Klinik Pratama Karya Medika', 'Klinik Utama Sentosa', 'Klinik Sehat Pekerja'];

/** The directory the phone downloads once and searches offline (about 100 entries). */
export function officeDirectory(): Office[] {
  const offices: Office[] = [];
  cities.forEach((place, index) => {
    const street = (offset: number) => streets[(index + offset) % streets.length]!;
    const number = (offset: number) => 10 + ((index * 37 + offset * 11) % 190);
    const phone = (offset: number) => `(${place.area}) ${String(5200000 + ((index * 7919 + offset * 104729) % 799999)).replace(/(\d{3})(\d{4})/, '$1 $2')}`;
    // Spread the entries a few kilometres around the city centre so distances differ.
    const near = (offset: number) => ({
      lat: Number((place.lat + (((index + offset) % 5) - 2) * 0.012).toFixed(5)),
      lon: Number((place.lon + (((index * 3 + offset) % 5) - 2) * 0.012).toFixed(5)),
    });
    offices.push({
      id: `KC-${String(index + 1).padStart(3, '0')}`,
      type: 'BRANCH',
      name: `Kantor Cabang ${place.city}`,
      address: `${street(0)} No. ${number(0)}, ${place.city}`,
      city: place.city,
      province: place.province,
      ...near(0),
      phone: phone(0),
      hours: 'Senin–Jumat 08.00–16.00',
    });
    offices.push({
      id: `PLKK-${String(index * 2 + 1).padStart(3, '0')}`,
      type: 'PLKK',
      name: `${hospitals[index % hospitals.length]} ${place.city}`,
      address: `${street(3)} No. ${number(1)}, ${place.city}`,
      city: place.city,
      province: place.province,
      ...near(1),
      phone: phone(1),
      hours: 'IGD 24 jam',
    });
    offices.push({
      id: `PLKK-${String(index * 2 + 2).padStart(3, '0')}`,
      type: 'PLKK',
      name: `${clinics[index % clinics.length]} ${place.city}`,
      address: `${street(5)} No. ${number(2)}, ${place.city}`,
      city: place.city,
      province: place.province,
      ...near(2),
      phone: phone(2),
      hours: 'Senin–Sabtu 07.00–21.00',
    });
  });
  return offices;
}
