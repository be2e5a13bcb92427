import { getTranslations } from 'next-intl/server';
import { getViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { meetingAccess } from '@/lib/meetings/access';
import { viewerRole } from '@/lib/meetings/live';
import { liveEventResponse } from '@/lib/meetings/live-stream';
import { AppError, type ErrorCode, toAppError } from '@/lib/server/errors';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function refuse(code: ErrorCode) {
  const t = await getTranslations('errors');
  return Response.json(
    { error: { code, message: t(code) } },
    { status: new AppError(code).status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * The live meeting room as Server-Sent Events (lib/meetings/live-stream.ts). The session and the
 * meeting access rule are checked once, when the stream opens: whoever may not see the meeting
 * gets 404. Streams end after about ten minutes (or half the session idle timeout) and the
 * browser reconnects, checking again.
 */
export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  try {
    const viewer = await getViewer();
    if (!viewer) return refuse('UNAUTHENTICATED');
    if (viewer.mustEnrolTotp || viewer.mustChangePassword) return refuse('NOT_FOUND');
    const access = await meetingAccess(getDb(), viewer, meetingId);
    if (!access) return refuse('NOT_FOUND');
    // Reconnecting re-reads the session, which also keeps it from idling out during a long meeting.
    const maxLifetimeMs = Math.min(10 * 60_000, (env().SESSION_IDLE_MINUTES * 60_000) / 2);
    return liveEventResponse(request, meetingId, viewerRole(viewer.id, access), { maxLifetimeMs });
  } catch (error) {
    return refuse(toAppError(error).code);
  }
}
