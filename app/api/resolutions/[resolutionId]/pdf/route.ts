import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { logger } from '@/lib/log/logger';
import { errorResponse, fileHeaders, fileViewer } from '@/lib/meetings/file-routes';
import { resolutionAccess } from '@/lib/resolutions/access';
import { issuedResolutionPdf } from '@/lib/resolutions/pdf';
import { requestMeta } from '@/lib/server/request-meta';
import { contentDisposition } from '@/lib/storage/sniff';

type Context = { params: Promise<{ resolutionId: string }> };

/**
 * The PDF of an issued document, stored at issue, for whoever may see it (lib/resolutions/access.ts);
 * drafts have no PDF (404). The bytes are checked against the recorded SHA-256; every download is
 * audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { resolutionId } = await params;
  const signedIn = await fileViewer();
  if ('response' in signedIn) return signedIn.response;
  const { viewer } = signedIn;
  const db = getDb();
  const access = await resolutionAccess(db, viewer, resolutionId);
  if (!access || access.resolution.status !== 'issued') return errorResponse('NOT_FOUND');
  const file = await issuedResolutionPdf(db, resolutionId);
  if (!file) {
    logger.error({ resolutionId, sha256: access.resolution.pdfSha256 }, 'issued document PDF missing or corrupted');
    return errorResponse('INTERNAL');
  }
  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'resolution.pdf.download',
    organizationId: access.resolution.organizationId,
    entityType: 'resolution',
    entityId: resolutionId,
    details: { numberSymbol: file.metadata.numberSymbol, sha256: file.sha256 },
  });
  return new Response(new Uint8Array(file.bytes), {
    headers: fileHeaders(file.contentType, contentDisposition(file.fileName, 'attachment'), file.bytes.length),
  });
}
