ALTER TABLE "outbox" ALTER COLUMN "to_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "html" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_rendered_whole" CHECK (("outbox"."to_address" is not null and "outbox"."subject" is not null and "outbox"."html" is not null and "outbox"."text" is not null) or ("outbox"."to_address" is null and "outbox"."subject" is null and "outbox"."html" is null and "outbox"."text" is null));