import { and, eq, gt } from 'drizzle-orm';
import { contributions, jhtBalances, memberships } from '../../db/schema.ts';
import type { PullReader } from '../../sync/pull-readers.ts';
import { ofScopeCards } from '../../sync/sync-scope.ts';

/** The JHT balance of each card the account added. */
export const balanceReader: PullReader<'balances'> = {
  entity: 'balances',
  table: 'jht_balances',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ b: jhtBalances, kpj: memberships.kpj })
      .from(jhtBalances)
      .innerJoin(memberships, eq(memberships.id, jhtBalances.membershipId))
      .where(and(ofScopeCards(scope, jhtBalances.membershipId), gt(jhtBalances.version, since)));
    return rows.map(({ b, kpj }) => ({
      key: String(b.membershipId),
      kpj,
      asOf: b.asOf,
      contributionTotal: b.contributionTotal,
      developmentTotal: b.developmentTotal,
      paidOutTotal: b.paidOutTotal,
      total: b.total,
    }));
  },
};

/** The monthly contributions of the participant's cards that the account added. */
export const contributionReader: PullReader<'contributions'> = {
  entity: 'contributions',
  table: 'contributions',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ c: contributions, kpj: memberships.kpj })
      .from(contributions)
      .innerJoin(memberships, eq(memberships.id, contributions.membershipId))
      .where(and(eq(contributions.participantId, scope.participantId), ofScopeCards(scope, contributions.membershipId), gt(contributions.version, since)))
      .orderBy(contributions.membershipId, contributions.period);
    return rows.map(({ c, kpj }) => ({
      key: String(c.id),
      kpj,
      period: c.period,
      wageBase: c.wageBase,
      jhtEmployer: c.jhtEmployer,
      jhtWorker: c.jhtWorker,
      jpEmployer: c.jpEmployer,
      jpWorker: c.jpWorker,
      jkk: c.jkk,
      jkm: c.jkm,
      jkp: c.jkp,
      status: c.status,
      paidAt: c.paidAt,
    }));
  },
};
