import 'server-only';
import { type SQL, and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { agendaItems, ballots, bodies, committeeTerms, meetings, memberships, organizations, resolutions, users } from '@/db/schema';
import type { Principal } from '@/lib/auth/permissions';
import type { Db } from '@/lib/db/client';
import { passedBallotForAgendaItem } from '@/lib/votes/queries';
import { type ResolutionAccess, visibleResolutions } from './access';
import type { ResolutionType, SIGNING_CAPACITIES } from './constants';
import type { ListFilters } from './schemas';

const listColumns = {
  id: resolutions.id,
  organizationId: resolutions.organizationId,
  organizationName: organizations.name,
  type: resolutions.type,
  congress: resolutions.congress,
  status: resolutions.status,
  title: resolutions.title,
  numberSymbol: resolutions.numberSymbol,
  number: resolutions.number,
  termId: resolutions.termId,
  termName: committeeTerms.name,
  issuedOn: resolutions.issuedOn,
  meetingId: resolutions.meetingId,
  agendaItemId: resolutions.agendaItemId,
  ballotId: resolutions.ballotId,
  updatedAt: resolutions.updatedAt,
};

export type ResolutionListItem = Omit<Awaited<ReturnType<typeof listQuery>>[number], 'type'> & { type: ResolutionType };

function listQuery(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select(listColumns)
    .from(resolutions)
    .innerJoin(organizations, eq(organizations.id, resolutions.organizationId))
    .leftJoin(committeeTerms, eq(committeeTerms.id, resolutions.termId))
    .where(where)
    .orderBy(desc(sql`coalesce(${resolutions.issuedAt}, ${resolutions.numberedAt}, ${resolutions.updatedAt})`), desc(resolutions.number))
    .limit(limit);
}

/** Documents the viewer may see, filtered and newest first; the permission filter is in the SQL. */
export async function listResolutions(db: Db, viewer: Principal, filters: ListFilters) {
  const where = and(
    visibleResolutions(viewer),
    filters.organizationId ? eq(resolutions.organizationId, filters.organizationId) : undefined,
    filters.type ? eq(resolutions.type, filters.type) : undefined,
    filters.termId ? eq(resolutions.termId, filters.termId) : undefined,
    filters.status ? eq(resolutions.status, filters.status) : undefined,
    filters.meetingId ? eq(resolutions.meetingId, filters.meetingId) : undefined,
  );
  const limit = filters.limit ?? 100;
  const [items, [total]] = await Promise.all([
    listQuery(db, where, limit),
    db.select({ n: count() }).from(resolutions).innerJoin(organizations, eq(organizations.id, resolutions.organizationId)).where(where),
  ]);
  return { items: items as ResolutionListItem[], total: total!.n };
}

/** The terms of the organisations the viewer may see documents of (for the list filter). */
export async function termsForFilter(db: Db, organizationIds: string[]) {
  if (!organizationIds.length) return [];
  return db
    .select({ id: committeeTerms.id, name: committeeTerms.name, organizationId: committeeTerms.organizationId, organizationName: organizations.name })
    .from(committeeTerms)
    .innerJoin(organizations, eq(organizations.id, committeeTerms.organizationId))
    .where(inArray(committeeTerms.organizationId, organizationIds))
    .orderBy(asc(organizations.depth), asc(organizations.name), desc(committeeTerms.startsOn));
}

const creator = alias(users, 'creator');
const numberer = alias(users, 'numberer');
const issuerUser = alias(users, 'issuer_user');
const voider = alias(users, 'voider');

/** Everything the detail page and the API show about one document the viewer may see. */
export async function resolutionDetail(db: Db, access: ResolutionAccess) {
  const r = access.resolution;
  const [row] = await db
    .select({
      organizationName: organizations.name,
      termName: committeeTerms.name,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      agendaItemTitle: agendaItems.title,
      ballotQuestion: ballots.question,
      createdByName: creator.name,
      numberedByName: numberer.name,
      issuedByName: issuerUser.name,
      voidedByName: voider.name,
    })
    .from(resolutions)
    .innerJoin(organizations, eq(organizations.id, resolutions.organizationId))
    .leftJoin(committeeTerms, eq(committeeTerms.id, resolutions.termId))
    .leftJoin(meetings, eq(meetings.id, resolutions.meetingId))
    .leftJoin(agendaItems, eq(agendaItems.id, resolutions.agendaItemId))
    .leftJoin(ballots, eq(ballots.id, resolutions.ballotId))
    .leftJoin(creator, eq(creator.id, resolutions.createdBy))
    .leftJoin(numberer, eq(numberer.id, resolutions.numberedBy))
    .leftJoin(issuerUser, eq(issuerUser.id, resolutions.issuedBy))
    .leftJoin(voider, eq(voider.id, resolutions.voidedBy))
    .where(eq(resolutions.id, r.id));
  const [signer] = r.signerId ? await db.select({ name: users.name }).from(users).where(eq(users.id, r.signerId)) : [];
  return { ...row!, signerCurrentName: signer?.name ?? null };
}

/** What the API answers for one document (named fields; drafts only reach those who may draft). */
export function resolutionJson(access: ResolutionAccess, detail: Awaited<ReturnType<typeof resolutionDetail>>) {
  const r = access.resolution;
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: detail.organizationName,
    type: r.type,
    congress: r.congress,
    status: r.status,
    numberSymbol: r.numberSymbol,
    number: r.number,
    termId: r.termId,
    termName: detail.termName,
    title: r.title,
    body: r.body,
    recipients: r.recipients,
    signingCapacity: r.signingCapacity,
    signerName: r.signerName ?? detail.signerCurrentName,
    signerTitle: r.signerTitle,
    issuedOn: r.issuedOn,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    meetingId: r.meetingId,
    agendaItemId: r.agendaItemId,
    ballotId: r.ballotId,
    voidedAt: r.voidedAt?.toISOString() ?? null,
    voidReason: r.voidReason,
    pdfSha256: r.pdfSha256,
    pdfUrl: r.status === 'issued' ? `/api/resolutions/${r.id}/pdf` : null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The secretaries and deputies of the issuing organisation: who may sign. */
export async function signersOf(db: Db, organizationId: string) {
  const rows = await db
    .selectDistinctOn([users.id], { id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        inArray(memberships.role, ['secretary', 'deputy_secretary']),
        sql`${users.disabledAt} is null`,
      ),
    )
    .orderBy(users.id, asc(memberships.role));
  // Secretary first ('deputy_secretary' < 'secretary' alphabetically, so sort explicitly).
  return rows.sort((a, b) => Number(a.role !== 'secretary') - Number(b.role !== 'secretary') || a.name.localeCompare(b.name, 'vi'));
}

/**
 * Meetings a document of the organisation can be linked to (recent first, never cancelled ones),
 * each with its decision and election items and, per item, the ballot that passed it (lib/votes).
 */
export async function meetingChoices(db: Db, organizationId: string, includeMeetingId?: string | null) {
  const recent = await db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.organizationId, organizationId), ne(meetings.status, 'cancelled')))
    .orderBy(desc(meetings.startsAt))
    .limit(20);
  if (includeMeetingId && !recent.some((m) => m.id === includeMeetingId)) {
    const [extra] = await db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(meetings)
      .where(and(eq(meetings.id, includeMeetingId), eq(meetings.organizationId, organizationId)));
    if (extra) recent.unshift(extra);
  }
  const ids = recent.map((m) => m.id);
  if (!ids.length) return [];
  const items = await db
    .select({ id: agendaItems.id, meetingId: agendaItems.meetingId, title: agendaItems.title, position: agendaItems.position })
    .from(agendaItems)
    .where(and(inArray(agendaItems.meetingId, ids), inArray(agendaItems.kind, ['decision', 'election'])))
    .orderBy(asc(agendaItems.position));
  const passed = await Promise.all(items.map((i) => passedBallotForAgendaItem(db, i.id)));
  return recent.map((m) => ({
    ...m,
    agendaItems: items
      .map((item, n) => ({ ...item, passedBallot: passed[n] ? { id: passed[n].id, question: passed[n].question } : null }))
      .filter((item) => item.meetingId === m.id)
      .map(({ id, title, position, passedBallot }) => ({ id, title, position, passedBallot })),
  }));
}

const CAPACITY_BY_BODY = {
  standing_committee: 'T/M BAN THƯỜNG VỤ',
  executive_committee: 'T/M BAN CHẤP HÀNH',
  standing_board: 'T/M THƯỜNG TRỰC',
  cell_assembly: 'T/M CHI BỘ',
} as const satisfies Record<(typeof bodies.kind.enumValues)[number], (typeof SIGNING_CAPACITIES)[number]>;

/**
 * What a new draft starts with: the issuing organisation, and when drafted from a meeting, the
 * meeting and agenda item, the signing capacity of the meeting's body and the item's title.
 */
export async function draftStart(db: Db, input: { organizationId: string; meetingId?: string | null; agendaItemId?: string | null }) {
  const [org] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, input.organizationId));
  const [meeting] = input.meetingId
    ? await db
        .select({ id: meetings.id, title: meetings.title, bodyKind: bodies.kind })
        .from(meetings)
        .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
        .where(and(eq(meetings.id, input.meetingId), eq(meetings.organizationId, input.organizationId)))
    : [];
  const [item] =
    meeting && input.agendaItemId
      ? await db
          .select({ id: agendaItems.id, title: agendaItems.title })
          .from(agendaItems)
          .where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, meeting.id)))
      : [];
  const capacity = meeting
    ? CAPACITY_BY_BODY[meeting.bodyKind]
    : org?.kind === 'cell'
      ? 'T/M CHI BỘ'
      : org?.kind === 'grassroots_committee'
        ? 'T/M ĐẢNG ỦY'
        : 'T/M BAN THƯỜNG VỤ';
  return { meeting: meeting ?? null, agendaItem: item ?? null, signingCapacity: capacity };
}
