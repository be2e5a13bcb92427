'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { BallotResultView } from '@/app/(portal)/votes/_components/ballot-result';
import { useCastViaApi } from '@/app/(portal)/votes/_components/cast-via-api';
import { VotingForm } from '@/app/(portal)/votes/_components/voting-form';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/ui/styles';
import type { LiveAgendaItem } from '@/lib/meetings/live';
import { initialActionState } from '@/lib/server/action-state';
import type { LiveBallot, LiveBallotMe } from '@/lib/votes/live';
import { closeBallot, openBallot } from '../actions';
import { RoomAction } from './room-action';

type Props = {
  meetingId: string;
  ballot: LiveBallot | null;
  me: LiveBallotMe;
  canRun: boolean;
  inProgress: boolean;
  agenda: LiveAgendaItem[];
  currentItemId: string | null;
};

/**
 * The vote in the live room: members vote on the open ballot; everyone sees how many have voted
 * (never the tally before close) and the result once it closes; the chair opens and closes.
 */
export function BallotPanel({ meetingId, ballot, me, canRun, inProgress, agenda, currentItemId }: Props) {
  const t = useTranslations('votes');
  const cast = useCastViaApi();
  const open = ballot?.status === 'open' ? ballot : null;
  const votable = agenda.filter((item) => item.kind === 'decision' || item.kind === 'election');
  if (!ballot && !(canRun && inProgress)) return null;

  return (
    <section aria-labelledby="room-ballot" className={`${cardStyles} ${open ? 'border-2 border-brand-700' : ''}`} data-testid="ballot-panel">
      <h2 id="room-ballot" className="text-lg font-bold">
        {open ? t('panel.heading') : ballot ? t('panel.lastResult') : t('panel.heading')}
      </h2>
      {ballot && (
        <div className="mt-2 space-y-3">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t(`kinds.${ballot.kind}`)}</p>
          <p className="text-2xl font-bold leading-snug text-stone-900" data-testid="ballot-question">
            {ballot.question}
          </p>
          {open ? (
            <>
              <p className="text-xl font-bold tabular-nums" role="status" data-testid="ballot-progress">
                {t('panel.progress', { voted: open.voted, eligible: open.eligibleVoters })}
              </p>
              <p className="text-stone-600">{t('panel.tallyHidden')}</p>
              <VotingForm ballot={open} me={me} action={cast} />
              {canRun && (
                <RoomAction action={closeBallot} fields={{ ballotId: open.id }} label={t('panel.close')} variant="danger" large />
              )}
            </>
          ) : (
            ballot.result && <BallotResultView result={ballot.result} />
          )}
        </div>
      )}
      {canRun && inProgress && !open && (
        <div className="mt-4 border-t border-stone-200 pt-4">
          {votable.length === 0 ? (
            <p className="text-stone-600">{t('open.noItems')}</p>
          ) : (
            <OpenBallotForm meetingId={meetingId} items={votable} currentItemId={currentItemId} />
          )}
        </div>
      )}
    </section>
  );
}

function OpenBallotForm({ meetingId, items, currentItemId }: { meetingId: string; items: LiveAgendaItem[]; currentItemId: string | null }) {
  const t = useTranslations('votes');
  const [state, formAction] = useActionState(openBallot, initialActionState);
  const initialItem = items.find((i) => i.id === currentItemId) ?? items[0]!;
  const [itemId, setItemId] = useState(state.values?.agendaItemId ?? initialItem.id);
  const item = items.find((i) => i.id === itemId) ?? initialItem;
  const [kind, setKind] = useState(state.values?.kind ?? (item.kind === 'election' ? 'election' : 'named'));
  const candidatesId = useId();
  const kinds = item.kind === 'election' ? (['election', 'secret', 'named'] as const) : (['named', 'secret'] as const);
  const effectiveKind = (kinds as readonly string[]).includes(kind) ? kind : kinds[0];

  return (
    <form action={formAction} className="space-y-3" aria-label={t('open.heading')}>
      <h3 className="text-lg font-bold">{t('open.heading')}</h3>
      <input type="hidden" name="meetingId" value={meetingId} />
      <SelectField
        label={t('open.item')}
        name="agendaItemId"
        value={itemId}
        onChange={(e) => setItemId(e.target.value)}
        options={items.map((i) => ({ value: i.id, label: i.title }))}
        error={state.fieldErrors?.agendaItemId}
      />
      <SelectField
        label={t('open.kind')}
        name="kind"
        value={effectiveKind}
        onChange={(e) => setKind(e.target.value)}
        options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        error={state.fieldErrors?.kind}
      />
      {effectiveKind === 'election' ? (
        <>
          <div>
            <label htmlFor={candidatesId} className="mb-1 block font-semibold">
              {t('open.candidates')}
            </label>
            <textarea
              id={candidatesId}
              name="candidates"
              rows={5}
              defaultValue={state.values?.candidates}
              aria-invalid={state.fieldErrors?.candidates ? true : undefined}
              aria-describedby={`${candidatesId}-hint`}
              className={inputStyles}
            />
            <p id={`${candidatesId}-hint`} className="mt-1 text-sm text-stone-600">
              {t('open.surplusNote', { percent: '1,3' })}
            </p>
            {state.fieldErrors?.candidates && <p className="mt-1 text-sm font-semibold text-red-700">{state.fieldErrors.candidates}</p>}
          </div>
          <Field label={t('open.seats')} name="seats" type="number" inputMode="numeric" min={1} max={200} defaultValue={state.values?.seats} error={state.fieldErrors?.seats} />
        </>
      ) : (
        <Field label={t('open.question')} name="question" defaultValue={state.values?.question} error={state.fieldErrors?.question} />
      )}
      <SubmitButton className={`${buttonStyles.primary} min-h-14 w-full text-lg`}>{t('open.submit')}</SubmitButton>
      {!state.ok && state.message && <FormMessage state={state} />}
    </form>
  );
}
