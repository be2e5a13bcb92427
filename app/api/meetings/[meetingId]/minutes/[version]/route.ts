import { getTranslations } from 'next-intl/server';
import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { errorResponse, fileHeaders, meetingFileAccess } from '@/lib/meetings/file-routes';
import { approvedMinutesFile, minutesRights } from '@/lib/meetings/minutes';
import { readStoredFile } from '@/lib/meetings/minutes-pdf';
import { logger } from '@/lib/log/logger';
import { requestMeta } from '@/lib/server/request-meta';
import { contentDisposition } from '@/lib/storage/sniff';

type Context = { params: Promise<{ meetingId: string; version: string }> };

/**
 * The archived PDF of one approved version of the minutes. Whoever may see the meeting
 * (meetingAccess) and its approved minutes (not guests); drafts have no PDF (404). The bytes are
 * checked against the recorded SHA-256 before they are sent; every download is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { meetingId, version: rawVersion } = await params;
  const allowed = await meetingFileAccess(meetingId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  if (!minutesRights(access).canSeeApproved) return errorResponse('NOT_FOUND');
  const version = /^\d{1,5}$/.test(rawVersion) ? Number(rawVersion) : 0;
  if (version < 1) return errorResponse('NOT_FOUND');

  const db = getDb();
  const file = await approvedMinutesFile(db, meetingId, version);
  if (!file) return errorResponse('NOT_FOUND');
  const bytes = await readStoredFile(file.storageKey, file.sha256);
  if (!bytes) {
    logger.error({ meetingId, version, sha256: file.sha256 }, 'approved minutes PDF missing or corrupted');
    return errorResponse('INTERNAL');
  }

  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'meeting.minutes.download',
    organizationId: access.meeting.organizationId,
    entityType: 'minutes',
    entityId: meetingId,
    details: { meetingId, version, sha256: file.sha256 },
  });
  const t = await getTranslations('minutes');
  const name = `${t('title')} - ${access.meeting.title} - v${version}.pdf`;
  return new Response(new Uint8Array(bytes), {
    headers: fileHeaders('application/pdf', contentDisposition(name.replace(/[/\\]/g, '-'), 'attachment'), bytes.length),
  });
}
