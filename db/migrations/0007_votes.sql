CREATE TYPE "public"."resolution_status" AS ENUM('draft', 'reserved', 'issued', 'void');--> statement-breakpoint
CREATE TYPE "public"."ballot_choice" AS ENUM('agree', 'disagree', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."ballot_kind" AS ENUM('named', 'secret', 'election');--> statement-breakpoint
CREATE TYPE "public"."ballot_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "committee_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_terms_dates" CHECK ("committee_terms"."ends_on" >= "committee_terms"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "document_issuers" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"congress_code" text DEFAULT 'ĐH' NOT NULL,
	"superior_name" text,
	"header_name" text NOT NULL,
	"place" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_issuers_code_format" CHECK ("document_issuers"."code" ~ '^[^[:space:]/-]{1,12}$'),
	CONSTRAINT "document_issuers_congress_code_format" CHECK ("document_issuers"."congress_code" ~ '^[^[:space:]/-]{1,12}$')
);
--> statement-breakpoint
CREATE TABLE "document_number_series" (
	"organization_id" uuid NOT NULL,
	"term_id" uuid NOT NULL,
	"series" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_number_series_organization_id_term_id_series_pk" PRIMARY KEY("organization_id","term_id","series"),
	CONSTRAINT "document_number_series_positive" CHECK ("document_number_series"."last_number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" "record_type" NOT NULL,
	"congress" boolean DEFAULT false NOT NULL,
	"status" "resolution_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"recipients" text DEFAULT '' NOT NULL,
	"signing_capacity" text,
	"signer_id" uuid,
	"signer_name" text,
	"signer_title" text,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"ballot_id" uuid,
	"term_id" uuid,
	"series" text,
	"number" integer,
	"number_symbol" text,
	"numbered_at" timestamp with time zone,
	"numbered_by" uuid,
	"issued_on" date,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"pdf_storage_key" text,
	"pdf_sha256" text,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"lock_version" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resolutions_type_numbered" CHECK ("resolutions"."type" <> 'other'),
	CONSTRAINT "resolutions_title_nonempty" CHECK (length(trim("resolutions"."title")) > 0),
	CONSTRAINT "resolutions_number_state" CHECK (("resolutions"."status" = 'draft' and "resolutions"."number" is null and "resolutions"."term_id" is null and "resolutions"."series" is null and "resolutions"."number_symbol" is null)
        or ("resolutions"."status" <> 'draft' and "resolutions"."number" >= 1 and "resolutions"."term_id" is not null and "resolutions"."series" is not null and "resolutions"."number_symbol" is not null and "resolutions"."numbered_at" is not null)),
	CONSTRAINT "resolutions_series_matches" CHECK ("resolutions"."series" is null or "resolutions"."series" = case when "resolutions"."congress" then 'congress' else "resolutions"."type"::text end),
	CONSTRAINT "resolutions_issued_complete" CHECK ("resolutions"."status" <> 'issued' or ("resolutions"."issued_on" is not null and "resolutions"."issued_at" is not null and "resolutions"."signer_name" is not null and "resolutions"."pdf_sha256" is not null and "resolutions"."pdf_storage_key" is not null)),
	CONSTRAINT "resolutions_void_recorded" CHECK ("resolutions"."status" <> 'void' or "resolutions"."voided_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "ballot_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"choice" "ballot_choice",
	CONSTRAINT "ballot_options_label" CHECK (length(trim("ballot_options"."label")) > 0)
);
--> statement-breakpoint
CREATE TABLE "ballot_participation" (
	"ballot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "ballot_participation_ballot_id_user_id_pk" PRIMARY KEY("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_voters" (
	"ballot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"attendance" "attendance_status",
	"may_vote" boolean NOT NULL,
	CONSTRAINT "ballot_voters_ballot_id_user_id_pk" PRIMARY KEY("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"meeting_id" uuid,
	"agenda_item_id" uuid,
	"kind" "ballot_kind" NOT NULL,
	"status" "ballot_status" DEFAULT 'open' NOT NULL,
	"question" text NOT NULL,
	"description" text,
	"seats" integer,
	"pass_numerator" integer NOT NULL,
	"pass_denominator" integer NOT NULL,
	"allow_change" boolean DEFAULT false NOT NULL,
	"deadline" timestamp with time zone,
	"counted_members" integer NOT NULL,
	"eligible_voters" integer NOT NULL,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"passed" boolean,
	CONSTRAINT "ballots_seats" CHECK (("ballots"."kind" = 'election') = ("ballots"."seats" is not null) and ("ballots"."seats" is null or "ballots"."seats" > 0)),
	CONSTRAINT "ballots_written_has_deadline" CHECK ("ballots"."meeting_id" is not null or "ballots"."deadline" is not null),
	CONSTRAINT "ballots_closed_at" CHECK (("ballots"."status" = 'closed') = ("ballots"."closed_at" is not null)),
	CONSTRAINT "ballots_pass_fraction" CHECK ("ballots"."pass_denominator" > 0 and "ballots"."pass_numerator" > 0 and "ballots"."pass_numerator" < "ballots"."pass_denominator"),
	CONSTRAINT "ballots_counts" CHECK ("ballots"."eligible_voters" >= 0 and "ballots"."eligible_voters" <= "ballots"."counted_members")
);
--> statement-breakpoint
CREATE TABLE "named_votes" (
	"ballot_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	"changes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "named_votes_ballot_id_user_id_pk" PRIMARY KEY("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "secret_tallies" (
	"option_id" uuid PRIMARY KEY NOT NULL,
	"ballot_id" uuid NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "secret_tallies_votes" CHECK ("secret_tallies"."votes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "vote_pass_numerator" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "vote_pass_denominator" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "vote_allow_remote" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "vote_allow_change" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "bodies" ADD COLUMN "election_surplus_percent" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "committee_terms" ADD CONSTRAINT "committee_terms_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_issuers" ADD CONSTRAINT "document_issuers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_issuers" ADD CONSTRAINT "document_issuers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_number_series" ADD CONSTRAINT "document_number_series_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_number_series" ADD CONSTRAINT "document_number_series_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_term_id_committee_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."committee_terms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_numbered_by_users_id_fk" FOREIGN KEY ("numbered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participation" ADD CONSTRAINT "ballot_participation_ballot_id_user_id_ballot_voters_ballot_id_user_id_fk" FOREIGN KEY ("ballot_id","user_id") REFERENCES "public"."ballot_voters"("ballot_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_voters" ADD CONSTRAINT "ballot_voters_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_voters" ADD CONSTRAINT "ballot_voters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_votes" ADD CONSTRAINT "named_votes_option_id_ballot_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."ballot_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_votes" ADD CONSTRAINT "named_votes_ballot_id_user_id_ballot_participation_ballot_id_user_id_fk" FOREIGN KEY ("ballot_id","user_id") REFERENCES "public"."ballot_participation"("ballot_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_tallies" ADD CONSTRAINT "secret_tallies_option_id_ballot_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."ballot_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_tallies" ADD CONSTRAINT "secret_tallies_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "committee_terms_org_name_idx" ON "committee_terms" USING btree ("organization_id","name");--> statement-breakpoint
CREATE INDEX "committee_terms_org_starts_idx" ON "committee_terms" USING btree ("organization_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "resolutions_number_idx" ON "resolutions" USING btree ("organization_id","term_id","series","number") WHERE "resolutions"."number" is not null;--> statement-breakpoint
CREATE INDEX "resolutions_org_created_idx" ON "resolutions" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "resolutions_meeting_idx" ON "resolutions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "resolutions_agenda_item_idx" ON "resolutions" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "resolutions_ballot_idx" ON "resolutions" USING btree ("ballot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_options_position_idx" ON "ballot_options" USING btree ("ballot_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_options_choice_idx" ON "ballot_options" USING btree ("ballot_id","choice");--> statement-breakpoint
CREATE INDEX "ballot_voters_user_idx" ON "ballot_voters" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ballots_body_idx" ON "ballots" USING btree ("body_id","opened_at");--> statement-breakpoint
CREATE INDEX "ballots_org_idx" ON "ballots" USING btree ("organization_id","opened_at");--> statement-breakpoint
CREATE INDEX "ballots_meeting_idx" ON "ballots" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "ballots_agenda_item_idx" ON "ballots" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "ballots_deadline_idx" ON "ballots" USING btree ("deadline") WHERE "ballots"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_one_open_per_meeting_idx" ON "ballots" USING btree ("meeting_id") WHERE "ballots"."status" = 'open' and "ballots"."meeting_id" is not null;--> statement-breakpoint
CREATE INDEX "named_votes_option_idx" ON "named_votes" USING btree ("option_id");--> statement-breakpoint
CREATE INDEX "secret_tallies_ballot_idx" ON "secret_tallies" USING btree ("ballot_id");--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_vote_pass_fraction" CHECK ("bodies"."vote_pass_denominator" > 0 and "bodies"."vote_pass_numerator" > 0 and "bodies"."vote_pass_numerator" < "bodies"."vote_pass_denominator");--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_election_surplus" CHECK ("bodies"."election_surplus_percent" between 0 and 100);