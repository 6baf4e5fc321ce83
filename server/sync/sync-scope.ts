import { inArray, type Column } from 'drizzle-orm';

/** What one signed-in account may see: its participant, and only the cards it has added. */
export interface SyncScope {
  accountId: number;
  participantId: number;
  scopeEpoch: number;
  membershipIds: number[];
}

/** `column` is one of the scope's cards; with no card added, matches nothing. */
export function ofScopeCards(scope: SyncScope, column: Column) {
  return inArray(column, scope.membershipIds.length > 0 ? scope.membershipIds : [-1]);
}
