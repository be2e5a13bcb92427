import { getLocale, getTranslations } from 'next-intl/server';
import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { listAgenda, listDocuments } from '@/lib/meetings/agenda';
import { errorResponse, fileHeaders, meetingFileAccess } from '@/lib/meetings/file-routes';
import { buildMeetingPack, formatMeetingTime, formatStampTime, meetingHeader } from '@/lib/meetings/pack';
import { logger } from '@/lib/log/logger';
import { requestMeta } from '@/lib/server/request-meta';
import { getStorage, readAll } from '@/lib/storage';
import { ALLOWED_TYPES, contentDisposition, sanitizeFileName } from '@/lib/storage/sniff';

type Context = { params: Promise<{ meetingId: string }> };

/**
 * The meeting pack as one PDF (cover, agenda, documents), stamped on every page with the viewer's
 * name and the time. Same visibility as the pack page: meetingAccess, and guests get neither the
 * items hidden from them nor those items' documents. Every download is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { meetingId } = await params;
  const allowed = await meetingFileAccess(meetingId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  const { meeting } = access;
  const db = getDb();
  const t = await getTranslations('agenda');
  const locale = await getLocale();
  const [agenda, documents, header] = await Promise.all([
    listAgenda(db, access),
    listDocuments(db, access),
    meetingHeader(db, meeting.bodyId),
  ]);
  const storage = getStorage();
  const now = new Date();

  let pdf: Uint8Array;
  try {
    pdf = await buildMeetingPack({
      organizationName: header.organizationName,
      bodyName: header.bodyName,
      title: meeting.title,
      kindLabel: t(`pack.meetingKinds.${meeting.kind}`),
      timeLine: t('pack.pdf.time', {
        time: formatMeetingTime(locale, meeting.startsAt, meeting.endsAt, (start, end) => t('pack.timeRange', { start, end })),
      }),
      placeLine: meeting.location ? t('pack.pdf.place', { place: meeting.location }) : undefined,
      onlineLine: meeting.onlineUrl ? t('pack.pdf.online', { url: meeting.onlineUrl }) : undefined,
      agenda: agenda.map((item) => ({
        ...item,
        kindLabel: t(`kinds.${item.kind}`),
        presenterLine: item.presenter ? t('presentedBy', { name: item.presenter }) : undefined,
        minutesLabel: item.plannedMinutes ? t('minutes', { count: item.plannedMinutes }) : undefined,
      })),
      documents,
      read: (document) => readAll(storage, document.storageKey),
      stamp: t('pack.pdf.stamp', { name: viewer.name, time: formatStampTime(locale, now) }),
      labels: {
        agenda: t('pack.pdf.agenda'),
        noItems: t('pack.pdf.noItems'),
        generalDocuments: t('pack.pdf.generalDocuments'),
        documents: (list) => t('pack.pdf.documents', { list }),
        attachedSeparately: (title, kind) => t('pack.pdf.attachedSeparately', { title, type: t(`documents.types.${kind ?? 'other'}`) }),
        skippedTitle: t('pack.pdf.skippedTitle'),
        encrypted: (title) => t('pack.pdf.encrypted', { title }),
        corrupt: (title) => t('pack.pdf.corrupt', { title }),
        tooManyPages: (title, max) => t('pack.pdf.tooManyPages', { title, max }),
      },
    });
  } catch (error) {
    logger.error({ err: error, meetingId }, 'meeting pack failed');
    return errorResponse('INTERNAL');
  }

  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'meeting.pack.download',
    organizationId: meeting.organizationId,
    entityType: 'meeting',
    entityId: meeting.id,
    details: { documents: documents.map((d) => d.id), agendaVersion: meeting.agendaVersion, bytes: pdf.length },
  });

  const fileName = sanitizeFileName(`${meeting.title}.${ALLOWED_TYPES.pdf.extension}`, 'pdf');
  return new Response(pdf as Uint8Array<ArrayBuffer>, {
    headers: fileHeaders('application/pdf', contentDisposition(fileName), pdf.length),
  });
}
