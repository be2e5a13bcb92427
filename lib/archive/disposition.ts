import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  archiveDisposalItems,
  archiveDisposals,
  archivePreviews,
  archiveRecords,
  archiveVersions,
  organizations,
  users,
} from '@/db/schema';
import { type Principal, can } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import type { ArchiveActor } from './records';
import { vietnamToday } from './records';

/** The date a record's retention ends: its date (or filing date in Vietnam) plus its years. */
const retentionEnd = sql<string>`((coalesce(${archiveRecords.issuedOn}, (${archiveRecords.createdAt} at time zone 'Asia/Ho_Chi_Minh')::date) + make_interval(years => ${archiveRecords.retentionYears}))::date)::text`;

/** In a disposal list still waiting for a decision. */
const pendingItem = (recordId: typeof archiveRecords.id) =>
  sql`exists (select 1 from ${archiveDisposalItems} i join ${archiveDisposals} d on d.id = i.disposal_id where i.record_id = ${recordId} and d.status = 'proposed')`;

/**
 * Records past retention that may be proposed for disposal: active, not permanent, the retention
 * period over by `today`, not on legal hold, not already on a pending list; only in organisations
 * where the viewer manages the archive.
 */
export async function pastRetention(db: Db, viewer: Principal, today = vietnamToday()) {
  return db
    .select({
      id: archiveRecords.id,
      organizationId: archiveRecords.organizationId,
      organizationName: organizations.name,
      type: archiveRecords.type,
      numberSymbol: archiveRecords.numberSymbol,
      title: archiveRecords.title,
      issuedOn: archiveRecords.issuedOn,
      retentionYears: archiveRecords.retentionYears,
      retentionEndsOn: retentionEnd,
    })
    .from(archiveRecords)
    .innerJoin(organizations, eq(organizations.id, archiveRecords.organizationId))
    .where(
      and(
        organizationScope(viewer, 'archive.manage'),
        eq(archiveRecords.status, 'active'),
        eq(archiveRecords.legalHold, false),
        isNotNull(archiveRecords.retentionYears),
        sql`${retentionEnd} < ${today}`,
        sql`not ${pendingItem(archiveRecords.id)}`,
      ),
    )
    .orderBy(asc(organizations.name), asc(retentionEnd), asc(archiveRecords.title))
    .limit(500);
}

/**
 * Proposes destroying records of one organisation (archive.manage there). Each record is checked
 * again inside the transaction: past retention, not on hold, not on another pending list.
 */
export async function proposeDisposal(
  tx: Db,
  actor: ArchiveActor,
  viewer: Principal,
  input: { organizationId: string; recordIds: string[]; reason: string },
) {
  const [org] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, input.organizationId));
  if (!org || !can(viewer, 'archive.manage', { organizationPath: org.path })) throw new AppError('NOT_FOUND');
  const ids = [...new Set(input.recordIds)];
  await tx.select({ id: archiveRecords.id }).from(archiveRecords).where(inArray(archiveRecords.id, ids)).for('update');
  const eligible = (await pastRetention(tx, viewer)).filter((r) => r.organizationId === input.organizationId);
  const chosen = eligible.filter((r) => ids.includes(r.id));
  if (chosen.length !== ids.length) throw new AppError('CONFLICT', { field: 'recordId', messageKey: 'archive.errors.notEligible' });

  const [disposal] = await tx
    .insert(archiveDisposals)
    .values({ organizationId: input.organizationId, reason: input.reason, proposedBy: actor.userId })
    .returning({ id: archiveDisposals.id });
  await tx.insert(archiveDisposalItems).values(ids.map((recordId) => ({ disposalId: disposal!.id, recordId })));
  await actor.audit({
    action: 'archive.disposal.propose',
    organizationId: input.organizationId,
    entityType: 'archive_disposal',
    entityId: disposal!.id,
    details: {
      reason: input.reason,
      records: chosen.map((r) => ({ id: r.id, numberSymbol: r.numberSymbol, title: r.title, retentionEndsOn: r.retentionEndsOn })),
    },
  });
  return { disposalId: disposal!.id };
}

/**
 * Approves or rejects a proposed list (archive.dispose in its organisation, by someone other than
 * the proposer). Approval destroys every record on it: file references, extracted text, previews
 * and search vector are removed; the record row stays as a tombstone (metadata, hashes, who, when,
 * which list). A record put on legal hold since the proposal blocks the approval. The stored
 * objects, now referenced by nothing, are deleted by the storage orphan sweep (content-addressed
 * files may be shared with a meeting document or another record, which keep theirs).
 */
export async function decideDisposal(
  tx: Db,
  actor: ArchiveActor & { userId: string },
  viewer: Principal,
  input: { disposalId: string; decision: 'approve' | 'reject'; note: string | null },
) {
  const [disposal] = await tx
    .select({ d: archiveDisposals, path: organizations.path })
    .from(archiveDisposals)
    .innerJoin(organizations, eq(organizations.id, archiveDisposals.organizationId))
    .where(eq(archiveDisposals.id, input.disposalId))
    .for('update', { of: archiveDisposals });
  if (!disposal || !can(viewer, 'archive.dispose', { organizationPath: disposal.path })) throw new AppError('NOT_FOUND');
  const { d } = disposal;
  if (d.status !== 'proposed') throw new AppError('CONFLICT', { messageKey: 'archive.errors.alreadyDecided' });
  if (d.proposedBy === actor.userId) throw new AppError('CONFLICT', { messageKey: 'archive.errors.ownProposal' });

  const items = await tx
    .select({
      id: archiveRecords.id,
      numberSymbol: archiveRecords.numberSymbol,
      title: archiveRecords.title,
      legalHold: archiveRecords.legalHold,
      status: archiveRecords.status,
    })
    .from(archiveDisposalItems)
    .innerJoin(archiveRecords, eq(archiveRecords.id, archiveDisposalItems.recordId))
    .where(eq(archiveDisposalItems.disposalId, d.id))
    .for('update', { of: archiveRecords });

  const decided = { status: input.decision === 'approve' ? ('approved' as const) : ('rejected' as const), decidedBy: actor.userId, decidedAt: sql`now()`, decisionNote: input.note };
  if (input.decision === 'reject') {
    await tx.update(archiveDisposals).set(decided).where(eq(archiveDisposals.id, d.id));
    await actor.audit({
      action: 'archive.disposal.reject',
      organizationId: d.organizationId,
      entityType: 'archive_disposal',
      entityId: d.id,
      details: { note: input.note, records: items.map((r) => r.id) },
    });
    return { destroyed: 0 };
  }

  const held = items.filter((r) => r.legalHold);
  if (held.length) {
    throw new AppError('CONFLICT', { messageKey: 'archive.errors.heldInDisposal', values: { titles: held.map((r) => r.numberSymbol ?? r.title).join(', ') } });
  }
  const recordIds = items.filter((r) => r.status === 'active').map((r) => r.id);
  await tx.update(archiveDisposals).set(decided).where(eq(archiveDisposals.id, d.id));
  if (recordIds.length) await destroyRecords(tx, actor, recordIds, d.id, d.organizationId);
  await actor.audit({
    action: 'archive.disposal.approve',
    organizationId: d.organizationId,
    entityType: 'archive_disposal',
    entityId: d.id,
    details: { note: input.note, reason: d.reason, proposedBy: d.proposedBy, destroyed: recordIds },
  });
  return { destroyed: recordIds.length };
}

async function destroyRecords(tx: Db, actor: ArchiveActor, recordIds: string[], disposalId: string, organizationId: string) {
  const versions = await tx
    .select({ id: archiveVersions.id, recordId: archiveVersions.recordId, version: archiveVersions.version, sha256: archiveVersions.sha256, storageKey: archiveVersions.storageKey, fileName: archiveVersions.fileName })
    .from(archiveVersions)
    .where(inArray(archiveVersions.recordId, recordIds));
  const versionIds = versions.map((v) => v.id);
  if (versionIds.length) {
    await tx.delete(archivePreviews).where(inArray(archivePreviews.versionId, versionIds));
    await tx
      .update(archiveVersions)
      .set({ storageKey: null, extractedText: null })
      .where(inArray(archiveVersions.id, versionIds));
  }
  const tombstones = await tx
    .update(archiveRecords)
    .set({ status: 'destroyed', destroyedAt: sql`now()`, destroyedBy: actor.userId, disposalId, search: null, updatedAt: sql`now()` })
    .where(inArray(archiveRecords.id, recordIds))
    .returning({ id: archiveRecords.id, numberSymbol: archiveRecords.numberSymbol, title: archiveRecords.title });
  for (const record of tombstones) {
    await actor.audit({
      action: 'archive.record.destroy',
      organizationId,
      entityType: 'archive_record',
      entityId: record.id,
      details: {
        disposalId,
        numberSymbol: record.numberSymbol,
        title: record.title,
        versions: versions.filter((v) => v.recordId === record.id).map((v) => ({ version: v.version, fileName: v.fileName, sha256: v.sha256 })),
      },
    });
  }
}

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

/** Disposal lists of organisations where the viewer manages or disposes, newest first, with their records. */
export async function listDisposals(db: Db, viewer: Principal & { id: string }) {
  const lists = await db
    .select({
      id: archiveDisposals.id,
      organizationId: archiveDisposals.organizationId,
      organizationName: organizations.name,
      organizationPath: organizations.path,
      status: archiveDisposals.status,
      reason: archiveDisposals.reason,
      proposedBy: archiveDisposals.proposedBy,
      proposedByName: proposer.name,
      proposedAt: archiveDisposals.proposedAt,
      decidedByName: decider.name,
      decidedAt: archiveDisposals.decidedAt,
      decisionNote: archiveDisposals.decisionNote,
    })
    .from(archiveDisposals)
    .innerJoin(organizations, eq(organizations.id, archiveDisposals.organizationId))
    .leftJoin(proposer, eq(proposer.id, archiveDisposals.proposedBy))
    .leftJoin(decider, eq(decider.id, archiveDisposals.decidedBy))
    .where(organizationScope(viewer, 'archive.manage'))
    .orderBy(sql`${archiveDisposals.status} = 'proposed' desc`, desc(archiveDisposals.proposedAt))
    .limit(100);
  const items = lists.length
    ? await db
        .select({
          disposalId: archiveDisposalItems.disposalId,
          id: archiveRecords.id,
          numberSymbol: archiveRecords.numberSymbol,
          title: archiveRecords.title,
          legalHold: archiveRecords.legalHold,
          status: archiveRecords.status,
        })
        .from(archiveDisposalItems)
        .innerJoin(archiveRecords, eq(archiveRecords.id, archiveDisposalItems.recordId))
        .where(inArray(archiveDisposalItems.disposalId, lists.map((l) => l.id)))
        .orderBy(asc(archiveRecords.title))
    : [];
  return lists.map(({ organizationPath, ...list }) => ({
    ...list,
    /** A list is decided by someone with archive.dispose there who did not propose it. */
    canDecide: list.status === 'proposed' && list.proposedBy !== viewer.id && can(viewer, 'archive.dispose', { organizationPath }),
    ownProposal: list.proposedBy === viewer.id,
    records: items.filter((i) => i.disposalId === list.id),
  }));
}
