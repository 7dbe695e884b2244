CREATE TYPE "public"."check_source" AS ENUM('default', 'json', 'csv');--> statement-breakpoint
CREATE TYPE "public"."check_submission_state" AS ENUM('draft', 'submitted');--> statement-breakpoint
CREATE TABLE "check_questionnaires" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_questionnaires_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"title" varchar(200) NOT NULL,
	"definition" jsonb NOT NULL,
	"shipped_default" boolean DEFAULT false NOT NULL,
	"source" "check_source" NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "check_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"questionnaire_id" integer NOT NULL,
	"state" "check_submission_state" DEFAULT 'draft' NOT NULL,
	"answers" jsonb NOT NULL,
	"scores" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "check_submissions_submitted_complete" CHECK ("check_submissions"."state" = 'draft' or ("check_submissions"."scores" is not null and "check_submissions"."submitted_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "recommendation_rule_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendation_rule_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "check_questionnaires" ADD CONSTRAINT "check_questionnaires_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_submissions" ADD CONSTRAINT "check_submissions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_submissions" ADD CONSTRAINT "check_submissions_questionnaire_id_check_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."check_questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_submissions" ADD CONSTRAINT "check_submissions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_submissions" ADD CONSTRAINT "check_submissions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_rule_sets" ADD CONSTRAINT "recommendation_rule_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_questionnaires_version" ON "check_questionnaires" USING btree ("version");--> statement-breakpoint
CREATE UNIQUE INDEX "check_submissions_one_draft" ON "check_submissions" USING btree ("region_id") WHERE "check_submissions"."state" = 'draft';--> statement-breakpoint
CREATE INDEX "check_submissions_region_time" ON "check_submissions" USING btree ("region_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_rule_sets_version" ON "recommendation_rule_sets" USING btree ("version");--> statement-breakpoint
-- Versions of the questionnaire and of the rules are never changed in place
-- (decision 017): a change is a new version. A submitted check keeps the
-- answers and scores of the version it answered. Only drafts change and go.
CREATE FUNCTION reject_check_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'check_submissions' AND OLD.state = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is kept as it was: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER check_questionnaires_no_update_delete
  BEFORE UPDATE OR DELETE ON check_questionnaires
  FOR EACH ROW EXECUTE FUNCTION reject_check_change();
--> statement-breakpoint
CREATE TRIGGER recommendation_rule_sets_no_update_delete
  BEFORE UPDATE OR DELETE ON recommendation_rule_sets
  FOR EACH ROW EXECUTE FUNCTION reject_check_change();
--> statement-breakpoint
CREATE TRIGGER check_submissions_keep_submitted
  BEFORE UPDATE OR DELETE ON check_submissions
  FOR EACH ROW EXECUTE FUNCTION reject_check_change();
