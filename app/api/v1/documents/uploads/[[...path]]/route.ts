import { getViewer } from '@/lib/auth/viewer';
import { handleUploadRequest } from '@/lib/uploads/tus';

/**
 * Resumable uploads of archive files (tus 1.0: POST creates, PATCH appends at an offset, HEAD
 * tells how far it got, DELETE cancels). Driven by app/_components/uploads/upload-queue.tsx or any
 * tus client; see lib/uploads/tus.ts for the checks.
 */
const handle = async (request: Request) => handleUploadRequest(request, await getViewer());

export const POST = Object.assign(handle, { permission: 'archive.manage' as const });
export const PATCH = POST;
export const HEAD = POST;
export const DELETE = POST;

// Large bodies stream through; never cache or pre-render this route.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
