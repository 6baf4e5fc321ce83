/** What one signed-in account may see: its participant, and only the cards it has added. */
export interface SyncScope {
  accountId: number;
  participantId: number;
  scopeEpoch: number;
  membershipIds: number[];
}
