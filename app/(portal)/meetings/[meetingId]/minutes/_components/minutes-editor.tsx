'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles, inputStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { saveMinutes } from '../actions';

type Props = { meetingId: string; version: number; lockVersion: number; body: string };

/**
 * The draft in one large text area. The form carries the lockVersion it was loaded with; a save
 * after someone else's is refused, and what was typed stays in the box so it can be copied.
 */
export function MinutesEditor({ meetingId, version, lockVersion, body }: Props) {
  const t = useTranslations();
  const id = useId();
  const [state, action] = useActionState(saveMinutes, initialActionState);
  const failed = !state.ok && state.values;
  const text = failed ? (state.values?.body ?? body) : body;
  // After a refused save the old lockVersion stays, so saving again is refused again until reload.
  const lock = failed ? (state.values?.lockVersion ?? String(lockVersion)) : String(lockVersion);

  return (
    <form key={`${state.at ?? 0}:${lockVersion}`} action={action} className="grid gap-3" noValidate>
      <FormMessage state={state} />
      {!state.ok && state.message && !state.fieldErrors && (
        <a href={`/meetings/${meetingId}/minutes`} className={buttonStyles.link}>
          {t('minutes.edit.reload')}
        </a>
      )}
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="lockVersion" value={lock} />
      <label htmlFor={id} className="font-semibold">
        {t('minutes.edit.label')}
      </label>
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        {t('minutes.edit.hint')}
      </p>
      <textarea
        id={id}
        name="body"
        defaultValue={text}
        required
        rows={28}
        spellCheck
        aria-describedby={`${id}-hint${state.fieldErrors?.body ? ` ${id}-error` : ''}`}
        aria-invalid={state.fieldErrors?.body ? true : undefined}
        className={`${inputStyles} min-h-[24rem] text-base leading-relaxed`}
      />
      {state.fieldErrors?.body && (
        <p id={`${id}-error`} className="text-sm font-semibold text-red-700">
          {state.fieldErrors.body}
        </p>
      )}
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('minutes.edit.save')}</SubmitButton>
      </div>
    </form>
  );
}
