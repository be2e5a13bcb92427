CREATE TYPE "public"."disposal_status" AS ENUM('proposed', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."extraction_status" AS ENUM('queued', 'processing', 'done', 'failed', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."record_audience" AS ENUM('organization', 'leaders');--> statement-breakpoint
CREATE TYPE "public"."record_classification" AS ENUM('normal', 'internal', 'secret', 'top_secret', 'absolute_secret');--> statement-breakpoint
CREATE TYPE "public"."record_status" AS ENUM('active', 'destroyed');--> statement-breakpoint
CREATE TYPE "public"."record_type" AS ENUM('NQ', 'CT', 'KL', 'QĐ', 'QC', 'HD', 'KH', 'BC', 'TB', 'CV', 'BB', 'CTr', 'other');--> statement-breakpoint
CREATE TABLE "archive_disposal_items" (
	"disposal_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	CONSTRAINT "archive_disposal_items_disposal_id_record_id_pk" PRIMARY KEY("disposal_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "archive_disposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "disposal_status" DEFAULT 'proposed' NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "archive_previews" (
	"version_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"storage_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	CONSTRAINT "archive_previews_version_id_page_pk" PRIMARY KEY("version_id","page")
);
--> statement-breakpoint
CREATE TABLE "archive_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"type" "record_type" NOT NULL,
	"number_symbol" text,
	"number_key" text,
	"title" text NOT NULL,
	"abstract" text,
	"issuer_name" text,
	"issued_on" date,
	"signer" text,
	"recipients" text,
	"classification" "record_classification" DEFAULT 'normal' NOT NULL,
	"audience" "record_audience" DEFAULT 'organization' NOT NULL,
	"retention_years" integer,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"legal_hold_reason" text,
	"status" "record_status" DEFAULT 'active' NOT NULL,
	"current_version_id" uuid,
	"search" "tsvector",
	"source_kind" text,
	"source_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"destroyed_at" timestamp with time zone,
	"destroyed_by" uuid,
	"disposal_id" uuid,
	CONSTRAINT "archive_records_retention" CHECK ("archive_records"."retention_years" is null or "archive_records"."retention_years" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "archive_retention_rules" (
	"type" "record_type" PRIMARY KEY NOT NULL,
	"years" integer
);
--> statement-breakpoint
CREATE TABLE "archive_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "archive_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text,
	"page_count" integer,
	"extraction" "extraction_status" DEFAULT 'queued' NOT NULL,
	"extraction_error" text,
	"text_source" text,
	"extracted_text" text,
	"processed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_disposal_items" ADD CONSTRAINT "archive_disposal_items_disposal_id_archive_disposals_id_fk" FOREIGN KEY ("disposal_id") REFERENCES "public"."archive_disposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposal_items" ADD CONSTRAINT "archive_disposal_items_record_id_archive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."archive_records"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_previews" ADD CONSTRAINT "archive_previews_version_id_archive_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."archive_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_current_version_id_archive_versions_id_fk" FOREIGN KEY ("current_version_id") REFERENCES "public"."archive_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_destroyed_by_users_id_fk" FOREIGN KEY ("destroyed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_uploads" ADD CONSTRAINT "archive_uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_versions" ADD CONSTRAINT "archive_versions_record_id_archive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."archive_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_versions" ADD CONSTRAINT "archive_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_disposals_org_idx" ON "archive_disposals" USING btree ("organization_id","proposed_at");--> statement-breakpoint
CREATE INDEX "archive_previews_storage_key_idx" ON "archive_previews" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "archive_records_org_idx" ON "archive_records" USING btree ("organization_id","issued_on");--> statement-breakpoint
CREATE INDEX "archive_records_number_key_idx" ON "archive_records" USING btree ("number_key");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_records_source_idx" ON "archive_records" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "archive_uploads_user_idx" ON "archive_uploads" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_versions_record_version_idx" ON "archive_versions" USING btree ("record_id","version");--> statement-breakpoint
CREATE INDEX "archive_versions_storage_key_idx" ON "archive_versions" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "archive_versions_extraction_idx" ON "archive_versions" USING btree ("extraction");