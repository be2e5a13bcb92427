import { auditRecordView, previewOf, recordFileAccess, storedVersion, versionParam } from '@/lib/archive/files';
import { getDb } from '@/lib/db/client';
import { errorResponse, fileHeaders } from '@/lib/meetings/file-routes';
import { logger } from '@/lib/log/logger';
import { requestMeta } from '@/lib/server/request-meta';
import { getStorage, readAll } from '@/lib/storage';
import { ALLOWED_TYPES, sniffFileKind } from '@/lib/storage/sniff';

type Context = { params: Promise<{ recordId: string; page: string }> };

/**
 * One page image of a record (the current version, or `?version=N`) for the in-browser viewer;
 * never cached. The view is audited once: the record page audits the visit, and an image fetched
 * without such a visit in the last half hour writes the view row itself.
 */
export async function GET(request: Request, { params }: Context) {
  const { recordId, page } = await params;
  const allowed = await recordFileAccess(recordId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  const requested = versionParam(request.url);
  if (requested === 'invalid' || !/^\d{1,5}$/.test(page) || Number(page) < 1) return errorResponse('NOT_FOUND');
  const db = getDb();
  const version = await storedVersion(db, access, requested);
  const preview = version && (await previewOf(db, version.id, Number(page)));
  if (!version || !preview) return errorResponse('NOT_FOUND');

  await auditRecordView(db, viewer, requestMeta(request.headers), access, { via: 'preview', version: version.version, page: Number(page) }, { onlyIfNoRecentView: true });
  let image: Buffer;
  try {
    image = await readAll(getStorage(), preview.storageKey); // small; verified against its SHA-256
  } catch (error) {
    logger.error({ err: error, recordId, page }, 'archive preview could not be read');
    return errorResponse('INTERNAL');
  }
  const type = imageTypeOf(image);
  if (!type) {
    logger.error({ recordId, page }, 'archive preview is not an image');
    return errorResponse('INTERNAL');
  }
  return new Response(new Uint8Array(image), {
    headers: fileHeaders(type.mime, `inline; filename="page-${Number(page)}.${type.extension}"`, image.length),
  });
}

/** Page images are rendered by the ingest jobs as PNG, JPEG or WebP; the type is read from the bytes. */
function imageTypeOf(bytes: Uint8Array) {
  const kind = sniffFileKind(bytes);
  if (kind === 'png' || kind === 'jpeg') return { mime: ALLOWED_TYPES[kind].mime, extension: ALLOWED_TYPES[kind].extension };
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { mime: 'image/webp', extension: 'webp' };
  return undefined;
}
