import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { PageHeader } from '@/app/_components/ui/page-header';
import { cardStyles } from '@/app/_components/ui/styles';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { manageableBodies } from '@/lib/votes/queries';
import { WrittenQuestionForm } from './_components/written-question-form';

export async function generateMetadata() {
  return { title: (await getTranslations('votes'))('create.heading') };
}

/** A new written question, for a body whose organisation the viewer manages votes for. */
export default async function NewWrittenQuestionPage() {
  const viewer = await requirePermission('vote.manage');
  const t = await getTranslations('votes');
  const bodies = await manageableBodies(getDb(), viewer);
  return (
    <>
      <PageHeader title={t('create.heading')} description={t('list.intro')} />
      {bodies.length === 0 ? (
        <p className={cardStyles}>{t('create.noBodies')}</p>
      ) : (
        <ClientMessages areas={['common', 'votes']}>
          <WrittenQuestionForm bodies={bodies.map((b) => ({ value: b.id, label: `${b.name} — ${b.organizationName}` }))} />
        </ClientMessages>
      )}
    </>
  );
}
