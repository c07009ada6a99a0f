-- An applicant without aliases had names_text ending in a space ("ann smith "): harmless to
-- trigram matching, but not what it says. concat_ws skips NULLs, so an empty alias list adds nothing.
CREATE OR REPLACE FUNCTION applicants_names_text() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.names_text := lower(concat_ws(' ', NEW.full_name, nullif(array_to_string(NEW.aliases, ' '), '')));
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
UPDATE applicants SET names_text = rtrim(names_text) WHERE names_text LIKE '% ';
