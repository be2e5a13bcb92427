import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { type MinutesVersion, listMinutes, minutesRights } from '@/lib/meetings/minutes';
import { approveMinutes, generateMinutes } from './actions';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { CorrectionForm } from './_components/correction-form';
import { MinutesEditor } from './_components/minutes-editor';

export async function generateMetadata() {
  return { title: (await getTranslations('minutes'))('title') };
}

/**
 * Minutes of one meeting. Drafts: the minute-taker, preparers, the chair, approvers and overseers.
 * Approved versions: also the body's members and invited members. Anyone else: not found.
 */
export default async function MinutesPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const viewer = await requireViewer();
  const { meetingId } = await params;
  const db = getDb();
  const access = await meetingAccess(db, viewer, meetingId);
  if (!access) notFound();
  const rights = minutesRights(access);
  if (!rights.canSeeApproved) notFound();

  const t = await getTranslations();
  const format = await getFormatter();
  const when = (date: Date) =>
    format.dateTime(date, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const all = await listMinutes(db, meetingId);
  const versions = rights.canSeeDrafts ? all : all.filter((v) => v.status === 'approved');
  const latest = versions[0];
  const draft = latest?.status === 'draft' ? latest : undefined;
  const approved = versions.filter((v) => v.status === 'approved');
  const meeting = access.meeting;
  const confirm = { cancelLabel: t('common.cancel'), pendingLabel: t('common.saving') };

  const approval = (v: MinutesVersion, who: 'chair' | 'secretary') => {
    const name = who === 'chair' ? v.chairApproverName : v.secretaryApproverName;
    const at = who === 'chair' ? v.chairApprovedAt : v.secretaryApprovedAt;
    return (
      <div>
        <dt className="text-sm text-stone-600">{t(`minutes.approve.${who}`)}</dt>
        <dd className="font-semibold">{name && at ? t('minutes.approve.approvedBy', { name, when: when(at) }) : t('minutes.approve.waiting')}</dd>
      </div>
    );
  };

  return (
    <>
      <Link href={`/meetings/${meetingId}`} className={`${buttonStyles.link} mb-2 gap-1`}>
        <span aria-hidden="true">←</span> {t('minutes.back')}
      </Link>
      <PageHeader title={t('minutes.pageTitle', { meeting: meeting.title })} description={t('minutes.intro')} />

      {versions.length === 0 && (
        <section className={`${cardStyles} mb-6`} aria-labelledby="generate-heading">
          <h2 id="generate-heading" className="mb-2 text-xl font-bold">
            {rights.canEdit && meeting.status === 'closed' ? t('minutes.generate.heading') : t('minutes.title')}
          </h2>
          {rights.canEdit && meeting.status === 'closed' ? (
            <>
              <p className="mb-4 text-stone-700">{t('minutes.generate.help')}</p>
              <ConfirmAction action={generateMinutes} fields={{ meetingId }} label={t('minutes.generate.button')} {...confirm} />
            </>
          ) : (
            <p className="text-stone-700">
              {!rights.canSeeDrafts && all.length > 0
                ? t('minutes.notApprovedYet')
                : meeting.status === 'closed' || meeting.status === 'minutes_approved'
                  ? t('minutes.none')
                  : t('minutes.notClosed')}
            </p>
          )}
        </section>
      )}

      {draft && (
        <div className="mb-6 grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <section className={cardStyles} aria-labelledby="draft-heading">
            <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="draft-heading" className="text-xl font-bold">
                {rights.canEdit ? t('minutes.edit.heading') : t('minutes.versionLabel', { version: draft.version })}
              </h2>
              <span className="rounded-full bg-amber-100 px-3 py-1 text-sm font-semibold text-amber-900">
                {t('minutes.versionLabel', { version: draft.version })} · {t('minutes.status.draft')}
              </span>
            </div>
            {draft.correctionReason && (
              <p className="mb-3 rounded-lg bg-sky-50 p-3 text-sky-950">
                {t('minutes.correctionOf', { version: draft.version - 1, reason: draft.correctionReason })}
              </p>
            )}
            {draft.updatedByName && (
              <p className="mb-3 text-sm text-stone-600">
                {t('minutes.edit.lastSaved', { when: when(draft.updatedAt), name: draft.updatedByName })}
              </p>
            )}
            {rights.canEdit ? (
              <MinutesEditor meetingId={meetingId} version={draft.version} lockVersion={draft.lockVersion} body={draft.body} />
            ) : (
              <>
                <p className="mb-3 text-stone-600">{t('minutes.edit.readOnly')}</p>
                <pre className="overflow-x-auto rounded-lg border border-stone-200 bg-stone-50 p-3 font-sans text-base whitespace-pre-wrap">
                  {draft.body}
                </pre>
              </>
            )}
          </section>

          <section className={`${cardStyles} self-start`} aria-labelledby="approve-heading">
            <h2 id="approve-heading" className="mb-2 text-xl font-bold">
              {t('minutes.approve.heading')}
            </h2>
            <p className="mb-4 text-stone-700">{t('minutes.approve.help')}</p>
            <dl className="mb-4 grid gap-3">
              {approval(draft, 'chair')}
              {approval(draft, 'secretary')}
            </dl>
            {!meeting.chairId && <p className="mb-3 text-stone-700">{t('minutes.approve.needsChairAssigned')}</p>}
            <div className="grid gap-3">
              {rights.canApproveAsChair && !draft.chairApprovedBy && (
                <ConfirmAction
                  action={approveMinutes}
                  fields={{ meetingId, version: String(draft.version), lockVersion: String(draft.lockVersion), capacity: 'chair' }}
                  label={t('minutes.approve.asChair')}
                  question={t('minutes.approve.question')}
                  confirmLabel={t('minutes.approve.confirm')}
                  {...confirm}
                />
              )}
              {rights.canApproveAsSecretary && !draft.secretaryApprovedBy && (
                <ConfirmAction
                  action={approveMinutes}
                  fields={{ meetingId, version: String(draft.version), lockVersion: String(draft.lockVersion), capacity: 'secretary' }}
                  label={t('minutes.approve.asSecretary')}
                  question={t('minutes.approve.question')}
                  confirmLabel={t('minutes.approve.confirm')}
                  {...confirm}
                />
              )}
            </div>
          </section>
        </div>
      )}

      {approved.length > 0 && (
        <section className={`${cardStyles} mb-6`} aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="mb-3 text-xl font-bold">
            {t('minutes.versionsHeading')}
          </h2>
          <ul className="divide-y divide-stone-200">
            {approved.map((v) => (
              <li key={v.id} className="py-4 first:pt-0">
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h3 className="text-lg font-bold">{t('minutes.versionLabel', { version: v.version })}</h3>
                  <span className="rounded-full bg-green-100 px-3 py-1 text-sm font-semibold text-green-900">{t('minutes.status.approved')}</span>
                </div>
                {v.correctionReason && (
                  <p className="mb-2 text-stone-700">{t('minutes.correctionOf', { version: v.version - 1, reason: v.correctionReason })}</p>
                )}
                <dl className="mb-3 grid gap-3 sm:grid-cols-2">
                  {approval(v, 'chair')}
                  {approval(v, 'secretary')}
                </dl>
                <a
                  href={`/api/meetings/${meetingId}/minutes/${v.version}`}
                  className={buttonStyles.primary}
                  download
                >
                  {t('minutes.download', { version: v.version })}
                </a>
                {v.pdfSha256 && <p className="mt-2 text-sm break-all text-stone-600">{t('minutes.sha256', { sha: v.pdfSha256 })}</p>}
                {v === approved[0] && (
                  <details className="mt-3">
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">
                      {t('minutes.versionLabel', { version: v.version })}
                    </summary>
                    <pre className="mt-2 overflow-x-auto rounded-lg border border-stone-200 bg-stone-50 p-3 font-sans text-base whitespace-pre-wrap">
                      {v.body}
                    </pre>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {latest?.status === 'approved' && rights.canCorrect && (
        <section className={cardStyles} aria-labelledby="correct-heading">
          <h2 id="correct-heading" className="mb-2 text-xl font-bold">
            {t('minutes.correct.heading')}
          </h2>
          <p className="mb-4 text-stone-700">{t('minutes.correct.help')}</p>
          <CorrectionForm meetingId={meetingId} />
        </section>
      )}
    </>
  );
}
