CREATE TABLE "consultation_profiles" (
	"consultation_id" integer PRIMARY KEY NOT NULL,
	"day" date NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_profiles_sha256" CHECK ("consultation_profiles"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "key_date_figures" (
	"key_date_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"themenfeld" "themenfeld",
	"level" "region_level" NOT NULL,
	"ags" varchar(8) NOT NULL,
	"name" varchar(200) NOT NULL,
	"parent_region_id" integer,
	"administrations" integer NOT NULL,
	"target_count" integer NOT NULL,
	"level0" integer NOT NULL,
	"level1" integer NOT NULL,
	"level2" integer NOT NULL,
	"level3" integer NOT NULL,
	"level4" integer NOT NULL,
	"online_by_deadline" integer NOT NULL,
	"weighted_target" double precision NOT NULL,
	"weighted_conformant" double precision NOT NULL,
	"median_days_late" double precision,
	CONSTRAINT "key_date_figures_one_row" UNIQUE NULLS NOT DISTINCT("key_date_id","region_id","themenfeld")
);
--> statement-breakpoint
CREATE TABLE "key_dates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "key_dates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"label" varchar(200) NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	CONSTRAINT "key_dates_day_unique" UNIQUE("day")
);
--> statement-breakpoint
ALTER TABLE "consultation_profiles" ADD CONSTRAINT "consultation_profiles_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_date_figures" ADD CONSTRAINT "key_date_figures_key_date_id_key_dates_id_fk" FOREIGN KEY ("key_date_id") REFERENCES "public"."key_dates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_date_figures" ADD CONSTRAINT "key_date_figures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_dates" ADD CONSTRAINT "key_dates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "key_date_figures_region" ON "key_date_figures" USING btree ("region_id");--> statement-breakpoint
-- Frozen figures are never changed (issue 17: "never changed by later edits"): row
-- triggers refuse UPDATE and DELETE. TRUNCATE stays possible for clearAllData,
-- which replaces the whole demo.
CREATE FUNCTION reject_key_date_figure_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'key_date_figures are frozen: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER key_date_figures_frozen
  BEFORE UPDATE OR DELETE ON key_date_figures
  FOR EACH ROW EXECUTE FUNCTION reject_key_date_figure_change();
--> statement-breakpoint
-- A key date keeps its day, and once frozen its moment of freezing.
CREATE FUNCTION reject_key_date_refreeze() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.day <> OLD.day OR (OLD.frozen_at IS NOT NULL AND NEW.frozen_at IS DISTINCT FROM OLD.frozen_at) THEN
    RAISE EXCEPTION 'key date % is frozen', OLD.day USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER key_dates_frozen
  BEFORE UPDATE ON key_dates
  FOR EACH ROW EXECUTE FUNCTION reject_key_date_refreeze();
--> statement-breakpoint
-- A stored profile is the consultation's record: its bytes never change.
CREATE FUNCTION reject_profile_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consultation_profiles are frozen: UPDATE is not allowed' USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consultation_profiles_frozen
  BEFORE UPDATE ON consultation_profiles
  FOR EACH ROW EXECUTE FUNCTION reject_profile_change();
