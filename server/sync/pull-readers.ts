import { SYNCED_TABLES, type SyncEntities, type SyncedTable } from '../../shared/sync/entities.ts';
import type { Tx } from '../db/database.ts';
import type { SyncScope } from './sync-scope.ts';

export interface PullReadContext {
  tx: Tx;
  scope: SyncScope;
  /** Only rows with a version above this one; 0 for a snapshot. */
  since: number;
  now: Date;
}

export interface PullReader<K extends SyncedTable = SyncedTable> {
  /** The phone's table this reader fills. */
  entity: K;
  /** The server table whose `version` column and tombstones stand for this entity. */
  table: string;
  /** The column of `table` naming the participant; `participant_id` unless said otherwise. */
  ownerColumn?: string;
  read(ctx: PullReadContext): Promise<SyncEntities[K][]>;
}

/** Features register the reader of each synced table here; the pull endpoint knows nothing about domains. */
export class PullReaderRegistry {
  readonly #readers = new Map<SyncedTable, PullReader>();

  register<K extends SyncedTable>(reader: PullReader<K>): this {
    if (this.#readers.has(reader.entity)) throw new Error(`pull reader ${reader.entity} registered twice`);
    this.#readers.set(reader.entity, reader as unknown as PullReader);
    return this;
  }

  /** Every synced table's reader, in SYNCED_TABLES order; a table without one is a wiring mistake. */
  readers(): PullReader[] {
    return SYNCED_TABLES.map((entity) => {
      const reader = this.#readers.get(entity);
      if (!reader) throw new Error(`no pull reader registered for ${entity}`);
      return reader;
    });
  }
}
