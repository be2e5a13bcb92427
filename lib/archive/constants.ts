import type { ArchiveRecord } from '@/db/schema';

// Enum values for forms (client components must not import the Drizzle schema), server actions,
// the import CLI and the seed.

export type RecordType = ArchiveRecord['type'];
export type Classification = ArchiveRecord['classification'];
export type Audience = ArchiveRecord['audience'];

export const RECORD_TYPES = ['NQ', 'CT', 'KL', 'QĐ', 'QC', 'HD', 'KH', 'BC', 'TB', 'CV', 'BB', 'CTr', 'other'] as const satisfies readonly RecordType[];
export const CLASSIFICATIONS = ['normal', 'internal', 'secret', 'top_secret', 'absolute_secret'] as const satisfies readonly Classification[];
export const AUDIENCES = ['organization', 'leaders'] as const satisfies readonly Audience[];

/**
 * Mật, Tối mật, Tuyệt mật: state secrets (Law on Protection of State Secrets 2018,
 * Luật Bảo vệ bí mật nhà nước số 29/2018/QH14) must not be kept on networked computers, so such
 * records are registered by metadata only and every file for them is refused (DESIGN.md).
 */
export const STATE_SECRET_LEVELS = ['secret', 'top_secret', 'absolute_secret'] as const satisfies readonly Classification[];

export function isStateSecret(classification: string): boolean {
  return (STATE_SECRET_LEVELS as readonly string[]).includes(classification);
}

/** Retention choices offered in the form; any 1–100 years is accepted from the CLI. */
export const RETENTION_CHOICES = ['default', 'permanent', '5', '10', '15', '20', '30', '50', '70'] as const;

/**
 * The type abbreviation inside a number and symbol: `09-NQ/HU` → `NQ`. Letters only, compared
 * without regard to case or the bar of Đ, so `qd`, `QD` and `QĐ` are the same.
 */
export function typeInNumberSymbol(numberSymbol: string): string | undefined {
  return /^\s*\d+\s*-\s*([\p{L}]+)/u.exec(numberSymbol)?.[1];
}

const fold = (s: string) => s.toUpperCase().replace(/Đ/g, 'D');

/** The record type a number and symbol names, if its abbreviation is one of the known types. */
export function recordTypeOfNumberSymbol(numberSymbol: string): RecordType | undefined {
  const abbreviation = typeInNumberSymbol(numberSymbol);
  if (!abbreviation) return undefined;
  return RECORD_TYPES.find((t) => t !== 'other' && fold(t) === fold(abbreviation));
}

/** `{number}-{type}/{issuer}` (Guidance 36-HD/VPTW), e.g. `09-NQ/HU`, `190-QĐ/TW`, `15-BC/ĐU`. */
export const NUMBER_SYMBOL_PATTERN = /^\d{1,5}-[\p{L}]{1,12}(\/[\p{L}\d.]{1,20}){1,3}$/u;

/** The last day a record must be kept: its date (or filing date) plus the retention years. */
export function retentionEndsOn(issuedOn: string | null, createdAt: Date, retentionYears: number | null): string | null {
  if (retentionYears === null) return null;
  const start = issuedOn ?? createdAt.toISOString().slice(0, 10);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + retentionYears, m - 1, d));
  return end.toISOString().slice(0, 10);
}
