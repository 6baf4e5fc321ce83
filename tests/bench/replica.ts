import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.ts';
import { seedIfEmpty } from '../../server/seed/seed-database.ts';
import { jakartaDate } from '../../server/jakarta-date.ts';
import { addLoadParticipants } from '../support/load-population.ts';
import { runMixedLoad, type MixedLoadReport } from '../support/mixed-load.ts';
import { startServer } from '../support/server-child.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { waitForReplay } from '../support/test-database.ts';
import { freePort } from '../e2e/support/server-process.ts';

export interface PullThroughput {
  /** Median of the rounds, and their spread. */
  requestsPerSec: number;
  requestsPerSecRange: [number, number];
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Database transactions per pull on each server, from a run of its own: what the standby takes off the primary. */
  primaryTransactionsPerPull: number;
  standbyTransactionsPerPull: number;
}

export type ReplicaBench =
  | { skipped: string }
  | {
      participants: number;
      seconds: number;
      rounds: number;
      unchangedPull: { primaryOnly: PullThroughput; withReplica: PullThroughput };
      snapshotPull: { primaryOnly: PullThroughput; withReplica: PullThroughput };
      mixed: Omit<MixedLoadReport, 'phones'>;
      /** From a commit on the primary until the standby has replayed it, sampled through the mixed load. */
      replayLag: { samples: number; p50Ms: number; p99Ms: number; maxMs: number; maxBytes: number };
    };

const pairScript = 'tests/support/pg-replica-pair.sh';

/**
 * Pulls with and without DATABASE_READ_URL, against a primary and a hot standby made for the
 * run (tests/support/pg-replica-pair.sh), the servers in processes of their own as deployed.
 * Both clusters share this machine's cores with the servers and the load generator, so the
 * figures show the routing's cost and the work moved off the primary, not a second machine's gain.
 */
export async function measureReplica(options: { participants: number; seconds: number; mixedSeconds: number; rounds: number }): Promise<ReplicaBench> {
  const pairDir = mkdtempSync(join(tmpdir(), 'jmo-bench-replica-'));
  const started = spawnSync(pairScript, ['start', pairDir], { encoding: 'utf8' });
  if (started.status !== 0) {
    spawnSync(pairScript, ['stop', pairDir]);
    return { skipped: `no primary + standby pair: ${(started.stderr || started.error?.message || `exit ${started.status}`).trim().split('\n').at(-1)}` };
  }
  const primaryServer = /^PRIMARY_URL=(.+)$/m.exec(started.stdout)![1]!;
  const standbyServer = /^STANDBY_URL=(.+)$/m.exec(started.stdout)![1]!;
  try {
    const { url: primaryUrl } = await createThrowawayPostgres(primaryServer, 'jmo_bench');
    const standbyUrl = new URL(standbyServer);
    standbyUrl.pathname = new URL(primaryUrl).pathname;
    const handle = await openDatabase({ kind: 'postgres', url: primaryUrl });
    const today = jakartaDate(new Date());
    await seedIfEmpty(handle.db, { today, extraParticipants: 50 });
    const { cookies } = await addLoadParticipants(handle.db, { count: options.participants, today, historyMonths: 60, now: new Date() });
    await handle.close();
    await waitForReplay(primaryUrl, standbyUrl.toString());

    const urls = { primary: primaryUrl, standby: standbyUrl.toString() };
    const primaryOnly = { DATABASE_URL: urls.primary };
    const withReplica = { DATABASE_URL: urls.primary, DATABASE_READ_URL: urls.standby };
    const cookie = cookies[0]!;
    const { unchangedPull, snapshotPull } = await withServer(primaryOnly, (primaryOnlyUrl) =>
      withServer(withReplica, async (withReplicaUrl) => {
        const compare = (kind: 'unchanged' | 'snapshot') => comparePulls({ primaryOnly: primaryOnlyUrl, withReplica: withReplicaUrl }, urls, cookie, kind, options);
        return { unchangedPull: await compare('unchanged'), snapshotPull: await compare('snapshot') };
      }),
    );
    const { mixed, replayLag } = await withServer(withReplica, async (baseUrl) => {
      const lag = sampleReplayLag(primaryUrl, standbyUrl.toString());
      try {
        const { phones: _phones, ...figures } = await runMixedLoad({ baseUrl, cookies, seconds: options.mixedSeconds });
        return { mixed: figures, replayLag: await lag.stop() };
      } catch (error) {
        await lag.stop();
        throw error;
      }
    });
    return { participants: options.participants, seconds: options.seconds, rounds: options.rounds, unchangedPull, snapshotPull, mixed, replayLag };
  } finally {
    spawnSync(pairScript, ['stop', pairDir]);
  }
}

async function withServer<T>(env: Record<string, string>, job: (baseUrl: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'jmo-bench-replica-data-'));
  const server = await startServer(port, { ...env, DATA_DIR: dataDir });
  try {
    return await job(`http://127.0.0.1:${port}`);
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Cannon = () => Promise<autocannon.Result>;

/**
 * 10 connections of one participant's pulls (304s with the ETag, or full first-sync
 * snapshots) against two servers up side by side, one reading from the primary only, one
 * from the standby, in alternating rounds: the machine's load drifts, and alternation puts
 * both under the same drift. Then one counted run of each, alone, for the transactions.
 */
async function comparePulls(
  servers: { primaryOnly: string; withReplica: string },
  urls: { primary: string; standby: string },
  cookie: string,
  kind: 'unchanged' | 'snapshot',
  options: { seconds: number; rounds: number },
): Promise<{ primaryOnly: PullThroughput; withReplica: PullThroughput }> {
  const cannonFor = async (baseUrl: string): Promise<Cannon> => {
    const first = await fetch(`${baseUrl}/api/sync/pull`, { headers: { Cookie: cookie } });
    const { cursor } = (await first.json()) as { cursor: string };
    const request =
      kind === 'unchanged'
        ? { url: `${baseUrl}/api/sync/pull?cursor=${cursor}`, headers: { Cookie: cookie, 'If-None-Match': first.headers.get('ETag') ?? '' } }
        : { url: `${baseUrl}/api/sync/pull`, headers: { Cookie: cookie } };
    return () => autocannon({ ...request, connections: 10, duration: options.seconds });
  };
  const cannons = { primaryOnly: await cannonFor(servers.primaryOnly), withReplica: await cannonFor(servers.withReplica) };
  const runs: Record<keyof typeof cannons, autocannon.Result[]> = { primaryOnly: [], withReplica: [] };
  // A B, B A, A B …: neither always runs right after the other.
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['primaryOnly', 'withReplica'] as const) : (['withReplica', 'primaryOnly'] as const);
    for (const name of order) runs[name].push(await cannons[name]());
  }
  const expected = kind === 'unchanged' ? '3xx' : '2xx';
  const summary = async (name: keyof typeof cannons): Promise<PullThroughput> => {
    const before = await transactionCounts(urls);
    const counted = await cannons[name]();
    // A backend reports its counts when it goes idle, at most 10 s later (PostgreSQL 15).
    await sleep(11_000);
    const after = await transactionCounts(urls);
    const all = [...runs[name], counted];
    const unexpected = (result: autocannon.Result) => (['1xx', '2xx', '3xx', '4xx', '5xx'] as const).filter((k) => k !== expected).reduce((sum, k) => sum + result[k], 0);
    const rps = runs[name].map((r) => Math.round(r.requests.average));
    return {
      requestsPerSec: median(rps),
      requestsPerSecRange: [Math.min(...rps), Math.max(...rps)],
      p50Ms: median(runs[name].map((r) => r.latency.p50)),
      p99Ms: median(runs[name].map((r) => r.latency.p99)),
      errors: all.reduce((sum, r) => sum + r.errors + r.timeouts + unexpected(r), 0),
      primaryTransactionsPerPull: Math.round(((after.primary - before.primary) / counted.requests.total) * 100) / 100,
      standbyTransactionsPerPull: Math.round(((after.standby - before.standby) / counted.requests.total) * 100) / 100,
    };
  };
  return { primaryOnly: await summary('primaryOnly'), withReplica: await summary('withReplica') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Transactions in the bench database on each server (statistics are not replicated: the standby counts its own). */
async function transactionCounts(urls: { primary: string; standby: string }): Promise<{ primary: number; standby: number }> {
  const count = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()');
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  };
  return { primary: await count(urls.primary), standby: await count(urls.standby) };
}

/**
 * Every 100 ms: note the primary's WAL position, then time how long the standby takes to
 * replay past it (polled every 2 ms), and how many bytes it was behind at that moment. In a
 * worker thread of its own, so the 500 phones' event loop does not add its delays to the lag.
 */
function sampleReplayLag(primaryUrl: string, standbyUrl: string) {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const { setTimeout: sleep } = require('node:timers/promises');
    const pg = require('pg');
    let running = true;
    parentPort.once('message', () => (running = false));
    (async () => {
      const primary = new pg.Client({ connectionString: workerData.primaryUrl });
      const standby = new pg.Client({ connectionString: workerData.standbyUrl });
      await Promise.all([primary.connect(), standby.connect()]);
      const lags = [];
      let maxBytes = 0;
      while (running) {
        const target = (await primary.query('select pg_current_wal_lsn()::text as lsn')).rows[0].lsn;
        const from = performance.now();
        for (let first = true; ; first = false) {
          const behind = Number((await standby.query('select pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) as behind', [target])).rows[0].behind);
          if (first) maxBytes = Math.max(maxBytes, behind);
          if (behind <= 0) break;
          await sleep(2);
        }
        lags.push(performance.now() - from);
        await sleep(100);
      }
      await Promise.all([primary.end(), standby.end()]);
      parentPort.postMessage({ lags, maxBytes });
    })().catch((error) => parentPort.postMessage({ error: String(error) }));
    `,
    { eval: true, workerData: { primaryUrl, standbyUrl } },
  );
  const result = new Promise<{ lags: number[]; maxBytes: number; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { lags, maxBytes, error } = await result;
      await worker.terminate();
      if (error) throw new Error(`replay lag sampler: ${error}`);
      const sorted = [...lags].sort((a, b) => a - b);
      const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
      return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round((sorted.at(-1) ?? 0) * 10) / 10, maxBytes };
    },
  };
}

type Row = { metric: string; value: string; target: string; ok: boolean | null };

/** The bench table's rows for the replica figures (run.ts prints them with the rest). */
export function replicaRows(bench: ReplicaBench): Row[] {
  if ('skipped' in bench) return [{ metric: 'read replica (DATABASE_READ_URL)', value: `skipped: ${bench.skipped}`, target: '', ok: null }];
  const line = (figures: PullThroughput) =>
    `${figures.requestsPerSec} req/s (${figures.requestsPerSecRange.join('–')}), p50 ${figures.p50Ms} / p99 ${figures.p99Ms} ms, errors ${figures.errors}; transactions per pull: primary ${figures.primaryTransactionsPerPull}, standby ${figures.standbyTransactionsPerPull}`;
  const rows: Row[] = [];
  for (const [name, pair] of [
    ['unchanged pull (304)', bench.unchangedPull],
    ['full snapshot pull (200)', bench.snapshotPull],
  ] as const) {
    rows.push({ metric: `PostgreSQL: ${name}, median of ${bench.rounds} × ${bench.seconds}s, 10 conn, primary only`, value: line(pair.primaryOnly), target: '0 errors', ok: pair.primaryOnly.errors === 0 });
    rows.push({ metric: `PostgreSQL: ${name}, median of ${bench.rounds} × ${bench.seconds}s, 10 conn, reads from the standby`, value: line(pair.withReplica), target: '0 errors', ok: pair.withReplica.errors === 0 });
  }
  const { mixed, replayLag } = bench;
  rows.push({
    metric: `PostgreSQL + standby: ${bench.participants} phones pulling + pushing, ${mixed.seconds}s`,
    value: `${mixed.requestsPerSec} req/s; pull p50 ${mixed.pulls.p50Ms} / p99 ${mixed.pulls.p99Ms} ms; push p50 ${mixed.pushes.p50Ms} / p99 ${mixed.pushes.p99Ms} ms; errors ${mixed.errors}`,
    target: '0 errors',
    ok: mixed.errors === 0,
  });
  rows.push({
    metric: 'PostgreSQL + standby: replay lag under that load (commit on primary → replayed)',
    value: `p50 ${replayLag.p50Ms} ms, p99 ${replayLag.p99Ms} ms, max ${replayLag.maxMs} ms (${replayLag.samples} samples); at most ${replayLag.maxBytes} B behind`,
    target: '',
    ok: null,
  });
  return rows;
}
