'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const EVERY_MS = 5_000;

/**
 * While a version is queued or being processed, asks the metadata API (which is not a view of
 * the document) every few seconds and refreshes the page once a status has changed, so the
 * status, the search text and the page images appear without the user reloading.
 */
export function ExtractionWatch({ recordId, statuses }: { recordId: string; statuses: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/v1/documents/${recordId}`, { cache: 'no-store' }).catch(() => undefined);
      if (stopped || !response?.ok) return;
      const body = (await response.json()) as { record: { versions: { extraction: string }[] } };
      if (body.record.versions.map((v) => v.extraction).join(',') !== statuses) {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [recordId, statuses, router]);
  return null;
}
