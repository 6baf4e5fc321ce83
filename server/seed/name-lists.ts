// Common Indonesian given names and family names; combinations are invented people.
export const maleGivenNames = ['Agus', 'Budi', 'Hendra', 'Joko', 'Rudi', 'Andi', 'Dedi', 'Eko', 'Fajar', 'Gilang', 'Hadi', 'Irfan', 'Yusuf', 'Rizky', 'Bayu', 'Teguh', 'Wahyu', 'Slamet', 'Bambang', 'Dimas', 'Arif', 'Ahmad', 'Made', 'Putu', 'Ilham'];
export const femaleGivenNames = ['Siti', 'Dewi', 'Rina', 'Sri', 'Ani', 'Fitri', 'Lestari', 'Wulan', 'Indah', 'Maya', 'Nur', 'Putri', 'Ratna', 'Yuni', 'Ayu', 'Diah', 'Eka', 'Kartika', 'Mega', 'Novi', 'Wati', 'Nia', 'Ketut', 'Rahma', 'Tuti'];
export const familyNames = ['Santoso', 'Wijaya', 'Gunawan', 'Rahayu', 'Lestari', 'Saputra', 'Hidayat', 'Pratama', 'Kusuma', 'Siregar', 'Nasution', 'Harahap', 'Simanjuntak', 'Setiawan', 'Susanto', 'Purnomo', 'Wibowo', 'Hakim', 'Syahputra', 'Maharani', 'Permata', 'Utami', 'Firmansyah', 'Kurniawan', 'Wulandari', 'Sari', 'Handayani', 'Nugroho', 'Ramadhan', 'Putra'];
export const motherGivenNames = ['Sumiati', 'Suparmi', 'Aminah', 'Ngatini', 'Rohani', 'Sulastri', 'Fatimah', 'Maryam', 'Juwariyah', 'Nurhayati', 'Sukesih', 'Paini'];

/** Real province / regency / district codes (Kemendagri), so NIKs have a believable origin. */
export const birthRegions = [
  { city: 'Jakarta Selatan', code: '317401' },
  { city: 'Jakarta Timur', code: '317505' },
  { city: 'Bandung', code: '327303' },
  { city: 'Bekasi', code: '327504' },
  { city: 'Semarang', code: '337402' },
  { city: 'Surakarta', code: '337203' },
  { city: 'Surabaya', code: '357802' },
  { city: 'Malang', code: '357303' },
  { city: 'Tangerang', code: '367104' },
  { city: 'Medan', code: '127103' },
  { city: 'Makassar', code: '737106' },
  { city: 'Denpasar', code: '517102' },
  { city: 'Balikpapan', code: '647102' },
  { city: 'Palembang', code: '167104' },
  { city: 'Yogyakarta', code: '347105' },
] as const;

export const employerKinds = [
  { prefix: 'PT', words: ['Sinar', 'Maju', 'Karya', 'Abadi', 'Nusantara', 'Mandiri', 'Sejahtera', 'Cahaya', 'Mitra', 'Jaya', 'Sentosa', 'Prima'], suffixes: ['Tekstil', 'Logistik', 'Makmur', 'Konstruksi', 'Pangan', 'Elektronik', 'Garmen', 'Retail', 'Farmasi', 'Otomotif'] },
  { prefix: 'CV', words: ['Berkah', 'Tunas', 'Harapan', 'Sumber', 'Bintang'], suffixes: ['Percetakan', 'Mebel', 'Bengkel', 'Katering', 'Dagang'] },
] as const;
