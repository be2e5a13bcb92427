import pg from 'pg';

export const APP_ROLE = 'quorum_app';

/**
 * The role the web app connects as: it owns nothing, so it cannot alter tables, disable the
 * audit triggers or set `session_replication_role`; it may read and write the data, and may only
 * INSERT into (and read) the audit log. Idempotent: run after every migration, so new tables
 * are covered and the audit restriction is re-applied.
 */
export async function ensureAppRole(ownerUrl: string, password: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(APP_ROLE);
    const secret = client.escapeLiteral(password);
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    const options = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS PASSWORD ${secret}`;
    await client.query(rowCount ? `ALTER ROLE ${role} ${options}` : `CREATE ROLE ${role} ${options}`);
    const database = client.escapeIdentifier((await client.query('select current_database() as d')).rows[0].d);
    await client.query(`
      GRANT CONNECT ON DATABASE ${database} TO ${role};
      GRANT USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role};
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${role};
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;`);
  } finally {
    await client.end();
  }
}

/** The same URL with the app role's credentials. */
export function appRoleUrl(ownerUrl: string, password: string) {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}
