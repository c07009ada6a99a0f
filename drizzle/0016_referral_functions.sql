-- What a project's lead may see and do on the network's side of a referral, through
-- functions that check the permission themselves: the lead cannot read the network's
-- applications, applicants or assessments directly.

-- The case as offered: the applicant, the conviction, the lines of investigation, and what a
-- letter to the applicant needs. For the network's staff, and for the offer's project leads
-- while it is open or once they took the case; after a project declined it, or it lapsed or
-- was withdrawn, its leads get the reference alone (the case pack closes at the same moment,
-- app_case_pack in 0015).
CREATE OR REPLACE FUNCTION app_offer_case(offer uuid) RETURNS jsonb
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    o referral_offers;
    result jsonb;
  BEGIN
    SELECT * INTO o FROM referral_offers WHERE id = offer;
    IF o.id IS NULL OR NOT (
      app_has_permission('respond:referral:own', o.project_id)
      OR app_has_permission('view:application:any', o.organisation_id)) THEN
      RETURN NULL;
    END IF;
    IF o.status NOT IN ('offered', 'accepted')
       AND NOT app_has_permission('view:application:any', o.organisation_id) THEN
      RETURN jsonb_build_object('reference', (SELECT reference FROM applications WHERE id = o.application_id));
    END IF;
    SELECT jsonb_build_object(
      'reference', a.reference,
      'receivedOn', a.received_on,
      'applicant', jsonb_build_object(
        'fullName', p.full_name, 'aliases', to_jsonb(p.aliases), 'dateOfBirth', p.date_of_birth,
        'prisonerNumber', p.prisoner_number, 'otherPrisonerNumber', p.other_prisoner_number,
        'establishment', e.name, 'postalAddress', p.postal_address, 'largePrint', p.large_print,
        'language', p.language, 'legalCorrespondence', p.legal_correspondence),
      'establishment', CASE WHEN e.id IS NULL THEN NULL ELSE jsonb_build_object(
        'name', e.name, 'addressLines', to_jsonb(e.address_lines), 'postcode', e.postcode,
        'jurisdiction', e.jurisdiction) END,
      'conviction', jsonb_build_object(
        'offences', s.offences, 'offenceType', s.offence_type, 'courtType', s.court_type,
        'courtName', s.court_name, 'jurisdiction', s.jurisdiction, 'offenceDate', s.offence_date,
        'convictionDate', s.conviction_date, 'sentenceDate', s.sentence_date, 'plea', s.plea,
        'sentence', s.sentence, 'tariff', s.tariff, 'coDefendants', s.co_defendants,
        'appealStages', s.appeal_stages, 'priorReviews', s.prior_reviews,
        'suspectedCauses', to_jsonb(s.suspected_causes), 'flags', to_jsonb(s.flags),
        'couldBeInnocentReasons', s.could_be_innocent_reasons,
        'canBeInvestigatedReasons', s.can_be_investigated_reasons),
      'lines', coalesce((SELECT jsonb_agg(jsonb_build_object(
          'category', l.category, 'description', l.description, 'rationale', l.rationale,
          'priority', l.priority) ORDER BY l.position)
        FROM investigation_lines l WHERE l.assessment_id = s.id), '[]'::jsonb),
      'network', jsonb_build_object(
        'name', (SELECT name FROM organisations WHERE id = o.organisation_id),
        'returnAddress', coalesce((SELECT value FROM settings WHERE key = 'letter_return_address'), '[]'::jsonb)))
    INTO result
    FROM applications a
    JOIN applicants p ON p.id = a.applicant_id
    LEFT JOIN establishments e ON e.id = p.current_establishment_id
    JOIN assessments s ON s.id = o.assessment_id
    WHERE a.id = o.application_id;
    RETURN result;
  END
  $$;
--> statement-breakpoint
-- The network's side of an acceptance, in the accepting transaction: the application is
-- referred, and the letter telling the applicant which project took the case is filed on it.
-- Returns the letter's document and the applicant, for the audit event.
CREATE OR REPLACE FUNCTION app_complete_acceptance(offer uuid, filename text, media_type text,
    byte_size int, sha256 text, storage_key text, summary text)
    RETURNS TABLE (letter_id uuid, subject_id uuid)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    o referral_offers;
    applicant uuid;
    doc uuid;
  BEGIN
    SELECT * INTO o FROM referral_offers WHERE id = offer;
    IF o.id IS NULL OR o.status <> 'accepted' OR NOT app_has_permission('respond:referral:own', o.project_id) THEN
      RAISE EXCEPTION 'not allowed to complete this acceptance' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE applications SET state = 'referred', closed_reason = NULL, updated_at = now(), version = version + 1
      WHERE id = o.application_id RETURNING applicant_id INTO applicant;
    INSERT INTO documents (application_id, applicant_id, kind, filename, media_type, byte_size, sha256, storage_key, created_by)
      VALUES (o.application_id, applicant, 'letter_out', filename, media_type, byte_size, sha256, storage_key, app_user_id())
      RETURNING id INTO doc;
    INSERT INTO correspondence (applicant_id, application_id, direction, kind, occurred_on, summary, document_id, created_by)
      VALUES (applicant, o.application_id, 'out', 'letter', current_date, summary, doc, app_user_id());
    RETURN QUERY SELECT doc, applicant;
  END
  $$;
--> statement-breakpoint
-- A case leaves its project (handed back by its lead): the application awaits referral again.
CREATE OR REPLACE FUNCTION app_case_handed_back(case_id uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    c cases;
  BEGIN
    SELECT * INTO c FROM cases WHERE id = case_id;
    IF c.id IS NULL OR c.stage <> 'handed_back' OR NOT app_has_permission('respond:referral:own', c.organisation_id) THEN
      RAISE EXCEPTION 'not allowed to hand this case back' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE applications SET state = 'awaiting_referral', updated_at = now(), version = version + 1
      WHERE id = c.application_id AND state = 'referred';
  END
  $$;
--> statement-breakpoint
-- Referral coordinators move applications between "awaiting referral" and "referred"
-- (withdrawing a referral, taking a case back), and touch no application in another state.
CREATE POLICY app_refer ON applications FOR UPDATE TO clearname_app
  USING (state IN ('awaiting_referral', 'referred')
    AND organisation_id = ANY ((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]))
  WITH CHECK (state IN ('awaiting_referral', 'referred')
    AND organisation_id = ANY ((SELECT app_permitted_org_ids('refer:application:any'))::uuid[]));
