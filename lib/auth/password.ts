import 'server-only';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */ as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Checked against an unknown user too, so both answers take the same time. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  dummyHash ??= hashPassword('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

let strength: ZxcvbnFactory | undefined;
function estimator() {
  strength ??= new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  return strength;
}

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** Length plus a check against common-password lists and guessable patterns (zxcvbn). */
export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > 256) return 'too_long';
  if (estimator().check(password, userInputs).score < 3) return 'too_common';
  return undefined;
}
