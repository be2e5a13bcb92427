'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { type DetailedError, type HttpResponse, Upload } from 'tus-js-client';
import { buttonStyles } from '@/app/_components/ui/styles';

/** A finished, checked upload, ready to be filed (the server's answer; `id` is what a form sends). */
export type FinishedUpload = {
  uploadId: string;
  fileName: string;
  contentType?: string;
  sizeBytes: number;
  sha256?: string;
  alreadyStaged?: boolean;
};

export type UploadQueueProps = {
  /** Name of the hidden inputs carrying the finished upload ids, for a server-action form. */
  name?: string;
  /** Called with every finished upload whenever that list changes. */
  onChange?: (finished: FinishedUpload[]) => void;
  /** Largest file the server accepts (shown in the hint; the server enforces it). */
  maxBytes: number;
  /** Several files at once (default) or exactly one. */
  multiple?: boolean;
  /** The tus endpoint. */
  endpoint?: string;
  /** Files sent at the same time; the others wait. */
  concurrency?: number;
  label?: string;
  disabled?: boolean;
};

type Status = 'waiting' | 'uploading' | 'paused' | 'done' | 'refused' | 'failed';

type Item = {
  key: string;
  file: File;
  status: Status;
  sent: number;
  message?: string;
  result?: FinishedUpload;
};

const ENDPOINT = '/api/v1/documents/uploads';
/** Each PATCH carries at most this much: progress survives proxies with body limits, resumes lose little. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Backing off up to a minute and then still retrying while offline: rural connections come back. */
const RETRY_DELAYS = [0, 1_000, 3_000, 5_000, 10_000, 20_000, 30_000, 60_000, 60_000, 60_000];

/** The server's translated message, from a refusal's `{ error: { message } }` body. */
function serverMessage(response: HttpResponse | null | undefined): string | undefined {
  try {
    return (JSON.parse(response?.getBody() ?? '') as { error?: { message?: string } }).error?.message;
  } catch {
    return undefined;
  }
}

/** 4xx answers are final (refused, not allowed), except 409/423 which tus resolves by asking again. */
function isRefusal(status: number | undefined) {
  return status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 423;
}

const percentOf = (item: Item) => (item.file.size ? Math.floor((item.sent / item.file.size) * 100) : 100);

/**
 * Resumable uploads of archive files (tus): drop or choose one file or a hundred; each gets a
 * progress bar, is resumed where it stopped after a dropped connection (also after a page reload:
 * the upload's address is remembered in this browser), can be cancelled, and shows the server's
 * message when refused. Finished uploads are reported through `onChange` and as hidden inputs.
 */
export function UploadQueue({
  name = 'uploadId',
  onChange,
  maxBytes,
  multiple = true,
  endpoint = ENDPOINT,
  concurrency = 3,
  label,
  disabled,
}: UploadQueueProps) {
  const t = useTranslations('uploads.queue');
  const inputId = useId();
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [offline, setOffline] = useState(false);
  const uploads = useRef(new Map<string, Upload>());

  const update = useCallback((key: string, change: Partial<Item>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const start = useCallback(
    (item: Item) => {
      if (uploads.current.has(item.key)) return;
      const upload = new Upload(item.file, {
        endpoint,
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        removeFingerprintOnSuccess: true,
        metadata: { filename: item.file.name, filetype: item.file.type },
        onProgress: (sent) => update(item.key, { status: 'uploading', sent }),
        onShouldRetry: (error) => {
          const status = (error as DetailedError).originalResponse?.getStatus();
          if (isRefusal(status)) return false;
          update(item.key, { status: 'paused' });
          return true;
        },
        onSuccess: ({ lastResponse }) => {
          let result: FinishedUpload | undefined;
          try {
            result = JSON.parse(lastResponse.getBody()) as FinishedUpload;
          } catch {
            // Finished earlier (the answer was lost): the upload's address ends with its id.
          }
          result ??= { uploadId: upload.url?.split('/').at(-1) ?? '', fileName: item.file.name, sizeBytes: item.file.size };
          uploads.current.delete(item.key);
          update(item.key, { status: 'done', sent: item.file.size, result });
        },
        onError: (error) => {
          uploads.current.delete(item.key);
          const response = (error as DetailedError).originalResponse;
          const refused = isRefusal(response?.getStatus());
          update(item.key, {
            status: refused ? 'refused' : 'failed',
            message: serverMessage(response) ?? (refused ? undefined : t('networkError')),
          });
        },
      });
      uploads.current.set(item.key, upload);
      update(item.key, { status: 'uploading' });
      void upload.findPreviousUploads().then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
    },
    [endpoint, t, update],
  );

  // Start waiting files while fewer than `concurrency` are on their way.
  useEffect(() => {
    const active = items.filter((i) => i.status === 'uploading' || i.status === 'paused').length;
    const next = items.filter((i) => i.status === 'waiting').slice(0, Math.max(0, concurrency - active));
    next.forEach(start);
  }, [items, concurrency, start]);

  const finished = items.flatMap((i) => (i.status === 'done' && i.result ? [i.result] : []));
  const finishedIds = finished.map((f) => f.uploadId).join(',');
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(() => {
    onChangeRef.current?.(finished);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `finished` is a new array each render; its ids are the change
  }, [finishedIds]);

  useEffect(() => {
    const running = uploads.current;
    const sync = () => setOffline(!navigator.onLine);
    sync();
    window.addEventListener('online', sync);
    window.addEventListener('offline', sync);
    return () => {
      window.removeEventListener('online', sync);
      window.removeEventListener('offline', sync);
      for (const upload of running.values()) void upload.abort(false); // resumable next time
    };
  }, []);

  function add(files: FileList | File[] | null) {
    if (!files || disabled) return;
    const chosen = [...files].slice(0, multiple ? undefined : 1);
    const fresh = chosen.map((file) => ({ key: crypto.randomUUID(), file, status: 'waiting' as const, sent: 0 }));
    setItems((current) => (multiple ? [...current, ...fresh] : [...current.filter((i) => i.status === 'uploading'), ...fresh]));
  }

  function cancel(item: Item) {
    const upload = uploads.current.get(item.key);
    uploads.current.delete(item.key);
    if (upload) void upload.abort(true).catch(() => undefined); // also deletes what the server kept
    setItems((current) => current.filter((i) => i.key !== item.key));
  }

  function retry(item: Item) {
    update(item.key, { status: 'waiting', message: undefined });
  }

  const doneCount = items.filter((i) => i.status === 'done').length;
  const maxMegabytes = Math.floor(maxBytes / 1024 / 1024);

  return (
    <div className="space-y-3">
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          add(event.dataTransfer.files);
        }}
        className={`rounded-xl border-2 border-dashed p-4 text-center sm:p-6 ${dragging ? 'border-brand-700 bg-brand-50' : 'border-stone-300 bg-stone-50'}`}
      >
        <p className="mb-3 text-base text-stone-700" id={`${inputId}-hint`}>
          {t('dropHint', { max: maxMegabytes })}
        </p>
        <label htmlFor={inputId} className={`${buttonStyles.primary} cursor-pointer`}>
          {label ?? t('choose')}
        </label>
        <input
          id={inputId}
          type="file"
          multiple={multiple}
          disabled={disabled}
          aria-describedby={`${inputId}-hint`}
          accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
          className="sr-only"
          onChange={(event) => {
            add(event.target.files);
            event.target.value = '';
          }}
        />
      </div>

      {offline && (
        <p role="status" className="rounded-lg bg-amber-50 p-3 font-semibold text-amber-900">
          {t('offline')}
        </p>
      )}

      {items.length > 0 && (
        <p aria-live="polite" className="font-semibold text-stone-800">
          {t('summary', { done: doneCount, total: items.length })}
        </p>
      )}

      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.key} className="rounded-lg border border-stone-200 bg-white p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="min-w-0 flex-1 break-words font-semibold text-stone-900">{item.file.name}</span>
              <span
                className={`text-sm font-semibold ${
                  item.status === 'done' ? 'text-green-800' : item.status === 'refused' || item.status === 'failed' ? 'text-red-800' : 'text-stone-700'
                }`}
              >
                {item.status === 'uploading'
                  ? t('uploading', { percent: percentOf(item) })
                  : item.status === 'paused'
                    ? t('paused', { percent: percentOf(item) })
                    : item.status === 'done' && item.result?.alreadyStaged
                      ? t('alreadyStaged')
                      : t(item.status)}
              </span>
            </div>
            {(item.status === 'uploading' || item.status === 'paused' || item.status === 'waiting') && (
              <progress
                className="mt-2 h-3 w-full accent-brand-700"
                max={item.file.size || 1}
                value={item.sent}
                aria-label={t('progressLabel', { name: item.file.name })}
              />
            )}
            {item.message && (
              <p role="alert" className="mt-2 text-sm text-red-800">
                {item.message}
              </p>
            )}
            <div className="mt-2 flex flex-wrap gap-2">
              {item.status === 'failed' && (
                <button type="button" className={buttonStyles.secondary} aria-label={t('retryFile', { name: item.file.name })} onClick={() => retry(item)}>
                  {t('retry')}
                </button>
              )}
              {item.status === 'done' || item.status === 'refused' || item.status === 'failed' ? (
                <button type="button" className={buttonStyles.secondary} aria-label={t('removeFile', { name: item.file.name })} onClick={() => cancel(item)}>
                  {t('remove')}
                </button>
              ) : (
                <button type="button" className={buttonStyles.danger} aria-label={t('cancelFile', { name: item.file.name })} onClick={() => cancel(item)}>
                  {t('cancel')}
                </button>
              )}
            </div>
            {item.status === 'done' && item.result && <input type="hidden" name={name} value={item.result.uploadId} />}
          </li>
        ))}
      </ul>

      {doneCount > 0 && doneCount < items.length && (
        <button
          type="button"
          className={buttonStyles.secondary}
          onClick={() => setItems((current) => current.filter((i) => i.status !== 'done'))}
        >
          {t('clearFinished')}
        </button>
      )}
    </div>
  );
}
