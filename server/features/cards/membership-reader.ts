import { and, eq, gt } from 'drizzle-orm';
import { employers, memberships, participants } from '../../db/schema.ts';
import type { Tx } from '../../db/database.ts';
import type { PullReader } from '../../sync/pull-readers.ts';
import { ofScopeCards } from '../../sync/sync-scope.ts';
import { jakartaDate } from '../../jakarta-date.ts';
import type { CardSigner } from './card-signing.ts';

/** The cards the account added, each with its signed digital card issued today (Jakarta date). */
export function membershipReader(cardSigner: CardSigner): PullReader<'memberships'> {
  return {
    entity: 'memberships',
    table: 'memberships',
    async read({ tx, scope, since, now }) {
      const rows = await tx
        .select({ m: memberships, employerName: employers.name })
        .from(memberships)
        .leftJoin(employers, eq(employers.id, memberships.employerId))
        .where(and(ofScopeCards(scope, memberships.id), gt(memberships.version, since)));
      if (rows.length === 0) return [];
      const name = await readOwnerName(tx, scope.participantId);
      const issued = jakartaDate(now);
      return rows.map(({ m, employerName }) => ({
        key: String(m.id),
        kpj: m.kpj,
        segment: m.segment,
        employerName,
        programs: m.programs,
        status: m.status,
        startDate: m.startDate,
        endDate: m.endDate,
        endReason: m.endReason,
        reportedWage: m.reportedWage,
        declaredIncome: m.declaredIncome,
        cardToken: cardSigner.sign({ v: 1, kpj: m.kpj, name, status: m.status, programs: m.programs, issued }),
      }));
    },
  };
}

async function readOwnerName(tx: Tx, participantId: number): Promise<string> {
  const [row] = await tx.select({ fullName: participants.fullName }).from(participants).where(eq(participants.id, participantId));
  return row?.fullName ?? '';
}
