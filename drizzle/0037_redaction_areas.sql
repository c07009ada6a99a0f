-- How many areas (a page and a rectangle) a redacted copy painted over, beside its passages.
-- The table's grants and row-level security are unchanged: the app role inserts whole rows.
ALTER TABLE "case_document_redactions" ADD COLUMN "areas" integer DEFAULT 0 NOT NULL;
