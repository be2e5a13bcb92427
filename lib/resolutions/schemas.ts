import { z } from 'zod';
import { CODE_PATTERN } from '@/lib/organizations/admin';
import { MAX_BODY, MAX_RECIPIENTS, MAX_TITLE, RESOLUTION_STATUSES, RESOLUTION_TYPES, SIGNING_CAPACITIES } from './constants';

// Shared by the forms, the server actions and the API. Empty optional fields become null.

const optionalId = z
  .string()
  .optional()
  .transform((v) => v?.trim() || null)
  .pipe(z.uuid({ error: 'v:choose_one' }).nullable());
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v:date' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: 'v:date' });
const checkbox = z
  .enum(['on', 'true', ''])
  .optional()
  .transform((v) => v === 'on' || v === 'true');

export const resolutionId = z.uuid();

const draftFields = {
  type: z.enum(RESOLUTION_TYPES, { error: 'v:choose_one' }),
  congress: checkbox,
  title: z.string().trim().min(1).max(MAX_TITLE),
  body: z.string().max(MAX_BODY).optional().transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trimEnd()),
  recipients: z.string().max(MAX_RECIPIENTS).optional().transform((v) => (v ?? '').trim()),
  signingCapacity: z
    .string()
    .optional()
    .transform((v) => v?.trim() || null)
    .pipe(z.enum(SIGNING_CAPACITIES, { error: 'v:choose_one' }).nullable()),
  signerId: optionalId,
  meetingId: optionalId,
  agendaItemId: optionalId,
  ballotId: optionalId,
};

export const createResolutionSchema = z.object({ organizationId: z.uuid({ error: 'v:choose_one' }), ...draftFields });

export const updateResolutionSchema = z.object({
  resolutionId,
  lockVersion: z.coerce.number().int().min(0),
  ...draftFields,
});

export const resolutionIdSchema = z.object({ resolutionId });

export const issueResolutionSchema = z.object({
  resolutionId,
  issuedOn: isoDate,
  signerId: z.uuid({ error: 'v:choose_one' }),
  signingCapacity: draftFields.signingCapacity,
});

export const abandonNumberSchema = z.object({ resolutionId, reason: z.string().trim().min(1, { error: 'v:reason_required' }).max(1000) });

const code = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .transform((v) => v.toLocaleUpperCase('vi'))
  .pipe(z.string().regex(CODE_PATTERN, { error: 'v:code_format' }));

export const issuerSchema = z.object({
  organizationId: z.uuid(),
  code,
  congressCode: code,
  superiorName: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  headerName: z.string().trim().min(1).max(200),
  place: z.string().trim().min(1).max(100),
});

const termFields = {
  organizationId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  startsOn: isoDate,
  endsOn: isoDate,
};

export const addTermSchema = z.object(termFields);
export const updateTermSchema = z.object({ termId: z.uuid(), ...termFields });
export const deleteTermSchema = z.object({ organizationId: z.uuid(), termId: z.uuid() });

/** List filters (page query string and API); unknown values are ignored rather than refused. */
export const listFiltersSchema = z.object({
  organizationId: z.uuid().optional().catch(undefined),
  type: z.enum(RESOLUTION_TYPES).optional().catch(undefined),
  termId: z.uuid().optional().catch(undefined),
  status: z.enum(RESOLUTION_STATUSES).optional().catch(undefined),
  meetingId: z.uuid().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(200).optional().catch(undefined),
});

export type ListFilters = z.output<typeof listFiltersSchema>;
