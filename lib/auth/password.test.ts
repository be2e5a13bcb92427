import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { totpCodeAt, verifyTotp, newTotpSecret } from './totp';

describe('passwords', () => {
  it('hash with argon2id and verify', async () => {
    const hash = await hashPassword('mật khẩu rất dài của tôi');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'mật khẩu rất dài của tôi')).toBe(true);
    expect(await verifyPassword(hash, 'mat khau rat dai cua toi')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });

  it('refuse short and common passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('password123')).toBe('too_common');
    expect(passwordProblem('qwertyuiop')).toBe('too_common');
    expect(passwordProblem('nguyenvanan1', ['Nguyễn Văn An', 'nguyenvanan'])).toBe('too_common');
    expect(passwordProblem('đồng-lúa chín vàng 1975 ở quê')).toBeUndefined();
  });
});

describe('TOTP', () => {
  it('accepts the current code, tolerates one step of drift, and refuses reuse of a step', () => {
    const secret = newTotpSecret();
    const now = Date.parse('2026-11-21T08:00:10Z');
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(secret, totpCodeAt(secret, now), null, now)).toBe(step);
    expect(verifyTotp(secret, totpCodeAt(secret, now - 30_000), null, now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCodeAt(secret, now - 90_000), null, now)).toBeUndefined();
    expect(verifyTotp(secret, totpCodeAt(secret, now), step, now)).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', null, now)).toBeUndefined();
  });
});
