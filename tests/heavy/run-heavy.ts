import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEAVY_PARTS, type HeavyPart } from './heavy-parts.ts';

// `npm run test:heavy`: each part in its own vitest process, one after the other (they would
// only slow each other down on a 2-vCPU machine), then one line per part and `N passed, M failed`.
// HEAVY_SCALE=0.01 shrinks every size to check the runner itself; HEAVY_PARTS=fuzz,load picks parts.
const scale = Number(process.env.HEAVY_SCALE ?? 1);
const picked = process.env.HEAVY_PARTS?.split(',').map((key) => key.trim());
const databaseUrl = process.env.TEST_DATABASE_URL;
const logDir = mkdtempSync(join(tmpdir(), 'jmo-heavy-'));

interface PartOutcome {
  summary: string;
  passed: boolean;
}

async function runPart(part: HeavyPart): Promise<PartOutcome> {
  const size = Math.max(1, Math.round(part.size * scale));
  const label = `${part.title} (${part.database})`.padEnd(40);
  const sizeText = `${size.toLocaleString('en')} ${part.unit}`.padEnd(22);
  const logPath = join(logDir, `${part.key}.log`);
  const jsonPath = join(logDir, `${part.key}.json`);
  const env: NodeJS.ProcessEnv = { TEST_HOOK_TIMEOUT_MS: '600000', ...process.env, [part.sizeEnv]: String(size), NO_COLOR: '1', FORCE_COLOR: '0' };
  if (part.database === 'PGlite') delete env.TEST_DATABASE_URL;
  console.log(`▶ ${label} ${sizeText} log: ${logPath}`);

  const started = Date.now();
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'integration', part.file, '--reporter=default', '--reporter=json', `--outputFile.json=${jsonPath}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(logPath);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('close', (code) => log.end(() => resolve(code)));
  });
  const duration = formatDuration(Date.now() - started);
  const tests = readTestCounts(jsonPath);
  const passed = exitCode === 0 && tests !== null && tests.failed === 0 && tests.passed > 0;
  const testsText = tests ? `${tests.passed}/${tests.total} tests passed` : 'no test report';
  const summary = `${passed ? 'PASS' : 'FAIL'}  ${label} ${sizeText} ${duration.padStart(8)}  ${testsText}`;
  console.log(`  → ${passed ? 'passed' : 'FAILED'} in ${duration}`);
  if (!passed) printFailure(logPath);
  return { summary, passed };
}

function readTestCounts(jsonPath: string): { total: number; passed: number; failed: number } | null {
  if (!existsSync(jsonPath)) return null;
  const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as { numTotalTests: number; numPassedTests: number; numFailedTests: number };
  return { total: report.numTotalTests, passed: report.numPassedTests, failed: report.numFailedTests };
}

/** The replay command (from tests/support/heavy-mode.ts) and the end of the log. */
function printFailure(logPath: string) {
  const lines = readFileSync(logPath, 'utf8').split('\n');
  for (const line of new Set(lines.filter((l) => l.startsWith('Replay: ')))) console.log(`      ${line}`);
  for (const line of lines.slice(-40)) console.log(`      | ${line}`);
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}

const chosen = HEAVY_PARTS.filter((part) => !picked || picked.includes(part.key));
const outcomes: PartOutcome[] = [];
console.log(`heavy runs: ${chosen.map((p) => p.key).join(', ')}${scale === 1 ? '' : ` (HEAVY_SCALE=${scale})`}; logs in ${logDir}`);
for (const part of chosen) {
  if (part.database === 'PostgreSQL' && !databaseUrl) {
    console.log(`SKIP  ${part.title} (PostgreSQL): TEST_DATABASE_URL is not set`);
    continue;
  }
  outcomes.push(await runPart(part));
}
console.log('');
for (const outcome of outcomes) console.log(outcome.summary);
const passedCount = outcomes.filter((o) => o.passed).length;
console.log(`${passedCount} passed, ${outcomes.length - passedCount} failed`);
process.exitCode = passedCount === outcomes.length ? 0 : 1;
