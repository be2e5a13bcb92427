import 'server-only';
import path from 'node:path';
import { Server } from '@tus/server';
import { and, eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { archiveUploads } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { logger } from '@/lib/log/logger';
import { isCrossSite } from '@/lib/server/route';
import { UploadRefused } from '@/lib/storage/inspect';
import { type StagedUpload, stageFile } from './stage';
import { tusStore, uploadTempDir } from './store';

/** Where the tus endpoint is mounted (app/api/v1/documents/uploads/[[...path]]/route.ts). */
export const UPLOADS_PATH = '/api/v1/documents/uploads';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the client gets when its upload is finished and checked (JSON body of the last PATCH). */
export type FinishedUpload = Omit<StagedUpload, 'storageKey'> & { uploadId: string; alreadyStaged: boolean };

type Translate = Awaited<ReturnType<typeof getTranslations<'uploads'>>>;

/** A tus hook's way to answer with a status and our JSON error body. */
const refusal = (status_code: number, code: string, message: string) => ({
  status_code,
  body: JSON.stringify({ error: { code, message } }),
});

function jsonError(status: number, code: string, message: string) {
  return Response.json(
    { error: { code, message } },
    { status, headers: { 'Cache-Control': 'no-store', 'Tus-Resumable': '1.0.0' } },
  );
}

function refusedMessage(t: Translate, error: UploadRefused) {
  return t(`refused.${error.reason}`, error.values);
}

function uploadIdOf(request: Request): string | undefined {
  const rest = new URL(request.url).pathname.slice(UPLOADS_PATH.length).replace(/^\/+|\/+$/g, '');
  return rest || undefined;
}

/**
 * A finished upload whose temporary file is gone answers HEAD with its full length, so a client
 * whose last response was lost (or that resumes from a stored fingerprint) learns it is complete.
 */
async function headOfStaged(viewer: Viewer, id: string): Promise<Response | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await getDb()
    .select({ size: archiveUploads.sizeBytes })
    .from(archiveUploads)
    .where(and(eq(archiveUploads.id, id), eq(archiveUploads.userId, viewer.id)));
  if (!row) return undefined;
  return new Response(null, {
    status: 200,
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': String(row.size),
      'Upload-Length': String(row.size),
      'Cache-Control': 'no-store',
    },
  });
}

function tusServer(viewer: Viewer, t: Translate) {
  const { store, locker } = tusStore();
  const maxBytes = env().UPLOAD_MAX_BYTES;
  const tooLarge = () => refusal(413, 'FILE_TOO_LARGE', t('refused.tooLarge', { max: Math.floor(maxBytes / 1024 / 1024) }));
  return new Server({
    path: UPLOADS_PATH,
    datastore: store,
    locker,
    maxSize: maxBytes,
    relativeLocation: true,
    respectForwardedHeaders: false,
    // The staged upload keeps this id, so the client knows it from the upload URL alone.
    namingFunction: () => crypto.randomUUID(),
    async onIncomingRequest(request, id) {
      if (request.method === 'POST') return;
      const upload = await store.getUpload(id);
      if (upload.metadata?.userId !== viewer.id) throw refusal(404, 'NOT_FOUND', t('errors.notFound'));
    },
    async onUploadCreate(_request, upload) {
      if (upload.sizeIsDeferred || upload.size === undefined) throw refusal(411, 'LENGTH_REQUIRED', t('errors.lengthRequired'));
      if (upload.size === 0) throw refusal(422, 'FILE_REFUSED', t('refused.empty'));
      const fileName = (upload.metadata?.filename ?? upload.metadata?.name ?? '').slice(0, 1000);
      // Only these survive: the owner is the signed-in user whatever the client sent.
      return { metadata: { filename: fileName, userId: viewer.id } };
    },
    async onUploadFinish(_request, upload) {
      const filePath = path.join(uploadTempDir(), upload.id); // the id is a UUID we generated
      try {
        const staged = await stageFile(getDb(), {
          id: upload.id,
          userId: viewer.id,
          filePath,
          originalName: upload.metadata?.filename ?? '',
          maxBytes,
        });
        const body: FinishedUpload = {
          uploadId: staged.id,
          id: staged.id,
          fileName: staged.fileName,
          contentType: staged.contentType,
          sizeBytes: staged.sizeBytes,
          sha256: staged.sha256,
          alreadyStaged: staged.alreadyStaged,
        };
        return { status_code: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }, body: JSON.stringify(body) };
      } catch (error) {
        if (error instanceof UploadRefused) throw refusal(error.status, 'FILE_REFUSED', refusedMessage(t, error));
        logger.error({ err: error, uploadId: upload.id }, 'finishing an upload failed');
        throw refusal(500, 'INTERNAL', t('errors.internal'));
      } finally {
        // Stored (or refused): the temporary copy is not needed any more.
        await store.remove(upload.id).catch(() => undefined);
      }
    },
    onResponseError(_request, error) {
      const status = 'status_code' in error ? error.status_code : 500;
      if (status === 413) return tooLarge();
      if ('body' in error && error.body.startsWith('{')) return undefined; // ours, already translated
      if (status === 404 || status === 410) return refusal(status, 'NOT_FOUND', t('errors.notFound'));
      if (status >= 500) {
        logger.error({ err: error }, 'resumable upload failed');
        return refusal(500, 'INTERNAL', t('errors.internal'));
      }
      return undefined;
    },
  });
}

/**
 * The tus endpoint (resumable uploads) for one request: same-site check for changes, a signed-in
 * user who manages the archive in at least one organisation, the upload owned by that user. The
 * bytes stream to a temporary file, never into memory; a finished file is checked and staged.
 */
export async function handleUploadRequest(request: Request, viewer: Viewer | null): Promise<Response> {
  const t = await getTranslations('uploads');
  if (isCrossSite(request)) return jsonError(403, 'CROSS_SITE_REQUEST', t('errors.crossSite'));
  if (!viewer) return jsonError(401, 'UNAUTHENTICATED', t('errors.unauthenticated'));
  if (!can(viewer, 'archive.manage')) return jsonError(404, 'NOT_FOUND', t('errors.notFound'));

  const id = uploadIdOf(request);
  if (request.method === 'HEAD' && id) {
    const staged = await headOfStaged(viewer, id);
    if (staged) return staged;
  }
  if (id && !UUID.test(id)) return jsonError(404, 'NOT_FOUND', t('errors.notFound'));
  const response = await tusServer(viewer, t).handleWeb(request as never);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
