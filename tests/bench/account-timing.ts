import { participantWithoutAccount } from '../support/test-session.ts';
import type { BenchServer } from './bench-server.ts';

export interface CaseFigures {
  medianMs: number;
  p90Ms: number;
}

export interface FlowTiming {
  flow: string;
  known: CaseFigures;
  unknown: CaseFigures;
  /** The larger of the median and p90 differences, relative to the faster case. */
  spread: number;
}

// One address of each kind, each used over and over, so both cases touch their rate-limit rows alike.
const KNOWN_EMAIL = 'agus.wijaya@demo.jmo-lite.test';
const UNKNOWN_EMAIL = 'tidak.ada.akun@contoh.id';

function figures(timings: number[]): CaseFigures {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return { medianMs: at(0.5), p90Ms: at(0.9) };
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.min(a, b);

/**
 * Whether an answer's timing tells an account exists: each flow's two cases run alternately
 * (so a busy machine slows both alike), over loopback, with rate limits raised by the server.
 */
export async function measureAccountTiming(server: BenchServer, rounds: { reset: number; signIn: number; register: number }): Promise<FlowTiming[]> {
  const post = async (path: string, body: unknown, expected: number) => {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/auth/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const elapsed = performance.now() - started;
    await res.arrayBuffer();
    if (res.status !== expected) throw new Error(`${path} answered ${res.status}, expected ${expected}`);
    return elapsed;
  };
  const compare = async (flow: string, count: number, known: () => Promise<number>, unknown: () => Promise<number>): Promise<FlowTiming> => {
    for (let i = 0; i < 5; i++) await known().then(unknown); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < count; i++) {
      // Alternating which case goes first, so neither always follows the other.
      if (i % 2 === 0) {
        a.push(await known());
        b.push(await unknown());
      } else {
        b.push(await unknown());
        a.push(await known());
      }
    }
    const [knownFigures, unknownFigures] = [figures(a), figures(b)];
    return { flow, known: knownFigures, unknown: unknownFigures, spread: Math.max(relative(knownFigures.medianMs, unknownFigures.medianMs), relative(knownFigures.p90Ms, unknownFigures.p90Ms)) };
  };

  const registrationId = await startRegistration(server);
  return [
    await compare('password reset: known vs unknown email', rounds.reset, () => post('password-reset/request', { email: KNOWN_EMAIL }, 202), () => post('password-reset/request', { email: UNKNOWN_EMAIL }, 202)),
    await compare('sign-in, wrong password: known vs unknown account', rounds.signIn, () => post('sign-in', { identifier: KNOWN_EMAIL, password: 'Bukan-Sandinya-1' }, 401), () => post('sign-in', { identifier: UNKNOWN_EMAIL, password: 'Bukan-Sandinya-1' }, 401)),
    await compare(
      'registration contact step: email of an account vs a new email',
      rounds.register,
      () => post('register/contact', { registrationId, email: KNOWN_EMAIL, phone: '0812 7777 1234', password: 'Es-Cendol-Dingin-5' }, 200),
      () => post('register/contact', { registrationId, email: UNKNOWN_EMAIL, phone: '0812 7777 1234', password: 'Es-Cendol-Dingin-5' }, 200),
    ),
  ];
}

/** A registration for a person without an account, past the identity step. */
async function startRegistration(server: BenchServer): Promise<string> {
  const person = await participantWithoutAccount(server.database.db);
  const res = await fetch(`${server.url}/api/auth/register/identity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(person) });
  if (res.status !== 200) throw new Error(`register/identity answered ${res.status}`);
  return ((await res.json()) as { registrationId: string }).registrationId;
}
