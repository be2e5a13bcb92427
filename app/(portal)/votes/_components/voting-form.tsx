'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import type { BallotChoice, BallotKind } from '@/db/schema';
import { type ActionState, initialActionState } from '@/lib/server/action-state';

export type VotingBallot = {
  id: string;
  kind: BallotKind;
  seats: number | null;
  allowChange: boolean;
  options: { id: string; label: string; choice: BallotChoice | null }[];
};

type Props = {
  ballot: VotingBallot;
  me: { mayVote: boolean; voted: boolean; choice: BallotChoice | null };
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Extra hidden fields the action needs (e.g. the meeting id for revalidation). */
  fields?: Record<string, string>;
};

const CHOICE_STYLES: Record<BallotChoice, string> = {
  agree: 'border-green-700 bg-green-700 text-white hover:bg-green-800',
  disagree: 'border-red-700 bg-red-700 text-white hover:bg-red-800',
  abstain: 'border-stone-400 bg-white text-stone-900 hover:bg-stone-100',
};

/**
 * The voter's part of an open ballot, sized for older members on tablets: three large buttons
 * for a question, or a list of large tick boxes for an election (no more ticks than seats).
 */
export function VotingForm({ ballot, me, action, fields = {} }: Props) {
  const t = useTranslations('votes');
  const [state, formAction] = useActionState(action, initialActionState);
  const [ticked, setTicked] = useState<string[]>([]);

  if (!me.mayVote) return <p className="text-lg text-stone-700">{t('panel.notVoter')}</p>;
  const canVote = !me.voted || (ballot.kind === 'named' && ballot.allowChange);

  const hidden = (
    <>
      <input type="hidden" name="ballotId" value={ballot.id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );

  return (
    <div className="space-y-3">
      {me.voted && (
        <p role="status" className="rounded-lg bg-green-100 px-3 py-2 text-lg font-bold text-green-900" data-testid="you-voted">
          {t('panel.youVoted')}
          {me.choice && <span className="ml-1 font-semibold">{t('panel.youChose', { choice: t(`choices.${me.choice}`) })}</span>}
        </p>
      )}
      {ballot.kind !== 'named' && <p className="text-stone-700">{t('panel.secretNote')}</p>}
      {canVote && ballot.kind !== 'election' && (
        <form action={formAction} className="grid gap-3 sm:grid-cols-3">
          {hidden}
          {me.voted && <p className="text-stone-700 sm:col-span-3">{t('panel.mayChange')}</p>}
          {ballot.options.map((option) =>
            option.choice ? (
              <SubmitButton
                key={option.id}
                name="choice"
                value={option.choice}
                className={`inline-flex min-h-16 w-full items-center justify-center rounded-xl border-2 px-4 text-xl font-bold disabled:opacity-60 ${CHOICE_STYLES[option.choice]} ${me.choice === option.choice ? 'ring-4 ring-brand-700 ring-offset-2' : ''}`}
              >
                {t(`choices.${option.choice}`)}
              </SubmitButton>
            ) : null,
          )}
        </form>
      )}
      {canVote && ballot.kind === 'election' && (
        <form action={formAction} className="space-y-3">
          {hidden}
          <fieldset>
            <legend className="text-lg font-semibold">{t('panel.tickUpTo', { seats: ballot.seats ?? 0 })}</legend>
            <ul className="mt-2 space-y-2">
              {ballot.options.map((option) => {
                const checked = ticked.includes(option.id);
                const full = !checked && ticked.length >= (ballot.seats ?? 0);
                return (
                  <li key={option.id}>
                    <label
                      className={`flex min-h-14 cursor-pointer items-center gap-3 rounded-xl border-2 px-4 text-xl ${checked ? 'border-brand-700 bg-brand-50 font-bold' : 'border-stone-300 bg-white'} ${full ? 'opacity-60' : ''}`}
                    >
                      <input
                        type="checkbox"
                        name="optionIds"
                        value={option.id}
                        checked={checked}
                        disabled={full}
                        onChange={(e) => setTicked((now) => (e.target.checked ? [...now, option.id] : now.filter((id) => id !== option.id)))}
                        className="size-7 shrink-0 accent-brand-700"
                      />
                      {option.label}
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className="font-semibold" aria-live="polite">
            {t('panel.ticked', { count: ticked.length, seats: ballot.seats ?? 0 })}
          </p>
          <SubmitButton className={`${buttonStyles.primary} min-h-14 w-full text-xl`}>{t('panel.submitElection')}</SubmitButton>
        </form>
      )}
      {state.message && !state.ok && <FormMessage state={state} />}
    </div>
  );
}
