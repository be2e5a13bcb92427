import { afterEach, describe, expect, it } from 'vitest';
import { env, resetEnvCache } from '@/lib/env';
import { storageFor } from './index';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import { UploadThingStorage, parseUploadThingToken } from './uploadthing';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

function configWith(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  resetEnvCache();
  return env();
}

const token = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
const validToken = token({ apiKey: 'sk_live_0123456789', appId: 'quorum-test', regions: ['sea1'] });

describe('storage driver selection', () => {
  it('keeps files in the local folder by default, even when an UploadThing token is present', () => {
    const config = configWith({ STORAGE_DRIVER: undefined, UPLOADTHING_TOKEN: validToken, QUORUM_DATA_DIR: '/srv/quorum' });
    const selected = storageFor(config);
    expect(selected.storage).toBeInstanceOf(LocalStorage);
    expect(selected.description).toBe('local:/srv/quorum/files');
  });

  it('uses an S3-compatible bucket when chosen, and names what is missing', () => {
    const config = configWith({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'quorum-files',
      S3_ENDPOINT: 'http://minio.internal:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'quorum',
      S3_SECRET_ACCESS_KEY: 'secret-secret',
      S3_PREFIX: 'archive/',
    });
    const selected = storageFor(config);
    expect(selected.storage).toBeInstanceOf(S3Storage);
    expect(selected.description).toBe('s3:http://minio.internal:9000/quorum-files/archive/');
    expect(selected.description).not.toContain('secret');
    expect(() => configWith({ STORAGE_DRIVER: 's3', S3_BUCKET: '' })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3/);
    expect(() => configWith({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'only-half' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => configWith({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b-1', S3_PREFIX: '../x' })).toThrow(/S3_PREFIX/);
  });

  it('sends files to UploadThing only when chosen AND a well-formed token is set', () => {
    expect(() => configWith({ STORAGE_DRIVER: 'uploadthing', UPLOADTHING_TOKEN: undefined })).toThrow(/UPLOADTHING_TOKEN: required/);
    const selected = storageFor(configWith({ STORAGE_DRIVER: 'uploadthing', UPLOADTHING_TOKEN: validToken }));
    expect(selected.storage).toBeInstanceOf(UploadThingStorage);
    expect(() => storageFor(configWith({ STORAGE_DRIVER: 'uploadthing', UPLOADTHING_TOKEN: 'not-a-real-token' }))).toThrow(
      /UPLOADTHING_TOKEN/,
    );
  });

  it('validates an UploadThing token offline', () => {
    expect(parseUploadThingToken(validToken)).toEqual({ apiKey: 'sk_live_0123456789', appId: 'quorum-test', regions: ['sea1'] });
    expect(() => parseUploadThingToken(token({ apiKey: 'pk_wrong', appId: 'a', regions: ['sea1'] }))).toThrow(/apiKey/);
    expect(() => parseUploadThingToken(token({ apiKey: 'sk_x', appId: 'a', regions: [] }))).toThrow(/regions/);
    expect(() => parseUploadThingToken('%%%')).toThrow(/not a token/);
  });

  it('limits uploads to 200 MB unless configured', () => {
    expect(configWith({}).UPLOAD_MAX_BYTES).toBe(200 * 1024 * 1024);
    expect(configWith({ UPLOAD_MAX_BYTES: '1048576' }).UPLOAD_MAX_BYTES).toBe(1024 * 1024);
  });
});
