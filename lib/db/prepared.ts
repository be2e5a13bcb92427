import 'server-only';
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client';

// The same casing as the client (lib/db/client.ts), so column references render alike.
const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * Runs a raw statement as a NAMED prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call. For the hot paths only (the vote cast plans for longer
 * than it runs). The name is a hash of the text, so different texts never share a name; the
 * values must all be parameters, never spliced into the text.
 */
export async function executePrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `q_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
  const result = (await db._.session.prepareQuery({ sql: text, params }, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
