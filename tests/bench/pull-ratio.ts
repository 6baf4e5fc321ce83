import autocannon from 'autocannon';
import type { BenchServer } from './bench-server.ts';

export interface RatioFigures {
  connections: number;
  health: { requestsPerSec: number; p99Ms: number; errors: number };
  unchangedPull: { requestsPerSec: number; p99Ms: number; errors: number };
  ratio: number;
}

async function run(url: string, headers: Record<string, string>, connections: number, seconds: number, expected: '2xx' | '3xx') {
  const result = await autocannon({ url, headers, connections, duration: seconds });
  const unexpected = (['1xx', '2xx', '3xx', '4xx', '5xx'] as const).filter((k) => k !== expected).reduce((sum, k) => sum + result[k], 0);
  return { requestsPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99, errors: result.errors + result.timeouts + unexpected };
}

/**
 * The unchanged pull (If-None-Match, 304) against /api/health on the same server, one right
 * after the other at each concurrency: the ratio of their throughputs is what the target is
 * about, since absolute figures drift with whatever else the machine is doing.
 */
export async function measurePullRatio(server: BenchServer, cookie: string, seconds: number, connectionCounts = [10, 100]): Promise<RatioFigures[]> {
  const first = await fetch(`${server.url}/api/sync/pull`, { headers: { Cookie: cookie } });
  const { cursor } = (await first.json()) as { cursor: string };
  const etag = first.headers.get('ETag') ?? '';
  const pullUrl = `${server.url}/api/sync/pull?cursor=${encodeURIComponent(cursor)}`;
  const figures: RatioFigures[] = [];
  for (const connections of connectionCounts) {
    // A short warm-up of both, so neither pays for the JIT or the first cache fill in its figures.
    await run(`${server.url}/api/health`, {}, connections, 1, '2xx');
    await run(pullUrl, { Cookie: cookie, 'If-None-Match': etag }, connections, 1, '3xx');
    const health = await run(`${server.url}/api/health`, {}, connections, seconds, '2xx');
    const unchangedPull = await run(pullUrl, { Cookie: cookie, 'If-None-Match': etag }, connections, seconds, '3xx');
    figures.push({ connections, health, unchangedPull, ratio: Math.round((unchangedPull.requestsPerSec / Math.max(1, health.requestsPerSec)) * 100) / 100 });
  }
  return figures;
}
