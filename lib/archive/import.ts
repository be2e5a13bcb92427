import 'server-only';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { and, eq, sql } from 'drizzle-orm';
import { archiveRecords, archiveVersions, organizations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import type { RequestMeta } from '@/lib/server/request-meta';
import { fieldErrors } from '@/lib/server/validation';
import { getStorage } from '@/lib/storage';
import { UploadRefused } from '@/lib/storage/inspect';
import { inspectFileOnDisk } from '@/lib/uploads/stage';
import { numberKeyOf } from '@/lib/search/index';
import { CLASSIFICATIONS, type Classification, RECORD_TYPES, type RecordType, isStateSecret } from './constants';
import { type StoredFile, createRecord } from './records';
import { metadataSchema } from './schemas';

/**
 * Bulk import of a folder of files with a CSV of their metadata (`npm run import`). Each row is
 * one record, filed in its own transaction after its file passed the same checks as an upload
 * (lib/storage/inspect.ts) and was stored. Re-running skips what is already there: a file whose
 * SHA-256 is already a version of a record of the same organisation, or a metadata-only row whose
 * number and symbol (or title and date) already names a record there.
 */

export const CSV_COLUMNS = [
  'file',
  'organization',
  'type',
  'number_symbol',
  'title',
  'abstract',
  'issuer',
  'issued_on',
  'signer',
  'recipients',
  'classification',
  'audience',
  'retention_years',
] as const;
const REQUIRED_COLUMNS = ['type', 'title'] as const;

/** CSV column for each metadata field, so a validation message names what the user wrote. */
const COLUMN_OF: Record<string, string> = {
  type: 'type',
  numberSymbol: 'number_symbol',
  title: 'title',
  abstract: 'abstract',
  issuerName: 'issuer',
  issuedOn: 'issued_on',
  signer: 'signer',
  recipients: 'recipients',
  classification: 'classification',
  audience: 'audience',
  retention: 'retention_years',
  uploadId: 'file',
};

type Translate = (key: string, values?: Record<string, string | number>) => string;

export type ImportFailure = { row: number; file: string; reason: string };
export type ImportSummary = { total: number; imported: number; skipped: number; failures: ImportFailure[] };

export type ImportOptions = {
  folder: string;
  csvPath: string;
  /** Default organisation (id or exact name) for rows without an `organization` column. */
  organization?: string;
  maxBytes: number;
  t: Translate;
  /** Called after each row with how many are done. */
  onProgress?: (done: number, total: number, label: string) => void;
  /** Starts text extraction of a new version (after its transaction committed). */
  enqueue: (versionId: string) => Promise<void>;
};

/** RFC 4180 CSV (quoted fields, doubled quotes, CR LF or LF, a UTF-8 BOM); `,` or `;` as separator. */
export function parseCsv(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v.trim() !== ''));
}

/** Lower case, no diacritics, đ → d, single spaces: how users may write types and levels. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

const TYPE_NAMES: Record<string, RecordType> = {
  'nghi quyet': 'NQ',
  'chi thi': 'CT',
  'ket luan': 'KL',
  'quyet dinh': 'QĐ',
  'quy che': 'QC',
  'huong dan': 'HD',
  'ke hoach': 'KH',
  'bao cao': 'BC',
  'thong bao': 'TB',
  'cong van': 'CV',
  'bien ban': 'BB',
  'chuong trinh': 'CTr',
  khac: 'other',
};

export function typeOf(value: string): RecordType | undefined {
  const folded = fold(value);
  return RECORD_TYPES.find((t) => fold(t) === folded) ?? TYPE_NAMES[folded];
}

const CLASSIFICATION_NAMES: Record<string, Classification> = {
  thuong: 'normal',
  'noi bo': 'internal',
  'luu hanh noi bo': 'internal',
  mat: 'secret',
  'toi mat': 'top_secret',
  'tuyet mat': 'absolute_secret',
};

export function classificationOf(value: string): Classification | undefined {
  const folded = fold(value);
  if (!folded) return 'normal';
  return CLASSIFICATIONS.find((c) => fold(c) === folded) ?? CLASSIFICATION_NAMES[folded];
}

/** `2026-03-15`, or `15/03/2026` as written in Vietnam. */
function isoDate(value: string) {
  const dmy = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(value.trim());
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : value.trim();
}

function retentionOf(value: string) {
  const folded = fold(value);
  if (!folded || folded === 'default' || folded === 'mac dinh') return 'default';
  if (folded === 'permanent' || folded === 'vinh vien') return 'permanent';
  return folded;
}

async function sha256OfFile(filePath: string) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  return hash.digest('hex');
}

class RowError extends Error {}

export async function importFolder(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const { t } = options;
  let rows: string[][];
  try {
    rows = parseCsv(await readFile(options.csvPath, 'utf8'));
  } catch (error) {
    return { total: 0, imported: 0, skipped: 0, failures: [{ row: 0, file: options.csvPath, reason: t('archive.import.badCsv', { reason: (error as Error).message }) }] };
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return { total: 0, imported: 0, skipped: 0, failures: [{ row: 1, file: options.csvPath, reason: t('archive.import.missingColumns', { columns: missing.join(', ') }) }] };
  }
  const folder = await realpath(options.folder);
  const meta: RequestMeta = { ip: null, userAgent: `quorum import (${os.userInfo().username}@${os.hostname()})`.slice(0, 512) };
  const organizationIds = new Map<string, string>();
  const summary: ImportSummary = { total: rows.length, imported: 0, skipped: 0, failures: [] };

  async function organizationIdOf(nameOrId: string) {
    const key = nameOrId.trim().normalize('NFC');
    const known = organizationIds.get(key);
    if (known) return known;
    const matches = /^[0-9a-f-]{36}$/i.test(key)
      ? await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, key))
      : await db.select({ id: organizations.id }).from(organizations).where(sql`lower(${organizations.name}) = lower(${key})`);
    if (matches.length === 0) throw new RowError(t('archive.import.unknownOrganization', { name: key }));
    if (matches.length > 1) throw new RowError(t('archive.import.ambiguousOrganization', { name: key }));
    organizationIds.set(key, matches[0]!.id);
    return matches[0]!.id;
  }

  for (const [index, cells] of rows.entries()) {
    const rowNumber = index + 2; // the header is row 1
    const cell = (column: string) => (header.includes(column) ? (cells[header.indexOf(column)] ?? '').trim() : '');
    const fileCell = cell('file');
    try {
      const result = await importRow(cell, fileCell);
      if (result === 'skipped') summary.skipped++;
      else summary.imported++;
    } catch (error) {
      summary.failures.push({ row: rowNumber, file: fileCell || '—', reason: reasonOf(error, t) });
    }
    options.onProgress?.(index + 1, rows.length, fileCell || cell('title'));
  }
  return summary;

  async function importRow(cell: (column: string) => string, fileCell: string): Promise<'imported' | 'skipped'> {
    const organizationName = cell('organization') || options.organization;
    if (!organizationName) throw new RowError(t('archive.import.noOrganization'));
    const organizationId = await organizationIdOf(organizationName);
    const type = typeOf(cell('type'));
    if (!type) throw new RowError(t('archive.import.unknownType', { value: cell('type') }));
    const classification = classificationOf(cell('classification'));
    if (!classification) throw new RowError(t('archive.import.unknownClassification', { value: cell('classification') }));
    const audienceCell = fold(cell('audience'));
    const parsed = metadataSchema.safeParse({
      type,
      numberSymbol: cell('number_symbol'),
      title: cell('title'),
      abstract: cell('abstract'),
      issuerName: cell('issuer'),
      issuedOn: isoDate(cell('issued_on')),
      signer: cell('signer'),
      recipients: cell('recipients'),
      classification,
      audience: audienceCell === 'leaders' || audienceCell === 'lanh dao' ? 'leaders' : audienceCell === '' || audienceCell === 'organization' ? 'organization' : audienceCell,
      retention: retentionOf(cell('retention_years')),
    });
    if (!parsed.success) {
      const [field, message] = Object.entries(fieldErrors(parsed.error, (k, v) => t(`validation.${k}`, v)))[0]!;
      throw new RowError(t('archive.import.invalidField', { field: COLUMN_OF[field] ?? field, message }));
    }
    const input = parsed.data;
    if (fileCell && isStateSecret(input.classification)) throw new AppError('VALIDATION_FAILED', { messageKey: 'archive.errors.stateSecretFile' });

    let file: StoredFile | undefined;
    if (fileCell) {
      const filePath = path.resolve(folder, fileCell);
      if (!filePath.startsWith(folder + path.sep)) throw new RowError(t('archive.import.outsideFolder'));
      const real = await realpath(filePath).catch(() => undefined);
      if (!real || !(await stat(real)).isFile()) throw new RowError(t('archive.import.missingFile'));
      if (!real.startsWith(folder + path.sep)) throw new RowError(t('archive.import.outsideFolder'));
      const checked = await inspectFileOnDisk(real, path.basename(fileCell), options.maxBytes);
      const sha256 = await sha256OfFile(real);
      const [existing] = await db
        .select({ id: archiveVersions.id })
        .from(archiveVersions)
        .innerJoin(archiveRecords, eq(archiveRecords.id, archiveVersions.recordId))
        .where(and(eq(archiveVersions.sha256, sha256), eq(archiveRecords.organizationId, organizationId)))
        .limit(1);
      if (existing) return 'skipped';
      // Stored before its row: a crash in between leaves an unreferenced object for the sweep.
      const stored = await getStorage().put(createReadStream(real, { highWaterMark: 1024 * 1024 }), { maxBytes: options.maxBytes });
      file = { fileName: checked.fileName, contentType: checked.contentType, sizeBytes: stored.size, sha256: stored.sha256, storageKey: stored.key };
    } else {
      const numberKey = input.numberSymbol ? numberKeyOf(input.numberSymbol) : null;
      const [existing] = await db
        .select({ id: archiveRecords.id })
        .from(archiveRecords)
        .where(
          and(
            eq(archiveRecords.organizationId, organizationId),
            eq(archiveRecords.type, input.type),
            numberKey ? eq(archiveRecords.numberKey, numberKey) : and(eq(archiveRecords.title, input.title), input.issuedOn ? eq(archiveRecords.issuedOn, input.issuedOn) : sql`${archiveRecords.issuedOn} is null`),
          ),
        )
        .limit(1);
      if (existing) return 'skipped';
    }

    const { versionId } = await db.transaction((tx) =>
      createRecord(tx, { userId: null, audit: (entry) => recordAudit(tx, null, meta, { ...entry, details: { ...entry.details, via: 'cli-import', csv: path.basename(options.csvPath) } }) }, { ...input, organizationId }, file),
    );
    if (versionId) await options.enqueue(versionId).catch(() => undefined); // a lost job is picked up by the ingest sweep
    return 'imported';
  }
}

function reasonOf(error: unknown, t: Translate): string {
  if (error instanceof RowError) return error.message;
  if (error instanceof UploadRefused) return t(`uploads.refused.${error.reason}`, error.values);
  if (error instanceof AppError) {
    const key = error.options.messageKey ?? error.code;
    return t(key.includes('.') ? key : `errors.${key}`, error.options.values);
  }
  return (error as Error).message ?? String(error);
}
