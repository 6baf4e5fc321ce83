import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, HOST: '127.0.0.1', CLIENT_DIR: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

function expectOneClearLine(result: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(result.code).toBe(1);
  const lines = result.stderr.split('\n').filter((line) => line.trim() && !line.startsWith('npm warn'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('start-up with bad configuration', () => {
  let blocker: Server;
  let blockedPort = 0;
  const openSockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts and never answers: a database that cannot be reached, and a port that is taken.
    blocker = createServer((socket) => openSockets.add(socket));
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockedPort = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of openSockets) socket.destroy();
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  });

  it('ends with one line when DATABASE_URL cannot be reached', async () => {
    const result = await runServer({ PORT: '0', DATABASE_URL: `postgres://nobody@127.0.0.1:${blockedPort}/none` });
    expectOneClearLine(result, /DATABASE_URL/);
  });

  it('ends with one line when DATABASE_READ_URL is set without DATABASE_URL', async () => {
    const result = await runServer({ PORT: '0', DATABASE_URL: '', DATABASE_READ_URL: `postgres://nobody@127.0.0.1:${blockedPort}/none` });
    expectOneClearLine(result, /DATABASE_READ_URL butuh DATABASE_URL/);
  });

  it('ends with one line when the port is in use', async () => {
    const result = await runServer({ PORT: String(blockedPort), DATA_DIR: mkdtempSync(join(tmpdir(), 'jmo-port-')) });
    expectOneClearLine(result, /Port \d+ sudah dipakai/);
  });

  it('ends with one line when DATA_DIR cannot be written', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'jmo-file-'));
    const notADirectory = join(parent, 'file');
    writeFileSync(notADirectory, 'x');
    const result = await runServer({ PORT: '0', DATA_DIR: notADirectory });
    expectOneClearLine(result, /DATA_DIR/);
  });

  it('ends with one line when PORT is not a number', async () => {
    const result = await runServer({ PORT: 'eighty' });
    expectOneClearLine(result, /PORT/);
  });
});
