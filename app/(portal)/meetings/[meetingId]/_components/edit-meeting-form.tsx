'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { MEETING_KINDS } from '@/lib/meetings/constants';
import { initialActionState } from '@/lib/server/action-state';
import { updateMeeting } from '../actions';

type Props = {
  meeting: { id: string; kind: string; title: string; location: string; onlineUrl: string; chairId: string; minuteTakerId: string };
  seats: { id: string; label: string }[];
};

/** Title, kind, place, chair and minute-taker of a draft or invited meeting. */
export function EditMeetingForm({ meeting, seats }: Props) {
  const t = useTranslations('meetings');
  const [state, action] = useActionState(updateMeeting, initialActionState);
  const values = state.ok ? meeting : { ...meeting, ...(state.values ?? {}) };
  const error = (name: string) => state.fieldErrors?.[name];
  const seatOptions = [{ value: '', label: t('fields.choose') }, ...seats.map((s) => ({ value: s.id, label: s.label }))];
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meeting.id} />
      <SelectField label={t('fields.kind')} name="kind" defaultValue={values.kind} error={error('kind')} options={MEETING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      <Field label={t('fields.title')} name="title" required maxLength={300} defaultValue={values.title} error={error('title')} />
      <Field label={t('fields.location')} name="location" maxLength={300} defaultValue={values.location} hint={t('fields.placeHint')} error={error('location')} />
      <Field label={t('fields.onlineUrl')} name="onlineUrl" type="url" inputMode="url" maxLength={1000} defaultValue={values.onlineUrl} error={error('onlineUrl')} />
      <SelectField label={t('fields.chair')} name="chairId" defaultValue={values.chairId} error={error('chairId')} options={seatOptions} />
      <SelectField label={t('fields.minuteTaker')} name="minuteTakerId" defaultValue={values.minuteTakerId} error={error('minuteTakerId')} options={seatOptions} />
      <div>
        <SubmitButton variant="secondary" pendingLabel={t('lifecycle.working')}>
          {t('lifecycle.editSubmit')}
        </SubmitButton>
      </div>
    </form>
  );
}
