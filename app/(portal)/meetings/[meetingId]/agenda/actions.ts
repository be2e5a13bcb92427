'use server';

import type { Viewer } from '@/lib/auth/viewer';
import type { Transaction } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import {
  addAgendaItem as addItemRow,
  addItemSchema,
  bumpAgendaVersion,
  deleteAgendaItem as deleteItemRow,
  itemRefSchema,
  lockAgenda,
  lockForDocuments,
  moveAgendaItem as moveItemRow,
  moveItemSchema,
  updateAgendaItem as updateItemRow,
  updateItemSchema,
} from '@/lib/meetings/agenda';
import {
  addMeetingDocument,
  checkUpload,
  removeDocumentSchema,
  removeMeetingDocument as removeDocumentRow,
  uploadDocumentSchema,
} from '@/lib/meetings/documents';
import { announceMeetingChange } from '@/lib/meetings/events';
import { defineAction } from '@/lib/server/action';

/**
 * Agenda and documents are changed by those who prepare meetings of the meeting's organisation
 * (secretary, deputy secretary, clerk: `meeting.prepare`), decided per meeting by meetingAccess.
 * Everyone else, including those who may see the meeting, is told "not found".
 */
const authorize = async (viewer: Viewer, input: { meetingId: string }, tx: Transaction) =>
  Boolean((await meetingAccess(tx, viewer, input.meetingId))?.canPrepare);

const pages = (input: { meetingId: string }) => [
  `/meetings/${input.meetingId}`,
  `/meetings/${input.meetingId}/agenda`,
  `/meetings/${input.meetingId}/pack`,
];

export const addAgendaItem = defineAction({
  name: 'meeting.agenda.add',
  schema: addItemSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.saved.added',
  revalidate: pages,
  async run({ input, tx, audit }) {
    const meeting = await lockAgenda(tx, input.meetingId, input.version);
    const item = await addItemRow(tx, input);
    const version = await bumpAgendaVersion(tx, input.meetingId);
    await audit({
      action: 'meeting.agenda.add',
      organizationId: meeting.organizationId,
      entityType: 'agenda_item',
      entityId: item.id,
      details: { meetingId: input.meetingId, item, agendaVersion: version },
    });
  },
});

export const updateAgendaItem = defineAction({
  name: 'meeting.agenda.update',
  schema: updateItemSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.saved.updated',
  revalidate: pages,
  async run({ input, tx, audit }) {
    const meeting = await lockAgenda(tx, input.meetingId, input.version);
    const { before, after } = await updateItemRow(tx, input);
    const version = await bumpAgendaVersion(tx, input.meetingId);
    await audit({
      action: 'meeting.agenda.update',
      organizationId: meeting.organizationId,
      entityType: 'agenda_item',
      entityId: input.itemId,
      details: { meetingId: input.meetingId, before, after, agendaVersion: version },
    });
  },
});

export const deleteAgendaItem = defineAction({
  name: 'meeting.agenda.delete',
  schema: itemRefSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.saved.deleted',
  revalidate: pages,
  async run({ input, tx, audit }) {
    const meeting = await lockAgenda(tx, input.meetingId, input.version);
    const { item, documents } = await deleteItemRow(tx, input.meetingId, input.itemId);
    const version = await bumpAgendaVersion(tx, input.meetingId);
    await audit({
      action: 'meeting.agenda.delete',
      organizationId: meeting.organizationId,
      entityType: 'agenda_item',
      entityId: input.itemId,
      details: { meetingId: input.meetingId, item, removedDocuments: documents, agendaVersion: version },
    });
  },
});

export const moveAgendaItem = defineAction({
  name: 'meeting.agenda.move',
  schema: moveItemSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.saved.moved',
  revalidate: pages,
  async run({ input, tx, audit }) {
    const meeting = await lockAgenda(tx, input.meetingId, input.version);
    const { from, to } = await moveItemRow(tx, input.meetingId, input.itemId, input.direction);
    const version = await bumpAgendaVersion(tx, input.meetingId);
    await audit({
      action: 'meeting.agenda.move',
      organizationId: meeting.organizationId,
      entityType: 'agenda_item',
      entityId: input.itemId,
      details: { meetingId: input.meetingId, direction: input.direction, from, to, agendaVersion: version },
    });
  },
});

export const uploadMeetingDocument = defineAction({
  name: 'meeting.document.upload',
  schema: uploadDocumentSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.documents.uploaded',
  revalidate: pages,
  async run({ viewer, input, tx, audit }) {
    const upload = await checkUpload(input.file);
    const meeting = await lockForDocuments(tx, input.meetingId);
    const document = await addMeetingDocument(
      tx,
      { meetingId: input.meetingId, agendaItemId: input.agendaItemId, title: input.title, uploadedBy: viewer.id },
      upload,
    );
    await announceMeetingChange(tx, input.meetingId, 'agenda');
    await audit({
      action: 'meeting.document.upload',
      organizationId: meeting.organizationId,
      entityType: 'meeting_document',
      entityId: document.id,
      details: {
        meetingId: input.meetingId,
        agendaItemId: input.agendaItemId,
        title: document.title,
        fileName: document.fileName,
        contentType: document.contentType,
        size: document.size,
        sha256: document.sha256,
      },
    });
  },
});

export const removeMeetingDocument = defineAction({
  name: 'meeting.document.remove',
  schema: removeDocumentSchema,
  permission: 'meeting.prepare',
  authorize,
  success: 'agenda.documents.removed',
  revalidate: pages,
  async run({ input, tx, audit }) {
    const meeting = await lockForDocuments(tx, input.meetingId);
    const removed = await removeDocumentRow(tx, input.meetingId, input.documentId);
    await announceMeetingChange(tx, input.meetingId, 'agenda');
    await audit({
      action: 'meeting.document.remove',
      organizationId: meeting.organizationId,
      entityType: 'meeting_document',
      entityId: input.documentId,
      details: { meetingId: input.meetingId, ...removed },
    });
  },
});
