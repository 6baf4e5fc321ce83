CREATE TABLE "account_cards" (
	"account_id" integer NOT NULL,
	"membership_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_cards_account_id_membership_id_pk" PRIMARY KEY("account_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"email" text NOT NULL,
	"phone_e164" text NOT NULL,
	"password_hash" text NOT NULL,
	"scope_epoch" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_participant_id_unique" UNIQUE("participant_id"),
	CONSTRAINT "accounts_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"account_id" integer,
	"ip" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" serial PRIMARY KEY NOT NULL,
	"claim_no" text NOT NULL,
	"participant_id" integer NOT NULL,
	"membership_id" integer NOT NULL,
	"draft_id" uuid NOT NULL,
	"program" text NOT NULL,
	"type" text NOT NULL,
	"cause" text,
	"channel" text NOT NULL,
	"requested_amount" bigint DEFAULT 0 NOT NULL,
	"approved_amount" bigint,
	"tax" bigint,
	"bank_code" text,
	"bank_account" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "claims_claim_no_unique" UNIQUE("claim_no")
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"membership_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"period" text NOT NULL,
	"wage_base" bigint DEFAULT 0 NOT NULL,
	"jht_employer" bigint DEFAULT 0 NOT NULL,
	"jht_worker" bigint DEFAULT 0 NOT NULL,
	"jp_employer" bigint DEFAULT 0 NOT NULL,
	"jp_worker" bigint DEFAULT 0 NOT NULL,
	"jkk" bigint DEFAULT 0 NOT NULL,
	"jkm" bigint DEFAULT 0 NOT NULL,
	"jkp" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"paid_at" date,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" serial PRIMARY KEY NOT NULL,
	"npp" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"jkk_risk_class" integer NOT NULL,
	"large_firm" boolean DEFAULT true NOT NULL,
	CONSTRAINT "employers_npp_unique" UNIQUE("npp")
);
--> statement-breakpoint
CREATE TABLE "jht_balances" (
	"membership_id" integer PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"as_of" date NOT NULL,
	"contribution_total" bigint DEFAULT 0 NOT NULL,
	"development_total" bigint DEFAULT 0 NOT NULL,
	"paid_out_total" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jht_return_rates" (
	"year" integer PRIMARY KEY NOT NULL,
	"rate_bp" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" serial PRIMARY KEY NOT NULL,
	"kpj" text NOT NULL,
	"participant_id" integer NOT NULL,
	"employer_id" integer,
	"segment" text NOT NULL,
	"programs" text[] NOT NULL,
	"status" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"end_reason" text,
	"reported_wage" bigint,
	"declared_income" bigint,
	"jkk_risk_class" integer,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "memberships_kpj_unique" UNIQUE("kpj")
);
--> statement-breakpoint
CREATE TABLE "message_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"nik" text NOT NULL,
	"full_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"mother_name" text,
	"address" text,
	"npwp" text,
	"bank_code" text,
	"bank_account" text,
	"face_verified_at" timestamp with time zone,
	"data_updated_at" timestamp with time zone,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "participants_nik_unique" UNIQUE("nik")
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_tables" (
	"valid_from" date PRIMARY KEY NOT NULL,
	"jp_wage_cap" bigint DEFAULT 0 NOT NULL,
	"jp_min_benefit" bigint DEFAULT 0 NOT NULL,
	"jp_max_benefit" bigint DEFAULT 0 NOT NULL,
	"jkp_wage_cap" bigint DEFAULT 0 NOT NULL,
	"jmo_claim_limit" bigint DEFAULT 0 NOT NULL,
	"bpu_jkm" bigint DEFAULT 0 NOT NULL,
	"bpu_min_income" bigint DEFAULT 0 NOT NULL,
	"tax_threshold" bigint DEFAULT 0 NOT NULL,
	"assumed_return_bp" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"participant_id" integer NOT NULL,
	"membership_id" integer NOT NULL,
	"email" text,
	"phone_e164" text,
	"password_hash" text,
	"email_verified_at" timestamp with time zone,
	"phone_verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"device_label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sync_devices" (
	"account_id" integer NOT NULL,
	"device_id" uuid NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_devices_account_id_device_id_pk" PRIMARY KEY("account_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"account_id" integer NOT NULL,
	"device_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"name" text NOT NULL,
	"result" jsonb NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_mutations_account_id_device_id_mutation_id_pk" PRIMARY KEY("account_id","device_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "sync_tombstones" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"entity" text NOT NULL,
	"entity_key" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"subject_id" text NOT NULL,
	"channel" text NOT NULL,
	"target" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "account_cards" ADD CONSTRAINT "account_cards_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_cards" ADD CONSTRAINT "account_cards_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jht_balances" ADD CONSTRAINT "jht_balances_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jht_balances" ADD CONSTRAINT "jht_balances_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_devices" ADD CONSTRAINT "sync_devices_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD CONSTRAINT "sync_mutations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_account" ON "audit_log" USING btree ("account_id","at");--> statement-breakpoint
CREATE INDEX "claim_events_participant_version" ON "claim_events" USING btree ("participant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_participant_draft" ON "claims" USING btree ("participant_id","draft_id");--> statement-breakpoint
CREATE INDEX "claims_participant_version" ON "claims" USING btree ("participant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_membership_period" ON "contributions" USING btree ("membership_id","period");--> statement-breakpoint
CREATE INDEX "contributions_participant_version" ON "contributions" USING btree ("participant_id","version");--> statement-breakpoint
CREATE INDEX "jht_balances_participant_version" ON "jht_balances" USING btree ("participant_id","version");--> statement-breakpoint
CREATE INDEX "memberships_participant_version" ON "memberships" USING btree ("participant_id","version");--> statement-breakpoint
CREATE INDEX "message_outbox_pending" ON "message_outbox" USING btree ("sent_at","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sessions_account" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "sync_tombstones_participant_version" ON "sync_tombstones" USING btree ("participant_id","version");--> statement-breakpoint
CREATE INDEX "verification_codes_subject" ON "verification_codes" USING btree ("subject_id","purpose");