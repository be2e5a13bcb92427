import { Readable } from 'node:stream';
import { getLocale, getTranslations } from 'next-intl/server';
import { recordAudit } from '@/lib/audit/record';
import { UnstampablePdfError, recordFileAccess, stampedPdf, storedVersion, versionParam, viewerUnit } from '@/lib/archive/files';
import { getDb } from '@/lib/db/client';
import { errorResponse, fileHeaders } from '@/lib/meetings/file-routes';
import { formatStampTime } from '@/lib/meetings/pack';
import { logger } from '@/lib/log/logger';
import { requestMeta } from '@/lib/server/request-meta';
import { getStorage, readAll } from '@/lib/storage';
import { contentDisposition } from '@/lib/storage/sniff';

type Context = { params: Promise<{ recordId: string }> };

/**
 * The original file of a record (the current version, or `?version=N`), as an attachment with
 * its Vietnamese name kept (RFC 6266 `filename*`). A PDF is stamped on every page with the
 * viewer's name, unit and the time; an encrypted or unreadable PDF is refused rather than handed
 * out unstamped. Other types are streamed as stored, verified against their SHA-256. Every
 * download is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { recordId } = await params;
  const allowed = await recordFileAccess(recordId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  const requested = versionParam(request.url);
  if (requested === 'invalid') return errorResponse('NOT_FOUND');
  const db = getDb();
  const version = await storedVersion(db, access, requested);
  if (!version) return errorResponse('NOT_FOUND');

  const storage = getStorage();
  if (!(await storage.exists(version.storageKey))) {
    logger.error({ recordId, versionId: version.id }, 'archived file missing from storage');
    return errorResponse('INTERNAL');
  }
  const now = new Date();
  const unit = viewerUnit(viewer, access.organizationPath);
  const audit = (details: Record<string, unknown>) =>
    recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
      action: 'archive.record.download',
      organizationId: access.record.organizationId,
      entityType: 'archive_record',
      entityId: access.record.id,
      details: { version: version.version, versionId: version.id, fileName: version.fileName, sha256: version.sha256, ...details },
    });
  const disposition = contentDisposition(version.fileName, 'attachment');

  if (version.contentType === 'application/pdf') {
    const t = await getTranslations('archive');
    const stamp = t('download.stamp', { name: viewer.name, unit, time: formatStampTime(await getLocale(), now) });
    let pdf: Uint8Array;
    try {
      pdf = await stampedPdf(await readAll(storage, version.storageKey), stamp);
    } catch (error) {
      if (error instanceof UnstampablePdfError) {
        return errorResponse('CONFLICT', error.reason === 'encrypted' ? 'archive.errors.encryptedPdf' : 'archive.errors.corruptPdf');
      }
      logger.error({ err: error, recordId, versionId: version.id }, 'archived PDF could not be stamped');
      return errorResponse('INTERNAL');
    }
    await audit({ stamped: true, stamp, unit, bytes: pdf.length });
    return new Response(pdf as Uint8Array<ArrayBuffer>, { headers: fileHeaders('application/pdf', disposition, pdf.length) });
  }

  await audit({ stamped: false, bytes: version.sizeBytes });
  // Opened last, with no await before the response owns it: a SHA-256 mismatch found while
  // streaming aborts the response, so the client never receives a complete wrong file.
  try {
    const stream = await storage.open(version.storageKey);
    stream.on('error', (error) => logger.error({ err: error, recordId }, 'archived file failed verification'));
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: fileHeaders(version.contentType, disposition, version.sizeBytes),
    });
  } catch (error) {
    logger.error({ err: error, recordId }, 'archived file could not be read');
    return errorResponse('INTERNAL');
  }
}
