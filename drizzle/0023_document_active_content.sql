-- JavaScript or embedded files a PDF carries, noted on upload to warn whoever opens it.
ALTER TABLE "documents" ADD COLUMN "active_content" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "case_documents" ADD COLUMN "active_content" text[] DEFAULT '{}'::text[] NOT NULL;
