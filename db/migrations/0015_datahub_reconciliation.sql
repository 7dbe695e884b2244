ALTER TYPE "public"."change_source" ADD VALUE 'datahub';--> statement-breakpoint
CREATE TABLE "datahub_decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datahub_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"kind" varchar(20) NOT NULL,
	"source_value" text NOT NULL,
	"decision" varchar(10) NOT NULL,
	"reason" text,
	"actor_user_id" integer NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datahub_decisions_decision" CHECK ("datahub_decisions"."decision" in ('rejected', 'clarify')),
	CONSTRAINT "datahub_decisions_reason" CHECK ("datahub_decisions"."decision" <> 'rejected' or length(trim("datahub_decisions"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "datahub_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datahub_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_names" jsonb NOT NULL,
	"checksum" varchar(64) NOT NULL,
	"records" integer NOT NULL,
	"matched" integer NOT NULL,
	"unmatched" jsonb NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" integer
);
--> statement-breakpoint
CREATE TABLE "datahub_records" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datahub_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"import_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"ars" varchar(12) NOT NULL,
	"leika_key" varchar(14),
	"url" varchar(2000),
	"online_status" varchar(10) NOT NULL,
	"coverage" varchar(60),
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datahub_records_online_status" CHECK ("datahub_records"."online_status" in ('ok', 'nicht ok'))
);
--> statement-breakpoint
ALTER TABLE "service_statuses" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "datahub_decisions" ADD CONSTRAINT "datahub_decisions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_decisions" ADD CONSTRAINT "datahub_decisions_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_decisions" ADD CONSTRAINT "datahub_decisions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_imports" ADD CONSTRAINT "datahub_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_records" ADD CONSTRAINT "datahub_records_import_id_datahub_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."datahub_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_records" ADD CONSTRAINT "datahub_records_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datahub_records" ADD CONSTRAINT "datahub_records_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "datahub_decisions_region" ON "datahub_decisions" USING btree ("region_id","ozg_id","kind","decided_at");--> statement-breakpoint
CREATE INDEX "datahub_records_region_import" ON "datahub_records" USING btree ("region_id","import_id");--> statement-breakpoint
-- Hand-written (decision 021): a reconciliation decision is part of the audit
-- trail and never changed; a new decision is a new row. Deleting stays possible
-- only through the cascade of its region (the demo is replaced as a whole).
CREATE FUNCTION reject_datahub_decision_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'datahub_decisions is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER datahub_decisions_no_update
  BEFORE UPDATE ON datahub_decisions
  FOR EACH ROW EXECUTE FUNCTION reject_datahub_decision_update();
