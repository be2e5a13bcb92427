import 'server-only';
import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { type OrganizationKind, committeeTerms, documentIssuers, organizations } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { AppError, rootCause } from '@/lib/server/errors';

type OrgFacts = { name: string; kind: OrganizationKind; code: string };

const PREFIXES: [RegExp, string][] = [
  [/^Tỉnh [uủ]ỷ?y?\s+/iu, 'Đảng bộ tỉnh '],
  [/^Huyện [uủ]ỷ?y?\s+/iu, 'Đảng bộ huyện '],
  [/^Thành [uủ]ỷ?y?\s+/iu, 'Đảng bộ thành phố '],
  [/^Thị [uủ]ỷ?y?\s+/iu, 'Đảng bộ thị xã '],
  [/^Đảng [uủ]ỷ?y?\s+/iu, 'Đảng bộ '],
];

/** The Party organisation a committee leads: `Huyện ủy Kim Bảng` → `Đảng bộ huyện Kim Bảng`. */
function partyOrganizationName(name: string) {
  for (const [pattern, replacement] of PREFIXES) if (pattern.test(name)) return name.replace(pattern, replacement);
  return name;
}

/** The place name of a committee: `Huyện ủy Kim Bảng` → `Kim Bảng`, `Đảng ủy xã Tân Sơn` → `Tân Sơn`. */
function placeOf(name: string) {
  const bare = name.replace(/^(Tỉnh|Huyện|Thành|Thị|Đảng) [uủ]ỷ?y?\s+/iu, '').replace(/^(xã|phường|thị trấn|thôn|tổ dân phố)\s+/iu, '');
  return bare.trim() || name;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/**
 * The usual header of an organisation's documents, from its name and its parent: a committee
 * signs under its superior Party organisation (`ĐẢNG BỘ TỈNH HÀ NAM` / `HUYỆN ỦY KIM BẢNG`); a cell
 * under the Party organisation it belongs to, with its parent's place.
 */
export function defaultIssuer(org: OrgFacts, parent: OrgFacts | null) {
  const superiorName = parent ? upper(parent.kind === 'cell' ? parent.name : partyOrganizationName(parent.name)) : null;
  const place = org.kind === 'cell' && parent ? placeOf(parent.name) : placeOf(org.name);
  return { code: org.code, congressCode: 'ĐH', superiorName, headerName: upper(org.name), place };
}

export type IssuerSettings = ReturnType<typeof defaultIssuer> & { organizationId: string; saved: boolean };

/** The organisation's issuer settings, or the defaults from its name when none are saved yet. */
export async function issuerFor(db: Db, organizationId: string): Promise<IssuerSettings | undefined> {
  const [saved] = await db
    .select({
      code: documentIssuers.code,
      congressCode: documentIssuers.congressCode,
      superiorName: documentIssuers.superiorName,
      headerName: documentIssuers.headerName,
      place: documentIssuers.place,
    })
    .from(documentIssuers)
    .where(eq(documentIssuers.organizationId, organizationId));
  if (saved) return { ...saved, organizationId, saved: true };
  const [org] = await db
    .select({ name: organizations.name, kind: organizations.kind, code: organizations.code, parentId: organizations.parentId })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!org) return undefined;
  const [parent] = org.parentId
    ? await db
        .select({ name: organizations.name, kind: organizations.kind, code: organizations.code })
        .from(organizations)
        .where(eq(organizations.id, org.parentId))
    : [];
  return { ...defaultIssuer(org, parent ?? null), organizationId, saved: false };
}

export type IssuerInput = {
  organizationId: string;
  code: string;
  congressCode: string;
  superiorName: string | null;
  headerName: string;
  place: string;
};

/** Saves the issuer settings (numbers already given keep the code they were given with). */
export async function saveIssuer(tx: Db, input: IssuerInput, userId: string) {
  const values = { ...input, updatedBy: userId, updatedAt: new Date() };
  await tx
    .insert(documentIssuers)
    .values(values)
    .onConflictDoUpdate({ target: documentIssuers.organizationId, set: { ...values, organizationId: undefined } });
}

export const termColumns = {
  id: committeeTerms.id,
  organizationId: committeeTerms.organizationId,
  name: committeeTerms.name,
  startsOn: committeeTerms.startsOn,
  endsOn: committeeTerms.endsOn,
};

/** An organisation's terms, newest first. */
export async function termsOf(db: Db, organizationId: string) {
  return db.select(termColumns).from(committeeTerms).where(eq(committeeTerms.organizationId, organizationId)).orderBy(desc(committeeTerms.startsOn));
}

/** The term whose dates contain `date` (YYYY-MM-DD); terms never overlap. */
export async function termOn(db: Db, organizationId: string, date: string) {
  const [term] = await db
    .select(termColumns)
    .from(committeeTerms)
    .where(and(eq(committeeTerms.organizationId, organizationId), lte(committeeTerms.startsOn, date), gte(committeeTerms.endsOn, date)))
    .orderBy(asc(committeeTerms.startsOn))
    .limit(1);
  return term;
}

export type TermInput = { organizationId: string; name: string; startsOn: string; endsOn: string };

function termConflict(error: unknown): never {
  const { code, message } = rootCause(error);
  if (code === '23P01') throw new AppError('CONFLICT', { field: 'startsOn', messageKey: 'resolutions.errors.termOverlap' });
  if (code === '23505' && /committee_terms_org_name/.test(message ?? '')) {
    throw new AppError('CONFLICT', { field: 'name', messageKey: 'resolutions.errors.termNameTaken' });
  }
  throw error;
}

function checkDates(input: { startsOn: string; endsOn: string }) {
  if (input.endsOn < input.startsOn) throw new AppError('VALIDATION_FAILED', { field: 'endsOn', messageKey: 'resolutions.errors.termDates' });
}

/** Adds a term; overlapping another term of the organisation is refused with a field message. */
export async function addTerm(tx: Db, input: TermInput) {
  checkDates(input);
  try {
    // A savepoint, so a refused insert leaves the surrounding transaction usable.
    return await tx.transaction(async (sp) => {
      const [row] = await sp.insert(committeeTerms).values(input).returning(termColumns);
      return row!;
    });
  } catch (error) {
    termConflict(error);
  }
}

/** Renames or moves a term of the same organisation (numbers already given keep their term). */
export async function updateTerm(tx: Db, input: TermInput & { termId: string }) {
  checkDates(input);
  try {
    return await tx.transaction(async (sp) => {
      const [before] = await sp.select(termColumns).from(committeeTerms).where(eq(committeeTerms.id, input.termId)).for('update');
      if (!before || before.organizationId !== input.organizationId) throw new AppError('NOT_FOUND');
      const [after] = await sp
        .update(committeeTerms)
        .set({ name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, updatedAt: new Date() })
        .where(eq(committeeTerms.id, input.termId))
        .returning(termColumns);
      return { before, after: after! };
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    termConflict(error);
  }
}

/** Removes a term that no number was ever given in (numbered documents keep their term). */
export async function deleteTerm(tx: Db, input: { organizationId: string; termId: string }) {
  try {
    return await tx.transaction(async (sp) => {
      const [row] = await sp
        .delete(committeeTerms)
        .where(and(eq(committeeTerms.id, input.termId), eq(committeeTerms.organizationId, input.organizationId)))
        .returning(termColumns);
      if (!row) throw new AppError('NOT_FOUND');
      return row;
    });
  } catch (error) {
    // 23001 restrict / 23503 foreign key: a number was given in the term.
    if (['23001', '23503'].includes(rootCause(error).code ?? '')) throw new AppError('CONFLICT', { messageKey: 'resolutions.errors.termInUse' });
    throw error;
  }
}
