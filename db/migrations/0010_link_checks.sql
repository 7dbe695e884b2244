CREATE TYPE "public"."link_result" AS ENUM('ok', 'http_error', 'timeout', 'unreachable', 'redirect_loop', 'too_many_redirects', 'refused');--> statement-breakpoint
CREATE TABLE "link_checks" (
	"url" varchar(2000) PRIMARY KEY NOT NULL,
	"result" "link_result" NOT NULL,
	"http_status" smallint,
	"detail" varchar(300),
	"checked_at" timestamp with time zone NOT NULL,
	"last_success_at" timestamp with time zone,
	"broken_since" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "link_checks_checked_at" ON "link_checks" USING btree ("checked_at");