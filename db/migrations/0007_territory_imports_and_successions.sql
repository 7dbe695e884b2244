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
CREATE TABLE "territory_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "territory_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"land" varchar(2) NOT NULL,
	"stichtag" date NOT NULL,
	"file_name" varchar(300) NOT NULL,
	"territory_changes" integer DEFAULT 0 NOT NULL,
	"successions" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "territory_imports_land_digits" CHECK ("territory_imports"."land" ~ '^[0-9]{2}$')
);
--> statement-breakpoint
ALTER TABLE "status_events" ADD COLUMN "effective_on" date;--> statement-breakpoint
ALTER TABLE "region_successions" ADD CONSTRAINT "region_successions_predecessor_region_id_regions_id_fk" FOREIGN KEY ("predecessor_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_successions" ADD CONSTRAINT "region_successions_successor_region_id_regions_id_fk" FOREIGN KEY ("successor_region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "region_successions_pair" ON "region_successions" USING btree ("old_ags","new_ags");--> statement-breakpoint
CREATE INDEX "region_successions_successor" ON "region_successions" USING btree ("successor_region_id");--> statement-breakpoint
CREATE INDEX "territory_imports_land_stichtag" ON "territory_imports" USING btree ("land","stichtag");--> statement-breakpoint
-- Official data loaded before this table existed: its newest Stichtag per Land still decides the order of files.
INSERT INTO "territory_imports" ("land", "stichtag", "file_name", "imported_at")
SELECT left(v."ags", 2), max(v."source_date"), '(vor Einführung des Importprotokolls)', now()
FROM "region_versions" v JOIN "regions" r ON r."id" = v."region_id"
WHERE r."origin" = 'official' AND v."source_date" IS NOT NULL
GROUP BY left(v."ags", 2);
