CREATE TYPE "public"."change_set_kind" AS ENUM('bulk', 'csv', 'undo');--> statement-breakpoint
CREATE TABLE "change_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "change_set_kind" NOT NULL,
	"source" "change_source" NOT NULL,
	"actor_user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_count" integer NOT NULL,
	"reverts" integer,
	CONSTRAINT "change_sets_reverts_only_undo" CHECK (("change_sets"."kind" = 'undo') = ("change_sets"."reverts" is not null))
);
--> statement-breakpoint
ALTER TABLE "status_events" ADD COLUMN "change_set_id" integer;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_sets" ADD CONSTRAINT "change_sets_reverts_change_sets_id_fk" FOREIGN KEY ("reverts") REFERENCES "public"."change_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_sets_actor_time" ON "change_sets" USING btree ("actor_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "change_sets_reverted_once" ON "change_sets" USING btree ("reverts");--> statement-breakpoint
ALTER TABLE "status_events" ADD CONSTRAINT "status_events_change_set_id_change_sets_id_fk" FOREIGN KEY ("change_set_id") REFERENCES "public"."change_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "status_events_change_set" ON "status_events" USING btree ("change_set_id");