import pg from 'pg';

/** One readable line for a database that cannot be reached, instead of a stack trace. */
export async function checkConnection(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const { hostname, port, pathname } = new URL(url);
    const where = `${hostname}:${port || 5432}${pathname}`;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `Cannot reach PostgreSQL at ${where} (${reason}). Check DATABASE_URL and that the server is running.`;
  } finally {
    await client.end().catch(() => undefined);
  }
}
