CREATE TYPE "public"."succession_kind" AS ENUM('key_change', 'merger', 'split');--> statement-breakpoint
CREATE TABLE "region_successions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "region_successions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"old_ags" varchar(8) NOT NULL,
	"new_ags" varchar(8) NOT NULL,
	"effective_on" date NOT NULL,
	"kind" "succession_kind" NOT NULL,
	"source_file" varchar(300) NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"predecessor_region_id" integer,
	"successor_region_id" integer,
	"applied_on" date,
	CONSTRAINT "region_successions_ags_digits" CHECK ("region_successions"."old_ags" ~ '^[0-9]{8}$' and "region_successions"."new_ags" ~ '^[0-9]{8}$'),
	CONSTRAINT "region_successions_distinct" CHECK ("region_successions"."old_ags" <> "region_successions"."new_ags")
);
--> statement-breakpoint
ALTER TABLE "region_successions" ADD CONSTRAINT "region_successions_predecessor_region_id_regions_id_fk" FOREIGN KEY ("predecessor_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_successions" ADD CONSTRAINT "region_successions_successor_region_id_regions_id_fk" FOREIGN KEY ("successor_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "region_successions_pair" ON "region_successions" USING btree ("old_ags","new_ags");--> statement-breakpoint
CREATE INDEX "region_successions_successor" ON "region_successions" USING btree ("successor_region_id");