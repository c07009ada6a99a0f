-- The names of the people in the audit trail, for whoever may read the events they acted in:
-- a reader of the whole trail, or an organisation's officer for those who acted on its records.
-- The users table itself stays closed to them.
CREATE OR REPLACE FUNCTION app_audit_actor_names(ids uuid[]) RETURNS TABLE (user_id uuid, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id, u.name FROM users u
    WHERE u.id = ANY (ids)
      AND (app_has_permission('view:audit:any')
        OR EXISTS (SELECT 1 FROM audit_events e
          WHERE e.actor_user_id = u.id
            AND e.organisation_id = ANY (app_permitted_org_ids('protect:data:own'))))
  $$;
