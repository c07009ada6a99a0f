-- E-mails already in the outbox may hold a live password-reset or invitation link: withhold it,
-- as the mailer now does for every new one (app/shared/link-secrets.ts, ADR 017).
UPDATE "email_outbox"
SET "text_body" = regexp_replace(
  "text_body",
  'https?://[^[:space:]]*/(reset-password|invitations)/[A-Za-z0-9_-]+',
  '[link sent to the recipient only]',
  'g'
)
WHERE "text_body" ~ '/(reset-password|invitations)/[A-Za-z0-9_-]';
