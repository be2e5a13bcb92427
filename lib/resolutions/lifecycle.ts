import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { agendaItems, documentNumberSeries, meetings, memberships, resolutions, users } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { toVietnamParts } from '@/lib/meetings/time';
import { storeFile } from '@/lib/meetings/minutes-pdf';
import { AppError } from '@/lib/server/errors';
import { ballotOutcome } from '@/lib/votes/queries';
import { type ResolutionType, formatNumberSymbol, seriesOf } from './constants';
import { issuerFor, termOn } from './issuers';
import { renderResolutionPdf, signerTitleFor } from './pdf';

/**
 * The life of a document: draft (editable) → number held (optional; content still editable, type
 * fixed) → issued (number given if not held yet, PDF stored, immutable). A held number can be
 * abandoned: the document becomes the void record of that number, and its content continues in a
 * new draft. Numbers come from one counter row per series and are never given twice.
 */

export type DraftInput = {
  type: ResolutionType;
  congress: boolean;
  title: string;
  body: string;
  recipients: string;
  signingCapacity: string | null;
  signerId: string | null;
  meetingId: string | null;
  agendaItemId: string | null;
  ballotId: string | null;
};

/** Today in Vietnam (YYYY-MM-DD): the issue date and the date that picks the current term. */
export function vietnamToday(now = new Date()) {
  return toVietnamParts(now).date;
}

function invalid(field: string, key: string): AppError {
  return new AppError('VALIDATION_FAILED', { field, messageKey: `resolutions.errors.${key}` });
}

function conflict(key: string): AppError {
  return new AppError('CONFLICT', { messageKey: `resolutions.errors.${key}` });
}

/** The meeting, agenda item and ballot must belong together and to the issuing organisation. */
async function checkLinks(tx: Db, organizationId: string, input: Pick<DraftInput, 'meetingId' | 'agendaItemId' | 'ballotId'>) {
  if (input.meetingId) {
    const [meeting] = await tx.select({ organizationId: meetings.organizationId }).from(meetings).where(eq(meetings.id, input.meetingId));
    if (meeting?.organizationId !== organizationId) throw invalid('meetingId', 'meetingOther');
  }
  if (input.agendaItemId) {
    const [item] = await tx.select({ meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, input.agendaItemId));
    if (!input.meetingId || item?.meetingId !== input.meetingId) throw invalid('agendaItemId', 'agendaItemOther');
  }
  if (input.ballotId) {
    const ballot = await ballotOutcome(tx, input.ballotId);
    if (
      !ballot ||
      ballot.organizationId !== organizationId ||
      (input.meetingId && ballot.meetingId !== input.meetingId) ||
      (input.agendaItemId && ballot.agendaItemId !== input.agendaItemId)
    ) {
      throw invalid('ballotId', 'ballotOther');
    }
    if (ballot.status !== 'closed' || !ballot.passed) throw invalid('ballotId', 'ballotNotPassed');
  }
}

/** The signer must be the secretary or a deputy secretary of the issuing organisation. */
async function signerOf(tx: Db, organizationId: string, signerId: string) {
  const rows = await tx
    .select({ name: users.name, role: memberships.role, disabled: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.userId, signerId),
        inArray(memberships.role, ['secretary', 'deputy_secretary']),
      ),
    );
  const row = rows.find((r) => r.role === 'secretary') ?? rows[0];
  if (!row || row.disabled) throw invalid('signerId', 'signerNotLeader');
  return { name: row.name, title: signerTitleFor(row.role as 'secretary' | 'deputy_secretary') };
}

async function lockResolution(tx: Db, resolutionId: string) {
  const [row] = await tx.select().from(resolutions).where(eq(resolutions.id, resolutionId)).for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

function refuseUnlessOpen(status: string) {
  if (status === 'issued') throw conflict('alreadyIssued');
  if (status === 'void') throw conflict('isVoid');
}

export async function createDraft(tx: Db, input: DraftInput & { organizationId: string }, userId: string) {
  await checkLinks(tx, input.organizationId, input);
  if (input.signerId) await signerOf(tx, input.organizationId, input.signerId);
  const [row] = await tx
    .insert(resolutions)
    .values({ ...input, status: 'draft', createdBy: userId, updatedBy: userId })
    .returning({ id: resolutions.id });
  return row!;
}

/** Saves a draft (or the content of a document with a held number, whose type is then fixed). */
export async function updateDraft(tx: Db, input: DraftInput & { resolutionId: string; lockVersion: number }, userId: string) {
  const row = await lockResolution(tx, input.resolutionId);
  refuseUnlessOpen(row.status);
  if (row.lockVersion !== input.lockVersion) throw conflict('stale');
  if (row.status === 'reserved' && (row.type !== input.type || row.congress !== input.congress)) throw invalid('type', 'typeFixed');
  await checkLinks(tx, row.organizationId, input);
  if (input.signerId) await signerOf(tx, row.organizationId, input.signerId);
  const { resolutionId: _id, lockVersion: _lock, ...content } = input;
  await tx
    .update(resolutions)
    .set({ ...content, lockVersion: row.lockVersion + 1, updatedBy: userId, updatedAt: new Date() })
    .where(eq(resolutions.id, row.id));
  return { id: row.id, organizationId: row.organizationId, lockVersion: row.lockVersion + 1 };
}

/** Deletes a draft that never had a number (numbered documents are voided instead; trigger too). */
export async function deleteDraft(tx: Db, resolutionId: string) {
  const row = await lockResolution(tx, resolutionId);
  if (row.status !== 'draft') throw conflict('notDraft');
  await tx.delete(resolutions).where(eq(resolutions.id, row.id));
  return { id: row.id, organizationId: row.organizationId, title: row.title, meetingId: row.meetingId };
}

/**
 * The next number of a series, from its counter row: the upsert takes a row lock, so concurrent
 * transactions queue and each gets the next number; a rolled-back one gives its number back.
 */
export async function takeNumber(tx: Db, key: { organizationId: string; termId: string; series: string }) {
  const [row] = await tx
    .insert(documentNumberSeries)
    .values({ ...key, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentNumberSeries.organizationId, documentNumberSeries.termId, documentNumberSeries.series],
      set: { lastNumber: sql`"document_number_series"."last_number" + 1` },
    })
    .returning({ lastNumber: documentNumberSeries.lastNumber });
  return row!.lastNumber;
}

/** Gives the document the next number of its series in the term containing `on`. */
async function assignNumber(tx: Db, row: typeof resolutions.$inferSelect, on: string, field: string, userId: string, now: Date) {
  const term = await termOn(tx, row.organizationId, on);
  if (!term) throw invalid(field, field === 'issuedOn' ? 'noTermOnDate' : 'noCurrentTerm');
  const issuer = await issuerFor(tx, row.organizationId);
  if (!issuer) throw new AppError('NOT_FOUND');
  const type = row.type as ResolutionType;
  const series = seriesOf(type, row.congress);
  const number = await takeNumber(tx, { organizationId: row.organizationId, termId: term.id, series });
  const numberSymbol = formatNumberSymbol(number, type, row.congress ? issuer.congressCode : issuer.code);
  return { termId: term.id, termName: term.name, series, number, numberSymbol, numberedAt: now, numberedBy: userId };
}

/** Holds the next number for a draft (the number clerk's "lấy số" before signing). */
export async function reserveNumber(tx: Db, input: { resolutionId: string }, userId: string, on = vietnamToday()) {
  const row = await lockResolution(tx, input.resolutionId);
  refuseUnlessOpen(row.status);
  if (row.status !== 'draft') throw conflict('alreadyNumbered');
  const now = new Date();
  const { termName, ...numbering } = await assignNumber(tx, row, on, '_form', userId, now);
  await tx
    .update(resolutions)
    .set({ ...numbering, status: 'reserved', lockVersion: row.lockVersion + 1, updatedBy: userId, updatedAt: now })
    .where(eq(resolutions.id, row.id));
  return { id: row.id, organizationId: row.organizationId, numberSymbol: numbering.numberSymbol, number: numbering.number, termName };
}

export type IssueInput = { resolutionId: string; issuedOn: string; signerId: string; signingCapacity: string | null };

/**
 * Issues the document: the number (held, or the next one now), issue date and signer are fixed,
 * the PDF is rendered and stored with its SHA-256, and the row becomes immutable.
 */
export async function issueResolution(tx: Db, input: IssueInput, userId: string, today = vietnamToday()) {
  const row = await lockResolution(tx, input.resolutionId);
  refuseUnlessOpen(row.status);
  if (input.issuedOn > today) throw invalid('issuedOn', 'futureDate');
  const signer = await signerOf(tx, row.organizationId, input.signerId);
  const now = new Date();
  let numbering: { termId: string; series: string; number: number; numberSymbol: string; numberedAt: Date; numberedBy: string | null };
  if (row.status === 'reserved') {
    const term = await termOn(tx, row.organizationId, input.issuedOn);
    if (term?.id !== row.termId) throw invalid('issuedOn', 'outsideTerm');
    numbering = { termId: row.termId!, series: row.series!, number: row.number!, numberSymbol: row.numberSymbol!, numberedAt: row.numberedAt!, numberedBy: row.numberedBy };
  } else {
    const { termName: _term, ...assigned } = await assignNumber(tx, row, input.issuedOn, 'issuedOn', userId, now);
    numbering = assigned;
  }
  const issuer = await issuerFor(tx, row.organizationId);
  const bytes = await renderResolutionPdf(
    {
      type: row.type as ResolutionType,
      numberSymbol: numbering.numberSymbol,
      issuedOn: input.issuedOn,
      title: row.title,
      body: row.body,
      recipients: row.recipients,
      signingCapacity: input.signingCapacity,
      signerTitle: signer.title,
      signerName: signer.name,
      issuer: issuer!,
    },
    now,
  );
  const pdf = await storeFile(bytes);
  await tx
    .update(resolutions)
    .set({
      ...numbering,
      status: 'issued',
      signerId: input.signerId,
      signerName: signer.name,
      signerTitle: signer.title,
      signingCapacity: input.signingCapacity,
      issuedOn: input.issuedOn,
      issuedAt: now,
      issuedBy: userId,
      pdfStorageKey: pdf.storageKey,
      pdfSha256: pdf.sha256,
      lockVersion: row.lockVersion + 1,
      updatedBy: userId,
      updatedAt: now,
    })
    .where(eq(resolutions.id, row.id));
  return {
    id: row.id,
    organizationId: row.organizationId,
    numberSymbol: numbering.numberSymbol,
    number: numbering.number,
    issuedOn: input.issuedOn,
    pdfSha256: pdf.sha256,
    meetingId: row.meetingId,
  };
}

/**
 * Abandons a held number: the document is kept as the void record of that number (never given
 * again), and its content continues in a new draft, returned.
 */
export async function abandonNumber(tx: Db, input: { resolutionId: string; reason: string }, userId: string) {
  const row = await lockResolution(tx, input.resolutionId);
  refuseUnlessOpen(row.status);
  if (row.status !== 'reserved') throw conflict('notReserved');
  const now = new Date();
  await tx
    .update(resolutions)
    .set({ status: 'void', voidedAt: now, voidedBy: userId, voidReason: input.reason, updatedBy: userId, updatedAt: now })
    .where(eq(resolutions.id, row.id));
  const [draft] = await tx
    .insert(resolutions)
    .values({
      organizationId: row.organizationId,
      type: row.type,
      congress: row.congress,
      title: row.title,
      body: row.body,
      recipients: row.recipients,
      signingCapacity: row.signingCapacity,
      signerId: row.signerId,
      meetingId: row.meetingId,
      agendaItemId: row.agendaItemId,
      ballotId: row.ballotId,
      createdBy: userId,
      updatedBy: userId,
    })
    .returning({ id: resolutions.id });
  return { id: row.id, organizationId: row.organizationId, numberSymbol: row.numberSymbol!, draftId: draft!.id, meetingId: row.meetingId };
}
