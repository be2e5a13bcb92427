import 'server-only';
import path from 'node:path';
import { type Env, env } from '@/lib/env';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import type { ObjectStorage } from './types';
import { UploadThingStorage } from './uploadthing';

export * from './types';

/** The whole (verified) content of a stored object, for small files such as PDFs to compile. */
export async function readAll(storage: ObjectStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.open(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The storage an environment selects: `STORAGE_DRIVER=local` (default) keeps files in
 * `<QUORUM_DATA_DIR>/files`, outside `public/`; `s3` uses the `S3_*` bucket; `uploadthing` sends
 * files to the hosted UploadThing service and needs `UPLOADTHING_TOKEN` — a token alone never
 * turns it on.
 */
export function storageFor(config: Env): { description: string; storage: ObjectStorage } {
  // `description` names the place (for logs and the backup manifest), never a secret.
  const dataDir = path.resolve(config.QUORUM_DATA_DIR);
  switch (config.STORAGE_DRIVER) {
    case 's3': {
      const credentials =
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined; // the SDK's usual chain: environment, profile, instance role
      return {
        description: `s3:${config.S3_ENDPOINT ?? 'aws'}/${config.S3_BUCKET}/${config.S3_PREFIX}`,
        storage: new S3Storage({
          bucket: config.S3_BUCKET!,
          prefix: config.S3_PREFIX,
          client: {
            region: config.S3_REGION,
            endpoint: config.S3_ENDPOINT,
            forcePathStyle: config.S3_FORCE_PATH_STYLE === 'true',
            credentials,
          },
        }),
      };
    }
    case 'uploadthing':
      return {
        description: 'uploadthing',
        storage: new UploadThingStorage(config.UPLOADTHING_TOKEN!, path.join(dataDir, 'uploadthing-spool')),
      };
    default: {
      const root = path.join(dataDir, 'files');
      return { description: `local:${root}`, storage: new LocalStorage(root) };
    }
  }
}

const globalForStorage = globalThis as unknown as { quorumStorage?: { description: string; storage: ObjectStorage } };

/** The configured storage (one per process; built again only if the environment changed, as in tests). */
export function getStorage(): ObjectStorage {
  const config = env();
  const wanted = `${config.STORAGE_DRIVER}:${config.QUORUM_DATA_DIR}:${config.S3_ENDPOINT}/${config.S3_BUCKET}/${config.S3_PREFIX}`;
  if (globalForStorage.quorumStorage?.description !== wanted) {
    globalForStorage.quorumStorage = { description: wanted, storage: storageFor(config).storage };
  }
  return globalForStorage.quorumStorage.storage;
}
