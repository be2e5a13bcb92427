import Form from 'next/form';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { organizationsWhere } from '@/lib/resolutions/access';
import { draftStart } from '@/lib/resolutions/queries';
import { SelectField } from '../../../_components/ui/field';
import { PageHeader } from '../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { formChoices } from '../_components/form-data';
import { ResolutionForm } from '../_components/resolution-form';

export async function generateMetadata() {
  return { title: (await getTranslations('resolutions'))('form.newTitle') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const query = z.object({
  organizationId: z.uuid().optional().catch(undefined),
  meetingId: z.uuid().optional().catch(undefined),
  agendaItemId: z.uuid().optional().catch(undefined),
});

/**
 * A new draft, for those who draft in some organisation. From a meeting (`?meetingId=&agendaItemId=`)
 * the issuer is the meeting's organisation and the links are filled in.
 */
export default async function NewResolutionPage({ searchParams }: Props) {
  const viewer = await requireViewer();
  const db = getDb();
  const orgs = await organizationsWhere(db, viewer, 'resolution.draft');
  if (orgs.length === 0) notFound();
  const t = await getTranslations('resolutions');
  const locale = await getLocale();
  const raw = await searchParams;
  const params = query.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === 'string' && v)));

  let organizationId = params.organizationId && orgs.some((o) => o.id === params.organizationId) ? params.organizationId : undefined;
  if (params.meetingId) {
    const access = await meetingAccess(db, viewer, params.meetingId);
    if (!access || !orgs.some((o) => o.id === access.meeting.organizationId)) notFound();
    organizationId = access.meeting.organizationId;
  }
  organizationId ??= orgs.length === 1 ? orgs[0]!.id : undefined;

  const header = (
    <>
      <nav aria-label={t('detail.back')} className="mb-2">
        <Link href="/resolutions" className={buttonStyles.link}>
          ‹ {t('detail.back')}
        </Link>
      </nav>
      <PageHeader title={t('form.newTitle')} description={t('form.newDescription')} />
    </>
  );

  if (!organizationId) {
    return (
      <>
        {header}
        <section className={cardStyles} aria-labelledby="choose-org-heading">
          <h2 id="choose-org-heading" className="mb-3 text-xl font-bold">
            {t('form.chooseOrganization')}
          </h2>
          <Form action="/resolutions/new" className="grid items-end gap-4 sm:grid-cols-[1fr_auto]">
            <SelectField label={t('form.organization')} name="organizationId" options={orgs.map((o) => ({ value: o.id, label: o.name }))} className="min-w-0" />
            <button type="submit" className={buttonStyles.primary}>
              {t('settings.choose')}
            </button>
          </Form>
        </section>
      </>
    );
  }

  const start = await draftStart(db, { organizationId, meetingId: params.meetingId, agendaItemId: params.agendaItemId });
  const choices = await formChoices(db, organizationId, locale, (role) => t(`form.signerRoles.${role}`), params.meetingId);
  const organizationName = orgs.find((o) => o.id === organizationId)!.name;

  return (
    <>
      {header}
      <section className={cardStyles} aria-labelledby="draft-heading">
        <h2 id="draft-heading" className="mb-1 text-xl font-bold">
          {organizationName}
        </h2>
        {start.meeting && <p className="mb-3 text-stone-700">{t('form.linkFromMeeting', { meeting: start.meeting.title })}</p>}
        <ResolutionForm
          target={{ organizationId }}
          initial={{
            type: 'NQ',
            congress: false,
            title: start.agendaItem?.title ?? '',
            body: '',
            recipients: '',
            signingCapacity: start.signingCapacity,
            signerId: choices.signers[0]?.id ?? '',
            meetingId: start.meeting?.id ?? '',
            agendaItemId: start.agendaItem?.id ?? '',
            ballotId: '',
          }}
          signers={choices.signers}
          meetings={choices.meetings}
        />
      </section>
    </>
  );
}
