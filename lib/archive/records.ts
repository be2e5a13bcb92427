import 'server-only';
import { and, eq, isNotNull, max, sql } from 'drizzle-orm';
import { archiveRecords, archiveRetentionRules, archiveVersions } from '@/db/schema';
import type { AuditEntry } from '@/lib/audit/record';
import type { Db } from '@/lib/db/client';
import { markForRetry } from '@/lib/ingest/queue';
import { numberKeyOf, reindexRecord } from '@/lib/search/index';
import { AppError } from '@/lib/server/errors';
import { NUMBER_SYMBOL_PATTERN, type RecordType, isStateSecret, recordTypeOfNumberSymbol } from './constants';
import type { MetadataInput } from './schemas';

/** Who makes a change: a user, or nobody for the import CLI (its audit rows carry no actor id). */
export type ArchiveActor = { userId: string | null; audit: (entry: AuditEntry) => Promise<void> };

/** A file already safely in storage, ready to become a version (a claimed upload, an imported file). */
export type StoredFile = { fileName: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string };

const fieldError = (field: string, key: string, values?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { field, messageKey: `archive.errors.${key}`, values });

/** Today in Vietnam (UTC+7), as YYYY-MM-DD. */
export function vietnamToday(now = new Date()) {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Checks that zod cannot make alone: the number and symbol's form (`09-NQ/HU`) and that its type
 * abbreviation matches the chosen type; a document date not in the future.
 */
export function checkMetadata(input: Pick<MetadataInput, 'numberSymbol' | 'type' | 'issuedOn'>, now = new Date()) {
  if (input.numberSymbol) {
    if (!NUMBER_SYMBOL_PATTERN.test(input.numberSymbol)) throw fieldError('numberSymbol', 'numberSymbolFormat');
    const named = recordTypeOfNumberSymbol(input.numberSymbol);
    if (named && input.type !== 'other' && named !== input.type) {
      throw fieldError('numberSymbol', 'numberSymbolType', { symbol: named, type: input.type });
    }
  }
  if (input.issuedOn && input.issuedOn > vietnamToday(now)) throw fieldError('issuedOn', 'issuedInFuture');
}

/** A file for a state-secret record is refused, whatever it is (DESIGN.md, Law on Protection of State Secrets). */
export function refuseStateSecretFile(classification: string, field = 'uploadId') {
  if (isStateSecret(classification)) throw fieldError(field, 'stateSecretFile');
}

/** Years to keep a record of this type by default (archive_retention_rules); null = permanent. */
export async function defaultRetentionYears(db: Db, type: RecordType): Promise<number | null> {
  const [rule] = await db.select({ years: archiveRetentionRules.years }).from(archiveRetentionRules).where(eq(archiveRetentionRules.type, type));
  return rule ? rule.years : null;
}

async function retentionFor(db: Db, type: RecordType, chosen: number | null | undefined) {
  return chosen === undefined ? defaultRetentionYears(db, type) : chosen;
}

function metadataValues(input: MetadataInput) {
  return {
    type: input.type,
    numberSymbol: input.numberSymbol,
    numberKey: input.numberSymbol ? numberKeyOf(input.numberSymbol) : null,
    title: input.title,
    abstract: input.abstract,
    issuerName: input.issuerName,
    issuedOn: input.issuedOn,
    signer: input.signer,
    recipients: input.recipients,
    classification: input.classification,
    audience: input.audience,
  };
}

const fileDetails = (file: StoredFile) => ({
  fileName: file.fileName,
  contentType: file.contentType,
  sizeBytes: file.sizeBytes,
  sha256: file.sha256,
});

async function insertVersion(tx: Db, recordId: string, version: number, file: StoredFile, reason: string | null, userId: string | null) {
  const [row] = await tx
    .insert(archiveVersions)
    .values({ recordId, version, reason, ...fileDetails(file), storageKey: file.storageKey, createdBy: userId })
    .returning({ id: archiveVersions.id });
  await tx.update(archiveRecords).set({ currentVersionId: row!.id, updatedAt: sql`now()` }).where(eq(archiveRecords.id, recordId));
  return row!.id;
}

/**
 * Registers a record with its metadata and, unless it is a state secret, its first file version.
 * Retention left to default comes from the type's rule. Audited and reindexed in the transaction;
 * the caller enqueues text extraction of the returned version after commit.
 */
export async function createRecord(
  tx: Db,
  actor: ArchiveActor,
  input: MetadataInput & { organizationId: string; sourceKind?: string; sourceId?: string },
  file?: StoredFile,
): Promise<{ recordId: string; versionId?: string }> {
  checkMetadata(input);
  if (file) refuseStateSecretFile(input.classification);
  const retentionYears = await retentionFor(tx, input.type, input.retention);
  const [record] = await tx
    .insert(archiveRecords)
    .values({
      organizationId: input.organizationId,
      ...metadataValues(input),
      retentionYears,
      sourceKind: input.sourceKind ?? null,
      sourceId: input.sourceId ?? null,
      createdBy: actor.userId,
    })
    .returning({ id: archiveRecords.id });
  const recordId = record!.id;
  const versionId = file ? await insertVersion(tx, recordId, 1, file, null, actor.userId) : undefined;
  await actor.audit({
    action: 'archive.record.create',
    organizationId: input.organizationId,
    entityType: 'archive_record',
    entityId: recordId,
    details: {
      ...metadataValues(input),
      retentionYears,
      ...(file ? { version: { number: 1, versionId, ...fileDetails(file) } } : { metadataOnly: true }),
    },
  });
  await reindexRecord(tx, recordId);
  return { recordId, versionId };
}

/** The record, locked for a change; only active (not destroyed) records change. */
export async function lockRecord(tx: Db, recordId: string) {
  const [record] = await tx.select().from(archiveRecords).where(eq(archiveRecords.id, recordId)).for('update');
  if (!record) throw new AppError('NOT_FOUND');
  if (record.status !== 'active') throw new AppError('CONFLICT', { messageKey: 'archive.errors.destroyed' });
  return record;
}

/** A new file version (who, when, why); it becomes the current one. */
export async function addVersion(tx: Db, actor: ArchiveActor, input: { recordId: string; reason: string }, file: StoredFile) {
  const record = await lockRecord(tx, input.recordId);
  refuseStateSecretFile(record.classification);
  const [last] = await tx.select({ n: max(archiveVersions.version) }).from(archiveVersions).where(eq(archiveVersions.recordId, record.id));
  const version = (last?.n ?? 0) + 1;
  const versionId = await insertVersion(tx, record.id, version, file, input.reason, actor.userId);
  await actor.audit({
    action: 'archive.version.add',
    organizationId: record.organizationId,
    entityType: 'archive_record',
    entityId: record.id,
    details: { version, versionId, reason: input.reason, ...fileDetails(file) },
  });
  await reindexRecord(tx, record.id);
  return { versionId, version };
}

const EDITABLE = ['type', 'numberSymbol', 'title', 'abstract', 'issuerName', 'issuedOn', 'signer', 'recipients', 'classification', 'audience', 'retentionYears'] as const;

/**
 * Changes a record's metadata; the audit row holds the changed fields before and after. A record
 * that already has files cannot become a state secret (the files would then be secrets kept on a
 * networked computer); nothing changes when the form is stale (someone saved in between).
 */
export async function updateMetadata(tx: Db, actor: ArchiveActor, recordId: string, expectedUpdatedAt: string, input: MetadataInput) {
  const record = await lockRecord(tx, recordId);
  if (record.updatedAt.getTime() !== new Date(expectedUpdatedAt).getTime()) {
    throw new AppError('CONFLICT', { messageKey: 'archive.errors.stale' });
  }
  checkMetadata(input);
  if (isStateSecret(input.classification) && !isStateSecret(record.classification)) {
    const [stored] = await tx
      .select({ id: archiveVersions.id })
      .from(archiveVersions)
      .where(and(eq(archiveVersions.recordId, recordId), isNotNull(archiveVersions.storageKey)))
      .limit(1);
    if (stored) throw fieldError('classification', 'stateSecretHasFiles');
  }
  const next = { ...metadataValues(input), retentionYears: await retentionFor(tx, input.type, input.retention) };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    if (record[key] !== next[key]) {
      before[key] = record[key];
      after[key] = next[key];
    }
  }
  if (Object.keys(after).length === 0) return { changed: false };
  await tx.update(archiveRecords).set({ ...next, updatedAt: sql`now()` }).where(eq(archiveRecords.id, recordId));
  await actor.audit({
    action: 'archive.record.update',
    organizationId: record.organizationId,
    entityType: 'archive_record',
    entityId: recordId,
    details: { before, after },
  });
  await reindexRecord(tx, recordId);
  return { changed: true };
}

/** Places or lifts a legal hold (with the reason). A record on hold is never destroyed. */
export async function setLegalHold(tx: Db, actor: ArchiveActor, recordId: string, hold: boolean, reason: string) {
  const record = await lockRecord(tx, recordId);
  if (record.legalHold === hold) throw new AppError('CONFLICT', { messageKey: hold ? 'archive.errors.alreadyHeld' : 'archive.errors.notHeld' });
  await tx
    .update(archiveRecords)
    .set({ legalHold: hold, legalHoldReason: hold ? reason : null, updatedAt: sql`now()` })
    .where(eq(archiveRecords.id, recordId));
  await actor.audit({
    action: hold ? 'archive.record.hold' : 'archive.record.release',
    organizationId: record.organizationId,
    entityType: 'archive_record',
    entityId: recordId,
    details: { reason, previousReason: record.legalHoldReason },
  });
}

/** Puts a version whose extraction failed back to `queued` (the caller enqueues it after commit). */
export async function requeueExtraction(tx: Db, actor: ArchiveActor, recordId: string, versionId: string) {
  const record = await lockRecord(tx, recordId);
  const [version] = await tx
    .select({ id: archiveVersions.id, version: archiveVersions.version, extraction: archiveVersions.extraction, error: archiveVersions.extractionError })
    .from(archiveVersions)
    .where(and(eq(archiveVersions.id, versionId), eq(archiveVersions.recordId, recordId), isNotNull(archiveVersions.storageKey)));
  if (!version) throw new AppError('NOT_FOUND');
  if (version.extraction !== 'failed' || !(await markForRetry(tx, versionId))) throw new AppError('CONFLICT', { messageKey: 'archive.errors.notFailed' });
  await actor.audit({
    action: 'archive.version.retry',
    organizationId: record.organizationId,
    entityType: 'archive_record',
    entityId: recordId,
    details: { versionId, version: version.version, previousError: version.error },
  });
}

/** Default retention years of every type (null = permanent), for the forms' hints. */
export async function retentionRules(db: Db): Promise<Partial<Record<RecordType, number | null>>> {
  const rows = await db.select({ type: archiveRetentionRules.type, years: archiveRetentionRules.years }).from(archiveRetentionRules);
  return Object.fromEntries(rows.map((r) => [r.type, r.years]));
}
