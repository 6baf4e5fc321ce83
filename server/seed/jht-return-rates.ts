/**
 * Yearly JHT development rates in basis points. [model] Illustrative figures in the range
 * BPJSTK has announced (roughly 5–11 % a year, above the state-bank deposit rate the law
 * guarantees); the real declared rates belong in the jht_return_rates table.
 */
const RATES_BP: Record<number, number> = {
  2004: 1050, 2005: 1000, 2006: 1100, 2007: 1050, 2008: 950, 2009: 1000, 2010: 1000,
  2011: 975, 2012: 900, 2013: 850, 2014: 950, 2015: 1050, 2016: 1100, 2017: 975,
  2018: 800, 2019: 750, 2020: 725, 2021: 600, 2022: 600, 2023: 650, 2024: 675,
  2025: 650, 2026: 650,
};

export function jhtReturnBpForYear(year: number): number {
  return RATES_BP[year] ?? (year < 2004 ? 1000 : 650);
}

export const jhtReturnRateRows = Object.entries(RATES_BP).map(([year, rateBp]) => ({ year: Number(year), rateBp }));
