import { createTranslator } from 'use-intl/core'; // no React: runs in the job worker
import vi from '@/lib/i18n/messages/vi/ingest.json';

export type IngestFailureCode = keyof typeof vi.reasons;
type Values = Record<string, string | number>;

/**
 * A document whose text cannot be extracted for a reason that retrying will not change (a
 * password, a corrupt file, a limit): its version is marked failed with the reason, not retried.
 */
export class IngestFailure extends Error {
  constructor(
    readonly code: IngestFailureCode,
    readonly values: Values = {},
  ) {
    super(`ingest failed: ${code}`);
    this.name = 'IngestFailure';
  }
}

const translate = createTranslator({ locale: 'vi', messages: { ingest: vi }, namespace: 'ingest.reasons' });

/** The reason stored in `archive_versions.extraction_error`: a plain Vietnamese sentence. */
export function failureReason(code: IngestFailureCode, values: Values = {}): string {
  return (translate as (key: string, values?: Values) => string)(code, values);
}
