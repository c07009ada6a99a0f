ALTER TABLE "cases" ADD COLUMN "account" jsonb;--> statement-breakpoint
ALTER TABLE "referral_offers" ADD COLUMN "include_account" boolean DEFAULT true NOT NULL;
--> statement-breakpoint
-- The case as offered (0016) now carries the applicant's own account, the questionnaire's
-- answers as the network received them, when the coordinator left it ticked on the offer.
-- Who may read it is unchanged: the network's staff, and the offer's project leads while it is
-- open or once they took the case.
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
      'account', CASE WHEN o.include_account THEN jsonb_build_object(
        'answers', a.questionnaire, 'channel', a.channel, 'receivedOn', a.received_on) END,
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
