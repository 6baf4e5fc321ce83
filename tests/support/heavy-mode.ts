import { relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

/**
 * Sizes and time limits for the tests that `npm run test:heavy` makes bigger. The limit grows
 * with the size, so a heavy run ends with a verdict and never with a timeout.
 */

/** The size set by `envName` (a positive whole number), else the quick size. */
export function sizeFromEnv(envName: string, quickSize: number): number {
  const raw = process.env[envName];
  if (raw === undefined || raw === '') return quickSize;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1) throw new Error(`${envName} must be a whole number ≥ 1, got "${raw}"`);
  return size;
}

/**
 * `size` units of the cost measured on a busy 2-vCPU machine, times a margin, plus a fixed part
 * for setting up. The margin is wide on purpose: a timeout tells nothing, a slow verdict does.
 */
export function timeLimitMs(size: number, measuredMsPerUnit: number, fixedMs = 60_000, margin = 3): number {
  return Math.ceil(fixedMs + size * measuredMsPerUnit * margin);
}

/**
 * fast-check options for `numRuns` runs that replay `${envPrefix}_SEED` / `${envPrefix}_PATH`
 * when set, and that turn a failure into an error starting with the one command replaying it.
 */
export function propertyRuns(envPrefix: string, numRuns: number): fc.Parameters<unknown> {
  const seed = process.env[`${envPrefix}_SEED`];
  const path = process.env[`${envPrefix}_PATH`];
  return {
    numRuns,
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path, endOnFailure: true } : {}),
    plugins: [() => ({ onAllRunsComplete: (details) => reportWithReplay(envPrefix, details) })],
  };
}

function reportWithReplay(envPrefix: string, details: fc.RunDetails<unknown>): void {
  if (!details.failed || details.counterexamplePath === null) return;
  const line = `Replay: ${replayCommand(envPrefix, details.seed, details.counterexamplePath)}`;
  // Also on stderr: a runner that keeps only the tail of the output still shows it.
  console.error(line);
  throw new Error(`${line}\n${fc.defaultReportMessage(details)}`, { cause: details.errorInstance });
}

function replayCommand(envPrefix: string, seed: number, path: string): string {
  const { testPath, currentTestName } = expect.getState();
  const database = process.env.TEST_DATABASE_URL ? `TEST_DATABASE_URL=${shellQuote(process.env.TEST_DATABASE_URL)} ` : '';
  const file = testPath ? relative(process.cwd(), testPath) : '';
  // The test's own name only: a describe title may carry the run count, which the replay does not set.
  const name = currentTestName?.split(' > ').at(-1);
  const filter = name ? ` -t ${shellQuote(`${escapeRegExp(name)}$`)}` : '';
  return `${database}${envPrefix}_SEED=${seed} ${envPrefix}_PATH=${shellQuote(path)} npx vitest run ${file}${filter}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const shellQuote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
