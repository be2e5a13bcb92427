import { getLocale, getTranslations } from 'next-intl/server';
import { recordAudit } from '@/lib/audit/record';
import { getViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { errorResponse, fileHeaders } from '@/lib/meetings/file-routes';
import { requestMeta } from '@/lib/server/request-meta';
import { contentDisposition } from '@/lib/storage/sniff';
import { countSheetPdf, voterListXlsx } from '@/lib/votes/export';
import { ballotView } from '@/lib/votes/queries';

type Context = { params: Promise<{ ballotId: string }> };

const FORMATS = {
  pdf: { type: 'application/pdf', extension: 'pdf', name: 'votes.sheet.fileName' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', name: 'votes.export.fileName' },
} as const;

/**
 * `?format=xlsx`: the eligible-voter list with participation (and, for a closed named vote, who
 * chose what). `?format=pdf`: the vote-count sheet (biên bản kiểm phiếu) of a closed ballot.
 * For those who run, prepare, manage or oversee the vote (lib/votes/access.ts); others 404.
 * It holds names, so every export is audited.
 */
export async function GET(request: Request, { params }: Context) {
  const { ballotId } = await params;
  const viewer = await getViewer();
  if (!viewer) return errorResponse('UNAUTHENTICATED');
  if (viewer.mustEnrolTotp || viewer.mustChangePassword) return errorResponse('NOT_FOUND');
  const db = getDb();
  const ballot = await ballotView(db, viewer, ballotId);
  if (!ballot?.canExport) return errorResponse('NOT_FOUND');
  const format = new URL(request.url).searchParams.get('format') ?? 'xlsx';
  if (format !== 'pdf' && format !== 'xlsx') return errorResponse('VALIDATION_FAILED');
  if (format === 'pdf' && !ballot.result) return errorResponse('CONFLICT');

  const t = await getTranslations();
  const locale = await getLocale();
  const translate = (key: string, values?: Record<string, string | number>) => t(key, values);
  const bytes = format === 'pdf' ? await countSheetPdf(ballot, translate, locale) : await voterListXlsx(db, ballot, translate);
  await recordAudit(db, { id: viewer.id, name: viewer.name }, requestMeta(request.headers), {
    action: 'vote.export',
    organizationId: null,
    entityType: 'ballot',
    entityId: ballot.id,
    details: { format },
  });
  const name = `${t(FORMATS[format].name)}.${FORMATS[format].extension}`;
  return new Response(new Uint8Array(bytes), {
    headers: fileHeaders(FORMATS[format].type, contentDisposition(name, 'attachment'), bytes.length),
  });
}
