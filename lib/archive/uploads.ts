import 'server-only';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/server/errors';
import { claimUpload } from '@/lib/uploads/claims';
import type { StoredFile } from './records';

const uploadError = (key: string) => new AppError('VALIDATION_FAILED', { field: 'uploadId', messageKey: `archive.errors.${key}` });

/**
 * The one finished upload a form files (a record or a version is one document, one file). A
 * state-secret record refuses any file before it is claimed, so nothing of it is filed; several
 * files ask the user to choose (the others stay waiting in their list).
 */
export async function claimUploadedFile(tx: Db, userId: string, uploadIds: string[], stateSecret: boolean): Promise<StoredFile | undefined> {
  if (uploadIds.length && stateSecret) throw uploadError('stateSecretFile');
  if (uploadIds.length > 1) throw uploadError('oneFilePerRecord');
  if (!uploadIds[0]) return undefined;
  const upload = await claimUpload(tx, userId, uploadIds[0]);
  if (!upload) throw uploadError('uploadGone');
  return upload;
}
