import 'server-only';
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AgendaItemKind, type MeetingStatus, agendaItemKind, agendaItems, meetingDocuments, meetings } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import type { MeetingAccess } from './access';
import { announceMeetingChange } from './events';

/** The agenda can be changed while the meeting is being prepared (before it opens). */
export const AGENDA_EDITABLE: readonly MeetingStatus[] = ['draft', 'invited'];

/** Documents can be added or removed until the meeting is closed. */
export const DOCUMENTS_EDITABLE: readonly MeetingStatus[] = ['draft', 'invited', 'in_progress'];

export function canEditAgenda(access: MeetingAccess): boolean {
  return access.canPrepare && AGENDA_EDITABLE.includes(access.meeting.status);
}

export function canEditDocuments(access: MeetingAccess): boolean {
  return access.canPrepare && DOCUMENTS_EDITABLE.includes(access.meeting.status);
}

/**
 * Guests (named invitees without a seat or a role over the meeting) do not see items marked
 * "hidden from guests", nor their documents.
 */
export function seesHiddenItems(access: MeetingAccess): boolean {
  return Boolean(access.canPrepare || access.canApprove || access.canOversee || access.seat || !access.invitation?.isGuest);
}

export type AgendaItem = {
  id: string;
  position: number;
  title: string;
  presenter: string | null;
  plannedMinutes: number | null;
  kind: AgendaItemKind;
  hiddenFromGuests: boolean;
};

const agendaColumns = {
  id: agendaItems.id,
  position: agendaItems.position,
  title: agendaItems.title,
  presenter: agendaItems.presenter,
  plannedMinutes: agendaItems.plannedMinutes,
  kind: agendaItems.kind,
  hiddenFromGuests: agendaItems.hiddenFromGuests,
};

/** The agenda in order; items hidden from guests are left out (in SQL) unless the viewer may see them. */
export async function listAgenda(db: Db, access: MeetingAccess): Promise<AgendaItem[]> {
  return db
    .select(agendaColumns)
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.meetingId, access.meeting.id),
        seesHiddenItems(access) ? undefined : eq(agendaItems.hiddenFromGuests, false),
      ),
    )
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

// ---- Input ---------------------------------------------------------------------------------

const id = z.guid();
/** The agenda version the form was rendered with (optimistic concurrency). */
const version = z.coerce.number().int().min(0);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));

const itemFields = {
  title: z.string().trim().min(1).max(300),
  presenter: optionalText(200),
  plannedMinutes: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 600), { error: 'v:invalid' }),
  kind: z.enum(agendaItemKind.enumValues, { error: 'v:choose_one' }),
  // A checkbox: present ("on") when ticked, absent otherwise.
  hiddenFromGuests: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
};

export const addItemSchema = z.object({ meetingId: id, version, ...itemFields });
export const updateItemSchema = z.object({ meetingId: id, itemId: id, version, ...itemFields });
export const itemRefSchema = z.object({ meetingId: id, itemId: id, version });
export const moveItemSchema = z.object({ meetingId: id, itemId: id, version, direction: z.enum(['up', 'down']) });

// ---- Changes (each inside the caller's transaction) ------------------------------------------

/**
 * Locks the meeting row for the rest of the transaction and checks that the agenda is still the
 * one the user saw and may still change. Two people changing the agenda at once are serialised
 * here: the second waits, then finds a newer version and is told so, changing nothing.
 */
export async function lockAgenda(tx: Db, meetingId: string, seenVersion: number) {
  return lockMeeting(tx, meetingId, { seenVersion, editable: AGENDA_EDITABLE, notEditable: 'agenda.errors.notEditable' });
}

/** The same lock for document changes, which need no version (adding a file reorders nothing). */
export async function lockForDocuments(tx: Db, meetingId: string) {
  return lockMeeting(tx, meetingId, { editable: DOCUMENTS_EDITABLE, notEditable: 'agenda.documents.errors.notEditable' });
}

async function lockMeeting(
  tx: Db,
  meetingId: string,
  options: { seenVersion?: number; editable: readonly MeetingStatus[]; notEditable: string },
) {
  const [row] = await tx
    .select({ status: meetings.status, agendaVersion: meetings.agendaVersion, organizationId: meetings.organizationId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  if (!options.editable.includes(row.status)) throw new AppError('CONFLICT', { messageKey: options.notEditable });
  if (options.seenVersion !== undefined && row.agendaVersion !== options.seenVersion) {
    throw new AppError('CONFLICT', { messageKey: 'agenda.errors.stale' });
  }
  return row;
}

/** Records that the agenda changed: a new version, and a notice to live clients after commit. */
export async function bumpAgendaVersion(tx: Db, meetingId: string): Promise<number> {
  const [row] = await tx
    .update(meetings)
    .set({ agendaVersion: sql`${meetings.agendaVersion} + 1`, updatedAt: new Date() })
    .where(eq(meetings.id, meetingId))
    .returning({ agendaVersion: meetings.agendaVersion });
  await announceMeetingChange(tx, meetingId, 'agenda');
  return row!.agendaVersion;
}

type ItemInput = z.output<typeof addItemSchema>;

export async function addAgendaItem(tx: Db, input: ItemInput) {
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${agendaItems.position}), 0) + 1` })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, input.meetingId))) as [{ next: number }];
  const [row] = await tx
    .insert(agendaItems)
    .values({
      meetingId: input.meetingId,
      position: Number(next),
      title: input.title,
      presenter: input.presenter,
      plannedMinutes: input.plannedMinutes,
      kind: input.kind,
      hiddenFromGuests: input.hiddenFromGuests,
    })
    .returning(agendaColumns);
  return row!;
}

async function itemOf(tx: Db, meetingId: string, itemId: string): Promise<AgendaItem> {
  const [row] = await tx
    .select(agendaColumns)
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!row) throw new AppError('CONFLICT', { messageKey: 'agenda.errors.itemGone' });
  return row;
}

export async function updateAgendaItem(tx: Db, input: z.output<typeof updateItemSchema>) {
  const before = await itemOf(tx, input.meetingId, input.itemId);
  const [after] = await tx
    .update(agendaItems)
    .set({
      title: input.title,
      presenter: input.presenter,
      plannedMinutes: input.plannedMinutes,
      kind: input.kind,
      hiddenFromGuests: input.hiddenFromGuests,
    })
    .where(eq(agendaItems.id, input.itemId))
    .returning(agendaColumns);
  return { before, after: after! };
}

/** Deletes an item with its documents, and closes the gap in the numbering. */
export async function deleteAgendaItem(tx: Db, meetingId: string, itemId: string) {
  const item = await itemOf(tx, meetingId, itemId);
  // Documents go with their item: left behind, a hidden item's papers would become visible to guests.
  const documents = await tx
    .delete(meetingDocuments)
    .where(and(eq(meetingDocuments.meetingId, meetingId), eq(meetingDocuments.agendaItemId, itemId)))
    .returning({ id: meetingDocuments.id, fileName: meetingDocuments.fileName });
  await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
  await renumber(tx, meetingId);
  return { item, documents };
}

/** Swaps an item with its neighbour above or below; at either end nothing moves. */
export async function moveAgendaItem(tx: Db, meetingId: string, itemId: string, direction: 'up' | 'down') {
  await renumber(tx, meetingId);
  const items = await tx
    .select({ id: agendaItems.id, position: agendaItems.position })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
  const index = items.findIndex((i) => i.id === itemId);
  if (index < 0) throw new AppError('CONFLICT', { messageKey: 'agenda.errors.itemGone' });
  const other = items[direction === 'up' ? index - 1 : index + 1];
  if (!other) return { from: index + 1, to: index + 1 };
  const self = items[index]!;
  await tx.update(agendaItems).set({ position: other.position }).where(eq(agendaItems.id, self.id));
  await tx.update(agendaItems).set({ position: self.position }).where(eq(agendaItems.id, other.id));
  return { from: self.position, to: other.position };
}

/** Positions 1…n in the current order (after a deletion, or to repair gaps and ties). */
async function renumber(tx: Db, meetingId: string) {
  await tx.execute(sql`
    update agenda_items a set position = o.n
    from (
      select id, row_number() over (order by position, created_at, id) as n
      from agenda_items where meeting_id = ${meetingId}
    ) o
    where a.id = o.id and a.position <> o.n`);
}

// ---- Documents as seen by a viewer -------------------------------------------------------------

export type MeetingDocument = {
  id: string;
  agendaItemId: string | null;
  title: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
};

const documentColumns = {
  id: meetingDocuments.id,
  agendaItemId: meetingDocuments.agendaItemId,
  title: meetingDocuments.title,
  fileName: meetingDocuments.fileName,
  contentType: meetingDocuments.contentType,
  sizeBytes: meetingDocuments.sizeBytes,
  sha256: meetingDocuments.sha256,
  storageKey: meetingDocuments.storageKey,
  createdAt: meetingDocuments.createdAt,
};

/** The meeting's documents the viewer may see (guests: none of hidden items), filtered in SQL. */
export async function listDocuments(db: Db, access: MeetingAccess, documentIds?: string[]): Promise<MeetingDocument[]> {
  const visible = seesHiddenItems(access)
    ? undefined
    : or(
        isNull(meetingDocuments.agendaItemId),
        // Qualified by hand (see visibleMeetings in ./access.ts).
        sql`not exists (select 1 from agenda_items ai where ai.id = "meeting_documents"."agenda_item_id" and ai.hidden_from_guests)`,
      );
  return db
    .select(documentColumns)
    .from(meetingDocuments)
    .where(
      and(
        eq(meetingDocuments.meetingId, access.meeting.id),
        documentIds ? inArray(meetingDocuments.id, documentIds) : undefined,
        visible,
      ),
    )
    .orderBy(asc(meetingDocuments.createdAt), asc(meetingDocuments.id));
}

/** One document, if the viewer may see it. */
export async function findDocument(db: Db, access: MeetingAccess, documentId: string) {
  if (!z.guid().safeParse(documentId).success) return undefined;
  const [row] = await listDocuments(db, access, [documentId]);
  return row;
}
