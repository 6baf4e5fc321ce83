import { cpus } from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { measureSizes } from './sizes.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { startBenchServer } from './bench-server.ts';
import { measureSyncWire } from './sync-wire.ts';
import { measureLoad } from './load.ts';
import { measureColdOfflineStart, type Spread } from './cold-start.ts';
import { measureMixedLoad } from './mixed-load-child.ts';
import { measureAccountTiming } from './account-timing.ts';
import { measureReplica, replicaRows } from './replica.ts';
import { measurePullRatio } from './pull-ratio.ts';
import { documentsRows, measureDocuments } from './documents.ts';

// `npm run bench`: measured numbers beside the product's targets. A missed target is reported,
// not fatal; a measurement that cannot be taken is.
const seconds = process.env.BENCH_LONG === '1' ? 60 : 5;
const mixedSeconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const LOAD_PARTICIPANTS = 500;
const timingRounds = Number(process.env.BENCH_TIMING_ROUNDS ?? 200);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: { metric: string; value: string; target: string; ok: boolean | null }[] = [];
const add = (metric: string, value: string, target = '', ok: boolean | null = null) => rows.push({ metric, value, target, ok });
const replicaOptions = { participants: LOAD_PARTICIPANTS, seconds, mixedSeconds, rounds: Number(process.env.BENCH_REPLICA_ROUNDS ?? 3) };
// BENCH_ONLY=pull-ratio (comma-separated parts: sizes, load, pull-ratio, mixed, replica, cold-start, documents) runs just those.
const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const runs = (part: string) => !only || only.includes(part);
const PULL_RATIO_TARGET = 0.6;

// The client build is measured, and the cold start serves it.
if ((runs('sizes') || runs('cold-start')) && !existsSync('dist/client/.vite/manifest.json')) {
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}
const results: Record<string, unknown> = {};
if (runs('sizes')) {
  const sizes = measureSizes();
  add('home-screen JS (gzip / brotli)', `${kb(sizes.homeJs.gzip)} / ${kb(sizes.homeJs.brotli)}`, '≤ 60 KB gz', sizes.homeJs.gzip <= 60 * 1024);
  add('home-screen CSS (gzip)', kb(sizes.homeCss.gzip));
  for (const route of sizes.routes) add(`  route ${route.name} (gzip)`, kb(route.gzip));
  if (sizes.syncWorker) add('sync worker (gzip)', kb(sizes.syncWorker.gzip));
  add('service worker (gzip)', kb(sizes.serviceWorker.gzip));
  add(`precache, ${sizes.precache.entries} files (gzip)`, kb(sizes.precache.gzip), '≤ 250 KB gz', sizes.precache.gzip <= 250 * 1024);
  results.sizes = sizes;
}
const databases = [{ name: 'PGlite', location: { kind: 'pglite-memory' as const } }];
const benchPostgres = process.env.BENCH_DATABASE_URL && (runs('load') || runs('pull-ratio')) ? await createThrowawayPostgres(process.env.BENCH_DATABASE_URL, 'jmo_bench') : undefined;
if (benchPostgres) databases.push({ name: 'PostgreSQL', location: { kind: 'postgres', url: benchPostgres.url } as never });
for (const { name, location } of runs('load') || runs('pull-ratio') ? databases : []) {
  // Rate limits count as usual but never refuse: the account-timing runs send hundreds of resets.
  const server = await startBenchServer(location, 50, { raisedRateLimits: true });
  try {
    if (runs('load')) {
      const wire = await measureSyncWire(server);
      results[`wire-${name}`] = wire;
      if (name === 'PGlite') {
        add('full first pull, 3 cards + 5 claims (brotli / gzip)', `${kb(wire.fullPullBrotli)} / ${kb(wire.fullPullGzip)}`, '≤ 15 KB', wire.fullPullBrotli <= 15 * 1024);
        add('delta after one claim status change (brotli)', `${wire.deltaBrotli} B (HTTP ${wire.deltaStatus})`, '≤ 1 KB', wire.deltaBrotli <= 1024);
        add('unchanged pull', `HTTP ${wire.unchangedStatus}, ${wire.unchangedBytes} B`, '304, 0 B', wire.unchangedStatus === 304 && wire.unchangedBytes === 0);
        add('requests to deliver 100 queued items', `${wire.requestsFor100Items} (left: ${wire.itemsLeftInOutbox})`, '≤ 2', wire.requestsFor100Items <= 2 && wire.itemsLeftInOutbox === 0);
      }
      const load = await measureLoad(server, wire.cookie, seconds);
      results[`load-${name}`] = load;
      add(`${name}: unchanged pull, ${seconds}s, 10 conn`, `${load.unchangedPull.requestsPerSec} req/s, p50 ${load.unchangedPull.p50Ms} ms, p99 ${load.unchangedPull.p99Ms} ms, errors ${load.unchangedPull.errors + load.unchangedPull.unexpectedStatus}`, '0 errors', load.unchangedPull.errors + load.unchangedPull.unexpectedStatus === 0);
      add(`${name}: push (1 mutation), ${seconds}s, 10 conn`, `${load.push.requestsPerSec} req/s, p50 ${load.push.p50Ms} ms, p99 ${load.push.p99Ms} ms, errors ${load.push.errors + load.push.unexpectedStatus}`, '0 errors', load.push.errors + load.push.unexpectedStatus === 0);
      const timing = await measureAccountTiming(server, { reset: 2 * timingRounds, signIn: timingRounds, register: timingRounds });
      results[`account-timing-${name}`] = timing;
      for (const flow of timing) {
        add(
          `${name}: ${flow.flow}`,
          `median ${flow.known.medianMs} / ${flow.unknown.medianMs} ms, p90 ${flow.known.p90Ms} / ${flow.unknown.p90Ms} ms (${Math.round(flow.spread * 100)} %)`,
          '≤ 10 % apart',
          flow.spread <= 0.1,
        );
      }
    }
    if (runs('pull-ratio')) {
      const ratios = await measurePullRatio(server, await server.cookieFor('siti.rahayu@demo.jmo-lite.test'), seconds);
      results[`pull-ratio-${name}`] = ratios;
      for (const { connections, health, unchangedPull, ratio } of ratios) {
        add(`${name}: /api/health, ${seconds}s, ${connections} conn`, `${health.requestsPerSec} req/s, p99 ${health.p99Ms} ms, errors ${health.errors}`, '0 errors', health.errors === 0);
        add(`${name}: unchanged pull (304), ${seconds}s, ${connections} conn`, `${unchangedPull.requestsPerSec} req/s, p99 ${unchangedPull.p99Ms} ms, errors ${unchangedPull.errors}`, '0 errors', unchangedPull.errors === 0);
        add(`${name}: unchanged pull ÷ /api/health throughput, ${connections} conn`, `${ratio}×`, `≥ ${PULL_RATIO_TARGET}×`, ratio >= PULL_RATIO_TARGET);
      }
    }
  } finally {
    await server.close();
  }
}

await benchPostgres?.drop();

for (const name of runs('mixed') ? (['PGlite', ...(process.env.BENCH_DATABASE_URL ? ['PostgreSQL' as const] : [])] as const) : []) {
  const mixed = await measureMixedLoad(name, { participants: LOAD_PARTICIPANTS, seconds: mixedSeconds, postgresUrl: process.env.BENCH_DATABASE_URL });
  results[`mixed-${name}`] = mixed;
  add(`${name}: first sync of ${LOAD_PARTICIPANTS} phones (5 yrs history), 20 at a time`, `${mixed.firstSync.count} in ${mixed.firstSync.seconds} s, p50 ${mixed.firstSync.p50Ms} ms, p99 ${mixed.firstSync.p99Ms} ms`);
  add(
    `${name}: ${LOAD_PARTICIPANTS} phones pulling + pushing, ${mixedSeconds}s, server in its own process`,
    `${mixed.requestsPerSec} req/s; pull p50 ${mixed.pulls.p50Ms} / p99 ${mixed.pulls.p99Ms} ms; push p50 ${mixed.pushes.p50Ms} / p99 ${mixed.pushes.p99Ms} ms; errors ${mixed.errors}`,
    'p99 < 1 s, 0 errors',
    mixed.errors === 0 && Math.max(mixed.pulls.p99Ms, mixed.pushes.p99Ms) < 1000,
  );
}

if (runs('replica')) {
  const replica = await measureReplica(replicaOptions);
  results.replica = replica;
  rows.push(...replicaRows(replica));
}

if (runs('cold-start') && process.env.BENCH_SKIP_BROWSER !== '1') {
  const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 20);
  const cold = await measureColdOfflineStart(coldRuns);
  results.coldStart = cold;
  const ms = (s: Spread) => `median ${s.median} ms (p25 ${s.p25}, p75 ${s.p75}, min ${s.min}, max ${s.max})`;
  const ratio = (s: Spread) => `${s.median.toFixed(2)}× (per run p25 ${s.p25}, p75 ${s.p75}, min ${s.min}, max ${s.max})`;
  add(`cold offline start to cached balance, 4x CPU, ${coldRuns} runs`, ms(cold.appMs));
  add(`  floor: same home text as a precached static page`, ms(cold.floorMs));
  add(`  full app's own home up (replacing the first paint)`, ms(cold.appReadyMs));
  add(`  home / floor, navigation to balance seen`, ratio(cold.ratio), '≤ 1.2×', cold.ratio.median <= 1.2);
  add(`  home / floor, navigation to balance painted (Element Timing, unwatched loads)`, `${ratio(cold.paintRatio)}; ${cold.appPaintMs.median} / ${cold.floorPaintMs.median} ms`, '≤ 1.2×', cold.paintRatio.median <= 1.2);
}

if (runs('documents') && process.env.BENCH_SKIP_BROWSER !== '1') {
  const documents = await measureDocuments({ shrinkRuns: Number(process.env.BENCH_SHRINK_RUNS ?? 5) });
  results.documents = documents;
  rows.push(...documentsRows(documents));
}

const machine = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' };
const width = Math.max(...rows.map((r) => r.metric.length));
console.log(`\nJMO Lite bench — ${machine.date} — Node ${machine.node} — ${machine.cpus}× ${machine.cpuModel}\n`);
console.log(`${'metric'.padEnd(width)} | value | target | ok`);
for (const row of rows) console.log(`${row.metric.padEnd(width)} | ${row.value} | ${row.target} | ${row.ok === null ? '' : row.ok ? 'yes' : 'NO'}`);
mkdirSync('bench', { recursive: true });
const resultsFile = only ? `bench/results-${only.join('-')}.json` : 'bench/results.json';
writeFileSync(resultsFile, JSON.stringify({ machine, rows, results }, null, 2));
console.log(`\n${resultsFile} written`);
process.exit(0);
