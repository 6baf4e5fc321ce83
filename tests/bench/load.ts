import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { BenchServer } from './bench-server.ts';

export interface LoadFigures {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  unexpectedStatus: number;
}

function figures(result: autocannon.Result, expected: '2xx' | '3xx'): LoadFigures {
  const other = (['1xx', '2xx', '3xx', '4xx', '5xx'] as const).filter((k) => k !== expected).reduce((sum, k) => sum + result[k], 0);
  return { requestsPerSec: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.timeouts, unexpectedStatus: other };
}

/** Throughput and latency of the two hot paths: "nothing changed" pulls (304) and single pushes. */
export async function measureLoad(server: BenchServer, cookie: string, seconds: number): Promise<{ unchangedPull: LoadFigures; push: LoadFigures }> {
  const first = await fetch(`${server.url}/api/sync/pull`, { headers: { Cookie: cookie } });
  const { cursor } = (await first.json()) as { cursor: string };
  const etag = first.headers.get('ETag') ?? '';
  const pull = await autocannon({ url: `${server.url}/api/sync/pull?cursor=${cursor}`, headers: { Cookie: cookie, 'If-None-Match': etag }, connections: 10, duration: seconds });
  const push = await autocannon({
    url: `${server.url}/api/sync/push`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    requests: [
      {
        // A new device per request: each push is a real first mutation, not a replay.
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ deviceId: randomUUID(), mutations: [{ id: 1, name: 'profile.update', args: { address: 'Jl. Beban No. 1, Bandung' }, createdAt: 1 }] }),
        }),
      },
    ],
  });
  return { unchangedPull: figures(pull, '3xx'), push: figures(push, '2xx') };
}
