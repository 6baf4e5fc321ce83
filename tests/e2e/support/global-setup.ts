import { existsSync } from 'node:fs';

/** Builds the client once unless the caller (CI) already did. */
export default async function setup() {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync('dist/client/index.html')) return;
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}
