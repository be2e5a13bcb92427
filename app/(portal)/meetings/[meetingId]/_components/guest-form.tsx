'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addGuest } from '../actions';

/** A named guest, by the e-mail address of their account. */
export function GuestForm({ meetingId }: { meetingId: string }) {
  const t = useTranslations('meetings');
  const [state, action] = useActionState(addGuest, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <form key={state.at ?? 0} action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <Field
        label={t('guests.email')}
        name="email"
        type="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        autoComplete="off"
        required
        defaultValue={values.email}
        hint={t('guests.help')}
        error={state.fieldErrors?.email}
      />
      <SubmitButton variant="secondary" pendingLabel={t('lifecycle.working')}>
        {t('guests.add')}
      </SubmitButton>
    </form>
  );
}
