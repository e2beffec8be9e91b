CREATE TABLE "unreadable_invoices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"provider" text DEFAULT 'cryptocloud' NOT NULL,
	"invoice_uuid" text,
	"gateway_status" text,
	"reason" text NOT NULL,
	"raw" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"seen_count" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "unreadable_invoices_dedupe_key" ON "unreadable_invoices" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "unreadable_invoices_invoice_idx" ON "unreadable_invoices" USING btree ("invoice_uuid");