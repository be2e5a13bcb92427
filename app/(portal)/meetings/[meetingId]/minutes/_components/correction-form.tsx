'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { inputStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { correctMinutes } from '../actions';

/** Starts version n+1 of approved minutes; the reason is required. */
export function CorrectionForm({ meetingId }: { meetingId: string }) {
  const t = useTranslations();
  const id = useId();
  const [state, action] = useActionState(correctMinutes, initialActionState);
  const error = state.fieldErrors?.reason;
  return (
    <form key={state.at ?? 0} action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <label htmlFor={id} className="font-semibold">
        {t('minutes.correct.reason')}
        <span aria-hidden="true" className="text-brand-700"> *</span>
      </label>
      <textarea
        id={id}
        name="reason"
        required
        rows={3}
        maxLength={2000}
        defaultValue={!state.ok ? state.values?.reason : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputStyles}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
          {error}
        </p>
      )}
      <div>
        <SubmitButton variant="secondary" pendingLabel={t('common.saving')}>
          {t('minutes.correct.button')}
        </SubmitButton>
      </div>
    </form>
  );
}
