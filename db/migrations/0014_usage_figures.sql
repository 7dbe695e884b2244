CREATE TABLE "usage_figures" (
	"region_id" integer NOT NULL,
	"ozg_id" integer NOT NULL,
	"month" date NOT NULL,
	"applications" integer NOT NULL,
	"completed" integer,
	"abandoned" integer,
	"import_id" integer NOT NULL,
	CONSTRAINT "usage_figures_region_id_ozg_id_month_pk" PRIMARY KEY("region_id","ozg_id","month"),
	CONSTRAINT "usage_figures_first_of_month" CHECK (extract(day from "usage_figures"."month") = 1),
	CONSTRAINT "usage_figures_counts" CHECK ("usage_figures"."applications" >= 0 and coalesce("usage_figures"."completed", 0) >= 0 and coalesce("usage_figures"."abandoned", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "usage_imports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "usage_imports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"file_name" varchar(300) NOT NULL,
	"imported_by" integer,
	"source" varchar(20) NOT NULL,
	"rows" integer NOT NULL,
	"first_month" date NOT NULL,
	"last_month" date NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_figures" ADD CONSTRAINT "usage_figures_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_figures" ADD CONSTRAINT "usage_figures_ozg_id_ozg_services_ozg_id_fk" FOREIGN KEY ("ozg_id") REFERENCES "public"."ozg_services"("ozg_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_figures" ADD CONSTRAINT "usage_figures_import_id_usage_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."usage_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_imports" ADD CONSTRAINT "usage_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_figures_service_month" ON "usage_figures" USING btree ("ozg_id","month");--> statement-breakpoint
CREATE INDEX "usage_figures_import" ON "usage_figures" USING btree ("import_id");