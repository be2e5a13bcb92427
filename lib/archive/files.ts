import 'server-only';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { archivePreviews, archiveVersions, auditEvents } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import type { Viewer } from '@/lib/auth/viewer';
import { type Db, getDb } from '@/lib/db/client';
import { errorResponse, fileViewer } from '@/lib/meetings/file-routes';
import { embedVietnameseFonts } from '@/lib/pdf/fonts';
import { stampEveryPage } from '@/lib/pdf/stamp';
import type { RequestMeta } from '@/lib/server/request-meta';
import { type RecordAccess, recordAccess } from './access';

/**
 * For the record file routes: the signed-in viewer (401) who may see the record (404 otherwise,
 * lib/archive/access.ts), and the record must still hold its files (a tombstone answers 404).
 */
export async function recordFileAccess(recordId: string): Promise<{ viewer: Viewer; access: RecordAccess } | { response: Response }> {
  const signedIn = await fileViewer();
  if ('response' in signedIn) return signedIn;
  const access = await recordAccess(getDb(), signedIn.viewer, recordId);
  if (!access || access.record.status !== 'active') return { response: await errorResponse('NOT_FOUND') };
  return { viewer: signedIn.viewer, access };
}

/** `?version=N` from a URL: a positive whole number, or undefined for the current version. */
export function versionParam(url: string): number | undefined | 'invalid' {
  const raw = new URL(url).searchParams.get('version');
  if (raw === null || raw === '') return undefined;
  return /^\d{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 'invalid';
}

/** A stored version of the record: number N, or the current one. Undefined when there is none. */
export async function storedVersion(db: Db, access: RecordAccess, version?: number) {
  const { record } = access;
  const [row] = await db
    .select({
      id: archiveVersions.id,
      version: archiveVersions.version,
      fileName: archiveVersions.fileName,
      contentType: archiveVersions.contentType,
      sizeBytes: archiveVersions.sizeBytes,
      sha256: archiveVersions.sha256,
      storageKey: archiveVersions.storageKey,
    })
    .from(archiveVersions)
    .where(
      and(
        eq(archiveVersions.recordId, record.id),
        version === undefined ? eq(archiveVersions.id, record.currentVersionId ?? sql`null`) : eq(archiveVersions.version, version),
      ),
    );
  return row?.storageKey ? { ...row, storageKey: row.storageKey } : undefined;
}

export async function previewOf(db: Db, versionId: string, page: number) {
  const [row] = await db
    .select({ storageKey: archivePreviews.storageKey, width: archivePreviews.width, height: archivePreviews.height })
    .from(archivePreviews)
    .where(and(eq(archivePreviews.versionId, versionId), eq(archivePreviews.page, page)));
  return row;
}

/** The unit named on a stamped copy: the viewer's organisation nearest above (or at) the record's. */
export function viewerUnit(viewer: Viewer, organizationPath: string): string {
  const covering = viewer.memberships
    .filter((m) => organizationPath.startsWith(m.organizationPath))
    .sort((a, b) => b.organizationPath.length - a.organizationPath.length)[0];
  return (covering ?? viewer.memberships[0])?.organizationName ?? '';
}

export class UnstampablePdfError extends Error {
  constructor(public readonly reason: 'encrypted' | 'corrupt') {
    super(`PDF cannot be stamped: ${reason}`);
    this.name = 'UnstampablePdfError';
  }
}

/**
 * The PDF with `stamp` on every page (lib/pdf/stamp.ts). An encrypted or unreadable PDF is
 * refused rather than handed out unstamped.
 */
export async function stampedPdf(bytes: Uint8Array, stamp: string): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    throw new UnstampablePdfError(/encrypt/i.test((error as Error).message) ? 'encrypted' : 'corrupt');
  }
  if (doc.isEncrypted) throw new UnstampablePdfError('encrypted');
  const { regular } = await embedVietnameseFonts(doc);
  const supported = new Set(regular.getCharacterSet());
  const drawable = [...stamp.replace(/[\p{Cc}\p{Cf}]/gu, ' ')].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('');
  stampEveryPage(doc, regular, drawable);
  return doc.save();
}

/** A view of a record is audited once per page load; image requests within this window add nothing. */
export const VIEW_WINDOW_MINUTES = 30;

/**
 * Audits that the viewer looked at the record. The detail page always writes a row; the preview
 * route passes `onlyIfNoRecentView` so the page images it serves (one request per page) count as
 * part of that view, while a preview fetched on its own is still audited.
 */
export async function auditRecordView(
  db: Db,
  viewer: Viewer,
  meta: RequestMeta,
  access: RecordAccess,
  details: Record<string, unknown>,
  options: { onlyIfNoRecentView?: boolean } = {},
) {
  if (options.onlyIfNoRecentView) {
    const [recent] = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorId, viewer.id),
          eq(auditEvents.action, 'archive.record.view'),
          eq(auditEvents.entityId, access.record.id),
          gt(auditEvents.occurredAt, sql`now() - make_interval(mins => ${VIEW_WINDOW_MINUTES})`),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(1);
    if (recent) return false;
  }
  await recordAudit(db, { id: viewer.id, name: viewer.name }, meta, {
    action: 'archive.record.view',
    organizationId: access.record.organizationId,
    entityType: 'archive_record',
    entityId: access.record.id,
    details: { numberSymbol: access.record.numberSymbol, title: access.record.title, ...details },
  });
  return true;
}
