'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { cancelMeeting } from '../actions';

/** Cancelling asks for the reason that is sent to the invitees. */
export function CancelForm({ meetingId }: { meetingId: string }) {
  const t = useTranslations('meetings');
  const [state, action] = useActionState(cancelMeeting, initialActionState);
  const [open, setOpen] = useState(false);
  if (!open && !state.message) {
    return (
      <button type="button" className={buttonStyles.danger} onClick={() => setOpen(true)}>
        {t('lifecycle.cancel')}
      </button>
    );
  }
  return (
    <form action={action} className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <p className="text-stone-800">{t('lifecycle.cancelHelp')}</p>
      <Field label={t('fields.reason')} name="reason" required maxLength={1000} defaultValue={state.values?.reason} error={state.fieldErrors?.reason} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel={t('lifecycle.working')}>
          {t('lifecycle.cancelSubmit')}
        </SubmitButton>
        <button type="button" className={buttonStyles.secondary} onClick={() => setOpen(false)}>
          {t('lifecycle.back')}
        </button>
      </div>
    </form>
  );
}
