CREATE TABLE "kreis_boundaries" (
	"ags" varchar(5) PRIMARY KEY NOT NULL,
	"name" varchar(200) NOT NULL,
	"geometry" jsonb NOT NULL,
	"source_file" varchar(300) NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
