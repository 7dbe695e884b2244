CREATE TABLE "progress_snapshots" (
	"region_id" integer NOT NULL,
	"day" date NOT NULL,
	"target_count" integer NOT NULL,
	"conformant" integer NOT NULL,
	"weighted_target" bigint NOT NULL,
	"weighted_conformant" bigint NOT NULL,
	CONSTRAINT "progress_snapshots_region_id_day_pk" PRIMARY KEY("region_id","day")
);
--> statement-breakpoint
CREATE TABLE "region_totals" (
	"region_id" integer NOT NULL,
	"themenfeld" "themenfeld",
	"administrations" integer DEFAULT 0 NOT NULL,
	"target_count" integer DEFAULT 0 NOT NULL,
	"level0" integer DEFAULT 0 NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	"online_by_deadline" integer DEFAULT 0 NOT NULL,
	"weighted_target" bigint DEFAULT 0 NOT NULL,
	"weighted_conformant" bigint DEFAULT 0 NOT NULL,
	"days_late" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_totals_region_themenfeld" UNIQUE NULLS NOT DISTINCT("region_id","themenfeld"),
	CONSTRAINT "region_totals_sum" CHECK ("region_totals"."target_count" = "region_totals"."level0" + "region_totals"."level1" + "region_totals"."level2" + "region_totals"."level3" + "region_totals"."level4"),
	CONSTRAINT "region_totals_non_negative" CHECK (least("region_totals"."level0", "region_totals"."level1", "region_totals"."level2", "region_totals"."level3", "region_totals"."level4", "region_totals"."online_by_deadline", "region_totals"."weighted_conformant") >= 0)
);
--> statement-breakpoint
ALTER TABLE "progress_snapshots" ADD CONSTRAINT "progress_snapshots_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_totals" ADD CONSTRAINT "region_totals_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "region_versions_current_parent" ON "region_versions" USING btree ("parent_region_id") WHERE "region_versions"."valid_to" is null;