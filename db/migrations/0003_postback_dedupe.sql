ALTER TABLE "postback_events" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
UPDATE "postback_events" SET "dedupe_key" = 'legacy-' || "id"::text WHERE "dedupe_key" IS NULL;--> statement-breakpoint
ALTER TABLE "postback_events" ALTER COLUMN "dedupe_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "postback_events" ADD COLUMN "repeat_count" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "postback_events" ADD COLUMN "last_received_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "postback_events_dedupe_key" ON "postback_events" USING btree ("dedupe_key");
