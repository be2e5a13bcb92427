import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { agendaItems, meetingDocuments } from '@/db/schema';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import { getStorage } from '@/lib/storage';
import {
  ALLOWED_TYPES,
  type FileKind,
  imageSize,
  kindClaimedByName,
  sanitizeFileName,
  sniffFileKind,
} from '@/lib/storage/sniff';

/** Largest document accepted (next.config.ts lets server-action bodies be a little larger). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Largest image accepted, in pixels (a decompression bomb is small on disk, huge in memory). */
export const MAX_IMAGE_PIXELS = 50_000_000;

const fileError = (messageKey: string, values?: Record<string, string | number>) =>
  new AppError('VALIDATION_FAILED', { field: 'file', messageKey: `agenda.documents.errors.${messageKey}`, values });

export const uploadDocumentSchema = z.object({
  meetingId: z.guid(),
  /** Empty: a document of the whole meeting. */
  agendaItemId: z
    .union([z.literal(''), z.guid()])
    .optional()
    .transform((v) => v || null),
  title: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null),
  // Duck-typed rather than `instanceof File`: the multipart parser's File class need not be this realm's.
  file: z.custom<File>(
    (v) => typeof v === 'object' && v !== null && typeof (v as File).arrayBuffer === 'function' && typeof (v as File).name === 'string',
    { error: 'v:required' },
  ),
});

export const removeDocumentSchema = z.object({ meetingId: z.guid(), documentId: z.guid() });

export type CheckedUpload = { bytes: Uint8Array; kind: FileKind; contentType: string; fileName: string };

/**
 * Decides whether an uploaded file may be kept: not empty, not over the size limit, a type on the
 * allow-list judged by its bytes, a name that does not claim another type, images within the
 * pixel limit. Throws a field error with a message that says what is wrong.
 */
export async function checkUpload(file: File): Promise<CheckedUpload> {
  if (file.size === 0 && !file.name) throw fileError('required');
  if (file.size === 0) throw fileError('empty');
  if (file.size > MAX_DOCUMENT_BYTES) throw fileError('tooLarge', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw fileError('empty');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw fileError('tooLarge', { max: MAX_DOCUMENT_BYTES / 1024 / 1024 });
  const kind = sniffFileKind(bytes);
  const claimed = kindClaimedByName(file.name);
  if (claimed && claimed !== kind) {
    throw fileError('mismatch', { extension: ALLOWED_TYPES[claimed].extension.toUpperCase() });
  }
  if (!kind) throw fileError('notAllowed');
  if (kind === 'png' || kind === 'jpeg') {
    const size = imageSize(bytes, kind);
    if (!size || size.width === 0 || size.height === 0) throw fileError('notAllowed');
    if (size.width * size.height > MAX_IMAGE_PIXELS) throw fileError('tooManyPixels');
  }
  return { bytes, kind, contentType: ALLOWED_TYPES[kind].mime, fileName: sanitizeFileName(file.name, kind) };
}

/** Stores a checked upload and records it on the meeting (or one of its agenda items). */
export async function addMeetingDocument(
  tx: Db,
  input: { meetingId: string; agendaItemId: string | null; title: string | null; uploadedBy: string },
  upload: CheckedUpload,
) {
  if (input.agendaItemId) {
    const [item] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, input.meetingId)));
    if (!item) throw new AppError('CONFLICT', { messageKey: 'agenda.errors.itemGone' });
  }
  // Written before the row; if the transaction then fails, the unreferenced file is harmless
  // (content-addressed, never served without a row) and can be swept later.
  const stored = await getStorage().put(upload.bytes, { maxBytes: MAX_DOCUMENT_BYTES });
  const [row] = await tx
    .insert(meetingDocuments)
    .values({
      meetingId: input.meetingId,
      agendaItemId: input.agendaItemId,
      title: input.title ?? upload.fileName.replace(/\.[^.]+$/, ''),
      fileName: upload.fileName,
      contentType: upload.contentType,
      sizeBytes: stored.size,
      sha256: stored.sha256,
      storageKey: stored.key,
      uploadedBy: input.uploadedBy,
    })
    .returning({ id: meetingDocuments.id, title: meetingDocuments.title });
  return { ...row!, ...stored, fileName: upload.fileName, contentType: upload.contentType };
}

export async function removeMeetingDocument(tx: Db, meetingId: string, documentId: string) {
  const [row] = await tx
    .delete(meetingDocuments)
    .where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, meetingId)))
    .returning({
      id: meetingDocuments.id,
      title: meetingDocuments.title,
      fileName: meetingDocuments.fileName,
      sha256: meetingDocuments.sha256,
      agendaItemId: meetingDocuments.agendaItemId,
    });
  if (!row) throw new AppError('CONFLICT', { messageKey: 'agenda.documents.errors.gone' });
  return row;
}
