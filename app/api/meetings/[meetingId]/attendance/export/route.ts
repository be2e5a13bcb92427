import { getLocale, getTranslations } from 'next-intl/server';
import { recordAudit } from '@/lib/audit/record';
import { getDb } from '@/lib/db/client';
import { attendancePdf, attendanceXlsx, loadAttendanceSheet } from '@/lib/meetings/attendance-export';
import { errorResponse, fileHeaders, meetingFileAccess } from '@/lib/meetings/file-routes';
import { requestMeta } from '@/lib/server/request-meta';
import { contentDisposition } from '@/lib/storage/sniff';

type Context = { params: Promise<{ meetingId: string }> };

const FORMATS = {
  pdf: { type: 'application/pdf', extension: 'pdf' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;

/**
 * The attendance list of one meeting, to print and sign (`?format=pdf`) or as a spreadsheet
 * (`?format=xlsx`). Those who prepare, approve or oversee the meeting (meetingAccess); members and
 * guests get 404. It holds names, so every export is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { meetingId } = await params;
  const allowed = await meetingFileAccess(meetingId);
  if ('response' in allowed) return allowed.response;
  const { viewer, access } = allowed;
  if (!access.canPrepare && !access.canApprove && !access.canOversee) return errorResponse('NOT_FOUND');
  const format = new URL(request.url).searchParams.get('format') ?? 'pdf';
  if (format !== 'pdf' && format !== 'xlsx') return errorResponse('VALIDATION_FAILED');

  const db = getDb();
  const sheet = await loadAttendanceSheet(db, meetingId);
  const t = await getTranslations();
  const locale = await getLocale();
  const translate = (key: string, values?: Record<string, string | number>) => t(key, values);
  const bytes = format === 'pdf' ? await attendancePdf(sheet, translate, locale) : await attendanceXlsx(sheet, translate, locale);

  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'meeting.attendance.export',
    organizationId: access.meeting.organizationId,
    entityType: 'meeting',
    entityId: meetingId,
    details: { format, rows: sheet.rows.length },
  });
  const name = `${t('statistics.export.fileName', { meeting: sheet.title })}.${FORMATS[format].extension}`.replace(/[/\\]/g, '-');
  return new Response(new Uint8Array(bytes), {
    headers: fileHeaders(FORMATS[format].type, contentDisposition(name, 'attachment'), bytes.length),
  });
}
