CREATE TABLE "complaint_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"complaint_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_no" text NOT NULL,
	"participant_id" integer NOT NULL,
	"membership_id" integer,
	"draft_id" uuid NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "complaints_ticket_no_unique" UNIQUE("ticket_no")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"notification_id" text PRIMARY KEY NOT NULL,
	"payment_id" integer NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"membership_id" integer NOT NULL,
	"request_id" uuid NOT NULL,
	"periods" text[] NOT NULL,
	"with_jht" boolean NOT NULL,
	"amount" bigint DEFAULT 0 NOT NULL,
	"virtual_account" text NOT NULL,
	"status" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"receipt_no" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "payments_virtual_account_unique" UNIQUE("virtual_account")
);
--> statement-breakpoint
ALTER TABLE "complaint_messages" ADD CONSTRAINT "complaint_messages_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_messages" ADD CONSTRAINT "complaint_messages_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_notifications" ADD CONSTRAINT "payment_notifications_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaint_messages_participant_version" ON "complaint_messages" USING btree ("participant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_participant_draft" ON "complaints" USING btree ("participant_id","draft_id");--> statement-breakpoint
CREATE INDEX "complaints_participant_version" ON "complaints" USING btree ("participant_id","version");--> statement-breakpoint
CREATE INDEX "notifications_participant_version" ON "notifications" USING btree ("participant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_participant_request" ON "payments" USING btree ("participant_id","request_id");--> statement-breakpoint
CREATE INDEX "payments_participant_version" ON "payments" USING btree ("participant_id","version");--> statement-breakpoint
CREATE TRIGGER complaints_version BEFORE INSERT OR UPDATE ON complaints
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER complaints_tombstone AFTER DELETE ON complaints
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER complaint_messages_version BEFORE INSERT OR UPDATE ON complaint_messages
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER complaint_messages_tombstone AFTER DELETE ON complaint_messages
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER payments_version BEFORE INSERT OR UPDATE ON payments
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER payments_tombstone AFTER DELETE ON payments
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
--> statement-breakpoint
CREATE TRIGGER notifications_version BEFORE INSERT OR UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION sync_bump_version('participant_id');
--> statement-breakpoint
CREATE TRIGGER notifications_tombstone AFTER DELETE ON notifications
  FOR EACH ROW EXECUTE FUNCTION sync_record_tombstone('participant_id', 'id');
