import { createConnection, createServer, type Server } from 'node:net';

interface Exchange {
  request: string;
  up: number;
  down: number;
  status?: number;
}

/**
 * A TCP relay in front of the server that counts every byte each way, per request: what a
 * phone's data plan pays for, headers included (TCP/IP and TLS overhead aside). HTTP/1.1
 * requests on one connection are sequential, so bytes belong to the connection's last request.
 */
export async function startCountingProxy(targetPort: number) {
  let exchanges: Exchange[] = [];
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    let current: Exchange | undefined;
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(/^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.1\r$/gm)) {
        current = { request: `${match[1]} ${match[2]}`, up: 0, down: 0 };
        exchanges.push(current);
      }
      if (current) current.up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const status = /^HTTP\/1\.1 (\d{3}) /m.exec(chunk.toString('latin1'));
      if (current) {
        current.down += chunk.length;
        if (status) current.status = Number(status[1]);
      }
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
    exchanges: () => exchanges,
    total: () => exchanges.reduce((sum, exchange) => sum + exchange.up + exchange.down, 0),
    reset() {
      exchanges = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
