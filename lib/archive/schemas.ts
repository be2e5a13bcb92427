import { z } from 'zod';
import { AUDIENCES, CLASSIFICATIONS, RECORD_TYPES } from './constants';

/** Shared by the forms, the server actions and the import CLI. Empty optional text becomes null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

const isCalendarDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * Retention as chosen: `default` (by type, archive_retention_rules), `permanent`, or whole years
 * (1–100). Turned into `{ years }` with `undefined` meaning "by type" and null "permanent".
 */
export const retentionField = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.toLowerCase() : 'default'))
  .refine((v) => v === 'default' || v === 'permanent' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 100), {
    error: 'v:invalid',
  })
  .transform((v): number | null | undefined => (v === 'default' ? undefined : v === 'permanent' ? null : Number(v)));

export const metadataFields = {
  type: z.enum(RECORD_TYPES, { error: 'v:choose_one' }),
  numberSymbol: z
    .string()
    .trim()
    .max(60)
    .optional()
    .transform((v) => v?.replace(/\s+/g, '') || null),
  title: z.string().trim().min(1).max(300),
  abstract: optionalText(2000),
  issuerName: optionalText(300),
  issuedOn: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isCalendarDate(v), { error: 'v:date' })
    .transform((v) => v || null),
  signer: optionalText(200),
  recipients: optionalText(1000),
  classification: z.enum(CLASSIFICATIONS, { error: 'v:choose_one' }).default('normal'),
  audience: z.enum(AUDIENCES, { error: 'v:choose_one' }).default('organization'),
  retention: retentionField,
};

export const metadataSchema = z.object(metadataFields);
export type MetadataInput = z.output<typeof metadataSchema>;

/** Finished uploads to file (hidden inputs from the upload queue, or a staged upload chosen). */
const uploadIds = z
  .preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(z.guid({ error: 'v:invalid' })),
  )
  .transform((ids) => [...new Set(ids)]);

export const createRecordSchema = z.object({
  ...metadataFields,
  organizationId: z.guid({ error: 'v:choose_one' }),
  uploadId: uploadIds,
});

export const updateRecordSchema = z.object({
  ...metadataFields,
  recordId: z.guid(),
  /** The `updatedAt` the form was rendered with: a change made meanwhile is not overwritten. */
  updatedAt: z.iso.datetime({ offset: true }),
});

export const addVersionSchema = z.object({
  recordId: z.guid(),
  uploadId: uploadIds,
  reason: z.string().trim().min(1, { error: 'v:reason_required' }).max(500),
});

export const legalHoldSchema = z.object({
  recordId: z.guid(),
  hold: z.enum(['on', 'off']),
  reason: z.string().trim().min(1, { error: 'v:reason_required' }).max(500),
});

export const retryExtractionSchema = z.object({ recordId: z.guid(), versionId: z.guid() });

export const proposeDisposalSchema = z.object({
  organizationId: z.guid(),
  recordId: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.guid()).min(1, { error: 'v:choose_one' })),
  reason: z.string().trim().min(1, { error: 'v:reason_required' }).max(1000),
});

export const decideDisposalSchema = z
  .object({
    disposalId: z.guid(),
    decision: z.enum(['approve', 'reject']),
    note: optionalText(1000),
  })
  .refine((v) => v.decision === 'approve' || v.note, { path: ['note'], error: 'v:reason_required' });
