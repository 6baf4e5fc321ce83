import { randomUUID } from 'node:crypto';

const bankOf = (holderName: string) => ({ bankCode: '002', number: '123456789012', holderName });

export function jhtFullClaim(kpj: string, holderName: string, cause = 'PHK') {
  return { type: 'JHT_FULL' as const, draftId: randomUUID(), kpj, cause, bankAccount: bankOf(holderName), documentsConfirmed: ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN'] };
}

export function jhtPartialClaim(kpj: string, holderName: string, percent: 10 | 30) {
  return { type: 'JHT_PARTIAL' as const, draftId: randomUUID(), kpj, percent, bankAccount: bankOf(holderName), documentsConfirmed: ['KTP'] };
}

export function accidentReport(kpj: string, accidentDate = '2026-11-20') {
  return {
    type: 'JKK' as const,
    draftId: randomUUID(),
    kpj,
    accidentDate,
    accidentTime: '08:30',
    place: 'Gudang PT, Jl. Industri 3',
    description: 'Tangan kiri terjepit mesin press saat mengganti cetakan.',
    onTheWayToWork: false,
    facilityId: 'plkk-bandung-1',
    documentsConfirmed: ['KPJ'],
  };
}
