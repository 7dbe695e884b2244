CREATE TABLE "datahub_region_counts" (
	"region_id" integer PRIMARY KEY NOT NULL,
	"open" integer NOT NULL,
	"clarify" integer NOT NULL,
	"oldest_imported_at" timestamp with time zone,
	"stale" boolean DEFAULT false NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "datahub_region_counts" ADD CONSTRAINT "datahub_region_counts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written (decision 021): regions imported before this table existed start
-- stale, so the per-Kreis view computes them from the records until their next
-- import or decision stores their counts.
INSERT INTO "datahub_region_counts" ("region_id", "open", "clarify", "stale")
SELECT DISTINCT "region_id", 0, 0, true FROM "datahub_records";
