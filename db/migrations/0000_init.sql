CREATE TYPE "public"."user_role" AS ENUM('admin', 'officer', 'consultant', 'viewer');--> statement-breakpoint
CREATE TYPE "public"."executing_level" AS ENUM('gemeinde', 'kreis', 'land', 'bund');--> statement-breakpoint
CREATE TYPE "public"."themenfeld" AS ENUM('Arbeit & Ruhestand', 'Bauen & Wohnen', 'Bildung', 'Ein- & Auswanderung', 'Engagement & Hobby', 'Familie & Kind', 'Forschung & Förderung', 'Gesundheit', 'Mobilität & Reisen', 'Querschnitt', 'Recht & Ordnung', 'Steuern & Zoll', 'Umwelt', 'Unternehmensführung & -entwicklung');--> statement-breakpoint
CREATE TYPE "public"."consultation_state" AS ENUM('requested', 'scheduled', 'held', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."consulting_area" AS ENUM('ozg', 'verwaltungsdigitalisierung');--> statement-breakpoint
CREATE TYPE "public"."measure_state" AS ENUM('open', 'in_progress', 'done', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."dataset_kind" AS ENUM('empty', 'demo', 'official');--> statement-breakpoint
CREATE TYPE "public"."region_kind" AS ENUM('land', 'regierungsbezirk', 'kreisfreie_stadt', 'stadtkreis', 'kreis', 'landkreis', 'regionalverband', 'stadt', 'gemeinde', 'markt', 'grosse_kreisstadt');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('land', 'bezirk', 'kreis', 'gemeinde');--> statement-breakpoint
CREATE TYPE "public"."region_origin" AS ENUM('official', 'demo');--> statement-breakpoint
CREATE TYPE "public"."change_source" AS ENUM('ui', 'csv', 'api', 'import', 'seed', 'system');--> statement-breakpoint
CREATE TYPE "public"."maturity_model" AS ENUM('1.1', '2.0');--> statement-breakpoint
CREATE TYPE "public"."solution_kind" AS ENUM('efa', 'civento', 'own', 'other');--> statement-breakpoint
CREATE TYPE "public"."workflow_state" AS ENUM('not_started', 'planned', 'in_progress', 'online', 'paused');--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_regions" (
	"user_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	CONSTRAINT "user_regions_user_id_region_id_pk" PRIMARY KEY("user_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" varchar(320) NOT NULL,
	"display_name" varchar(200) NOT NULL,
	"role" "user_role" NOT NULL,
	"password_hash" varchar(200) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applicability_exceptions" (
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"applies" boolean NOT NULL,
	"reason" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applicability_exceptions_region_id_ozg_id_pk" PRIMARY KEY("region_id","ozg_id"),
	CONSTRAINT "applicability_exceptions_reason" CHECK (length(trim("applicability_exceptions"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "leika_services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leika_services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"leika_key" varchar(14),
	"name" varchar(500) NOT NULL,
	"leika_typ" varchar(40) NOT NULL,
	"municipal" boolean NOT NULL,
	"ozg_id" integer,
	CONSTRAINT "leika_services_leikaKey_unique" UNIQUE("leika_key"),
	CONSTRAINT "leika_services_key_digits" CHECK ("leika_services"."leika_key" ~ '^[0-9]{1,14}$')
);
--> statement-breakpoint
CREATE TABLE "ozg_services" (
	"ozg_id" integer PRIMARY KEY NOT NULL,
	"name" varchar(300) NOT NULL,
	"lebenslage" varchar(200) NOT NULL,
	"themenfeld" "themenfeld" NOT NULL,
	"municipally_relevant" boolean NOT NULL,
	"executing_level" "executing_level",
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ozg_services_ozg_id_digits" CHECK ("ozg_services"."ozg_id" between 10000 and 99999)
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"module_id" integer NOT NULL,
	"area" "consulting_area" NOT NULL,
	"state" "consultation_state" DEFAULT 'requested' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled_for" date,
	"consultant_user_id" integer,
	"held_on" date,
	"outcome_notes" text,
	"status_snapshot" jsonb,
	"cancelled_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_held_has_date" CHECK ("consultations"."state" <> 'held' or "consultations"."held_on" is not null),
	CONSTRAINT "consultations_cancelled_has_reason" CHECK ("consultations"."state" <> 'cancelled' or length(trim(coalesce("consultations"."cancelled_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "consulting_modules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consulting_modules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" varchar(200) NOT NULL,
	"area" "consulting_area" NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "consulting_modules_id_area" UNIQUE("id","area")
);
--> statement-breakpoint
CREATE TABLE "measure_services" (
	"measure_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	CONSTRAINT "measure_services_measure_id_ozg_id_pk" PRIMARY KEY("measure_id","ozg_id")
);
--> statement-breakpoint
CREATE TABLE "measure_status_events" (
	"measure_id" integer NOT NULL,
	"status_event_id" bigint NOT NULL,
	CONSTRAINT "measure_status_events_measure_id_status_event_id_pk" PRIMARY KEY("measure_id","status_event_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"consultation_id" integer NOT NULL,
	"title" varchar(300) NOT NULL,
	"owner" varchar(200),
	"due_date" date,
	"state" "measure_state" DEFAULT 'open' NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_title" CHECK (length(trim("measures"."title")) > 0)
);
--> statement-breakpoint
CREATE TABLE "instance_state" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"dataset" "dataset_kind" DEFAULT 'empty' NOT NULL,
	"data_version" bigint DEFAULT 0 NOT NULL,
	"dataset_note" varchar(300),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instance_state_single_row" CHECK ("instance_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "region_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "region_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"parent_region_id" integer,
	"ags" varchar(8) NOT NULL,
	"ars" varchar(12) NOT NULL,
	"name" varchar(200) NOT NULL,
	"kind" "region_kind" NOT NULL,
	"gv_type" varchar(2),
	"seat" varchar(200),
	"population" integer,
	"area_hectares" integer,
	"postcode" varchar(5),
	"sonderstatus" boolean DEFAULT false NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source_date" date,
	CONSTRAINT "region_versions_period" CHECK ("region_versions"."valid_to" is null or "region_versions"."valid_to" > "region_versions"."valid_from"),
	CONSTRAINT "region_versions_ags_digits" CHECK ("region_versions"."ags" ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8})$'),
	CONSTRAINT "region_versions_ars_digits" CHECK ("region_versions"."ars" ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{12})$'),
	CONSTRAINT "region_versions_population" CHECK ("region_versions"."population" is null or "region_versions"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"level" "region_level" NOT NULL,
	"origin" "region_origin" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_rollups" (
	"region_id" integer PRIMARY KEY NOT NULL,
	"target_count" integer DEFAULT 0 NOT NULL,
	"level0" integer DEFAULT 0 NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_rollups_sum" CHECK ("region_rollups"."target_count" = "region_rollups"."level0" + "region_rollups"."level1" + "region_rollups"."level2" + "region_rollups"."level3" + "region_rollups"."level4"),
	CONSTRAINT "region_rollups_non_negative" CHECK (least("region_rollups"."level0", "region_rollups"."level1", "region_rollups"."level2", "region_rollups"."level3", "region_rollups"."level4") >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_statuses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_statuses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"in_target" boolean DEFAULT true NOT NULL,
	"maturity_level" smallint DEFAULT 0 NOT NULL,
	"maturity_model" "maturity_model" DEFAULT '1.1' NOT NULL,
	"workflow_state" "workflow_state" DEFAULT 'not_started' NOT NULL,
	"solution" "solution_kind",
	"url" varchar(2000),
	"planned_date" date,
	"online_since" date,
	"contact" varchar(300),
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "service_statuses_maturity_range" CHECK (("service_statuses"."maturity_model" = '1.1' and "service_statuses"."maturity_level" between 0 and 4) or ("service_statuses"."maturity_model" = '2.0' and "service_statuses"."maturity_level" between 0 and 7)),
	CONSTRAINT "service_statuses_url_http" CHECK ("service_statuses"."url" is null or "service_statuses"."url" ~* '^https?://'),
	CONSTRAINT "service_statuses_version_positive" CHECK ("service_statuses"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "status_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "status_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"status_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"source" "change_source" NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"maturity_level" smallint NOT NULL,
	"maturity_model" "maturity_model" NOT NULL,
	"in_target" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_regions" ADD CONSTRAINT "user_regions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_regions" ADD CONSTRAINT "user_regions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_exceptions" ADD CONSTRAINT "applicability_exceptions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_exceptions" ADD CONSTRAINT "applicability_exceptions_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applicability_exceptions" ADD CONSTRAINT "applicability_exceptions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leika_services" ADD CONSTRAINT "leika_services_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_consultant_user_id_users_id_fk" FOREIGN KEY ("consultant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_module_area_fk" FOREIGN KEY ("module_id","area") REFERENCES "public"."consulting_modules"("id","area") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_services" ADD CONSTRAINT "measure_services_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_services" ADD CONSTRAINT "measure_services_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_status_events" ADD CONSTRAINT "measure_status_events_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_status_events" ADD CONSTRAINT "measure_status_events_status_event_id_status_events_id_fk" FOREIGN KEY ("status_event_id") REFERENCES "public"."status_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_versions" ADD CONSTRAINT "region_versions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_versions" ADD CONSTRAINT "region_versions_parent_region_id_regions_id_fk" FOREIGN KEY ("parent_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_rollups" ADD CONSTRAINT "region_rollups_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statuses" ADD CONSTRAINT "service_statuses_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statuses" ADD CONSTRAINT "service_statuses_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_statuses" ADD CONSTRAINT "service_statuses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_status_id_service_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."service_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "leika_services_ozg" ON "leika_services" USING btree ("ozg_id");--> statement-breakpoint
CREATE INDEX "ozg_services_themenfeld" ON "ozg_services" USING btree ("themenfeld");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_one_active_per_area" ON "consultations" USING btree ("region_id","area") WHERE "consultations"."state" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "measures_consultation" ON "measures" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "region_versions_current_ags" ON "region_versions" USING btree ("ags") WHERE "region_versions"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "region_versions_current_ars" ON "region_versions" USING btree ("ars") WHERE "region_versions"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "region_versions_current_region" ON "region_versions" USING btree ("region_id") WHERE "region_versions"."valid_to" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "region_versions_region_from" ON "region_versions" USING btree ("region_id","valid_from");--> statement-breakpoint
CREATE INDEX "region_versions_parent" ON "region_versions" USING btree ("parent_region_id","valid_from");--> statement-breakpoint
CREATE INDEX "region_versions_ags" ON "region_versions" USING btree ("ags");--> statement-breakpoint
CREATE INDEX "region_versions_ars" ON "region_versions" USING btree ("ars");--> statement-breakpoint
CREATE UNIQUE INDEX "service_statuses_region_service" ON "service_statuses" USING btree ("region_id","ozg_id");--> statement-breakpoint
CREATE INDEX "service_statuses_service" ON "service_statuses" USING btree ("ozg_id");--> statement-breakpoint
CREATE INDEX "status_events_status_time" ON "status_events" USING btree ("status_id","occurred_at");--> statement-breakpoint
CREATE INDEX "status_events_region_time" ON "status_events" USING btree ("region_id","occurred_at");--> statement-breakpoint
CREATE INDEX "status_events_actor_time" ON "status_events" USING btree ("actor_user_id","occurred_at");