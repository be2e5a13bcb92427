'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { MEETING_KINDS } from '@/lib/meetings/constants';
import { initialActionState } from '@/lib/server/action-state';
import { createMeeting } from '../actions';

type Option = { id: string; label: string };
type Props = { bodies: (Option & { seats: Option[] })[] };

/** Body, kind, title, date and times (Vietnam time), place and/or link, chair and minute-taker. */
export function NewMeetingForm({ bodies }: Props) {
  const t = useTranslations('meetings');
  const tc = useTranslations('common');
  const [state, action] = useActionState(createMeeting, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  const [bodyId, setBodyId] = useState(values.bodyId ?? bodies[0]?.id ?? '');
  const seats = bodies.find((b) => b.id === bodyId)?.seats ?? [];
  const seatOptions = [{ value: '', label: t('fields.choose') }, ...seats.map((s) => ({ value: s.id, label: s.label }))];
  const error = (name: string) => state.fieldErrors?.[name];

  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {state.ok && state.data?.meetingId && (
        <Link href={`/meetings/${state.data.meetingId}`} className={buttonStyles.link}>
          {t('new.openCreated')}
        </Link>
      )}
      <form key={state.at ?? 0} action={action} className="grid gap-4 md:grid-cols-2" noValidate>
        <SelectField
          className="md:col-span-2"
          label={t('fields.body')}
          name="bodyId"
          value={bodyId}
          onChange={(e) => setBodyId(e.target.value)}
          error={error('bodyId')}
          options={bodies.map((b) => ({ value: b.id, label: b.label }))}
        />
        <SelectField
          label={t('fields.kind')}
          name="kind"
          defaultValue={values.kind ?? 'regular'}
          error={error('kind')}
          options={MEETING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <Field label={t('fields.title')} name="title" required maxLength={300} defaultValue={values.title} error={error('title')} />
        <fieldset className="grid gap-4 sm:grid-cols-3 md:col-span-2">
          <legend className="sr-only">{t('fields.timeHint')}</legend>
          <Field label={t('fields.date')} name="date" type="date" required defaultValue={values.date} error={error('date') ?? error('startsAt')} />
          <Field label={t('fields.startTime')} name="startTime" type="time" required defaultValue={values.startTime ?? '08:00'} hint={t('fields.timeHint')} error={error('startTime')} />
          <Field label={t('fields.endTime')} name="endTime" type="time" required defaultValue={values.endTime ?? '11:00'} error={error('endTime')} />
        </fieldset>
        <Field label={t('fields.location')} name="location" maxLength={300} defaultValue={values.location} hint={t('fields.placeHint')} error={error('location')} />
        <Field label={t('fields.onlineUrl')} name="onlineUrl" type="url" inputMode="url" maxLength={1000} defaultValue={values.onlineUrl} error={error('onlineUrl')} />
        <SelectField key={`chair-${bodyId}`} label={t('fields.chair')} name="chairId" defaultValue={values.chairId ?? ''} error={error('chairId')} options={seatOptions} />
        <SelectField
          key={`taker-${bodyId}`}
          label={t('fields.minuteTaker')}
          name="minuteTakerId"
          defaultValue={values.minuteTakerId ?? ''}
          error={error('minuteTakerId')}
          options={seatOptions}
        />
        <p className="text-sm text-stone-600 md:col-span-2">{t('new.officersHint')}</p>
        <div className="md:col-span-2">
          <SubmitButton pendingLabel={tc('saving')}>{t('new.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
