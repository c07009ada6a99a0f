-- Erasure deletes a document's dependents first, as the officer (delete-with-dependents):
-- a scan's reading and a redacted copy's record go with the documents they belong to.
CREATE POLICY app_delete ON scan_readings FOR DELETE TO clearname_app
  USING ((document_id IS NOT NULL AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id))
      OR (case_document_id IS NOT NULL AND EXISTS (SELECT 1 FROM case_documents d WHERE d.id = case_document_id)));
--> statement-breakpoint
GRANT DELETE ON scan_readings TO clearname_app;
--> statement-breakpoint
CREATE POLICY app_delete ON case_document_redactions FOR DELETE TO clearname_app
  USING (EXISTS (SELECT 1 FROM case_documents d WHERE d.id = original_id)
      OR EXISTS (SELECT 1 FROM case_documents d WHERE d.id = redacted_id));
--> statement-breakpoint
GRANT DELETE ON case_document_redactions TO clearname_app;
