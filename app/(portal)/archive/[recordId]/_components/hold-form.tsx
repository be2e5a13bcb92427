'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { setArchiveHold } from '../actions';

/** Places or lifts the legal hold, with the reason (both are audited). */
export function HoldForm({ recordId, held }: { recordId: string; held: boolean }) {
  const t = useTranslations('archive');
  const tc = useTranslations('common');
  const [state, action] = useActionState(setArchiveHold, initialActionState);
  return (
    <div className="space-y-3">
      <p className="text-stone-700">{held ? t('hold.releaseHelp') : t('hold.placeHelp')}</p>
      <FormMessage state={state} />
      <form key={`${held}-${state.at ?? 0}`} action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="recordId" value={recordId} />
        <input type="hidden" name="hold" value={held ? 'off' : 'on'} />
        <Field label={t('fields.reason')} name="reason" required maxLength={500} defaultValue={state.ok ? undefined : state.values?.reason} error={state.fieldErrors?.reason} />
        <div>
          <SubmitButton variant={held ? 'secondary' : 'danger'} pendingLabel={tc('saving')}>
            {held ? t('hold.release') : t('hold.place')}
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
