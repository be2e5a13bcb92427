import 'server-only';
import type { Db } from '@/lib/db/client';
import { formatMeetingDate } from '@/lib/meetings/time';
import { meetingChoices, signersOf } from '@/lib/resolutions/queries';
import type { MeetingChoice } from './resolution-form';

/** The signers and meetings a document form of the organisation offers, as labelled options. */
export async function formChoices(db: Db, organizationId: string, locale: string, roleLabel: (role: 'secretary' | 'deputy_secretary') => string, meetingId?: string | null) {
  const [signers, meetings] = await Promise.all([signersOf(db, organizationId), meetingChoices(db, organizationId, meetingId)]);
  return {
    signers: signers.map((s) => ({ id: s.id, label: `${s.name} — ${roleLabel(s.role as 'secretary' | 'deputy_secretary')}` })),
    meetings: meetings.map(
      (m): MeetingChoice => ({
        id: m.id,
        label: `${m.title} — ${formatMeetingDate(m.startsAt, locale)}`,
        agendaItems: m.agendaItems.map((i) => ({
          id: i.id,
          label: `${i.position + 1}. ${i.title}`,
          passedBallot: i.passedBallot && { id: i.passedBallot.id, label: i.passedBallot.question },
        })),
      }),
    ),
  };
}
