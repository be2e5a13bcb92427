import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ClientMessages } from '@/app/_components/client-messages';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { EDITABLE } from '@/lib/meetings/lifecycle';
import { canSeeInvitees, meetingDetail, meetingInvitees, ownInvitation, servingSeats } from '@/lib/meetings/queries';
import { formatMeetingDate, formatMeetingTimes, toVietnamParts } from '@/lib/meetings/time';
import { PageHeader } from '../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { MeetingStatusBadge, ResponseBadge } from '../_components/badges';
import { MeetingResolutions } from '../../resolutions/_components/meeting-resolutions';
import { MeetingBallots } from '../../votes/_components/meeting-ballots';
import { closeMeeting, openMeeting, removeGuest, sendInvitations } from './actions';
import { CancelForm } from './_components/cancel-form';
import { EditMeetingForm } from './_components/edit-meeting-form';
import { GuestForm } from './_components/guest-form';
import { ReplyForm } from './_components/reply-form';
import { RescheduleForm } from './_components/reschedule-form';

type Props = { params: Promise<{ meetingId: string }> };

/** The viewer's access (lib/meetings/access.ts), once per request; undefined answers 404. */
const load = cache(async (meetingId: string) => {
  const viewer = await requireViewer();
  const access = await meetingAccess(getDb(), viewer, meetingId);
  return access && { viewer, access };
});

export async function generateMetadata({ params }: Props) {
  const loaded = await load((await params).meetingId);
  return { title: loaded?.access.meeting.title ?? (await getTranslations('meetings'))('title') };
}

export default async function MeetingPage({ params }: Props) {
  const loaded = await load((await params).meetingId);
  if (!loaded) notFound();
  const { viewer, access } = loaded;
  const { meeting } = access;
  const t = await getTranslations('meetings');
  const locale = await getLocale();
  const db = getDb();
  const [detail, own, invitees] = await Promise.all([
    meetingDetail(db, access),
    access.invitation ? ownInvitation(db, meeting.id, viewer.id) : undefined,
    canSeeInvitees(access) ? meetingInvitees(db, meeting.id) : undefined,
  ]);
  const editable = EDITABLE.includes(meeting.status);
  const seats = editable && access.canPrepare ? await servingSeats(db, meeting.bodyId) : [];
  const replyOpen = meeting.status === 'invited' || meeting.status === 'in_progress';
  const parts = { start: toVietnamParts(meeting.startsAt), end: toVietnamParts(meeting.endsAt) };
  const confirm = { confirmLabel: t('lifecycle.confirm'), cancelLabel: t('lifecycle.back'), pendingLabel: t('lifecycle.working') };
  const fields = { meetingId: meeting.id };

  const lifecycle = [
    meeting.status === 'draft' && access.canApprove && (
      <ConfirmAction key="invite" action={sendInvitations} fields={fields} label={t('lifecycle.invite')} question={t('lifecycle.inviteQuestion')} description={t('lifecycle.inviteHelp')} {...confirm} />
    ),
    meeting.status === 'invited' && access.canRun && (
      <ConfirmAction key="open" action={openMeeting} fields={fields} label={t('lifecycle.open')} question={t('lifecycle.openQuestion')} {...confirm} />
    ),
    meeting.status === 'in_progress' && access.canRun && (
      <ConfirmAction key="close" action={closeMeeting} fields={fields} label={t('lifecycle.close')} question={t('lifecycle.closeQuestion')} {...confirm} />
    ),
    editable && access.canApprove && <CancelForm key="cancel" meetingId={meeting.id} />,
  ].filter(Boolean);

  const summary = invitees && {
    total: invitees.length,
    attending: invitees.filter((i) => i.response === 'attending').length,
    excused: invitees.filter((i) => i.response === 'excused').length,
    pending: invitees.filter((i) => i.response === 'pending').length,
  };
  const guests = invitees?.filter((i) => i.isGuest) ?? [];
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="font-semibold text-stone-700">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );

  return (
    <ClientMessages areas={['common', 'meetings', 'validation']}>
      <nav aria-label={t('detail.backToList')} className="mb-2">
        <Link href="/meetings" className={buttonStyles.link}>
          ‹ {t('detail.backToList')}
        </Link>
      </nav>
      <PageHeader title={meeting.title} description={`${detail.bodyName} · ${detail.organizationName}`} actions={<MeetingStatusBadge status={meeting.status} label={t(`status.${meeting.status}`)} />} />

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid min-w-0 content-start gap-6">
          <section className={cardStyles} aria-labelledby="details-heading">
            <h2 id="details-heading" className="mb-2 text-xl font-bold">
              {t('detail.details')}
            </h2>
            {meeting.status === 'cancelled' && meeting.cancelReason && (
              <p role="note" className="mb-3 rounded-lg bg-red-50 px-3 py-2 font-semibold text-red-800">
                {t('detail.cancelReason', { reason: meeting.cancelReason })}
              </p>
            )}
            <dl className="divide-y divide-stone-200">
              {row(t('detail.kind'), t(`kinds.${meeting.kind}`))}
              {row(
                t('detail.when'),
                <time dateTime={meeting.startsAt.toISOString()}>
                  {formatMeetingDate(meeting.startsAt, locale)} · {formatMeetingTimes(meeting.startsAt, meeting.endsAt, locale)}
                </time>,
              )}
              {row(t('detail.location'), meeting.location ?? t('detail.notSet'))}
              {meeting.onlineUrl &&
                row(
                  t('detail.onlineUrl'),
                  <a href={meeting.onlineUrl} className={`${buttonStyles.link} break-all`} rel="noopener noreferrer" target="_blank">
                    {meeting.onlineUrl}
                  </a>,
                )}
              {row(t('detail.chair'), detail.chairName ?? t('detail.notSet'))}
              {row(t('detail.minuteTaker'), detail.minuteTakerName ?? t('detail.notSet'))}
              {row(t('detail.body'), detail.bodyName)}
              {row(t('detail.organization'), detail.organizationName)}
            </dl>
          </section>

          <nav className={cardStyles} aria-labelledby="sections-heading">
            <h2 id="sections-heading" className="mb-2 text-xl font-bold">
              {t('detail.sections')}
            </h2>
            <ul className="grid gap-2 sm:grid-cols-2">
              {(['agenda', 'pack', 'room', 'minutes'] as const).map((s) => (
                <li key={s}>
                  <Link href={`/meetings/${meeting.id}/${s}`} className={`${buttonStyles.secondary} w-full`}>
                    {t(`detail.${s}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>

          <MeetingBallots access={access} />
          <MeetingResolutions meetingId={meeting.id} organizationPath={access.organizationPath} />

          {invitees && summary && (
            <section className={cardStyles} aria-labelledby="invitees-heading" data-testid="invitees">
              <h2 id="invitees-heading" className="mb-2 text-xl font-bold">
                {t('invitees.title')}
              </h2>
              {invitees.length === 0 ? (
                <p className="text-stone-600">{t('invitees.empty')}</p>
              ) : (
                <>
                  <p className="mb-1 font-semibold">{t('invitees.summary', summary)}</p>
                  <p className="mb-3 text-sm text-stone-600">{t('invitees.guestNote')}</p>
                  <ul className="divide-y divide-stone-200">
                    {invitees.map((i) => (
                      <li key={i.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                        <span className="min-w-0 font-semibold [overflow-wrap:anywhere]">{i.name}</span>
                        <span className="text-stone-600">{i.isGuest ? t('invitees.guest') : i.seatTitle}</span>
                        <ResponseBadge response={i.response} label={t(`responses.${i.response}`)} />
                        {i.reason && <span className="w-full text-sm text-stone-700 [overflow-wrap:anywhere]">{t('invitees.reasonText', { reason: i.reason })}</span>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          )}
        </div>

        <div className="grid min-w-0 content-start gap-6">
          {own && (
            <section className={cardStyles} aria-labelledby="reply-heading" data-testid="own-reply">
              <h2 id="reply-heading" className="mb-2 text-xl font-bold">
                {t('reply.title')}
              </h2>
              <p className="mb-3">
                <ResponseBadge response={own.response} label={t('reply.current', { response: t(`responses.${own.response}`) })} />
              </p>
              {replyOpen ? (
                <ReplyForm meetingId={meeting.id} response={own.response} reason={own.reason} />
              ) : (
                <p className="text-stone-600">{meeting.status === 'draft' ? t('reply.notYet') : t('reply.closed')}</p>
              )}
            </section>
          )}

          {(lifecycle.length > 0 || (editable && access.canPrepare)) && (
            <section className={cardStyles} aria-labelledby="lifecycle-heading">
              <h2 id="lifecycle-heading" className="mb-3 text-xl font-bold">
                {t('lifecycle.title')}
              </h2>
              <div className="grid gap-4">{lifecycle}</div>
              {editable && access.canPrepare && (
                <details className="mt-4 rounded-lg border border-stone-200 p-3">
                  <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('lifecycle.reschedule')}</summary>
                  <div className="mt-3">
                    <RescheduleForm meetingId={meeting.id} date={parts.start.date} startTime={parts.start.time} endTime={parts.end.time} />
                  </div>
                </details>
              )}
              {editable && access.canPrepare && (
                <details className="mt-4 rounded-lg border border-stone-200 p-3">
                  <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('lifecycle.edit')}</summary>
                  <div className="mt-3">
                    <EditMeetingForm
                      meeting={{
                        id: meeting.id,
                        kind: meeting.kind,
                        title: meeting.title,
                        location: meeting.location ?? '',
                        onlineUrl: meeting.onlineUrl ?? '',
                        chairId: meeting.chairId ?? '',
                        minuteTakerId: meeting.minuteTakerId ?? '',
                      }}
                      seats={seats.map((s) => ({ id: s.userId, label: s.title ? `${s.name} — ${s.title}` : s.name }))}
                    />
                  </div>
                </details>
              )}
            </section>
          )}

          {access.canPrepare && (editable || guests.length > 0) && (
            <section className={cardStyles} aria-labelledby="guests-heading" data-testid="guests">
              <h2 id="guests-heading" className="mb-2 text-xl font-bold">
                {t('guests.title')}
              </h2>
              {guests.length === 0 ? (
                <p className="mb-3 text-stone-600">{t('guests.empty')}</p>
              ) : (
                <ul className="mb-3 divide-y divide-stone-200">
                  {guests.map((g) => (
                    <li key={g.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <span className="min-w-0 font-semibold [overflow-wrap:anywhere]">{g.name}</span>
                      {editable && (
                        <ConfirmAction
                          action={removeGuest}
                          fields={{ meetingId: meeting.id, userId: g.userId }}
                          label={t('guests.remove', { name: g.name })}
                          variant="secondary"
                          {...confirm}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {editable && <GuestForm meetingId={meeting.id} />}
            </section>
          )}
        </div>
      </div>
    </ClientMessages>
  );
}
