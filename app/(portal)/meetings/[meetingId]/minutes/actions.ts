'use server';

import { z } from 'zod';
import type { Viewer } from '@/lib/auth/viewer';
import type { Db } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import {
  MAX_MINUTES_LENGTH,
  approveMinutes as approve,
  createMinutesDraft,
  minutesRights,
  saveMinutesBody,
  startCorrection,
} from '@/lib/meetings/minutes';
import { defineAction } from '@/lib/server/action';
import { AppError } from '@/lib/server/errors';

// The role-level gate is `meeting.participate` (a minute-taker or chair may hold any role); the
// real decision is meetingAccess (the visibility rule) plus the minutes rights for the meeting.
const meetingId = z.uuid();
const version = z.coerce.number().int().min(1).max(10_000);
const lockVersion = z.coerce.number().int().min(0);
const paths = (input: { meetingId: string }) => [`/meetings/${input.meetingId}/minutes`, `/meetings/${input.meetingId}`];

async function rightsFor(viewer: Viewer, id: string, db: Db) {
  const access = await meetingAccess(db, viewer, id);
  return access ? { access, rights: minutesRights(access) } : undefined;
}

async function requireAccess(viewer: Viewer, id: string, db: Db) {
  const found = await rightsFor(viewer, id, db);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** The minute-taker or a preparer drafts the minutes from what happened, once the meeting has closed. */
export const generateMinutes = defineAction({
  name: 'meeting.minutes.generate',
  schema: z.object({ meetingId }),
  permission: 'meeting.participate',
  authorize: async (viewer, input, tx) => Boolean((await rightsFor(viewer, input.meetingId, tx))?.rights.canEdit),
  success: 'minutes.generate.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const { access } = await requireAccess(viewer, input.meetingId, tx);
    const row = await createMinutesDraft(tx, input.meetingId, viewer.id);
    await audit({
      action: 'meeting.minutes.generate',
      organizationId: access.meeting.organizationId,
      entityType: 'minutes',
      entityId: row.id,
      details: { meetingId: input.meetingId, version: row.version },
    });
  },
});

/** Saves the edited draft; a stale lockVersion is refused with a conflict message, never overwritten. */
export const saveMinutes = defineAction({
  name: 'meeting.minutes.save',
  schema: z.object({
    meetingId,
    version,
    lockVersion,
    body: z.string().trim().min(1).max(MAX_MINUTES_LENGTH),
  }),
  permission: 'meeting.participate',
  authorize: async (viewer, input, tx) => Boolean((await rightsFor(viewer, input.meetingId, tx))?.rights.canEdit),
  success: 'minutes.edit.saved',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const { access } = await requireAccess(viewer, input.meetingId, tx);
    const saved = await saveMinutesBody(tx, input, viewer.id);
    await audit({
      action: 'meeting.minutes.save',
      organizationId: access.meeting.organizationId,
      entityType: 'minutes',
      entityId: saved.id,
      details: { meetingId: input.meetingId, version: input.version, lockVersion: saved.lockVersion, approvalsCleared: saved.approvalsCleared },
    });
    return { lockVersion: String(saved.lockVersion) };
  },
});

/** Approval as chair (the meeting's chair) or as secretary (secretary or deputy of the organisation). */
export const approveMinutes = defineAction({
  name: 'meeting.minutes.approve',
  schema: z.object({ meetingId, version, lockVersion, capacity: z.enum(['chair', 'secretary'], { error: 'v:choose_one' }) }),
  permission: 'meeting.participate',
  authorize: async (viewer, input, tx) => {
    const rights = (await rightsFor(viewer, input.meetingId, tx))?.rights;
    return Boolean(input.capacity === 'chair' ? rights?.canApproveAsChair : rights?.canApproveAsSecretary);
  },
  success: 'minutes.approve.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const { access } = await requireAccess(viewer, input.meetingId, tx);
    const result = await approve(tx, input, viewer, access);
    await audit({
      action: 'meeting.minutes.approve',
      organizationId: access.meeting.organizationId,
      entityType: 'minutes',
      entityId: result.id,
      details: { meetingId: input.meetingId, version: input.version, capacity: input.capacity, completed: result.completed },
    });
    if (result.completed) {
      await audit({
        action: 'meeting.minutes.approved',
        organizationId: access.meeting.organizationId,
        entityType: 'minutes',
        entityId: result.id,
        details: { meetingId: input.meetingId, version: input.version, pdfSha256: result.pdfSha256, meetingStatus: result.meetingStatusChanged ? 'minutes_approved' : undefined },
      });
    }
    return { completed: result.completed ? 'true' : 'false' };
  },
});

/** A correction of approved minutes: version n+1, a copy of the approved text, with a required reason. */
export const correctMinutes = defineAction({
  name: 'meeting.minutes.correct',
  schema: z.object({ meetingId, reason: z.string().trim().min(5).max(2_000) }),
  permission: 'meeting.participate',
  authorize: async (viewer, input, tx) => Boolean((await rightsFor(viewer, input.meetingId, tx))?.rights.canCorrect),
  success: 'minutes.correct.done',
  revalidate: paths,
  async run({ viewer, input, tx, audit }) {
    const { access } = await requireAccess(viewer, input.meetingId, tx);
    const row = await startCorrection(tx, input, viewer.id);
    await audit({
      action: 'meeting.minutes.correct',
      organizationId: access.meeting.organizationId,
      entityType: 'minutes',
      entityId: row.id,
      details: { meetingId: input.meetingId, version: row.version, reason: input.reason },
    });
  },
});
