import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Upload } from 'tus-js-client';

export type UploadFileOptions = {
  /** Base URL of a running Quorum, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** The `Cookie` header of a signed-in session of a user who manages the archive. */
  cookie: string;
  filePath: string;
  /** Display name sent to the server (default: the file's own name). */
  fileName?: string;
  /** Bytes per PATCH request; the client holds one chunk in memory (default 8 MB). */
  chunkSize?: number;
  onProgress?: (sent: number, total: number) => void;
};

/**
 * Uploads a file from disk to the archive's tus endpoint, from Node (scripts, benchmarks, tests
 * against a running server), streaming it in chunks and retrying dropped requests from the
 * server's offset. Resolves with the server's answer (`uploadId` to file, the safe `fileName`,
 * `sha256`…); rejects with the server's message when the file is refused.
 */
export async function uploadFile(options: UploadFileOptions): Promise<{ uploadId: string; fileName: string; sha256: string; sizeBytes: number }> {
  const { size } = await stat(options.filePath);
  const origin = new URL(options.baseUrl).origin;
  return new Promise((resolve, reject) => {
    const upload = new Upload(createReadStream(options.filePath) as never, {
      endpoint: `${origin}/api/v1/documents/uploads`,
      uploadSize: size,
      chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000],
      headers: { cookie: options.cookie, origin },
      metadata: { filename: options.fileName ?? path.basename(options.filePath) },
      onProgress: options.onProgress,
      onSuccess: ({ lastResponse }) => {
        try {
          resolve(JSON.parse(lastResponse.getBody()));
        } catch {
          reject(new Error(`upload finished without the server's answer (${upload.url})`));
        }
      },
      onError: (error) => {
        const body = (error as { originalResponse?: { getBody(): string } | null }).originalResponse?.getBody();
        let message = error.message;
        try {
          message = (JSON.parse(body ?? '') as { error: { message: string } }).error.message;
        } catch {
          // not one of our JSON answers: keep tus-js-client's description
        }
        reject(new Error(message));
      },
    });
    upload.start();
  });
}
