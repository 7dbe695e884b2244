-- The derived tables that every status write updates in place (decisions 005 and 028, issue #16):
-- the totals and rollups of the region chain, the snapshots and the data version. With PostgreSQL's
-- defaults a table is vacuumed only after 50 + 20 % of its rows are dead, so a burst of writes left
-- region_totals with 53,009 dead rows against 6,765 live ones, and every read of a Land walked them.
-- fillfactor leaves room on each page so that an update stays on its page (a HOT update: no index
-- entry, and the dead version is pruned by the next read of the page without waiting for a vacuum);
-- the autovacuum settings vacuum these tables after a fixed number of dead rows, not a share.
-- fillfactor applies to pages written from now on: VACUUM FULL on a table applies it at once.
-- The embedded PGlite stores the settings too (it runs no autovacuum).
ALTER TABLE "region_totals" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "region_rollups" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "region_model_totals" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "region_model_rollups" SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);--> statement-breakpoint
ALTER TABLE "progress_snapshots" SET (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);--> statement-breakpoint
ALTER TABLE "instance_state" SET (fillfactor = 10, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 200);
