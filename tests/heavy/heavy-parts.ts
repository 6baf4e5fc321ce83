/** One vitest file run at a heavy size on one database. */
export interface HeavyPart {
  /** Short name for HEAVY_PARTS and the log file. */
  key: string;
  title: string;
  file: string;
  /** The variable the test reads its size from, and the heavy size. */
  sizeEnv: string;
  size: number;
  unit: string;
  database: 'PGlite' | 'PostgreSQL';
}

const PROPERTY = 'tests/integration/sync/exactly-once.test.ts';
const CHAOS = 'tests/integration/chaos/server-kill.test.ts';
const UPLOADS = 'tests/integration/sync/upload-exactly-once.test.ts';

/** The sizes the project's claims are made at (README, "Heavy runs"); shortest first, so a run cut short still has verdicts. */
export const HEAVY_PARTS: HeavyPart[] = [
  { key: 'chaos-pglite', title: 'chaos (server SIGKILL)', file: CHAOS, sizeEnv: 'CHAOS_KILLS', size: 100, unit: 'kills', database: 'PGlite' },
  { key: 'chaos-postgres', title: 'chaos (server SIGKILL)', file: CHAOS, sizeEnv: 'CHAOS_KILLS', size: 100, unit: 'kills', database: 'PostgreSQL' },
  { key: 'fuzz', title: 'API fuzz', file: 'tests/integration/fuzz/api-fuzz.test.ts', sizeEnv: 'FUZZ_RUNS', size: 10_000, unit: 'runs per target', database: 'PGlite' },
  { key: 'load', title: '500-phone mixed load', file: 'tests/integration/load/mixed-load.test.ts', sizeEnv: 'LOAD_SECONDS', size: 60, unit: 's', database: 'PGlite' },
  { key: 'uploads-pages', title: 'upload property (pages under faults and kills)', file: UPLOADS, sizeEnv: 'UPLOAD_PROPERTY_RUNS', size: 1_000, unit: 'runs', database: 'PGlite' },
  { key: 'uploads-claim', title: 'upload property (claim after its pages)', file: UPLOADS, sizeEnv: 'UPLOAD_CLAIM_PROPERTY_RUNS', size: 300, unit: 'runs', database: 'PGlite' },
  { key: 'property-pglite', title: 'exactly-once property', file: PROPERTY, sizeEnv: 'SYNC_PROPERTY_RUNS', size: 10_000, unit: 'runs', database: 'PGlite' },
  { key: 'property-postgres', title: 'exactly-once property', file: PROPERTY, sizeEnv: 'SYNC_PROPERTY_RUNS', size: 10_000, unit: 'runs', database: 'PostgreSQL' },
];
