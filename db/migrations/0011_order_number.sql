ALTER TABLE "orders" ADD COLUMN "number" bigserial NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_key" ON "orders" USING btree ("number");