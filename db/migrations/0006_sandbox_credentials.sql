CREATE TABLE "sandbox_credentials" (
	"id" integer PRIMARY KEY NOT NULL,
	"api_key" text NOT NULL,
	"shop_id" text NOT NULL,
	"secret_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_credentials_single_row" CHECK ("sandbox_credentials"."id" = 1)
);
