'use server';

import { z } from 'zod';
import { meetingKind } from '@/db/schema';
import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { addProgrammeItem, createProgramme, generateYearMeetings, programmeDetail, removeProgrammeItem } from '@/lib/meetings/programmes';
import { defineAction } from '@/lib/server/action';
import { AppError } from '@/lib/server/errors';

// Every action: `programme.manage` in the organisation that owns the body (checked per record).
const programmeId = z.uuid();
const year = z.coerce.number().int().min(2000).max(2100);
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

async function programmeFor(viewer: Viewer, id: string, db: Db) {
  const programme = await programmeDetail(db, viewer, id);
  if (!programme) throw new AppError('NOT_FOUND');
  return programme;
}

const paths = (input: { programmeId: string }) => ['/programmes', `/programmes/${input.programmeId}`];

export const createProgrammeAction = defineAction({
  name: 'programme.create',
  schema: z.object({
    bodyId: z.uuid({ error: 'v:choose_one' }),
    year,
    title: z.string().trim().max(300).optional(),
  }),
  permission: 'programme.manage',
  success: 'programmes.create.done',
  revalidate: ['/programmes'],
  async run({ viewer, input, tx, audit }) {
    const created = await createProgramme(tx, viewer, input);
    await audit({
      action: 'programme.create',
      organizationId: created.organizationId,
      entityType: 'work_programme',
      entityId: created.id,
      details: { bodyId: input.bodyId, year: input.year, title: created.title },
    });
    return { programmeId: created.id };
  },
});

export const addProgrammeItemAction = defineAction({
  name: 'programme.item.add',
  schema: z
    .object({
      programmeId,
      period: z.enum(['year', 'quarter', 'month'], { error: 'v:choose_one' }),
      month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
      quarter: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
      kind: z.enum(meetingKind.enumValues, { error: 'v:choose_one' }),
      topic: z.string().trim().min(1).max(500),
      plannedDate: z.union([z.literal(''), z.iso.date()]).optional(),
    })
    .refine((v) => v.period !== 'month' || v.month !== undefined, { path: ['month'], error: 'v:choose_one' })
    .refine((v) => v.period !== 'quarter' || v.quarter !== undefined, { path: ['quarter'], error: 'v:choose_one' }),
  permission: 'programme.manage',
  authorize: async (viewer, input, tx) => Boolean(await programmeDetail(tx, viewer, input.programmeId)),
  success: 'programmes.item.added',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const programme = await programmeFor(viewer, input.programmeId, tx);
    const period =
      input.period === 'month'
        ? { period: 'month' as const, month: input.month! }
        : input.period === 'quarter'
          ? { period: 'quarter' as const, quarter: input.quarter! }
          : { period: 'year' as const };
    const item = await addProgrammeItem(tx, programme, { ...period, kind: input.kind, topic: input.topic, plannedDate: input.plannedDate || undefined });
    await audit({
      action: 'programme.item.add',
      organizationId: programme.organizationId,
      entityType: 'programme_item',
      entityId: item.id,
      details: { programmeId: programme.id, ...period, kind: input.kind, topic: input.topic },
    });
  },
});

export const removeProgrammeItemAction = defineAction({
  name: 'programme.item.remove',
  schema: z.object({ programmeId, itemId: z.uuid() }),
  permission: 'programme.manage',
  authorize: async (viewer, input, tx) => Boolean(await programmeDetail(tx, viewer, input.programmeId)),
  success: 'programmes.item.removed',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const programme = await programmeFor(viewer, input.programmeId, tx);
    const removed = await removeProgrammeItem(tx, programme.id, input.itemId);
    await audit({
      action: 'programme.item.remove',
      organizationId: programme.organizationId,
      entityType: 'programme_item',
      entityId: removed.id,
      details: { programmeId: programme.id, topic: removed.topic },
    });
  },
});

/** One step: the year's regular (monthly) and thematic (quarterly) meetings as drafts. */
export const generateProgrammeMeetings = defineAction({
  name: 'programme.generate',
  schema: z
    .object({ programmeId, monthly: checkbox, thematic: checkbox })
    .refine((v) => v.monthly || v.thematic, { path: ['monthly'], error: 'v:choose_one' }),
  permission: 'programme.manage',
  authorize: async (viewer, input, tx) => Boolean(await programmeDetail(tx, viewer, input.programmeId)),
  success: 'programmes.generate.done',
  revalidate: (input) => [...paths(input), '/meetings'],
  async run({ viewer, input, tx, audit }) {
    const programme = await programmeFor(viewer, input.programmeId, tx);
    const result = await generateYearMeetings(tx, viewer, programme, input, audit);
    await audit({
      action: 'programme.generate',
      organizationId: programme.organizationId,
      entityType: 'work_programme',
      entityId: programme.id,
      details: {
        year: programme.year,
        monthly: input.monthly,
        thematic: input.thematic,
        created: result.created.length,
        skipped: result.skipped.length,
        conflicts: result.conflicts.map((c) => c.startsAt.toISOString()),
      },
    });
    return {
      created: String(result.created.length),
      skipped: String(result.skipped.length),
      conflicts: String(result.conflicts.length),
      conflictTimes: result.conflicts.map((c) => c.startsAt.toISOString()).join(','),
    };
  },
});
