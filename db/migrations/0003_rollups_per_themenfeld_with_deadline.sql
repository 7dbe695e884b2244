-- Rollups become per administration and Themenfeld, with the count online by the
-- OZG deadline. They are derived data: emptied here and rebuilt from the statuses
-- at the end. (drizzle-kit cannot name the old primary key; it is the default name.)
DELETE FROM "region_rollups";--> statement-breakpoint
ALTER TABLE "region_rollups" DROP CONSTRAINT "region_rollups_non_negative";--> statement-breakpoint
ALTER TABLE "region_rollups" DROP CONSTRAINT "region_rollups_pkey";--> statement-breakpoint
ALTER TABLE "region_rollups" ADD COLUMN "themenfeld" "themenfeld" NOT NULL;--> statement-breakpoint
ALTER TABLE "region_rollups" ADD COLUMN "online_by_deadline" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "region_rollups" ADD CONSTRAINT "region_rollups_region_id_themenfeld_pk" PRIMARY KEY("region_id","themenfeld");--> statement-breakpoint
ALTER TABLE "region_rollups" ADD CONSTRAINT "region_rollups_deadline_within_conformant" CHECK ("region_rollups"."online_by_deadline" <= "region_rollups"."level3" + "region_rollups"."level4");--> statement-breakpoint
ALTER TABLE "region_rollups" ADD CONSTRAINT "region_rollups_non_negative" CHECK (least("region_rollups"."level0", "region_rollups"."level1", "region_rollups"."level2", "region_rollups"."level3", "region_rollups"."level4", "region_rollups"."online_by_deadline") >= 0);--> statement-breakpoint
INSERT INTO "region_rollups" ("region_id", "themenfeld", "target_count", "level0", "level1", "level2", "level3", "level4", "online_by_deadline")
SELECT st.region_id, s.themenfeld,
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1'),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level = 0),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level = 1),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level = 2),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level = 3),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level = 4),
  count(*) FILTER (WHERE st.in_target AND st.maturity_model = '1.1' AND st.maturity_level >= 3 AND st.online_since <= '2022-12-31')
FROM "service_statuses" st JOIN "ozg_services" s ON s.ozg_id = st.ozg_id
GROUP BY st.region_id, s.themenfeld;
