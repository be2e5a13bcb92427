import 'server-only';
import { getTranslations } from 'next-intl/server';
import { NextResponse } from 'next/server';
import { type Viewer, getViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { AppError, type ErrorCode } from '@/lib/server/errors';
import { type MeetingAccess, meetingAccess } from './access';

/**
 * A JSON error in the shape of lib/server/route.ts, never cached. `messageKey` picks a more
 * specific message (a full key such as `archive.errors.encryptedPdf`; the same rule as AppError).
 */
export async function errorResponse(code: ErrorCode, messageKey?: string) {
  const t = await getTranslations();
  const error = new AppError(code, { messageKey });
  return NextResponse.json(
    { error: { code, message: t(error.messageKeyFromRoot) } },
    { status: error.status, headers: { 'Cache-Control': 'no-store' } },
  );
}

/**
 * For any file route: the signed-in viewer (401 otherwise); users with a pending account step
 * (second factor to set up, password to change) get nothing (404).
 */
export async function fileViewer(): Promise<{ viewer: Viewer } | { response: Response }> {
  const viewer = await getViewer();
  if (!viewer) return { response: await errorResponse('UNAUTHENTICATED') };
  if (viewer.mustEnrolTotp || viewer.mustChangePassword) return { response: await errorResponse('NOT_FOUND') };
  return { viewer };
}

/**
 * For file downloads: the signed-in viewer (401 otherwise; users with a pending account step are
 * refused too) and their access to the meeting (404 when they may not see it — the same rule as
 * every page and action, lib/meetings/access.ts).
 */
export async function meetingFileAccess(
  meetingId: string,
): Promise<{ viewer: Viewer; access: MeetingAccess } | { response: Response }> {
  const signedIn = await fileViewer();
  if ('response' in signedIn) return signedIn;
  const { viewer } = signedIn;
  const access = await meetingAccess(getDb(), viewer, meetingId);
  if (!access) return { response: await errorResponse('NOT_FOUND') };
  return { viewer, access };
}

/** Headers every served file carries (security baseline: RFC 6266 disposition, nosniff, no-store). */
export function fileHeaders(contentType: string, disposition: string, size?: number): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': disposition,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...(size !== undefined ? { 'Content-Length': String(size) } : {}),
  };
}
