// Yearly indexed figures (JP cap, JP min/max) live in dated rows, never in rule code (DOMAIN.md).

/** One dated row of the rate configuration; amounts in whole rupiah. */
export interface RateTable {
  validFrom: string;
  jpWageCap: number;
  jpMinBenefit: number;
  jpMaxBenefit: number;
  jkpWageCap: number;
  jmoClaimLimit: number;
  bpuJkm: number;
  bpuMinIncome: number;
  taxThreshold: number;
  assumedReturnPercent: number;
}

const BASE = {
  jpMinBenefit: 393_500,
  jpMaxBenefit: 4_700_000,
  jkpWageCap: 5_000_000,
  jmoClaimLimit: 15_000_000,
  bpuJkm: 6_800,
  bpuMinIncome: 1_000_000,
  taxThreshold: 50_000_000,
  assumedReturnPercent: 5,
} as const;

/** Seed for the server's rate table and the offline fallback; the 2026 JP cap is reported, not yet verified. */
export const DEFAULT_RATE_TABLES: readonly RateTable[] = [
  { validFrom: '2024-03-01', jpWageCap: 10_042_300, ...BASE },
  { validFrom: '2025-03-01', jpWageCap: 10_547_400, ...BASE },
  { validFrom: '2026-03-01', jpWageCap: 11_086_300, ...BASE },
];

/** Rows apply from their date on; dates before the first row use it rather than failing offline. */
export function rateTableOn(date: string, tables: readonly RateTable[] = DEFAULT_RATE_TABLES): RateTable {
  let best: RateTable | undefined;
  let earliest: RateTable | undefined;
  for (const row of tables) {
    if (row.validFrom <= date && (!best || row.validFrom > best.validFrom)) best = row;
    if (!earliest || row.validFrom < earliest.validFrom) earliest = row;
  }
  const found = best ?? earliest;
  if (!found) throw new RangeError('Rate table is empty');
  return found;
}

/** JKK rate by risk class 1 (very low) to 5 (very high), index = class − 1 (PP 44/2015). */
export const JKK_RISK_RATES_PERCENT = [0.24, 0.54, 0.89, 1.27, 1.74] as const;
