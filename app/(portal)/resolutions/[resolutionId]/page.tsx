import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { formatMeetingDate } from '@/lib/meetings/time';
import { resolutionAccess } from '@/lib/resolutions/access';
import type { ResolutionType } from '@/lib/resolutions/constants';
import { vietnamToday } from '@/lib/resolutions/lifecycle';
import { resolutionDetail } from '@/lib/resolutions/queries';
import { PageHeader } from '../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { NumberSymbol, ResolutionStatusBadge } from '../_components/badges';
import { formChoices } from '../_components/form-data';
import { ResolutionForm } from '../_components/resolution-form';
import { deleteResolutionDraft, reserveResolutionNumber } from './actions';
import { AbandonForm } from './_components/abandon-form';
import { IssueForm } from './_components/issue-form';

type Props = { params: Promise<{ resolutionId: string }> };

/** The viewer's access (lib/resolutions/access.ts), once per request; undefined answers 404. */
const load = cache(async (resolutionId: string) => {
  const viewer = await requireViewer();
  return resolutionAccess(getDb(), viewer, resolutionId);
});

export async function generateMetadata({ params }: Props) {
  const access = await load((await params).resolutionId);
  const r = access?.resolution;
  return { title: r ? [r.numberSymbol, r.title].filter(Boolean).join(' — ') : (await getTranslations('resolutions'))('title') };
}

function formatDate(iso: string) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export default async function ResolutionPage({ params }: Props) {
  const access = await load((await params).resolutionId);
  if (!access) notFound();
  const r = access.resolution;
  const type = r.type as ResolutionType;
  const t = await getTranslations('resolutions');
  const locale = await getLocale();
  const db = getDb();
  const detail = await resolutionDetail(db, access);
  const open = r.status === 'draft' || r.status === 'reserved';
  const editable = open && access.canDraft;
  const issuable = open && access.canIssue;
  const choices = editable || issuable ? await formChoices(db, r.organizationId, locale, (role) => t(`form.signerRoles.${role}`), r.meetingId) : undefined;
  const confirm = { confirmLabel: t('confirm.confirm'), cancelLabel: t('confirm.back'), pendingLabel: t('confirm.working') };
  const fields = { resolutionId: r.id };
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="font-semibold text-stone-700">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
  const notSet = t('detail.notSet');
  const signer = r.signerName ? [r.signerName, r.signerTitle && `(${r.signerTitle})`].filter(Boolean).join(' ') : (detail.signerCurrentName ?? notSet);

  return (
    <>
      <nav aria-label={t('detail.back')} className="mb-2">
        <Link href="/resolutions" className={buttonStyles.link}>
          ‹ {t('detail.back')}
        </Link>
      </nav>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <NumberSymbol value={r.numberSymbol} empty={t('detail.notNumbered')} large />
        <ResolutionStatusBadge status={r.status} label={t(`status.${r.status}`)} />
      </div>
      <PageHeader title={`${t(`types.${type}`)}: ${r.title}`} description={detail.organizationName} />

      {r.status === 'issued' && (
        <section className={`${cardStyles} mb-6 flex flex-wrap items-center justify-between gap-3`} aria-label={t('detail.downloadPdf')}>
          <p className="text-stone-700">{t('detail.immutable')}</p>
          <a href={`/api/resolutions/${r.id}/pdf`} className={buttonStyles.primary} download data-testid="resolution-pdf">
            {t('detail.downloadPdf')}
          </a>
        </section>
      )}
      {r.status === 'void' && (
        <p role="note" className="mb-6 rounded-lg bg-red-50 px-3 py-2 font-semibold text-red-800">
          {t('detail.voidNote', { number: r.numberSymbol ?? '' })}
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid min-w-0 content-start gap-6">
          <section className={cardStyles} aria-labelledby="facts-heading">
            <h2 id="facts-heading" className="mb-2 text-xl font-bold">
              {t('detail.facts')}
            </h2>
            <dl className="divide-y divide-stone-200">
              {row(t('detail.number'), r.numberSymbol ?? t('detail.notNumbered'))}
              {row(t('detail.type'), `${type} — ${t(`types.${type}`)}${r.congress ? ` · ${t('list.congress')}` : ''}`)}
              {row(t('detail.organization'), detail.organizationName)}
              {row(t('detail.term'), detail.termName ?? notSet)}
              {row(t('detail.issuedOn'), r.issuedOn ? formatDate(r.issuedOn) : notSet)}
              {row(t('detail.signer'), [r.signingCapacity, signer].filter(Boolean).join(' · '))}
              {row(
                t('detail.meeting'),
                r.meetingId && detail.meetingTitle ? (
                  <Link href={`/meetings/${r.meetingId}`} className={buttonStyles.link}>
                    {detail.meetingTitle}
                    {detail.meetingStartsAt ? ` — ${formatMeetingDate(detail.meetingStartsAt, locale)}` : ''}
                  </Link>
                ) : (
                  notSet
                ),
              )}
              {row(t('detail.agendaItem'), detail.agendaItemTitle ?? notSet)}
              {row(t('detail.ballot'), detail.ballotQuestion ?? (r.ballotId ? r.ballotId : notSet))}
              {row(t('detail.recipients'), r.recipients ? <span className="whitespace-pre-line">{r.recipients}</span> : notSet)}
              {row(t('detail.createdBy'), detail.createdByName ?? notSet)}
              {r.numberedAt && row(t('detail.numberedBy'), detail.numberedByName ?? notSet)}
              {r.issuedAt && row(t('detail.issuedBy'), detail.issuedByName ?? notSet)}
              {r.voidedAt && row(t('detail.voidedBy'), detail.voidedByName ?? notSet)}
              {r.voidReason && row(t('detail.voidReason'), r.voidReason)}
            </dl>
          </section>

          {editable && choices ? (
            <section className={cardStyles} aria-labelledby="edit-heading">
              <h2 id="edit-heading" className="mb-3 text-xl font-bold">
                {t('detail.edit')}
              </h2>
              <ResolutionForm
                target={{ resolutionId: r.id, lockVersion: r.lockVersion }}
                typeFixed={r.status === 'reserved'}
                initial={{
                  type: r.type,
                  congress: r.congress,
                  title: r.title,
                  body: r.body,
                  recipients: r.recipients,
                  signingCapacity: r.signingCapacity ?? '',
                  signerId: r.signerId ?? '',
                  meetingId: r.meetingId ?? '',
                  agendaItemId: r.agendaItemId ?? '',
                  ballotId: r.ballotId ?? '',
                }}
                signers={choices.signers}
                meetings={choices.meetings}
              />
            </section>
          ) : (
            <section className={cardStyles} aria-labelledby="body-heading">
              <h2 id="body-heading" className="mb-3 text-xl font-bold">
                {t('detail.body')}
              </h2>
              {r.body ? <div className="leading-relaxed whitespace-pre-line [overflow-wrap:anywhere]">{r.body}</div> : <p className="text-stone-600">{t('detail.emptyBody')}</p>}
            </section>
          )}
        </div>

        {(editable || issuable) && (
          <div className="grid min-w-0 content-start gap-6">
            {issuable && choices && (
              <section className={cardStyles} aria-labelledby="issue-heading" data-testid="issue-section">
                <h2 id="issue-heading" className="mb-2 text-xl font-bold">
                  {t('issue.heading')}
                </h2>
                <p className="mb-3 text-stone-700">{t('issue.help')}</p>
                <IssueForm
                  resolutionId={r.id}
                  today={vietnamToday()}
                  signerId={r.signerId ?? choices.signers[0]?.id ?? ''}
                  signingCapacity={r.signingCapacity ?? ''}
                  signers={choices.signers}
                />
              </section>
            )}
            {editable && r.status === 'draft' && (
              <section className={cardStyles} aria-labelledby="reserve-heading">
                <h2 id="reserve-heading" className="mb-2 text-xl font-bold">
                  {t('reserve.heading')}
                </h2>
                <ConfirmAction action={reserveResolutionNumber} fields={fields} label={t('reserve.button')} question={t('reserve.question')} description={t('reserve.help')} variant="secondary" {...confirm} />
              </section>
            )}
            {editable && r.status === 'reserved' && (
              <section className={cardStyles} aria-labelledby="abandon-heading">
                <h2 id="abandon-heading" className="mb-2 text-xl font-bold">
                  {t('abandon.heading')}
                </h2>
                <AbandonForm resolutionId={r.id} />
              </section>
            )}
            {editable && r.status === 'draft' && (
              <section className={cardStyles} aria-label={t('delete.button')}>
                <ConfirmAction action={deleteResolutionDraft} fields={fields} label={t('delete.button')} question={t('delete.question')} variant="danger" {...confirm} />
              </section>
            )}
          </div>
        )}
      </div>
    </>
  );
}
