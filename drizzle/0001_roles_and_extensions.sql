-- Extensions Clearname relies on (drizzle-kit does not emit these).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- The role every request's transaction runs as (SET LOCAL ROLE), so that row-level
-- security applies even where the connecting role is a superuser (PGlite always is).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'clearname_app') THEN
    CREATE ROLE clearname_app NOLOGIN;
  END IF;
  -- The connecting role must be able to SET ROLE to it. From PostgreSQL 16 a role's
  -- creator is not automatically allowed to, so the SET option is granted explicitly.
  IF current_setting('server_version_num')::int >= 160000 THEN
    IF NOT pg_has_role(current_user, 'clearname_app', 'SET') THEN
      EXECUTE format('GRANT clearname_app TO %I WITH SET TRUE', current_user);
    END IF;
  ELSIF NOT pg_has_role(current_user, 'clearname_app', 'MEMBER') THEN
    EXECUTE format('GRANT clearname_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO clearname_app;
--> statement-breakpoint
-- The acting user of the current transaction, set with set_config('app.user_id', …, true).
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
-- True when the acting user holds, through a membership that is active today, a role that
-- grants the permission. With org_id, only memberships in that organisation count.
-- SECURITY DEFINER so that policies on memberships can call it without recursing.
CREATE OR REPLACE FUNCTION app_has_permission(perm text, org_id uuid DEFAULT NULL) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1
      FROM memberships m
      JOIN role_permissions rp ON rp.role_key = m.role_key
      JOIN users u ON u.id = m.user_id AND u.disabled_at IS NULL
      WHERE m.user_id = app_user_id()
        AND rp.permission_key = perm
        AND m.starts_on <= current_date
        AND (m.ends_on IS NULL OR m.ends_on > current_date)
        AND (org_id IS NULL OR m.organisation_id = org_id)
    )
  $$;
--> statement-breakpoint
-- Organisations in which the acting user has an active membership.
CREATE OR REPLACE FUNCTION app_member_org_ids() RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.organisation_id
    FROM memberships m
    WHERE m.user_id = app_user_id()
      AND m.starts_on <= current_date
      AND (m.ends_on IS NULL OR m.ends_on > current_date)
  $$;
--> statement-breakpoint
-- A membership's role must be one for that kind of organisation.
CREATE OR REPLACE FUNCTION memberships_check_scope() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    role_scope text;
    org_kind text;
  BEGIN
    SELECT scope INTO role_scope FROM roles WHERE key = NEW.role_key;
    SELECT kind INTO org_kind FROM organisations WHERE id = NEW.organisation_id;
    IF role_scope IS DISTINCT FROM (CASE org_kind WHEN 'network' THEN 'network' ELSE 'project' END) THEN
      RAISE EXCEPTION 'role % cannot be held in a % organisation', NEW.role_key, org_kind
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER memberships_check_scope BEFORE INSERT OR UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_check_scope();
--> statement-breakpoint
-- Lets those who manage memberships find an existing account by e-mail address before
-- adding it to their organisation, without being able to list other organisations' users.
CREATE OR REPLACE FUNCTION app_find_user_by_email(addr text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT u.id FROM users u
    WHERE lower(u.email) = lower(addr)
      AND (app_has_permission('manage:membership:any') OR app_has_permission('manage:membership:own'))
  $$;
--> statement-breakpoint
-- Issues the single-use link with which a newly added person chooses their first password.
-- Only for an account that has no password yet, and only for someone who manages memberships.
CREATE OR REPLACE FUNCTION app_issue_invitation(target uuid, token_hash text, expires timestamptz) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NOT (app_has_permission('manage:membership:any') OR app_has_permission('manage:membership:own')) THEN
      RAISE EXCEPTION 'not allowed to invite users' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM users WHERE id = target AND password_hash IS NULL) THEN
      RAISE EXCEPTION 'only a new account without a password can be invited' USING ERRCODE = 'check_violation';
    END IF;
    DELETE FROM password_tokens WHERE user_id = target AND used_at IS NULL;
    INSERT INTO password_tokens (id, user_id, purpose, expires_at) VALUES (token_hash, target, 'invite', expires);
  END
  $$;
--> statement-breakpoint
-- A user may change their own name and credentials, but not their e-mail address or
-- whether their account is disabled; those are for the network's administrators.
CREATE OR REPLACE FUNCTION users_guard_self_update() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF current_user = 'clearname_app'
       AND NOT app_has_permission('manage:user:any')
       AND (NEW.email IS DISTINCT FROM OLD.email OR NEW.disabled_at IS DISTINCT FROM OLD.disabled_at) THEN
      RAISE EXCEPTION 'only an administrator can change an e-mail address or disable an account'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER users_guard_self_update BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_guard_self_update();
