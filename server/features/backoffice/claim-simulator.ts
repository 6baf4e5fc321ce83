import { desc, eq, inArray, max } from 'drizzle-orm';
import { claimEvents, claims } from '../../db/schema.ts';
import type { AppDeps } from '../../app-env.ts';
import type { ClaimStatus } from '../../../shared/claims/claim-schemas.ts';
import { advanceClaim } from '../claims/claim-status.ts';

interface Step {
  from: ClaimStatus;
  to: ClaimStatus;
  afterMs: number;
  note: (claim: typeof claims.$inferSelect) => string;
}

/** A stand-in for BPJSTK's officers, so the tracker can be seen moving in a demo. */
const STEPS: Step[] = [
  { from: 'SUBMITTED', to: 'VERIFYING', afterMs: 60_000, note: () => 'Dokumen Anda sedang diperiksa petugas.' },
  { from: 'VERIFYING', to: 'APPROVED', afterMs: 120_000, note: () => 'Klaim disetujui. Dana segera ditransfer.' },
  { from: 'APPROVED', to: 'PAID', afterMs: 60_000, note: (c) => `Ditransfer ke rekening ••••${(c.bankAccount ?? '').slice(-4)}.` },
];

/** Advances every claim whose last step is old enough; returns how many moved. */
export async function advanceDueClaims(deps: Pick<AppDeps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  let moved = 0;
  for (const step of STEPS) {
    const candidates = await deps.db.select().from(claims).where(eq(claims.status, step.from)).orderBy(desc(claims.id)).limit(200);
    if (candidates.length === 0) continue;
    const lastEvents = await deps.db
      .select({ claimId: claimEvents.claimId, at: max(claimEvents.at) })
      .from(claimEvents)
      .where(inArray(claimEvents.claimId, candidates.map((c) => c.id)))
      .groupBy(claimEvents.claimId);
    const lastAt = new Map(lastEvents.map((e) => [e.claimId, e.at ? new Date(e.at).getTime() : 0]));
    for (const claim of candidates) {
      if (now.getTime() - (lastAt.get(claim.id) ?? 0) < step.afterMs) continue;
      const result = await deps.db.transaction((tx) => advanceClaim(tx, { claimId: claim.id, to: step.to, note: step.note(claim), actor: 'simulator', now }));
      if (result.ok) moved++;
    }
  }
  return moved;
}

/** Runs the simulator every 15 s until stopped; a failed round is logged and retried. */
export function startClaimSimulator(deps: Pick<AppDeps, 'db' | 'clock' | 'log'>): () => void {
  const timer = setInterval(() => {
    advanceDueClaims(deps).catch((error: unknown) => deps.log.error({ err: error }, 'claim simulator failed'));
  }, 15_000);
  timer.unref();
  return () => clearInterval(timer);
}
