import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { formatInstant } from '@/lib/votes/export';
import { type WrittenQuestionRow, listWrittenQuestions } from '@/lib/votes/queries';

export async function generateMetadata() {
  return { title: (await getTranslations('votes'))('list.heading') };
}

/** Written questions the viewer may see: members of the body, and those who manage or oversee votes. */
export default async function WrittenQuestionsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations('votes');
  const locale = await getLocale();
  const rows = await listWrittenQuestions(getDb(), viewer);
  const open = rows.filter((r) => r.status === 'open');
  const closed = rows.filter((r) => r.status === 'closed');

  const item = (row: WrittenQuestionRow) => (
    <li key={row.id} className={cardStyles}>
      <Link href={`/votes/${row.id}`} className={`${buttonStyles.link} text-lg break-words`}>
        {row.question}
      </Link>
      <p className="text-stone-600">
        {row.bodyName} · {t(`kinds.${row.kind}`)}
      </p>
      <p className="mt-1 flex flex-wrap gap-x-4 text-stone-700">
        <span>{t('list.deadline', { when: formatInstant(row.deadline, locale) })}</span>
        <span className="tabular-nums">{t('list.progress', { voted: row.voted, eligible: row.eligibleVoters })}</span>
      </p>
      {row.status === 'open' && row.mayVote && (
        <p className={`mt-2 inline-block rounded-full px-3 py-1 font-semibold ${row.hasVoted ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'}`}>
          {row.hasVoted ? t('list.youVoted') : t('list.youMayVote')}
        </p>
      )}
      {row.status === 'closed' && row.passed !== null && (
        <p className={`mt-2 inline-block rounded-full px-3 py-1 font-bold text-white ${row.passed ? 'bg-green-700' : 'bg-red-700'}`}>
          {row.passed ? t('result.passed') : t('result.rejected')}
        </p>
      )}
    </li>
  );

  return (
    <>
      <PageHeader
        title={t('list.heading')}
        description={t('list.intro')}
        actions={
          can(viewer, 'vote.manage') ? (
            <Link href="/votes/new" className={buttonStyles.primary}>
              {t('list.create')}
            </Link>
          ) : undefined
        }
      />
      <section aria-labelledby="open-heading" className="mb-8">
        <h2 id="open-heading" className="mb-3 text-xl font-bold">
          {t('list.open')}
        </h2>
        {open.length === 0 ? <p className={cardStyles}>{t('list.empty')}</p> : <ul className="grid gap-3 md:grid-cols-2">{open.map(item)}</ul>}
      </section>
      <section aria-labelledby="closed-heading">
        <h2 id="closed-heading" className="mb-3 text-xl font-bold">
          {t('list.closed')}
        </h2>
        {closed.length === 0 ? <p className={cardStyles}>{t('list.empty')}</p> : <ul className="grid gap-3 md:grid-cols-2">{closed.map(item)}</ul>}
      </section>
    </>
  );
}
