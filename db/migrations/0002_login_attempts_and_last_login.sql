CREATE TABLE "login_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email_lower" varchar(320) NOT NULL,
	"client_address" varchar(64) NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "login_attempts_email_time" ON "login_attempts" USING btree ("email_lower","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_time" ON "login_attempts" USING btree ("client_address","attempted_at");