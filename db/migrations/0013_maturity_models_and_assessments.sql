CREATE TABLE "maturity_answers" (
	"status_id" integer NOT NULL,
	"model_id" integer NOT NULL,
	"criterion_key" varchar(60) NOT NULL,
	"level" smallint NOT NULL,
	"evidence_url" varchar(2000),
	"evidence_note" text,
	"evidence_date" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	CONSTRAINT "maturity_answers_status_id_model_id_criterion_key_pk" PRIMARY KEY("status_id","model_id","criterion_key"),
	CONSTRAINT "maturity_answers_level_range" CHECK ("maturity_answers"."level" between 0 and 7),
	CONSTRAINT "maturity_answers_url_http" CHECK ("maturity_answers"."evidence_url" is null or "maturity_answers"."evidence_url" ~* '^https?://')
);
--> statement-breakpoint
CREATE TABLE "maturity_assessments" (
	"status_id" integer NOT NULL,
	"model_id" integer NOT NULL,
	"level" smallint,
	"upper_bound" smallint,
	"answered" smallint NOT NULL,
	"criteria" smallint NOT NULL,
	"front_end_level" smallint,
	"analog_processing" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_assessments_status_id_model_id_pk" PRIMARY KEY("status_id","model_id"),
	CONSTRAINT "maturity_assessments_answered" CHECK ("maturity_assessments"."answered" between 1 and "maturity_assessments"."criteria"),
	CONSTRAINT "maturity_assessments_level_complete" CHECK (("maturity_assessments"."level" is null) = ("maturity_assessments"."answered" < "maturity_assessments"."criteria"))
);
--> statement-breakpoint
CREATE TABLE "maturity_models" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "maturity_models_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"family" "maturity_model" NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"source" varchar(20) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "maturity_models_family_version" UNIQUE("family","version"),
	CONSTRAINT "maturity_models_version_positive" CHECK ("maturity_models"."version" >= 1),
	CONSTRAINT "maturity_models_source" CHECK ("maturity_models"."source" in ('builtin', 'upload'))
);
--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_status_id_service_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."service_statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_model_id_maturity_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."maturity_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_status_id_service_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."service_statuses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_model_id_maturity_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."maturity_models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_models" ADD CONSTRAINT "maturity_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "maturity_assessments_model_level" ON "maturity_assessments" USING btree ("model_id","level");--> statement-breakpoint
-- A definition in use is never changed in place (decision 019): a revision is a new version.
CREATE FUNCTION reject_maturity_model_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'maturity_models are versioned: UPDATE is not allowed, add a new version'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER maturity_models_no_update
  BEFORE UPDATE ON maturity_models
  FOR EACH ROW EXECUTE FUNCTION reject_maturity_model_change();
