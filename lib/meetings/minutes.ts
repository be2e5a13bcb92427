import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { createTranslator } from 'use-intl/core'; // no React: also runs in the CLI (seed)
import {
  type AttendanceStatus,
  agendaItems,
  attendance,
  bodies,
  bodySeats,
  invitations,
  meetings,
  minutes,
  organizations,
  speakerRequests,
  users,
} from '@/db/schema';
import type { Db } from '@/lib/db/client';
import viMinutes from '@/lib/i18n/messages/vi/minutes.json';
import { AppError } from '@/lib/server/errors';
import type { MeetingAccess } from './access';
import { announceMeetingChange } from './events';
import { renderTextPdf, storeFile } from './minutes-pdf';
import { PRESENT_STATUSES, type QuorumCount, countQuorum, isCountedMember } from './quorum';

export const MINUTES_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const MAX_MINUTES_LENGTH = 200_000;

// Minutes are an official record written in Vietnamese, whatever language the editor reads the
// portal in; the wording lives in the message file (minutes.document).
const doc = createTranslator({ locale: 'vi', messages: { minutes: viMinutes }, namespace: 'minutes.document' });

/** "19 giờ 30, ngày 05/01/2026" in Vietnam time. */
export function documentDateTime(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: MINUTES_TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return doc('dateTime', { hour: parts.hour!, minute: parts.minute!, day: parts.day!, month: parts.month!, year: parts.year! });
}

/** Who may do what with a meeting's minutes (on top of meetingAccess, the visibility rule). */
export function minutesRights(access: MeetingAccess) {
  const canEdit = access.isMinuteTaker || access.canPrepare;
  const canApproveAsChair = access.isChair;
  const canApproveAsSecretary = access.canApprove;
  const canSeeDrafts = canEdit || canApproveAsChair || canApproveAsSecretary || access.canOversee;
  // Guests take part in one meeting only; the minutes (which may cover items hidden from them) are
  // for the body's members and those who prepare or oversee its meetings.
  const canSeeApproved = canSeeDrafts || Boolean(access.seat) || Boolean(access.invitation && !access.invitation.isGuest);
  return {
    canEdit,
    canApproveAsChair,
    canApproveAsSecretary,
    canSeeDrafts,
    canSeeApproved,
    canCorrect: canEdit || canApproveAsSecretary,
  };
}

export type MinutesRights = ReturnType<typeof minutesRights>;

type Person = { userId: string; name: string; title: string | null; mark?: AttendanceStatus; reason: string | null };

export type MinutesFacts = {
  organizationName: string;
  title: string;
  startedAt: Date;
  endedAt: Date;
  location: string | null;
  onlineUrl: string | null;
  chairName: string | null;
  minuteTakerName: string | null;
  totalSeats: number;
  quorum: QuorumCount;
  present: Person[];
  excused: Person[];
  unexcused: Person[];
  unmarked: Person[];
  guests: Person[];
  agenda: { title: string; presenter: string | null; speakers: string[] }[];
  otherSpeakers: string[];
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/** What happened in a meeting, as the minutes need it. */
export async function loadMinutesFacts(db: Db, meetingId: string): Promise<MinutesFacts> {
  const chair = alias(users, 'chair');
  const taker = alias(users, 'taker');
  const [m] = await db
    .select({
      title: meetings.title,
      bodyId: meetings.bodyId,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      startedAt: meetings.startedAt,
      closedAt: meetings.closedAt,
      location: meetings.location,
      onlineUrl: meetings.onlineUrl,
      organizationName: organizations.name,
      quorumNumerator: bodies.quorumNumerator,
      quorumDenominator: bodies.quorumDenominator,
      chairName: chair.name,
      minuteTakerName: taker.name,
    })
    .from(meetings)
    .innerJoin(organizations, eq(organizations.id, meetings.organizationId))
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .leftJoin(chair, eq(chair.id, meetings.chairId))
    .leftJoin(taker, eq(taker.id, meetings.minuteTakerId))
    .where(eq(meetings.id, meetingId));
  if (!m) throw new AppError('NOT_FOUND');

  const seats = await db
    .select({ userId: bodySeats.userId, status: bodySeats.status, title: bodySeats.title, name: users.name })
    .from(bodySeats)
    .innerJoin(users, eq(users.id, bodySeats.userId))
    .where(eq(bodySeats.bodyId, m.bodyId));
  const marks = await db
    .select({ userId: attendance.userId, status: attendance.status, reason: attendance.reason })
    .from(attendance)
    .where(eq(attendance.meetingId, meetingId));
  const invited = await db
    .select({ userId: invitations.userId, isGuest: invitations.isGuest, response: invitations.response, reason: invitations.reason, name: users.name })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.meetingId, meetingId));
  const items = await db
    .select({ id: agendaItems.id, title: agendaItems.title, presenter: agendaItems.presenter })
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
  const spoke = await db
    .select({ agendaItemId: speakerRequests.agendaItemId, userId: speakerRequests.userId, name: users.name })
    .from(speakerRequests)
    .innerJoin(users, eq(users.id, speakerRequests.userId))
    .where(and(eq(speakerRequests.meetingId, meetingId), eq(speakerRequests.status, 'done')))
    .orderBy(asc(speakerRequests.startedAt), asc(speakerRequests.requestedAt));

  const markOf = new Map(marks.map((a) => [a.userId, a]));
  const invitationOf = new Map(invited.map((i) => [i.userId, i]));
  const quorum = countQuorum(seats, new Map(marks.map((a) => [a.userId, a.status])), {
    numerator: m.quorumNumerator,
    denominator: m.quorumDenominator,
  });

  const present: Person[] = [];
  const excused: Person[] = [];
  const unexcused: Person[] = [];
  const unmarked: Person[] = [];
  for (const seat of seats) {
    const a = markOf.get(seat.userId);
    if (!isCountedMember(seat.status, a?.status)) continue;
    const reason = a?.reason ?? invitationOf.get(seat.userId)?.reason ?? null;
    const person: Person = { userId: seat.userId, name: seat.name, title: seat.title, mark: a?.status, reason };
    if (a && PRESENT_STATUSES.includes(a.status)) present.push(person);
    else if (a?.status === 'excused_absent') excused.push(person);
    else if (a?.status === 'unexcused_absent') unexcused.push(person);
    else unmarked.push(person);
  }
  const seated = new Set(seats.map((s) => s.userId));
  const guests: Person[] = invited
    .filter((i) => i.isGuest && !seated.has(i.userId))
    .map((i) => ({ userId: i.userId, name: i.name, title: null, mark: markOf.get(i.userId)?.status, reason: null }))
    // A guest is listed when marked present; an unmarked guest who accepted is listed too.
    .filter((g) => (g.mark ? PRESENT_STATUSES.includes(g.mark) : invitationOf.get(g.userId)?.response === 'attending'));

  const uniqueNames = (rows: { userId: string; name: string }[]) => [...new Map(rows.map((r) => [r.userId, r.name])).values()];
  const itemIds = new Set(items.map((i) => i.id));
  return {
    organizationName: m.organizationName,
    title: m.title,
    startedAt: m.startedAt ?? m.startsAt,
    endedAt: m.closedAt ?? m.endsAt,
    location: m.location,
    onlineUrl: m.onlineUrl,
    chairName: m.chairName,
    minuteTakerName: m.minuteTakerName,
    totalSeats: seats.length,
    quorum,
    present: present.sort(byName),
    excused: excused.sort(byName),
    unexcused: unexcused.sort(byName),
    unmarked: unmarked.sort(byName),
    guests: guests.sort(byName),
    agenda: items.map((item) => ({
      title: item.title,
      presenter: item.presenter,
      speakers: uniqueNames(spoke.filter((s) => s.agendaItemId === item.id)),
    })),
    otherSpeakers: uniqueNames(spoke.filter((s) => !s.agendaItemId || !itemIds.has(s.agendaItemId))),
  };
}

/** The draft text of the minutes, built from what happened (pure: same facts, same text). */
export function renderMinutesDraft(f: MinutesFacts): string {
  const out: string[] = [];
  const nobody = doc('unknownPerson');
  const people = (heading: string, list: Person[], note: (p: Person) => string) => {
    if (list.length === 0) return;
    out.push(heading);
    list.forEach((p, i) =>
      out.push(doc('personLine', { index: i + 1, name: p.name, title: p.title ? doc('titleSuffix', { title: p.title }) : '', note: note(p) })),
    );
  };
  const reason = (p: Person) => (p.reason ? doc('reasonNote', { reason: p.reason }) : doc('noReason'));
  const comrades = (names: string[]) => names.map((name) => doc('comrade', { name })).join(', ');

  out.push(doc('party'), f.organizationName, '', doc('heading'), f.title.toUpperCase(), '');
  out.push(doc('timePlace'));
  out.push(doc('time', { start: documentDateTime(f.startedAt), end: documentDateTime(f.endedAt) }));
  if (f.location) out.push(doc('location', { location: f.location }));
  if (f.onlineUrl) out.push(doc('online', { url: f.onlineUrl }));
  if (!f.location && !f.onlineUrl) out.push(doc('noLocation'));
  out.push('');

  out.push(doc('participants'));
  out.push(doc('chair', { name: f.chairName ?? nobody }));
  out.push(doc('minuteTaker', { name: f.minuteTakerName ?? nobody }));
  const nc = f.quorum.notCounted;
  const notCounted = nc.temporarilyTransferred + nc.suspended + nc.detained + nc.exemptedAbsent;
  out.push(doc('total', { total: f.totalSeats, notCounted, counted: f.quorum.counted }));
  if (notCounted > 0) {
    out.push(
      doc('notCountedDetail', {
        transferred: nc.temporarilyTransferred,
        suspended: nc.suspended,
        detained: nc.detained,
        exempted: nc.exemptedAbsent,
      }),
    );
  }
  people(doc('present', { count: f.present.length }), f.present, (p) =>
    p.mark === 'online' ? doc('online_note') : p.mark === 'late' ? doc('late_note') : '',
  );
  people(doc('excused', { count: f.excused.length }), f.excused, reason);
  people(doc('unexcused', { count: f.unexcused.length }), f.unexcused, () => '');
  people(doc('unmarked', { count: f.unmarked.length }), f.unmarked, () => '');
  people(doc('guests', { count: f.guests.length }), f.guests, () => '');
  const q = { present: f.quorum.present, counted: f.quorum.counted, required: f.quorum.required };
  out.push(f.quorum.met ? doc('quorumMet', q) : doc('quorumNotMet', q));
  out.push('');

  out.push(doc('content'));
  if (f.agenda.length === 0) out.push(doc('noAgenda'));
  f.agenda.forEach((item, i) => {
    out.push(doc('item', { index: i + 1, title: item.title }));
    if (item.presenter) out.push(doc('presenter', { presenter: item.presenter }));
    out.push(item.speakers.length ? doc('speakers', { names: comrades(item.speakers) }) : doc('noSpeakers'));
  });
  if (f.otherSpeakers.length) out.push(doc('otherSpeakers', { names: comrades(f.otherSpeakers) }));
  out.push('');

  out.push(doc('decisions'), doc('decisionsPlaceholder'), '');
  out.push(doc('closing', { end: documentDateTime(f.endedAt) }), '');
  out.push(doc('signatures', { chair: f.chairName ?? nobody, minuteTaker: f.minuteTakerName ?? nobody }));
  return `${out.join('\n')}\n`;
}

const minutesColumns = {
  id: minutes.id,
  version: minutes.version,
  body: minutes.body,
  status: minutes.status,
  lockVersion: minutes.lockVersion,
  correctionReason: minutes.correctionReason,
  chairApprovedBy: minutes.chairApprovedBy,
  chairApprovedAt: minutes.chairApprovedAt,
  secretaryApprovedBy: minutes.secretaryApprovedBy,
  secretaryApprovedAt: minutes.secretaryApprovedAt,
  pdfSha256: minutes.pdfSha256,
  pdfStorageKey: minutes.pdfStorageKey,
  updatedAt: minutes.updatedAt,
};

/** Every version of a meeting's minutes, newest first, with the names of who approved and saved. */
export async function listMinutes(db: Db, meetingId: string) {
  const chairApprover = alias(users, 'chair_approver');
  const secretaryApprover = alias(users, 'secretary_approver');
  const editor = alias(users, 'editor');
  return db
    .select({
      ...minutesColumns,
      chairApproverName: chairApprover.name,
      secretaryApproverName: secretaryApprover.name,
      updatedByName: editor.name,
    })
    .from(minutes)
    .leftJoin(chairApprover, eq(chairApprover.id, minutes.chairApprovedBy))
    .leftJoin(secretaryApprover, eq(secretaryApprover.id, minutes.secretaryApprovedBy))
    .leftJoin(editor, eq(editor.id, minutes.updatedBy))
    .where(eq(minutes.meetingId, meetingId))
    .orderBy(desc(minutes.version));
}

export type MinutesVersion = Awaited<ReturnType<typeof listMinutes>>[number];

const conflict = (key: string) => new AppError('CONFLICT', { messageKey: `minutes.errors.${key}` });

/** Creates version 1 from what happened; only once the meeting has closed, and only once. */
export async function createMinutesDraft(tx: Db, meetingId: string, userId: string) {
  const [meeting] = await tx.select({ status: meetings.status }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!meeting) throw new AppError('NOT_FOUND');
  const [existing] = await tx.select({ id: minutes.id }).from(minutes).where(eq(minutes.meetingId, meetingId)).limit(1);
  if (existing) throw conflict('exists');
  if (meeting.status !== 'closed') throw conflict('notClosed');
  const body = renderMinutesDraft(await loadMinutesFacts(tx, meetingId));
  const [row] = await tx
    .insert(minutes)
    .values({ meetingId, version: 1, body, createdBy: userId, updatedBy: userId })
    .returning({ id: minutes.id, version: minutes.version });
  await announceMeetingChange(tx, meetingId, 'minutes');
  return row!;
}

/** The version row, locked for this transaction (so concurrent saves queue and then see the change). */
async function lockVersionRow(tx: Db, meetingId: string, version: number) {
  const [row] = await tx
    .select(minutesColumns)
    .from(minutes)
    .where(and(eq(minutes.meetingId, meetingId), eq(minutes.version, version)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Saves an edited draft. Optimistic locking: the save names the lockVersion it was edited from;
 * if anybody saved (or approved) since, nothing is written and the editor is told to reload.
 * Editing clears approvals already given, since they were given to another text.
 */
export async function saveMinutesBody(
  tx: Db,
  input: { meetingId: string; version: number; lockVersion: number; body: string },
  userId: string,
) {
  const row = await lockVersionRow(tx, input.meetingId, input.version);
  if (row.status === 'approved') throw conflict('approved');
  if (row.lockVersion !== input.lockVersion) throw conflict('stale');
  const approvalsCleared = Boolean(row.chairApprovedBy || row.secretaryApprovedBy);
  await tx
    .update(minutes)
    .set({
      body: input.body,
      lockVersion: row.lockVersion + 1,
      updatedBy: userId,
      updatedAt: new Date(),
      chairApprovedBy: null,
      chairApprovedAt: null,
      secretaryApprovedBy: null,
      secretaryApprovedAt: null,
    })
    .where(eq(minutes.id, row.id));
  await announceMeetingChange(tx, input.meetingId, 'minutes');
  return { id: row.id, lockVersion: row.lockVersion + 1, approvalsCleared, changed: row.body !== input.body };
}

export type ApprovalCapacity = 'chair' | 'secretary';

/**
 * Records one approval (as chair, or as secretary/deputy) of the text the approver read (its
 * lockVersion). With both approvals the version is locked: its PDF is rendered and stored with its
 * SHA-256, and the meeting moves to `minutes_approved`.
 */
export async function approveMinutes(
  tx: Db,
  input: { meetingId: string; version: number; lockVersion: number; capacity: ApprovalCapacity },
  approver: { id: string },
  access: MeetingAccess,
) {
  const rights = minutesRights(access);
  if (input.capacity === 'chair' ? !rights.canApproveAsChair : !rights.canApproveAsSecretary) {
    throw new AppError('NOT_FOUND', { messageKey: 'minutes.errors.notCapacity' });
  }
  const row = await lockVersionRow(tx, input.meetingId, input.version);
  if (row.status === 'approved') throw conflict('approved');
  if (row.lockVersion !== input.lockVersion) throw conflict('stale');
  const now = new Date();
  const next = { ...row };
  if (input.capacity === 'chair') {
    if (row.chairApprovedBy) throw conflict('alreadyApproved');
    Object.assign(next, { chairApprovedBy: approver.id, chairApprovedAt: now });
  } else {
    if (row.secretaryApprovedBy) throw conflict('alreadyApproved');
    Object.assign(next, { secretaryApprovedBy: approver.id, secretaryApprovedAt: now });
  }
  const completed = Boolean(next.chairApprovedBy && next.secretaryApprovedBy);
  let pdf: { sha256: string; storageKey: string } | undefined;
  if (completed) {
    pdf = await storeFile(await minutesPdf(tx, input.meetingId, next));
  }
  await tx
    .update(minutes)
    .set({
      chairApprovedBy: next.chairApprovedBy,
      chairApprovedAt: next.chairApprovedAt,
      secretaryApprovedBy: next.secretaryApprovedBy,
      secretaryApprovedAt: next.secretaryApprovedAt,
      lockVersion: row.lockVersion + 1,
      ...(completed ? { status: 'approved' as const, pdfSha256: pdf!.sha256, pdfStorageKey: pdf!.storageKey } : {}),
    })
    .where(and(eq(minutes.id, row.id), eq(minutes.status, 'draft')));
  let meetingStatusChanged = false;
  if (completed) {
    const moved = await tx
      .update(meetings)
      .set({ status: 'minutes_approved', updatedAt: now })
      .where(and(eq(meetings.id, input.meetingId), eq(meetings.status, 'closed')))
      .returning({ id: meetings.id });
    meetingStatusChanged = moved.length > 0;
    if (meetingStatusChanged) await announceMeetingChange(tx, input.meetingId, 'status');
  }
  await announceMeetingChange(tx, input.meetingId, 'minutes');
  return { id: row.id, completed, pdfSha256: pdf?.sha256, meetingStatusChanged };
}

/** Renders the PDF of one version (its body, approvals and correction note, numbered pages). */
async function minutesPdf(db: Db, meetingId: string, row: MinutesRow) {
  const [meeting] = await db.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId));
  const names = new Map<string, string>();
  for (const id of [row.chairApprovedBy, row.secretaryApprovedBy]) {
    if (id && !names.has(id)) {
      const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, id));
      names.set(id, u?.name ?? '');
    }
  }
  const approvedNote = doc('approvedNote', {
    chair: names.get(row.chairApprovedBy ?? '') ?? '',
    chairAt: row.chairApprovedAt ? documentDateTime(row.chairApprovedAt) : '',
    secretary: names.get(row.secretaryApprovedBy ?? '') ?? '',
    secretaryAt: row.secretaryApprovedAt ? documentDateTime(row.secretaryApprovedAt) : '',
  });
  const correction = row.correctionReason ? doc('correctionNote', { version: row.version, reason: row.correctionReason }) : '';
  const body = correction ? `${correction}\n\n${row.body}` : row.body;
  return renderTextPdf({
    title: `${viMinutes.title} — ${meeting?.title ?? ''} — ${row.version}`,
    body,
    pageLabel: (page, pages) => doc('page', { page, pages }),
    footerNote: approvedNote,
    createdAt: latest(row.chairApprovedAt, row.secretaryApprovedAt),
  });
}

function latest(a: Date | null, b: Date | null) {
  if (!a || !b) return a ?? b ?? undefined;
  return a > b ? a : b;
}

type MinutesRow = {
  version: number;
  body: string;
  correctionReason: string | null;
  chairApprovedBy: string | null;
  chairApprovedAt: Date | null;
  secretaryApprovedBy: string | null;
  secretaryApprovedAt: Date | null;
};

/**
 * Approved minutes are never edited: a correction is version n+1, a copy of the approved text with
 * a required reason, approved again like the first. Only when the newest version is approved.
 */
export async function startCorrection(tx: Db, input: { meetingId: string; reason: string }, userId: string) {
  const [latest] = await tx
    .select({ version: minutes.version, status: minutes.status, body: minutes.body })
    .from(minutes)
    .where(eq(minutes.meetingId, input.meetingId))
    .orderBy(desc(minutes.version))
    .limit(1)
    .for('update');
  if (!latest) throw new AppError('NOT_FOUND');
  if (latest.status !== 'approved') throw conflict('openDraft');
  const [row] = await tx
    .insert(minutes)
    .values({
      meetingId: input.meetingId,
      version: latest.version + 1,
      body: latest.body,
      correctionReason: input.reason,
      createdBy: userId,
      updatedBy: userId,
    })
    .returning({ id: minutes.id, version: minutes.version });
  await announceMeetingChange(tx, input.meetingId, 'minutes');
  return row!;
}

/** The stored PDF of an approved version, for the download route (undefined if none). */
export async function approvedMinutesFile(db: Db, meetingId: string, version: number) {
  const [row] = await db
    .select({ sha256: minutes.pdfSha256, storageKey: minutes.pdfStorageKey, status: minutes.status })
    .from(minutes)
    .where(and(eq(minutes.meetingId, meetingId), eq(minutes.version, version)));
  if (!row || row.status !== 'approved' || !row.sha256 || !row.storageKey) return undefined;
  return { sha256: row.sha256, storageKey: row.storageKey };
}
