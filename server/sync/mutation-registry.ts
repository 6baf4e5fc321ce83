import * as v from 'valibot';
import type { GenericSchema, InferOutput } from 'valibot';
import { MAX_PUSH_BATCH, MutationSchema, PushRequestSchema } from '../../shared/sync/protocol.ts';
import type { Database } from '../db/database.ts';
import type { AuthContext } from '../app-env.ts';

/** A transaction handle: the same query API as the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What a domain handler decides about one mutation. A refusal is final: never retried. */
export type MutationOutcome =
  | { status: 'applied'; ref?: string; data?: Record<string, unknown> }
  | { status: 'rejected'; code: string; message: string };

export interface MutationContext {
  tx: Tx;
  auth: AuthContext;
  now: Date;
}

export interface MutationDefinition<S extends GenericSchema = GenericSchema> {
  /** e.g. 'claim.submit'; the phone sends it as `name`. */
  name: string;
  /** Shared valibot schema of `args`; invalid args are rejected with INVALID_ARGS. */
  schema: S;
  /** Runs inside the push transaction that also advances lastMutationId. */
  apply(ctx: MutationContext, args: InferOutput<S>): Promise<MutationOutcome>;
}

/** Features register their mutations here; the push endpoint knows nothing about domains. */
export class MutationRegistry {
  readonly #definitions = new Map<string, MutationDefinition>();

  register<S extends GenericSchema>(definition: MutationDefinition<S>): this {
    if (this.#definitions.has(definition.name)) throw new Error(`mutation ${definition.name} registered twice`);
    this.#definitions.set(definition.name, definition as unknown as MutationDefinition);
    return this;
  }

  get(name: string): MutationDefinition | undefined {
    return this.#definitions.get(name);
  }

  names(): string[] {
    return [...this.#definitions.keys()];
  }

  /**
   * The push body as the contract states it: each mutation's `args` follow the schema registered
   * under its `name` (a union discriminated on `name`). The push endpoint validates the envelope
   * with PushRequestSchema and each `args` with its own schema; this is what the document shows.
   */
  pushRequestSchema() {
    const mutations = [...this.#definitions.values()].map((definition) => v.object({ ...MutationSchema.entries, name: v.literal(definition.name), args: definition.schema }));
    return v.object({ ...PushRequestSchema.entries, mutations: v.pipe(v.array(v.variant('name', mutations)), v.minLength(1), v.maxLength(MAX_PUSH_BATCH)) });
  }
}
