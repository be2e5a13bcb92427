import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '@/db/schema';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { TEST_META, createTestUser } from '@/lib/test/fixtures';
import { authenticate } from './credentials';
import { resolveSession, revokeUserSessions } from './sessions';
import { newTotpSecret, totpCodeAt } from './totp';

const db = () => getDb();
const attempt = (email: string, password: string, otp?: string) => authenticate(db(), { email, password, otp }, TEST_META);

async function userId(email: string) {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}

afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  resetEnvCache();
});

describe('sign-in', () => {
  it('signs in a demo account, creates a live session and audits it', async () => {
    const result = await attempt('Secretary@Quorum.local ', 'quorum-demo');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await resolveSession(db(), result.sessionId)).toBe(result.userId);
    const [row] = await db()
      .select({ action: auditEvents.action, ip: auditEvents.ip })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, result.sessionId));
    expect(row).toEqual({ action: 'auth.sign_in', ip: '127.0.0.1' });
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await attempt('nobody@quorum.local', 'quorum-demo');
    const wrong = await attempt('deputy@quorum.local', 'wrong-password');
    expect(unknown).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
    expect(wrong).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
  });

  it('locks an account after repeated failures, even for the right password, and counts in Postgres', async () => {
    await createTestUser('lockout@quorum.local');
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await attempt('lockout@quorum.local', `wrong-${i}`));
    expect(results.slice(0, 4).every((r) => !r.ok && r.code === 'INVALID_CREDENTIALS')).toBe(true);
    expect(results[4]).toMatchObject({ ok: false, code: 'LOCKED' });
    expect(await attempt('lockout@quorum.local', 'quorum-demo')).toMatchObject({ ok: false, code: 'LOCKED' });
  });

  it('refuses a disabled account with the generic answer', async () => {
    await createTestUser('disabled@quorum.local');
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.email, 'disabled@quorum.local'));
    expect(await attempt('disabled@quorum.local', 'quorum-demo')).toEqual({ ok: false, code: 'INVALID_CREDENTIALS' });
  });

  it('asks for a TOTP code, accepts a good one once, and refuses its replay', async () => {
    const secret = newTotpSecret();
    await db()
      .update(users)
      .set({ totpSecret: secret, totpEnabledAt: new Date() })
      .where(eq(users.email, 'deputy@quorum.local'));
    expect(await attempt('deputy@quorum.local', 'quorum-demo')).toEqual({ ok: false, code: 'TOTP_REQUIRED' });
    const code = totpCodeAt(secret, Date.now());
    expect((await attempt('deputy@quorum.local', 'quorum-demo', code)).ok).toBe(true);
    expect(await attempt('deputy@quorum.local', 'quorum-demo', code)).toEqual({ ok: false, code: 'TOTP_INVALID' });
    expect(await attempt('deputy@quorum.local', 'quorum-demo', '000000')).toMatchObject({ ok: false });
  });
});

describe('sessions', () => {
  it('are revoked for every device when the user is signed out everywhere', async () => {
    const a = await attempt('secretary@quorum.local', 'quorum-demo');
    const b = await attempt('secretary@quorum.local', 'quorum-demo');
    if (!a.ok || !b.ok) throw new Error('sign-in failed');
    expect(a.sessionId).not.toBe(b.sessionId); // a new session id at every sign-in
    await revokeUserSessions(db(), a.userId);
    expect(await resolveSession(db(), a.sessionId)).toBeUndefined();
    expect(await resolveSession(db(), b.sessionId)).toBeUndefined();
  });

  it('end when the user is disabled', async () => {
    await createTestUser('to-disable@quorum.local');
    const a = await attempt('to-disable@quorum.local', 'quorum-demo');
    if (!a.ok) throw new Error('sign-in failed');
    await db().update(users).set({ disabledAt: new Date() }).where(eq(users.id, a.userId));
    expect(await resolveSession(db(), a.sessionId)).toBeUndefined();
  });

  it('expire after the idle timeout and after the absolute lifetime', async () => {
    const id = await userId('member@quorum.local');
    const [idle] = await db()
      .insert(sessions)
      .values({ userId: id, expiresAt: new Date(Date.now() + 3_600_000), lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .returning({ id: sessions.id });
    const [old] = await db()
      .insert(sessions)
      .values({ userId: id, expiresAt: new Date(Date.now() - 1000) })
      .returning({ id: sessions.id });
    const [fresh] = await db()
      .insert(sessions)
      .values({ userId: id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning({ id: sessions.id });
    expect(await resolveSession(db(), idle!.id)).toBeUndefined();
    expect(await resolveSession(db(), old!.id)).toBeUndefined();
    expect(await resolveSession(db(), fresh!.id)).toBe(id);
    const [revoked] = await db().select({ at: sessions.revokedAt }).from(sessions).where(eq(sessions.id, idle!.id));
    expect(revoked!.at).not.toBeNull();
  });

  it('never stores the password in clear or in the audit log', async () => {
    await attempt('secretary@quorum.local', 'a-wrong-secret-password');
    const rows = await db().execute(sql`select details::text as d from audit_events`);
    expect(JSON.stringify(rows.rows)).not.toContain('a-wrong-secret-password');
  });
});
