import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { accountCards, accounts } from '../db/schema.ts';
import type { AuthContext } from '../app-env.ts';

/** What one signed-in account may see: its participant, and only the cards it has added. */
export interface SyncScope {
  accountId: number;
  participantId: number;
  scopeEpoch: number;
  membershipIds: number[];
}

export async function loadSyncScope(db: Pick<Database, 'select'>, auth: AuthContext): Promise<SyncScope> {
  const [account] = await db.select({ scopeEpoch: accounts.scopeEpoch }).from(accounts).where(eq(accounts.id, auth.accountId));
  const cards = await db.select({ membershipId: accountCards.membershipId }).from(accountCards).where(eq(accountCards.accountId, auth.accountId));
  return {
    accountId: auth.accountId,
    participantId: auth.participantId,
    scopeEpoch: account?.scopeEpoch ?? 0,
    membershipIds: cards.map((card) => card.membershipId).sort((a, b) => a - b),
  };
}
