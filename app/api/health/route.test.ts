import { describe, expect, it } from 'vitest';
import { closeDb } from '@/lib/db/client';
import { freePort } from '@/lib/db/embedded';
import { GET } from './route';

describe('GET /api/health', () => {
  it('answers 200 with the database up', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 when the database is unreachable', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `postgres://postgres:x@127.0.0.1:${await freePort()}/quorum`;
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'degraded', db: 'unreachable' });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});
