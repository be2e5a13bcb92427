import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { getDb } from '@/lib/db/client';
import type { MeetingAccess } from '@/lib/meetings/access';
import { meetingBallots } from '@/lib/votes/queries';
import { BallotResultView } from './ballot-result';

/** The votes of a meeting on its page: results of closed ballots (guests see none, as in the room). */
export async function MeetingBallots({ access }: { access: MeetingAccess }) {
  const member = Boolean(access.seat) || access.canPrepare || access.canRun || access.canOversee;
  if (!member) return null;
  const ballots = await meetingBallots(getDb(), access.meeting.id);
  if (ballots.length === 0) return null;
  const t = await getTranslations('votes');
  return (
    <section className={cardStyles} aria-labelledby="ballots-heading" data-testid="meeting-ballots">
      <h2 id="ballots-heading" className="mb-2 text-xl font-bold">
        {t('meeting.heading')}
      </h2>
      <ul className="space-y-4">
        {ballots.map((b) => (
          <li key={b.id} className="border-t border-stone-200 pt-3 first:border-0 first:pt-0">
            <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t(`kinds.${b.kind}`)}</p>
            <p className="text-lg font-bold">{b.question}</p>
            {b.result ? <BallotResultView result={b.result} /> : <p className="font-semibold text-amber-900">{t('meeting.open')}</p>}
            <Link href={`/votes/${b.id}`} className={buttonStyles.link}>
              {t('meeting.details')}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
