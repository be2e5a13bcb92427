'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { rescheduleMeeting } from '../actions';

/** New date and times in Vietnam time; the overlap error appears on the date. */
export function RescheduleForm({ meetingId, date, startTime, endTime }: { meetingId: string; date: string; startTime: string; endTime: string }) {
  const t = useTranslations('meetings');
  const [state, action] = useActionState(rescheduleMeeting, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <p className="text-stone-700">{t('lifecycle.rescheduleHelp')}</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label={t('fields.date')} name="date" type="date" required defaultValue={values.date ?? date} error={error('date') ?? error('startsAt')} />
        <Field label={t('fields.startTime')} name="startTime" type="time" required defaultValue={values.startTime ?? startTime} hint={t('fields.timeHint')} error={error('startTime')} />
        <Field label={t('fields.endTime')} name="endTime" type="time" required defaultValue={values.endTime ?? endTime} error={error('endTime')} />
      </div>
      <Field label={t('lifecycle.reasonOptional')} name="reason" maxLength={1000} defaultValue={values.reason} error={error('reason')} />
      <SubmitButton variant="secondary" pendingLabel={t('lifecycle.working')}>
        {t('lifecycle.rescheduleSubmit')}
      </SubmitButton>
    </form>
  );
}
