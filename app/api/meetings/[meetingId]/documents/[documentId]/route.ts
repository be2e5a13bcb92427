import { Readable } from 'node:stream';
import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { findDocument } from '@/lib/meetings/agenda';
import { errorResponse, fileHeaders, meetingFileAccess } from '@/lib/meetings/file-routes';
import { logger } from '@/lib/log/logger';
import { requestMeta } from '@/lib/server/request-meta';
import { getStorage } from '@/lib/storage';
import { contentDisposition } from '@/lib/storage/sniff';

type Context = { params: Promise<{ meetingId: string; documentId: string }> };

/**
 * One meeting document, shown in the browser. Anyone who may see the meeting (meetingAccess) may
 * read its documents, except guests for documents of items hidden from guests. The bytes are
 * checked against their SHA-256 while they stream; every view is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { meetingId, documentId } = await params;
  const allowed = await meetingFileAccess(meetingId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  const db = getDb();
  const document = await findDocument(db, access, documentId);
  if (!document) return errorResponse('NOT_FOUND');

  const storage = getStorage();
  if (!(await storage.exists(document.storageKey))) {
    logger.error({ documentId }, 'meeting document missing from storage');
    return errorResponse('INTERNAL');
  }

  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'meeting.document.view',
    organizationId: access.meeting.organizationId,
    entityType: 'meeting_document',
    entityId: document.id,
    details: { meetingId, title: document.title, fileName: document.fileName, sha256: document.sha256 },
  });

  // Opened last, with no await between opening and handing the stream to the response: the bytes
  // are verified as they stream, and a mismatch aborts the response (the client never receives a
  // complete wrong file) — it must not happen before the response owns the stream.
  try {
    const stream = await storage.open(document.storageKey);
    stream.on('error', (error) => logger.error({ err: error, documentId }, 'meeting document failed verification'));
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: fileHeaders(document.contentType, contentDisposition(document.fileName), document.sizeBytes),
    });
  } catch (error) {
    logger.error({ err: error, documentId }, 'meeting document could not be read');
    return errorResponse('INTERNAL');
  }
}
