import { z } from 'zod';
import { meetingKind } from '@/db/schema';
import { fromVietnamTime } from './time';

/** Shared by the forms and the server actions. Empty optional text fields become null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

function isWebUrl(value: string) {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const optionalUrl = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .refine((v) => !v || isWebUrl(v), { error: 'v:url' })
  .transform((v) => v || null);

const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'v:date' });
const time = z.string().trim().regex(/^\d{2}:\d{2}$/, { error: 'v:time' });

/** Date and times as entered in Vietnam time, turned into instants (end after start). */
const whenFields = { date, startTime: time, endTime: time };

type When = { date: string; startTime: string; endTime: string };

function checkWhen(v: When, ctx: z.RefinementCtx) {
  const startsAt = fromVietnamTime(v.date, v.startTime);
  const endsAt = fromVietnamTime(v.date, v.endTime);
  if (!startsAt) ctx.addIssue({ code: 'custom', path: ['date'], message: 'v:date' });
  else if (!endsAt || endsAt <= startsAt) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'v:meeting_end_after_start' });
}

function toWhen<T extends When>(v: T) {
  return { ...v, startsAt: fromVietnamTime(v.date, v.startTime)!, endsAt: fromVietnamTime(v.date, v.endTime)! };
}

const detailFields = {
  kind: z.enum(meetingKind.enumValues, { error: 'v:choose_one' }),
  title: z.string().trim().min(1).max(300),
  location: optionalText(300),
  onlineUrl: optionalUrl,
  chairId: z.uuid({ error: 'v:choose_one' }),
  minuteTakerId: z.uuid({ error: 'v:choose_one' }),
};

function checkPlace(v: { location: string | null; onlineUrl: string | null }, ctx: z.RefinementCtx) {
  if (!v.location && !v.onlineUrl) ctx.addIssue({ code: 'custom', path: ['location'], message: 'v:meeting_place_or_link' });
}

export const meetingId = z.uuid();

export const createMeetingSchema = z
  .object({ bodyId: z.uuid({ error: 'v:choose_one' }), ...detailFields, ...whenFields })
  .superRefine((v, ctx) => {
    checkPlace(v, ctx);
    checkWhen(v, ctx);
  })
  .transform(toWhen);

export const updateMeetingSchema = z
  .object({ meetingId, ...detailFields })
  .superRefine(checkPlace);

export const rescheduleSchema = z
  .object({ meetingId, ...whenFields, reason: optionalText(1000) })
  .superRefine(checkWhen)
  .transform(toWhen);

export const cancelSchema = z.object({ meetingId, reason: z.string().trim().min(1, { error: 'v:reason_required' }).max(1000) });

export const replySchema = z
  .object({
    meetingId,
    response: z.enum(['attending', 'excused'], { error: 'v:choose_one' }),
    reason: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.response === 'excused' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'v:reason_required' });
  });

export const addGuestSchema = z.object({ meetingId, email: z.string().trim().max(320).pipe(z.email({ error: 'v:email' })) });
export const removeGuestSchema = z.object({ meetingId, userId: z.uuid() });

export type CreateMeetingInput = z.output<typeof createMeetingSchema>;
export type UpdateMeetingInput = z.output<typeof updateMeetingSchema>;
export type RescheduleInput = z.output<typeof rescheduleSchema>;
export type ReplyInput = z.output<typeof replySchema>;
