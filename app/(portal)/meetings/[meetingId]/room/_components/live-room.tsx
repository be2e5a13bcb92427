'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import type { LiveSnapshot } from '@/lib/meetings/live';
import { checkIn, endSpeech, giveFloor, moveAgenda, requestToSpeak, withdrawRequest } from '../actions';
import { BallotPanel } from './ballot-panel';
import { MarkList } from './mark-list';
import { RoomAction } from './room-action';

type Connection = 'connecting' | 'live' | 'reconnecting';

/**
 * Follows the meeting over Server-Sent Events. EventSource reconnects by itself after a network
 * drop; when the server refused or ended the stream for good, a new one is opened with backoff.
 * Every (re)connection starts with the full state, so nothing is missed.
 */
function useLiveSnapshot(meetingId: string, initial: LiveSnapshot) {
  const [snapshot, setSnapshot] = useState(initial);
  const [connection, setConnection] = useState<Connection>('connecting');
  // Server clock minus this device's clock, so timers are right on tablets with a wrong clock.
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1_000;
    let stopped = false;
    const open = () => {
      source = new EventSource(`/api/meetings/${meetingId}/events`);
      source.addEventListener('state', (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
        setSnapshot(data);
        setOffset(Date.parse(data.state.serverTime) - Date.now());
        setConnection('live');
        delay = 1_000;
      });
      source.addEventListener('error', () => {
        setConnection('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          if (!stopped) retry = setTimeout(open, delay);
          delay = Math.min(delay * 2, 30_000);
        }
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      source?.close();
    };
  }, [meetingId]);

  return { snapshot, connection, offset };
}

/** The device's clock, ticking every second (null until mounted, so the server render has no time in it). */
function useNow() {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return now;
}

function formatDuration(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function Timer({ since, now, offset, label, limitMinutes, overtimeLabel }: {
  since: string | null;
  now: number | null;
  offset: number;
  label: string;
  limitMinutes?: number | null;
  overtimeLabel?: string;
}) {
  if (!since) return null;
  const elapsed = now === null ? null : now + offset - Date.parse(since);
  const over = elapsed !== null && Boolean(limitMinutes) && elapsed > limitMinutes! * 60_000;
  return (
    <div className="flex flex-wrap items-baseline gap-x-3">
      <span className="text-base text-stone-600">{label}</span>
      <span
        className={`font-mono text-4xl font-bold tabular-nums sm:text-5xl ${over ? 'text-red-700' : 'text-stone-900'}`}
        role="timer"
        aria-label={label}
      >
        {elapsed === null ? '–:––' : formatDuration(elapsed)}
      </span>
      {over && overtimeLabel && <span className="font-semibold text-red-700">{overtimeLabel}</span>}
    </div>
  );
}

export function LiveRoom({ meetingId, initial }: { meetingId: string; initial: LiveSnapshot }) {
  const t = useTranslations('room');
  const { snapshot, connection, offset } = useLiveSnapshot(meetingId, initial);
  const now = useNow();
  const { state, me } = snapshot;
  const inProgress = state.status === 'in_progress';
  const ended = ['closed', 'minutes_approved', 'cancelled'].includes(state.status);
  const fields = { meetingId };
  const speaking = state.speakers.find((s) => s.status === 'speaking');
  const waiting = state.speakers.filter((s) => s.status === 'waiting');
  const currentIndex = state.current ? state.agenda.findIndex((i) => i.id === state.current!.id) : -1;
  const { quorum } = state;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t('title')}</p>
          <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{state.title}</h1>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="rounded-full bg-stone-200 px-3 py-1 font-semibold text-stone-800">{t(`status.${state.status}`)}</span>
          <span
            role="status"
            className={`inline-flex items-center gap-2 rounded-full px-3 py-1 font-semibold ${
              connection === 'live' ? 'bg-green-100 text-green-900' : 'bg-amber-100 text-amber-900'
            }`}
          >
            <span aria-hidden="true" className={`size-2.5 rounded-full ${connection === 'live' ? 'bg-green-600' : 'animate-pulse bg-amber-600'}`} />
            {t(`connection.${connection}`)}
          </span>
          <Link href={`/meetings/${meetingId}`} className={buttonStyles.link}>
            {t('backToMeeting')}
          </Link>
        </div>
      </div>

      {!inProgress && (
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-lg font-semibold text-amber-900">
          {ended ? t('ended') : t('notLive')}
        </p>
      )}

      <div className="grid gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <BallotPanel
            meetingId={meetingId}
            ballot={state.ballot}
            me={me.ballot}
            canRun={me.canRun}
            inProgress={inProgress}
            agenda={state.agenda}
            currentItemId={state.current?.id ?? null}
          />

          <section aria-labelledby="room-current" className={`${cardStyles} border-2 border-brand-700`}>
            <h2 id="room-current" className="text-base font-semibold text-stone-600">
              {t('current.heading')}
              {state.current && currentIndex >= 0 && (
                <span className="ml-2 text-stone-500">· {t('current.itemOf', { position: currentIndex + 1, total: state.agenda.length })}</span>
              )}
            </h2>
            <div aria-live="polite" className="mt-2">
              {state.current ? (
                <p className="text-2xl font-bold leading-snug text-stone-900 sm:text-3xl" data-testid="current-item">
                  {state.current.title}
                </p>
              ) : (
                <p className="text-xl font-semibold text-stone-700" data-testid="current-item">
                  {state.currentHidden ? t('current.hidden') : t('current.none')}
                </p>
              )}
            </div>
            {state.current && (
              <p className="mt-2 flex flex-wrap gap-x-4 text-stone-700">
                <span>{t(`agenda.kinds.${state.current.kind}`)}</span>
                {state.current.presenter && <span>{t('current.presenter', { name: state.current.presenter })}</span>}
                {state.current.plannedMinutes && <span>{t('current.planned', { minutes: state.current.plannedMinutes })}</span>}
              </p>
            )}
            <div className="mt-3">
              <Timer
                since={inProgress ? state.currentStartedAt : null}
                now={now}
                offset={offset}
                label={t('current.timer')}
                limitMinutes={state.current?.plannedMinutes}
                overtimeLabel={t('current.overtime')}
              />
            </div>
          </section>

          <section
            aria-labelledby="room-quorum"
            className={`rounded-xl border-2 p-4 sm:p-6 ${quorum.met ? 'border-green-700 bg-green-50 text-green-950' : 'border-red-700 bg-red-50 text-red-950'}`}
          >
            <h2 id="room-quorum" className="flex flex-wrap items-center gap-2 text-base font-semibold">
              {t('quorum.heading')}
              <span className={`rounded-full px-3 py-0.5 text-sm font-bold text-white ${quorum.met ? 'bg-green-700' : 'bg-red-700'}`}>
                <span aria-hidden="true">{quorum.met ? '✓ ' : '✕ '}</span>
                {quorum.met ? t('quorum.metBadge') : t('quorum.notMetBadge')}
              </span>
            </h2>
            <p className="mt-2 text-xl font-bold sm:text-2xl" data-testid="quorum-summary">
              {t('quorum.summary', {
                present: quorum.present,
                counted: quorum.counted,
                required: quorum.required,
                verdict: quorum.met ? t('quorum.met') : t('quorum.notMet'),
              })}
            </p>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-base sm:grid-cols-3">
              {(['present', 'online', 'late', 'excused_absent', 'unexcused_absent', 'notMarked'] as const).map((key) => (
                <div key={key} className="flex justify-between gap-2 border-b border-current/10 py-1">
                  <dt>{t(`attendance.${key}`)}</dt>
                  <dd className="font-bold tabular-nums">{state.attendance[key]}</dd>
                </div>
              ))}
              {state.attendance.guestsPresent > 0 && (
                <div className="col-span-2 flex justify-between gap-2 py-1 sm:col-span-3">
                  <dt>{t('attendance.guestsPresent')}</dt>
                  <dd className="font-bold tabular-nums">{state.attendance.guestsPresent}</dd>
                </div>
              )}
            </dl>
            <p className="mt-2 text-sm opacity-80">{t('quorum.note')}</p>
          </section>

          {me.canRun && (
            <section aria-labelledby="room-chair" className={cardStyles}>
              <h2 id="room-chair" className="text-lg font-bold">
                {t('chair.heading')}
              </h2>
              <div className="mt-3 grid gap-3 sm:grid-cols-2">
                <RoomAction
                  action={moveAgenda}
                  fields={{ ...fields, direction: 'previous', from: state.current?.id ?? '' }}
                  label={t('chair.previous')}
                  disabled={!inProgress || currentIndex <= 0}
                  large
                />
                <RoomAction
                  action={moveAgenda}
                  fields={{ ...fields, direction: 'next', from: state.current?.id ?? '' }}
                  label={state.current ? t('chair.next') : t('chair.start')}
                  variant="primary"
                  disabled={!inProgress || (state.current !== null && currentIndex >= state.agenda.length - 1)}
                  large
                />
                <RoomAction
                  action={giveFloor}
                  fields={fields}
                  label={waiting[0] ? t('chair.giveFloorTo', { name: waiting[0].name }) : t('chair.giveFloor')}
                  variant="primary"
                  disabled={!inProgress || waiting.length === 0}
                  large
                />
                <RoomAction
                  action={endSpeech}
                  fields={fields}
                  label={t('chair.endSpeech')}
                  variant="danger"
                  disabled={!inProgress || !speaking}
                  large
                />
              </div>
            </section>
          )}

          <section aria-labelledby="room-agenda" className={cardStyles}>
            <h2 id="room-agenda" className="text-lg font-bold">
              {t('agenda.heading')}
            </h2>
            {state.agenda.length === 0 ? (
              <p className="mt-2 text-stone-600">{t('agenda.empty')}</p>
            ) : (
              <ol className="mt-3 space-y-2">
                {state.agenda.map((item, index) => {
                  const current = item.id === state.current?.id;
                  return (
                    <li
                      key={item.id}
                      aria-current={current ? 'step' : undefined}
                      className={`flex gap-3 rounded-lg px-3 py-2 ${current ? 'bg-brand-50 ring-2 ring-brand-700' : ''}`}
                    >
                      <span className="font-bold tabular-nums text-stone-500">{index + 1}.</span>
                      <span className="min-w-0 flex-1">
                        <span className="block font-semibold">{item.title}</span>
                        <span className="text-sm text-stone-600">
                          {t(`agenda.kinds.${item.kind}`)}
                          {item.presenter && ` · ${t('current.presenter', { name: item.presenter })}`}
                        </span>
                      </span>
                      {current && <span className="self-center text-sm font-bold text-brand-800">{t('agenda.currentBadge')}</span>}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </div>

        <div className="space-y-4">
          {me.isParticipant && (
            <section aria-labelledby="room-me" className={cardStyles}>
              <h2 id="room-me" className="text-lg font-bold">
                {t('checkIn.heading')}
              </h2>
              <p className="mt-2 text-lg" data-testid="my-attendance">
                {me.attendance ? t('checkIn.you', { status: t(`attendance.${me.attendance}`) }) : t('checkIn.notYet')}
              </p>
              {me.isGuest && <p className="mt-1 text-stone-600">{t('checkIn.guestNote')}</p>}
              {!inProgress && <p className="mt-1 text-stone-600">{t('checkIn.onlyInProgress')}</p>}
              <div className="mt-3 grid gap-2 sm:grid-cols-2 md:grid-cols-1 lg:grid-cols-2">
                <RoomAction
                  action={checkIn}
                  fields={{ ...fields, mode: 'present' }}
                  label={t('checkIn.present')}
                  variant={me.attendance === 'present' ? 'secondary' : 'primary'}
                  disabled={!inProgress || me.attendance === 'present'}
                  large
                />
                <RoomAction
                  action={checkIn}
                  fields={{ ...fields, mode: 'online' }}
                  label={t('checkIn.online')}
                  disabled={!inProgress || me.attendance === 'online'}
                  large
                />
              </div>
            </section>
          )}

          <section aria-labelledby="room-speakers" className={cardStyles}>
            <h2 id="room-speakers" className="text-lg font-bold">
              {t('speakers.heading')}
            </h2>
            {me.isParticipant && (
              <div className="mt-3 space-y-2">
                {me.speakerRequest?.status === 'speaking' && (
                  <p role="status" className="rounded-lg bg-green-100 px-3 py-2 text-lg font-bold text-green-900">
                    {t('speakers.yourTurn')}
                  </p>
                )}
                {me.speakerRequest?.status === 'waiting' && (
                  <>
                    <p role="status" className="rounded-lg bg-amber-50 px-3 py-2 text-lg font-semibold text-amber-900">
                      {t('speakers.yourPosition', { position: me.speakerRequest.position })}
                    </p>
                    <RoomAction action={withdrawRequest} fields={fields} label={t('speakers.withdraw')} large />
                  </>
                )}
                {!me.speakerRequest && (
                  <RoomAction action={requestToSpeak} fields={fields} label={t('speakers.ask')} variant="primary" disabled={!inProgress} large />
                )}
              </div>
            )}
            {speaking && (
              <div className="mt-4 rounded-lg border-2 border-green-700 bg-green-50 p-3">
                <p className="text-sm font-semibold text-green-900">{t('speakers.speaking')}</p>
                <p className="text-xl font-bold text-stone-900" data-testid="current-speaker">
                  {speaking.name}
                </p>
                <Timer since={speaking.startedAt} now={now} offset={offset} label={t('speakers.speakingFor')} />
              </div>
            )}
            <h3 className="mt-4 font-semibold text-stone-700">{t('speakers.queue')}</h3>
            {waiting.length === 0 ? (
              <p className="mt-1 text-stone-600">{t('speakers.empty')}</p>
            ) : (
              <ol className="mt-2 space-y-1" data-testid="speaker-queue">
                {waiting.map((s, index) => (
                  <li
                    key={s.id}
                    className={`flex min-h-11 items-center justify-between gap-2 rounded-lg px-3 ${s.userId === me.userId ? 'bg-amber-50 font-bold' : 'bg-stone-50'}`}
                  >
                    <span>{s.name}</span>
                    <span className="text-sm text-stone-600">{t('speakers.waiting', { position: index + 1 })}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          {me.canMark && state.roster && <MarkList meetingId={meetingId} roster={state.roster} />}
        </div>
      </div>
    </div>
  );
}
