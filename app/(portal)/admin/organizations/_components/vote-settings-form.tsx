'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import type { VoteSettings } from '@/lib/votes/settings';
import { updateVoteSettings } from '../actions';

/** A body's voting rules: pass fraction of all counted members, remote voting, vote changes, candidate surplus. */
export function VoteSettingsForm({ organizationId, bodyId, settings }: { organizationId: string; bodyId: string; settings: VoteSettings }) {
  const t = useTranslations();
  const [state, action] = useActionState(updateVoteSettings, initialActionState);
  const echo = state.ok ? undefined : state.values;
  const checkbox = (name: 'voteAllowRemote' | 'voteAllowChange', label: string) => (
    <label className="flex min-h-11 items-center gap-3 font-semibold">
      <input type="checkbox" name={name} defaultChecked={settings[name]} className="size-6 accent-brand-700" />
      {label}
    </label>
  );
  return (
    <form action={action} className="mt-4 grid gap-4 border-t border-stone-200 pt-4" noValidate aria-label={t('votes.settings.heading')}>
      <h4 className="text-lg font-bold">{t('votes.settings.heading')}</h4>
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="bodyId" value={bodyId} />
      <fieldset>
        <legend className="mb-1 font-semibold">{t('votes.settings.pass')}</legend>
        <div className="flex flex-wrap items-end gap-2">
          <Field label={t('votes.settings.passNumerator')} name="votePassNumerator" type="number" min={1} max={99} inputMode="numeric" defaultValue={echo?.votePassNumerator ?? settings.votePassNumerator} error={state.fieldErrors?.votePassNumerator} className="w-28" />
          <span className="pb-3 text-xl" aria-hidden="true">/</span>
          <Field label={t('votes.settings.passDenominator')} name="votePassDenominator" type="number" min={2} max={100} inputMode="numeric" defaultValue={echo?.votePassDenominator ?? settings.votePassDenominator} error={state.fieldErrors?.votePassDenominator} className="w-28" />
        </div>
        <p className="mt-1 text-sm text-stone-600">{t('votes.settings.passHint')}</p>
      </fieldset>
      {checkbox('voteAllowRemote', t('votes.settings.allowRemote'))}
      {checkbox('voteAllowChange', t('votes.settings.allowChange'))}
      <Field
        label={t('votes.settings.surplus')}
        name="electionSurplusPercent"
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        hint={t('votes.settings.surplusHint')}
        defaultValue={echo?.electionSurplusPercent ?? settings.electionSurplusPercent}
        error={state.fieldErrors?.electionSurplusPercent}
        className="w-40"
      />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('votes.settings.save')}</SubmitButton>
      </div>
    </form>
  );
}
