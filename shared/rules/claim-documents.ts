// Document checklists for claims (DOMAIN.md §3–4), so users gather everything before queuing at a branch.

/** A checklist entry; ids are stable keys for uploads, labels are shown to the user. */
export interface RequiredDocument {
  id: string;
  label: { id: string; en: string };
}

type Label = RequiredDocument['label'];

const DOCS = {
  KTP: { id: 'KTP elektronik (e-KTP) atau identitas lain', en: 'Electronic ID card (e-KTP) or other ID' },
  KK: { id: 'Kartu Keluarga (KK)', en: 'Family card (KK)' },
  KPJ: { id: 'Kartu peserta (KPJ) atau Kartu Digital', en: 'Membership card (KPJ) or digital card' },
  BUKU_TABUNGAN: { id: 'Buku tabungan atas nama sendiri', en: 'Savings book in your own name' },
  NPWP: { id: 'NPWP (NIK dapat dipakai sebagai NPWP)', en: 'Tax ID (NPWP; your NIK can serve as NPWP)' },
  SURAT_BERHENTI: { id: 'Surat keterangan berhenti bekerja (paklaring) dari perusahaan', en: 'Employer letter confirming you stopped working (paklaring)' },
  BUKTI_PHK: { id: 'Bukti PHK (surat PHK, perjanjian bersama, atau putusan pengadilan)', en: 'Proof of dismissal (letter, agreement or court ruling)' },
  BUKTI_AKHIR_KONTRAK: { id: 'Bukti berakhirnya kontrak kerja (PKWT)', en: 'Proof that the fixed-term contract (PKWT) ended' },
  PERNYATAAN_BERHENTI: { id: 'Surat pernyataan berhenti bekerja', en: 'Self-statement of stopping work' },
  SURAT_DOKTER: { id: 'Surat keterangan dokter', en: 'Doctor\u2019s statement' },
  PASPOR: { id: 'Paspor', en: 'Passport' },
  PERNYATAAN_TIDAK_BEKERJA_DI_INDONESIA: { id: 'Surat pernyataan tidak bekerja lagi di Indonesia', en: 'Statement that you no longer work in Indonesia' },
  AKTA_KEMATIAN: { id: 'Akta kematian', en: 'Death certificate' },
  SURAT_AHLI_WARIS: { id: 'Surat keterangan ahli waris', en: 'Heir certificate' },
  KTP_KK_AHLI_WARIS: { id: 'KTP dan KK ahli waris', en: 'Heir\u2019s ID card and family card' },
  SURAT_AKTIF_BEKERJA: { id: 'Surat keterangan masih aktif bekerja dari perusahaan', en: 'Employer letter confirming you still work there' },
  DOKUMEN_PERUMAHAN: { id: 'Dokumen perumahan (KPR) dari bank mitra', en: 'Housing loan (KPR) documents from the partner bank' },
  AKUN_SIAPKERJA: { id: 'Akun SIAPkerja (Kemnaker)', en: 'SIAPkerja account (Ministry of Manpower)' },
  LAPORAN_TAHAP_I: { id: 'Laporan kecelakaan kerja tahap I dari perusahaan', en: 'Employer\u2019s stage I accident report' },
  KRONOLOGI: { id: 'Kronologi kejadian', en: 'Account of how the accident happened' },
  LAPORAN_POLISI: { id: 'Laporan polisi (kecelakaan lalu lintas)', en: 'Police report (road accident)' },
} as const satisfies Record<string, Label>;

type DocId = keyof typeof DOCS;

/** Every checklist id a document upload may name. */
export const DOCUMENT_IDS = Object.keys(DOCS) as DocId[];

/** The label of a checklist id, or undefined for an id no checklist has. */
export function documentLabel(id: string): Label | undefined {
  return Object.hasOwn(DOCS, id) ? { ...DOCS[id as DocId] } : undefined;
}

/** Claim kinds that have a checklist. */
export type ClaimType = 'JHT_FULL' | 'JHT_PARTIAL' | 'JKP' | 'JKK';

const BASE: readonly DocId[] = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN'];

const EXTRAS: Record<ClaimType, Partial<Record<string, readonly DocId[]>> & { always: readonly DocId[] }> = {
  JHT_FULL: {
    always: [],
    RESIGN: ['SURAT_BERHENTI'],
    PHK: ['BUKTI_PHK'],
    PKWT_END: ['BUKTI_AKHIR_KONTRAK'],
    BPU_STOP: ['PERNYATAAN_BERHENTI'],
    DISABILITY: ['SURAT_DOKTER'],
    EMIGRATION: ['PASPOR', 'PERNYATAAN_TIDAK_BEKERJA_DI_INDONESIA'],
    DEATH: ['AKTA_KEMATIAN', 'SURAT_AHLI_WARIS', 'KTP_KK_AHLI_WARIS'],
  },
  JHT_PARTIAL: { always: ['SURAT_AKTIF_BEKERJA'], HOUSING: ['DOKUMEN_PERUMAHAN'] },
  JKP: { always: ['BUKTI_PHK', 'AKUN_SIAPKERJA'] },
  JKK: { always: ['LAPORAN_TAHAP_I', 'SURAT_DOKTER', 'KRONOLOGI'], ROAD_ACCIDENT: ['LAPORAN_POLISI'] },
};

/**
 * Base set plus extras by cause: JHT_FULL takes a JhtFullCause or 'DEATH', JHT_PARTIAL 'HOUSING' for the 30% claim,
 * JKK 'ROAD_ACCIDENT'. NPWP is listed only when the balance is above the tax threshold, as BPJSTK asks.
 */
export function requiredDocuments(
  claimType: ClaimType,
  cause?: string,
  options: { balance?: number; taxThreshold?: number } = {},
): RequiredDocument[] {
  const extras = EXTRAS[claimType];
  const ids: DocId[] = [...BASE, ...extras.always, ...((cause && extras[cause]) || [])];
  if (options.balance !== undefined && options.balance > (options.taxThreshold ?? 50_000_000)) ids.push('NPWP');
  return [...new Set(ids)].map((id) => ({ id, label: { ...DOCS[id] } }));
}
