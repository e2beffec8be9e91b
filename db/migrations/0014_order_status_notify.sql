-- Hand-written: every committed change of an order's status is announced on the channel
-- 'order_status' as '<order id>:<new status>', so the open order page's stream (lib/orders/status-feed.ts)
-- hears it on any app instance sharing this database. A trigger, so no code path that updates the
-- status can forget it and the postback path sends no extra statement; NOTIFY is delivered only on
-- commit (and dropped with a rolled-back transaction or savepoint).
CREATE FUNCTION "orders_status_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('order_status', NEW."id"::text || ':' || NEW."status");
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "orders_status_notify" AFTER UPDATE OF "status" ON "orders"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "orders_status_notify"();
