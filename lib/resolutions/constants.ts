import type { recordType, resolutionStatus } from '@/db/schema';

// Shared by server code and client forms: no database access here.

type RecordType = (typeof recordType.enumValues)[number];

/** Document types a committee numbers and issues (Guidance 36-HD/VPTW), resolutions first. */
export const RESOLUTION_TYPES = ['NQ', 'KL', 'QĐ', 'CT', 'TB', 'BC', 'KH', 'HD', 'QC', 'CTr', 'CV', 'BB'] as const satisfies readonly RecordType[];
export type ResolutionType = (typeof RESOLUTION_TYPES)[number];

export const RESOLUTION_STATUSES = ['draft', 'reserved', 'issued', 'void'] as const satisfies readonly (typeof resolutionStatus.enumValues)[number][];

/** Congress documents share one sequence whatever their type. */
export const CONGRESS_SERIES = 'congress';

export const MAX_TITLE = 500;
export const MAX_BODY = 100_000;
export const MAX_RECIPIENTS = 2_000;

/** Signing capacities printed above the signer's title (thẩm quyền ký). */
export const SIGNING_CAPACITIES = [
  'T/M BAN THƯỜNG VỤ',
  'T/M BAN CHẤP HÀNH',
  'T/M THƯỜNG TRỰC',
  'T/M ĐẢNG ỦY',
  'T/M CHI BỘ',
  'T/M ĐOÀN CHỦ TỊCH',
] as const;

/** The series a document is numbered in: its type, or the congress sequence. */
export function seriesOf(type: ResolutionType, congress: boolean) {
  return congress ? CONGRESS_SERIES : type;
}

/** `{NN}-{type}/{issuer code}`, the number with at least two digits, e.g. `09-NQ/HU`, `112-KL/TU`. */
export function formatNumberSymbol(number: number, type: ResolutionType, issuerCode: string) {
  return `${String(number).padStart(2, '0')}-${type}/${issuerCode}`;
}
