ALTER TABLE "claims" ADD COLUMN "requested_document_id" text;--> statement-breakpoint
ALTER TABLE "document_uploads" ADD COLUMN "claim_id" integer;--> statement-breakpoint
ALTER TABLE "document_uploads" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "document_uploads" ADD CONSTRAINT "document_uploads_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_uploads_claim" ON "document_uploads" USING btree ("claim_id");