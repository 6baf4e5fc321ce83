import * as v from 'valibot';
import { SYNC_ENTITY_NAMES } from '../sync/entities.ts';

/**
 * The success bodies of the API, for the OpenAPI document (server/http/openapi). Records that
 * travel through sync are described in shared/sync/entities.ts; here they are open objects.
 */
export const ApiErrorBodySchema = v.looseObject({
  code: v.string(),
  message: v.string(),
  fields: v.optional(v.record(v.string(), v.string())),
});

const Timestamp = v.pipe(v.string(), v.isoTimestamp());
const Record = v.looseObject({ key: v.string() });
const SignedInAccount = v.object({ email: v.string(), fullName: v.string() });
const CodeSent = { resendAfterSec: v.number(), expiresInSec: v.number() };
const Channel = v.picklist(['email', 'sms']);

export const HealthResponseSchema = v.object({
  status: v.literal('ok'),
  database: v.picklist(['pglite', 'postgres']),
  schemaVersion: v.nullable(v.number()),
  serverTime: Timestamp,
});

export const ClientHintsResponseSchema = v.object({ saveData: v.boolean() });
export const OfficesResponseSchema = v.object({ offices: v.array(v.looseObject({ id: v.string(), name: v.string() })) });
export const PublicKeyResponseSchema = v.object({ algorithm: v.literal('Ed25519'), publicKey: v.string() });

export const SignInResponseSchema = v.object({ account: SignedInAccount });
export const SignOutResponseSchema = v.object({ signedOut: v.literal(true) });
export const RegistrationStartedSchema = v.object({ registrationId: v.pipe(v.string(), v.uuid()) });
export const RegistrationCodesSentSchema = v.object({ emailMasked: v.string(), phoneMasked: v.string(), ...CodeSent });
export const RegistrationVerifiedSchema = v.union([
  v.object({ verified: Channel, waitingFor: Channel }),
  v.object({ signedIn: v.literal(true), account: SignedInAccount }),
]);
export const CodeResentSchema = v.object({ sent: v.literal(true), resendAfterSec: v.number() });
export const ResetRequestedSchema = v.object({ sent: v.literal(true) });
export const ResetDoneSchema = v.object({ reset: v.literal(true) });

export const AccountResponseSchema = v.object({
  email: v.string(),
  phoneMasked: v.string(),
  fullName: v.string(),
  nikMasked: v.string(),
  cards: v.array(v.object({ kpj: v.string(), segment: v.string(), status: v.string(), employerName: v.nullable(v.string()) })),
  sessions: v.array(v.object({ id: v.string(), deviceLabel: v.nullable(v.string()), createdAt: v.string(), lastSeenAt: v.string(), current: v.boolean() })),
});
export const PasswordChangedSchema = v.object({ changed: v.literal(true) });
export const ContactCodeSentSchema = v.object({ channel: Channel, sentTo: v.string(), ...CodeSent });
export const ContactChangedSchema = v.variant('channel', [
  v.object({ channel: v.literal('email'), email: v.string() }),
  v.object({ channel: v.literal('sms'), phoneMasked: v.string() }),
]);
export const SessionsRevokedSchema = v.object({ revoked: v.pipe(v.number(), v.integer()) });
export const CardAddedSchema = v.object({ added: v.string() });
export const CardRemovedSchema = v.object({ removed: v.string() });

export const PaymentCreatedSchema = v.object({ payment: Record });
export const WebhookAcceptedSchema = v.object({ status: v.picklist(['PAID', 'DUPLICATE', 'ALREADY_PAID']) });

export const PullResponseSchema = v.object({
  kind: v.picklist(['delta', 'snapshot']),
  reset: v.boolean(),
  cursor: v.string(),
  serverTime: Timestamp,
  lastMutationId: v.number(),
  changes: v.partial(v.object(Object.fromEntries(SYNC_ENTITY_NAMES.map((name) => [name, v.array(Record)])) as { [K in (typeof SYNC_ENTITY_NAMES)[number]]: v.ArraySchema<typeof Record, undefined> })),
  deletes: v.array(v.object({ entity: v.picklist(SYNC_ENTITY_NAMES), key: v.string() })),
});

const MutationResultSchema = v.variant('status', [
  v.object({ id: v.number(), status: v.literal('applied'), ref: v.optional(v.string()), data: v.optional(v.record(v.string(), v.unknown())) }),
  v.object({ id: v.number(), status: v.literal('rejected'), code: v.string(), message: v.string() }),
]);
export const PushResponseSchema = v.object({
  lastMutationId: v.number(),
  results: v.array(MutationResultSchema),
  gap: v.optional(v.object({ expectedId: v.number(), receivedId: v.number() })),
});
