CREATE TABLE "document_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"draft_id" uuid NOT NULL,
	"document_id" text NOT NULL,
	"page" integer NOT NULL,
	"size" integer NOT NULL,
	"uploaded_bytes" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"refusal_code" text,
	"detected_type" text,
	"sha256" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_uploads" ADD CONSTRAINT "document_uploads_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_uploads_participant_draft" ON "document_uploads" USING btree ("participant_id","draft_id");--> statement-breakpoint
CREATE INDEX "document_uploads_expires" ON "document_uploads" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "document_uploads_page_slot" ON "document_uploads" USING btree ("participant_id","draft_id","document_id","page") WHERE status <> 'REFUSED';