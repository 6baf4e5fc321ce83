import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { openDatabase, rowsOf, type Database } from '../../server/db/database.ts';
import { seedIfEmpty } from '../../server/seed/seed-database.ts';
import { jakartaDate } from '../../server/jakarta-date.ts';
import { systemClock } from '../../server/app-env.ts';
import { createLogger } from '../../server/logging/logger.ts';
import { ephemeralCardSigner } from '../../server/features/cards/card-signing.ts';
import { databaseRateLimiter } from '../../server/security/rate-limiter.ts';
import { advanceClaim } from '../../server/features/claims/claim-status.ts';
import { audit } from '../../server/security/audit.ts';
import { periodOf } from '../../shared/rules/dates.ts';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol.ts';
import { addLoadParticipants } from '../support/load-population.ts';
import { accidentReport } from '../support/claim-builders.ts';
import { withDocuments } from '../support/claim-documents.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';

/**
 * Storage and wire figures per participant for docs/scaling.md, independent of the server's
 * throughput: `npx tsx tests/bench/storage-per-participant.ts`. On a throwaway PostgreSQL
 * database (dropped at the end) it adds STORAGE_PARTICIPANTS people with 60 months of history
 * the way the 500-phone bench does, then posts one month of contributions, then lets
 * STORAGE_ACTIVE of them sync through the real app (first pull, 304, pushes, deltas, a claim
 * moved through the back office), and prints rows, bytes and WAL per participant, per posted
 * month and per push. WAL is the whole server's (pg_current_wal_lsn): on a shared PostgreSQL
 * it includes everyone else's writes; point STORAGE_DATABASE_URL at a private one for it.
 */
const adminUrl = process.env.STORAGE_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const participantCount = Number(process.env.STORAGE_PARTICIPANTS ?? 1000);
const activeCount = Math.min(participantCount, Number(process.env.STORAGE_ACTIVE ?? 200));
const HISTORY_MONTHS = 60;

interface TableSize {
  rows: number;
  total: number;
  heap: number;
  indexes: number;
}
type Snapshot = { tables: Map<string, TableSize>; indexes: Map<string, number>; walLsn: string };

async function snapshot(db: Database): Promise<Snapshot> {
  // Vacuumed as a running database would be, so dead tuples and missing visibility maps do not blur the sizes.
  await db.execute(sql`vacuum (analyze)`);
  const sizes = rowsOf<{ name: string; total: string; heap: string; indexes: string }>(
    await db.execute(sql`
      select c.relname as name, pg_total_relation_size(c.oid) as total, pg_table_size(c.oid) as heap, pg_indexes_size(c.oid) as indexes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`),
  );
  const tables = new Map<string, TableSize>();
  for (const size of sizes) {
    const [count] = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from ${sql.identifier(size.name)}`));
    tables.set(size.name, { rows: Number(count?.n ?? 0), total: Number(size.total), heap: Number(size.heap), indexes: Number(size.indexes) });
  }
  const indexSizes = rowsOf<{ name: string; bytes: string }>(
    await db.execute(sql`select indexrelname as name, pg_relation_size(indexrelid) as bytes from pg_stat_user_indexes where schemaname = 'public'`),
  );
  const [wal] = rowsOf<{ lsn: string }>(await db.execute(sql`select pg_current_wal_lsn()::text as lsn`));
  return { tables, indexes: new Map(indexSizes.map((index) => [index.name, Number(index.bytes)])), walLsn: wal!.lsn };
}

async function walBytes(db: Database, from: Snapshot, to: Snapshot): Promise<number> {
  const [row] = rowsOf<{ bytes: string }>(await db.execute(sql`select pg_wal_lsn_diff(${to.walLsn}::pg_lsn, ${from.walLsn}::pg_lsn) as bytes`));
  return Number(row?.bytes ?? 0);
}

/** Per-table growth between two snapshots divided by `per`, largest first. */
function growth(from: Snapshot, to: Snapshot, per: number) {
  const lines = [...to.tables].flatMap(([name, after]) => {
    const before = from.tables.get(name) ?? { rows: 0, total: 0, heap: 0, indexes: 0 };
    const bytes = after.total - before.total;
    const rows = after.rows - before.rows;
    if (rows === 0 && bytes <= 0) return [];
    return [{ table: name, rowsPer: rows / per, bytesPer: bytes / per, indexShare: bytes > 0 ? (after.indexes - before.indexes) / bytes : 0, bytesPerRow: rows > 0 ? bytes / rows : 0 }];
  });
  return lines.sort((a, b) => b.bytesPer - a.bytesPer);
}

function printGrowth(title: string, lines: ReturnType<typeof growth>) {
  const total = lines.reduce((sum, line) => sum + line.bytesPer, 0);
  const indexBytes = lines.reduce((sum, line) => sum + line.bytesPer * line.indexShare, 0);
  console.log(`\n${title}`);
  console.log('table | rows | bytes (heap+toast+indexes) | index share | bytes per row');
  for (const line of lines) console.log(`${line.table} | ${line.rowsPer.toFixed(2)} | ${Math.round(line.bytesPer)} | ${Math.round(line.indexShare * 100)} % | ${Math.round(line.bytesPerRow)}`);
  console.log(`all tables | | ${Math.round(total)} | ${Math.round((indexBytes / Math.max(total, 1)) * 100)} % |`);
}

const bodyText = (bytes: Buffer, encoding: string | null) => (encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
/** What the app itself puts in the response head (status line and its headers; not Date/Connection added by Node). */
const headBytes = (response: Response) => `HTTP/1.1 ${response.status} X\r\n`.length + [...response.headers].reduce((sum, [name, value]) => sum + name.length + value.length + 4, 2);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const range = (values: number[]) => `median ${median(values)}, min ${Math.min(...values)}, max ${Math.max(...values)}`;

const started = Date.now();
const machine = `${new Date().toISOString()}, ${cpus().length}× ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`;
const throwaway = await createThrowawayPostgres(adminUrl, 'jmo_storage');
const handle = await openDatabase({ kind: 'postgres', url: throwaway.url });
const { db } = handle;
try {
  const [version] = rowsOf<{ v: string }>(await db.execute(sql`select current_setting('server_version') as v`));
  console.log(`storage per participant — ${machine}; PostgreSQL ${version?.v}; ${participantCount} participants with up to ${HISTORY_MONTHS} months, ${activeCount} of them syncing`);

  const today = jakartaDate(new Date());
  await seedIfEmpty(db, { today, extraParticipants: 50 });
  const base = await snapshot(db);

  // 1. The population: what each participant costs before doing anything in the app.
  const populating = Date.now();
  const { cookies } = await addLoadParticipants(db, { count: participantCount, today, historyMonths: HISTORY_MONTHS, now: new Date() });
  const populateSeconds = (Date.now() - populating) / 1000;
  const populated = await snapshot(db);
  const populationLines = growth(base, populated, participantCount);
  printGrowth(`per participant (${participantCount} added, history cut to ${HISTORY_MONTHS} months, one account and one session each)`, populationLines);
  const contributionLine = populationLines.find((line) => line.table === 'contributions')!;
  const cardLine = populationLines.find((line) => line.table === 'memberships')!;
  console.log(`contributions: ${contributionLine.rowsPer.toFixed(1)} rows per participant, ${(contributionLine.rowsPer / cardLine.rowsPer).toFixed(1)} per card, ${Math.round(contributionLine.bytesPerRow)} bytes per row with its indexes`);
  // A 304 or delta pull reads the newest version of each synced table through these: their size is the working set of the unchanged pull.
  const versionIndexes = [...populated.indexes].filter(([name]) => name.endsWith('_participant_version'));
  const versionIndexBytes = versionIndexes.reduce((sum, [name, bytes]) => sum + bytes - (base.indexes.get(name) ?? 0), 0);
  console.log(`(participant_id, version) indexes: ${Math.round(versionIndexBytes / participantCount)} bytes per participant (${versionIndexes.map(([name, bytes]) => `${name.replace('_participant_version', '')} ${Math.round((bytes - (base.indexes.get(name) ?? 0)) / participantCount)}`).join(', ')})`);
  console.log(`WAL while adding them: ${Math.round((await walBytes(db, base, populated)) / participantCount)} bytes per participant (whole server); took ${populateSeconds.toFixed(1)} s`);

  // 2. Month-end posting: one new contribution row for every active card and its JHT balance moved.
  const period = periodOf(today);
  const posting = Date.now();
  const posted = rowsOf<{ n: string }>(
    await db.execute(sql`
      with latest as (
        select distinct on (c.membership_id) c.*
        from contributions c join memberships m on m.id = c.membership_id
        where m.status = 'ACTIVE' and c.period < ${period}
        order by c.membership_id, c.period desc
      ), inserted as (
        insert into contributions (membership_id, participant_id, period, wage_base, jht_employer, jht_worker, jp_employer, jp_worker, jkk, jkm, jkp, status, paid_at)
        select membership_id, participant_id, ${period}, wage_base, jht_employer, jht_worker, jp_employer, jp_worker, jkk, jkm, jkp, 'PAID', ${today}::date from latest
        returning membership_id, jht_employer + jht_worker as jht
      ), balanced as (
        update jht_balances b set contribution_total = b.contribution_total + i.jht, total = b.total + i.jht, as_of = ${today}::date
        from inserted i where b.membership_id = i.membership_id returning 1
      )
      select count(*) as n from balanced`),
  );
  const postSeconds = (Date.now() - posting) / 1000;
  const postedCards = Number(posted[0]?.n ?? 0);
  const afterPosting = await snapshot(db);
  printGrowth(`one month posted: per active card (${postedCards} cards, one statement)`, growth(populated, afterPosting, postedCards));
  console.log(`WAL: ${Math.round((await walBytes(db, populated, afterPosting)) / postedCards)} bytes per posted card (whole server); ${Math.round(postedCards / postSeconds)} cards per second in one statement`);

  // 3. Syncing through the real app: what a phone sends and receives, and what it leaves behind.
  const app = createApp({ db, dbKind: 'postgres', changes: handle.changes, config: testConfig({ database: { kind: 'postgres', url: throwaway.url }, claimSimulator: false }), clock: systemClock, log: createLogger({ level: 'silent' }), cardSigner: ephemeralCardSigner(), rateLimiter: databaseRateLimiter(db) });
  const loopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };
  const call = async (path: string, init: RequestInit) => {
    const response = await app.request(path, init, loopback);
    const body = Buffer.from(await response.arrayBuffer());
    return { response, body, text: () => bodyText(body, response.headers.get('Content-Encoding')) };
  };
  const wire = { full: [] as number[], fullJson: [] as number[], unchanged: [] as number[], unchangedStatus: new Set<number>(), pushUp: [] as number[], pushDown: [] as number[], ownDelta: [] as number[], statusDelta: [] as number[], head304: [] as number[], head200: [] as number[] };
  let pushes = 0;
  let claimsApplied = 0;
  let statusChanges = 0;
  const beforeSync = afterPosting;
  for (const cookie of cookies.slice(0, activeCount)) {
    const deviceId = randomUUID();
    let mutationId = 0;
    const headers = { Cookie: cookie, 'Accept-Encoding': 'br, gzip' };
    const pull = async (state: { cursor?: string; etag?: string }) => {
      const query = new URLSearchParams({ deviceId, ...(state.cursor ? { cursor: state.cursor } : {}) });
      const answer = await call(`/api/sync/pull?${query}`, { headers: { ...headers, ...(state.etag ? { 'If-None-Match': state.etag } : {}) } });
      const parsed = answer.response.status === 200 ? (JSON.parse(answer.text()) as PullResponse) : null;
      if (answer.response.status !== 200 && answer.response.status !== 304) throw new Error(`pull answered HTTP ${answer.response.status}: ${answer.text().slice(0, 200)}`);
      return { answer, parsed, next: { cursor: parsed?.cursor ?? state.cursor, etag: answer.response.headers.get('ETag') ?? state.etag } };
    };
    const push = async (name: string, args: unknown) => {
      const payload = JSON.stringify({ deviceId, mutations: [{ id: ++mutationId, name, args, createdAt: Date.now() }] });
      const answer = await call('/api/sync/push', { method: 'POST', body: payload, headers: { ...headers, 'Content-Type': 'application/json' } });
      if (answer.response.status !== 200) throw new Error(`push answered HTTP ${answer.response.status}: ${answer.text().slice(0, 200)}`);
      pushes++;
      wire.pushUp.push(Buffer.byteLength(payload));
      wire.pushDown.push(answer.body.length);
      return (JSON.parse(answer.text()) as PushResponse).results[0];
    };

    const first = await pull({});
    wire.full.push(first.answer.body.length);
    wire.fullJson.push(Buffer.byteLength(first.answer.text()));
    wire.head200.push(headBytes(first.answer.response));
    const unchanged = await pull(first.next);
    wire.unchanged.push(unchanged.answer.body.length);
    wire.unchangedStatus.add(unchanged.answer.response.status);
    wire.head304.push(headBytes(unchanged.answer.response));

    await push('complaint.file', { draftId: randomUUID(), category: 'SALDO', description: 'Saldo JHT bulan ini belum bertambah, mohon dicek.' });
    const afterComplaint = await pull(unchanged.next);
    wire.ownDelta.push(afterComplaint.answer.body.length);

    const activeCard = first.parsed?.changes.memberships?.find((card) => card.status === 'ACTIVE' && card.segment === 'PU');
    let state = afterComplaint.next;
    if (activeCard) {
      // A claim names its document pages (rows only here: their bytes live in the document store, not the database).
      const result = await push('claim.submit', await withDocuments(db, accidentReport(activeCard.kpj, today)));
      if (result?.status === 'applied') {
        claimsApplied++;
        state = (await pull(state)).next;
        const [claim] = rowsOf<{ id: number }>(await db.execute(sql`select id from claims where claim_no = ${result.ref ?? ''}`));
        const advance = async (to: 'VERIFYING' | 'APPROVED' | 'PAID') => {
          await db.transaction((tx) => advanceClaim(tx, { claimId: claim!.id, to, note: null, actor: 'petugas', now: new Date() }));
          statusChanges++;
        };
        await advance('VERIFYING');
        const oneChange = await pull(state);
        wire.statusDelta.push(oneChange.answer.body.length);
        state = oneChange.next;
        await advance('APPROVED');
        await advance('PAID');
        const settled = await pull(state);
        state = settled.next;
        const unread = [...(oneChange.parsed?.changes.notifications ?? []), ...(settled.parsed?.changes.notifications ?? [])].map((notification) => notification.key);
        if (unread.length > 0) await push('notification.read', { keys: unread });
      }
    }
    await pull(state);
  }
  const afterSync = await snapshot(db);
  printGrowth(`syncing: per push (${pushes} pushes of one mutation by ${activeCount} phones; ${claimsApplied} claims filed and moved ${statusChanges} times by the back office)`, growth(beforeSync, afterSync, pushes));
  console.log(`WAL: ${Math.round((await walBytes(db, beforeSync, afterSync)) / pushes)} bytes per push, status changes and pulls included (whole server)`);
  console.log('\nwire, bytes of body as sent (brotli), per phone:');
  console.log(`full first pull (${HISTORY_MONTHS}-month history): ${range(wire.full)} (JSON before compression: ${range(wire.fullJson)})`);
  console.log(`unchanged pull: HTTP ${[...wire.unchangedStatus].join('/')}, body ${range(wire.unchanged)}; response head set by the app ${range(wire.head304)} (200: ${range(wire.head200)})`);
  console.log(`push of one mutation: request body ${range(wire.pushUp)}, response body ${range(wire.pushDown)}`);
  console.log(`delta after the phone's own complaint: ${range(wire.ownDelta)}`);
  console.log(`delta after one claim status change (the claim, its event, its notification): ${range(wire.statusDelta.length ? wire.statusDelta : [0])}`);

  // 4. Sign-ins: a session row (measured above with the population) and an audit row each.
  const beforeAudit = afterSync;
  for (let i = 0; i < participantCount; i++) await audit(db, 'sign_in_ok', { accountId: i + 1, ip: `203.0.113.${i % 250}`, now: new Date() });
  const afterAudit = await snapshot(db);
  const auditLine = growth(beforeAudit, afterAudit, participantCount).find((line) => line.table === 'audit_log');
  console.log(`\naudit_log: ${Math.round(auditLine?.bytesPerRow ?? 0)} bytes per sign-in row with its indexes`);

  const total = [...afterAudit.tables.values()].reduce((sum, table) => sum + table.total, 0);
  console.log(`\nthrowaway database: ${(total / 1024 / 1024).toFixed(1)} MB in public tables; finished in ${((Date.now() - started) / 1000).toFixed(0)} s; load average now ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
} finally {
  await handle.close();
  await throwaway.drop();
}
