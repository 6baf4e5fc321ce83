import { createConnection, createServer, type Server } from 'node:net';

/**
 * A TCP relay in front of the server that counts every byte each way and notes each request
 * line: what a phone's data plan pays for, headers included (TCP/IP and TLS overhead aside).
 */
export async function startCountingProxy(targetPort: number) {
  const totals = { up: 0, down: 0, requests: [] as string[], statuses: [] as number[] };
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    client.on('data', (chunk: Buffer) => {
      totals.up += chunk.length;
      for (const match of chunk.toString('latin1').matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.1\r$/gm)) totals.requests.push(`${match[1]} ${match[2]}`);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      totals.down += chunk.length;
      for (const match of chunk.toString('latin1').matchAll(/^HTTP\/1\.1 (\d{3}) /gm)) totals.statuses.push(Number(match[1]));
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    totals,
    reset() {
      totals.up = 0;
      totals.down = 0;
      totals.requests = [];
      totals.statuses = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
