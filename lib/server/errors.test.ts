import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { AppError, toAppError } from './errors';

describe('toAppError', () => {
  it('maps a unique violation raised through Drizzle to CONFLICT (409)', async () => {
    const error = await getDb()
      .insert(users)
      .values({ email: 'MEMBER@quorum.local', name: 'x', passwordHash: 'x' })
      .catch((e: unknown) => e);
    const mapped = toAppError(error);
    expect(mapped.code).toBe('CONFLICT');
    expect(mapped.status).toBe(409);
  });

  it('maps other database errors to INTERNAL, and keeps AppErrors', async () => {
    const error = await getDb().execute(sql`select 1/0`).catch((e: unknown) => e);
    expect(toAppError(error).code).toBe('INTERNAL');
    const own = new AppError('NOT_FOUND');
    expect(toAppError(own)).toBe(own);
  });

  it('maps an unreachable server and an exhausted pool to SERVICE_UNAVAILABLE (503)', () => {
    expect(toAppError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).status).toBe(503);
    expect(toAppError(new Error('timeout exceeded when trying to connect')).code).toBe('SERVICE_UNAVAILABLE');
  });
});
