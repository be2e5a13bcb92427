CREATE TABLE "archive_title_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE INDEX "archive_title_words_trgm_idx" ON "archive_title_words" USING gin ("word" gin_trgm_ops);