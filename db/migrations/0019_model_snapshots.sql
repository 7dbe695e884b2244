CREATE TABLE "region_model_snapshots" (
	"region_id" integer NOT NULL,
	"day" date NOT NULL,
	"family" "maturity_model" NOT NULL,
	"counted" integer DEFAULT 0 NOT NULL,
	"assessed" integer DEFAULT 0 NOT NULL,
	"level0" integer DEFAULT 0 NOT NULL,
	"level1" integer DEFAULT 0 NOT NULL,
	"level2" integer DEFAULT 0 NOT NULL,
	"level3" integer DEFAULT 0 NOT NULL,
	"level4" integer DEFAULT 0 NOT NULL,
	"level5" integer DEFAULT 0 NOT NULL,
	"level6" integer DEFAULT 0 NOT NULL,
	"level7" integer DEFAULT 0 NOT NULL,
	"analog" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_model_snapshots_region_id_family_day_pk" PRIMARY KEY("region_id","family","day"),
	CONSTRAINT "region_model_snapshots_family" CHECK ("region_model_snapshots"."family" = '2.0'),
	CONSTRAINT "region_model_snapshots_sum" CHECK ("region_model_snapshots"."assessed" = "region_model_snapshots"."level0" + "region_model_snapshots"."level1" + "region_model_snapshots"."level2" + "region_model_snapshots"."level3" + "region_model_snapshots"."level4" + "region_model_snapshots"."level5" + "region_model_snapshots"."level6" + "region_model_snapshots"."level7"),
	CONSTRAINT "region_model_snapshots_non_negative" CHECK (least("region_model_snapshots"."counted", "region_model_snapshots"."assessed", "region_model_snapshots"."analog", "region_model_snapshots"."level0", "region_model_snapshots"."level1", "region_model_snapshots"."level2", "region_model_snapshots"."level3", "region_model_snapshots"."level4", "region_model_snapshots"."level5", "region_model_snapshots"."level6", "region_model_snapshots"."level7") >= 0),
	CONSTRAINT "region_model_snapshots_within_counted" CHECK ("region_model_snapshots"."assessed" <= "region_model_snapshots"."counted" and "region_model_snapshots"."analog" <= "region_model_snapshots"."counted")
);
--> statement-breakpoint
ALTER TABLE "region_model_snapshots" ADD CONSTRAINT "region_model_snapshots_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Like progress_snapshots (migration 0018): only today's rows change, so a little room per page keeps those updates HOT.
ALTER TABLE "region_model_snapshots" SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);
