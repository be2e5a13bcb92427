import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { ClientMessages } from '@/app/_components/client-messages';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { formatInstant } from '@/lib/votes/export';
import { ballotView } from '@/lib/votes/queries';
import { BallotResultView } from '../_components/ballot-result';
import { VotingForm } from '../_components/voting-form';
import { answerWrittenQuestion, closeWrittenQuestion } from '../actions';

export async function generateMetadata() {
  return { title: (await getTranslations('votes'))('title') };
}

/**
 * One ballot: a written question (answer it before the deadline; the result after close) or a
 * ballot of a meeting (its result). An expired question is closed on the way in (lazy close).
 */
export default async function BallotPage({ params }: { params: Promise<{ ballotId: string }> }) {
  const viewer = await requireViewer();
  const { ballotId } = await params;
  const ballot = await ballotView(getDb(), viewer, ballotId);
  if (!ballot) notFound();
  const t = await getTranslations('votes');
  const locale = await getLocale();
  const open = ballot.status === 'open';

  return (
    <>
      <PageHeader
        title={ballot.question}
        description={`${t(`kinds.${ballot.kind}`)} · ${t(`status.${ballot.status}`)}`}
        actions={
          <Link href={ballot.meetingId ? `/meetings/${ballot.meetingId}` : '/votes'} className={buttonStyles.link}>
            {ballot.meetingId ? t('detail.meeting', { title: ballot.meetingTitle ?? '' }) : t('detail.back')}
          </Link>
        }
      />
      <div className="grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="ballot-heading" className={`${cardStyles} ${open ? 'border-2 border-brand-700' : ''}`}>
          <h2 id="ballot-heading" className="text-lg font-bold">
            {open ? t('panel.heading') : t('status.closed')}
          </h2>
          {ballot.description && <p className="mt-2 whitespace-pre-line text-lg">{ballot.description}</p>}
          {open ? (
            <div className="mt-3 space-y-3">
              <p className="text-xl font-bold tabular-nums" data-testid="ballot-progress">
                {t('panel.progress', { voted: ballot.voted, eligible: ballot.eligibleVoters })}
              </p>
              <p className="text-stone-600">{t('panel.tallyHidden')}</p>
              <ClientMessages areas={['common', 'votes']}>
                <VotingForm ballot={ballot} me={ballot.me} action={answerWrittenQuestion} />
              </ClientMessages>
            </div>
          ) : (
            ballot.result && (
              <div className="mt-3">
                <BallotResultView result={ballot.result} />
              </div>
            )
          )}
        </section>
        <aside className={`${cardStyles} space-y-2 text-stone-800`}>
          <p>{t('detail.body', { name: `${ballot.bodyName} — ${ballot.organizationName}` })}</p>
          {ballot.deadline && <p>{t('detail.deadline', { when: formatInstant(ballot.deadline, locale) })}</p>}
          <p>{t('detail.openedAt', { when: formatInstant(ballot.openedAt, locale) })}</p>
          {ballot.closedAt && <p>{t('detail.closedAt', { when: formatInstant(ballot.closedAt, locale) })}</p>}
          <p>{t('panel.counted', { counted: ballot.countedMembers })}</p>
          {ballot.canExport && (
            <div className="flex flex-col gap-1 pt-2">
              <a href={`/api/ballots/${ballot.id}/export?format=xlsx`} className={buttonStyles.link}>
                {t('detail.exportXlsx')}
              </a>
              {!open && (
                <a href={`/api/ballots/${ballot.id}/export?format=pdf`} className={buttonStyles.link}>
                  {t('detail.exportPdf')}
                </a>
              )}
            </div>
          )}
          {open && ballot.canManage && !ballot.meetingId && (
            <ClientMessages areas={['common', 'votes']}>
              <ConfirmAction
                action={closeWrittenQuestion}
                fields={{ ballotId: ballot.id }}
                label={t('detail.closeNow')}
                question={t('panel.closeConfirm')}
                variant="danger"
              />
            </ClientMessages>
          )}
        </aside>
      </div>
    </>
  );
}
