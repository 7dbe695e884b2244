CREATE TABLE "region_model_rollups" (
	"region_id" integer NOT NULL,
	"themenfeld" "themenfeld" NOT NULL,
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
	CONSTRAINT "region_model_rollups_region_id_themenfeld_family_pk" PRIMARY KEY("region_id","themenfeld","family"),
	CONSTRAINT "region_model_rollups_family" CHECK ("region_model_rollups"."family" = '2.0'),
	CONSTRAINT "region_model_rollups_sum" CHECK ("region_model_rollups"."assessed" = "region_model_rollups"."level0" + "region_model_rollups"."level1" + "region_model_rollups"."level2" + "region_model_rollups"."level3" + "region_model_rollups"."level4" + "region_model_rollups"."level5" + "region_model_rollups"."level6" + "region_model_rollups"."level7"),
	CONSTRAINT "region_model_rollups_non_negative" CHECK (least("region_model_rollups"."counted", "region_model_rollups"."assessed", "region_model_rollups"."analog", "region_model_rollups"."level0", "region_model_rollups"."level1", "region_model_rollups"."level2", "region_model_rollups"."level3", "region_model_rollups"."level4", "region_model_rollups"."level5", "region_model_rollups"."level6", "region_model_rollups"."level7") >= 0),
	CONSTRAINT "region_model_rollups_within_counted" CHECK ("region_model_rollups"."assessed" <= "region_model_rollups"."counted" and "region_model_rollups"."analog" <= "region_model_rollups"."counted")
);
--> statement-breakpoint
CREATE TABLE "region_model_totals" (
	"region_id" integer NOT NULL,
	"themenfeld" "themenfeld",
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
	CONSTRAINT "region_model_totals_key" UNIQUE NULLS NOT DISTINCT("region_id","themenfeld","family"),
	CONSTRAINT "region_model_totals_family" CHECK ("region_model_totals"."family" = '2.0'),
	CONSTRAINT "region_model_totals_sum" CHECK ("region_model_totals"."assessed" = "region_model_totals"."level0" + "region_model_totals"."level1" + "region_model_totals"."level2" + "region_model_totals"."level3" + "region_model_totals"."level4" + "region_model_totals"."level5" + "region_model_totals"."level6" + "region_model_totals"."level7"),
	CONSTRAINT "region_model_totals_non_negative" CHECK (least("region_model_totals"."counted", "region_model_totals"."assessed", "region_model_totals"."analog", "region_model_totals"."level0", "region_model_totals"."level1", "region_model_totals"."level2", "region_model_totals"."level3", "region_model_totals"."level4", "region_model_totals"."level5", "region_model_totals"."level6", "region_model_totals"."level7") >= 0),
	CONSTRAINT "region_model_totals_within_counted" CHECK ("region_model_totals"."assessed" <= "region_model_totals"."counted" and "region_model_totals"."analog" <= "region_model_totals"."counted")
);
--> statement-breakpoint
ALTER TABLE "region_model_rollups" ADD CONSTRAINT "region_model_rollups_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_model_totals" ADD CONSTRAINT "region_model_totals_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;