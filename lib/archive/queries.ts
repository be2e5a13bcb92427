import 'server-only';
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { archiveDisposals, archivePreviews, archiveUploads, archiveVersions, organizations, users } from '@/db/schema';
import type { Principal } from '@/lib/auth/permissions';
import { organizationScope } from '@/lib/auth/scope';
import type { Db } from '@/lib/db/client';
import type { RecordAccess } from './access';
import { retentionEndsOn } from './constants';

const sqlHasFile = sql<boolean>`${archiveVersions.storageKey} is not null`;

/** A record's versions, newest first, without their extracted text. */
export async function recordVersions(db: Db, recordId: string) {
  return db
    .select({
      id: archiveVersions.id,
      version: archiveVersions.version,
      reason: archiveVersions.reason,
      fileName: archiveVersions.fileName,
      contentType: archiveVersions.contentType,
      sizeBytes: archiveVersions.sizeBytes,
      sha256: archiveVersions.sha256,
      hasFile: sqlHasFile,
      pageCount: archiveVersions.pageCount,
      extraction: archiveVersions.extraction,
      extractionError: archiveVersions.extractionError,
      textSource: archiveVersions.textSource,
      processedAt: archiveVersions.processedAt,
      createdAt: archiveVersions.createdAt,
      createdByName: users.name,
    })
    .from(archiveVersions)
    .leftJoin(users, eq(users.id, archiveVersions.createdBy))
    .where(eq(archiveVersions.recordId, recordId))
    .orderBy(desc(archiveVersions.version));
}

export type RecordVersion = Awaited<ReturnType<typeof recordVersions>>[number];

/** The page images of a version, in order (width and height for layout before they load). */
export async function versionPreviews(db: Db, versionId: string) {
  return db
    .select({ page: archivePreviews.page, width: archivePreviews.width, height: archivePreviews.height })
    .from(archivePreviews)
    .where(eq(archivePreviews.versionId, versionId))
    .orderBy(asc(archivePreviews.page));
}

/** Organisations where the viewer may file records (archive.manage), for the form's choice. */
export async function manageableOrganizations(db: Db, viewer: Principal) {
  return db
    .select({ id: organizations.id, name: organizations.name, depth: organizations.depth })
    .from(organizations)
    .where(organizationScope(viewer, 'archive.manage'))
    .orderBy(asc(organizations.depth), asc(organizations.name));
}

/** Finished uploads of this user not yet filed as a record or version. */
export async function stagedUploads(db: Db, userId: string) {
  return db
    .select({ id: archiveUploads.id, fileName: archiveUploads.fileName, sizeBytes: archiveUploads.sizeBytes, createdAt: archiveUploads.createdAt })
    .from(archiveUploads)
    .where(eq(archiveUploads.userId, userId))
    .orderBy(desc(archiveUploads.createdAt))
    .limit(200);
}

/** Who filed a record and, for a tombstone, who destroyed it under which disposal list. */
export async function recordPeople(db: Db, access: RecordAccess) {
  const { record } = access;
  const ids = [record.createdBy, record.destroyedBy].filter((id): id is string => Boolean(id));
  const names = ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  const [disposal] = record.disposalId
    ? await db
        .select({ reason: archiveDisposals.reason, decidedAt: archiveDisposals.decidedAt })
        .from(archiveDisposals)
        .where(eq(archiveDisposals.id, record.disposalId))
    : [];
  return {
    createdByName: nameOf(record.createdBy),
    destroyedByName: nameOf(record.destroyedBy),
    disposalReason: disposal?.reason ?? null,
    disposalDecidedAt: disposal?.decidedAt ?? null,
  };
}

/** The record as the JSON API returns it: metadata and versions, never the extracted text. */
export function recordJson(access: RecordAccess, versions: RecordVersion[]) {
  const { record } = access;
  return {
    id: record.id,
    organization: { id: record.organizationId, name: access.organizationName },
    type: record.type,
    numberSymbol: record.numberSymbol,
    title: record.title,
    abstract: record.abstract,
    issuerName: record.issuerName,
    issuedOn: record.issuedOn,
    signer: record.signer,
    recipients: record.recipients,
    classification: record.classification,
    audience: record.audience,
    retentionYears: record.retentionYears,
    retentionEndsOn: retentionEndsOn(record.issuedOn, record.createdAt, record.retentionYears),
    legalHold: record.legalHold,
    legalHoldReason: access.canManage ? record.legalHoldReason : undefined,
    status: record.status,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    destroyedAt: record.destroyedAt?.toISOString() ?? null,
    disposalId: record.disposalId,
    currentVersionId: record.currentVersionId,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      reason: v.reason,
      fileName: v.fileName,
      contentType: v.contentType,
      sizeBytes: v.sizeBytes,
      sha256: v.sha256,
      available: v.hasFile,
      pageCount: v.pageCount,
      extraction: v.extraction,
      extractionError: v.extractionError,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdByName,
      downloadUrl: v.hasFile ? `/api/v1/documents/${record.id}/download?version=${v.version}` : null,
    })),
  };
}
