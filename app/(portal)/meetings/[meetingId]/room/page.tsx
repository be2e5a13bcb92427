import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { liveSnapshot } from '@/lib/meetings/live';
import { LiveRoom } from './_components/live-room';

export async function generateMetadata() {
  return { title: (await getTranslations('room'))('title') };
}

/**
 * The live meeting room (tablet first). Whoever may see the meeting (lib/meetings/access.ts) gets
 * the room; everyone else 404. The first state is rendered here; the client component then
 * follows the meeting over Server-Sent Events (/api/meetings/[meetingId]/events).
 */
export default async function MeetingRoomPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const viewer = await requireViewer();
  const { meetingId } = await params;
  const access = await meetingAccess(getDb(), viewer, meetingId);
  if (!access) notFound();
  const snapshot = await liveSnapshot(getDb(), viewer.id, access);
  if (!snapshot) notFound();
  return (
    <ClientMessages areas={['common', 'room', 'votes']}>
      <LiveRoom meetingId={meetingId} initial={snapshot} />
    </ClientMessages>
  );
}
