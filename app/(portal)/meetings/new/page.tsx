import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { preparableBodies } from '@/lib/meetings/queries';
import { PageHeader } from '../../../_components/ui/page-header';
import { cardStyles } from '../../../_components/ui/styles';
import { NewMeetingForm } from '../_components/new-meeting-form';

export async function generateMetadata() {
  return { title: (await getTranslations('meetings'))('new.title') };
}

/** Preparers only (secretary, deputy secretary, clerk of an organisation); bodies of those organisations. */
export default async function NewMeetingPage() {
  const viewer = await requirePermission('meeting.prepare');
  const t = await getTranslations('meetings');
  const bodies = await preparableBodies(getDb(), viewer);
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      <section className={cardStyles}>
        {bodies.length === 0 ? (
          <p className="text-stone-600">{t('new.noBodies')}</p>
        ) : (
          <ClientMessages areas={['common', 'meetings', 'validation']}>
            <NewMeetingForm
              bodies={bodies.map((b) => ({ id: b.id, label: `${b.name} (${b.organizationName})`, seats: b.seats.map((s) => ({ id: s.userId, label: s.title ? `${s.name} — ${s.title}` : s.name })) }))}
            />
          </ClientMessages>
        )}
      </section>
    </>
  );
}
