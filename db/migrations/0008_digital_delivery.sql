CREATE TABLE "download_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"product_id" integer NOT NULL,
	"file_key" text NOT NULL,
	"file_name" text NOT NULL,
	"max_downloads" integer NOT NULL,
	"download_count" integer DEFAULT 0 NOT NULL,
	"last_downloaded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "download_grants_count_range" CHECK ("download_grants"."download_count" between 0 and "download_grants"."max_downloads")
);
--> statement-breakpoint
CREATE TABLE "license_keys" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"key" text NOT NULL,
	"order_id" uuid,
	"assigned_at" timestamp with time zone,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "license_keys_assigned_together" CHECK (("license_keys"."order_id" is null) = ("license_keys"."assigned_at" is null))
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "kind" text DEFAULT 'physical' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "deliverable" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "file_key" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "download_grants" ADD CONSTRAINT "download_grants_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_grants" ADD CONSTRAINT "download_grants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_keys" ADD CONSTRAINT "license_keys_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "download_grants_order_product" ON "download_grants" USING btree ("order_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "license_keys_product_key" ON "license_keys" USING btree ("product_id","key");--> statement-breakpoint
CREATE INDEX "license_keys_free_idx" ON "license_keys" USING btree ("product_id","id") WHERE "license_keys"."order_id" is null;--> statement-breakpoint
CREATE INDEX "license_keys_order_idx" ON "license_keys" USING btree ("order_id") WHERE "license_keys"."order_id" is not null;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_order_idx" ON "outbox" USING btree ("order_id") WHERE "outbox"."order_id" is not null;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_kind_valid" CHECK ("products"."kind" in ('physical','digital'));--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_deliverable_valid" CHECK (("products"."kind" = 'physical' and "products"."deliverable" is null) or ("products"."kind" = 'digital' and "products"."deliverable" in ('file','license_key')));--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_file_named" CHECK ("products"."deliverable" is distinct from 'file' or ("products"."file_key" is not null and "products"."file_name" is not null));