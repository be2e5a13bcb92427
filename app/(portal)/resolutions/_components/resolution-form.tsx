'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { inputStyles } from '@/app/_components/ui/styles';
import { MAX_BODY, MAX_RECIPIENTS, MAX_TITLE, RESOLUTION_TYPES, SIGNING_CAPACITIES } from '@/lib/resolutions/constants';
import { initialActionState } from '@/lib/server/action-state';
import { updateResolution } from '../[resolutionId]/actions';
import { createResolution } from '../actions';

type Option = { id: string; label: string };
/** A meeting with its decision and election items, each with the ballot that passed it, if any. */
export type MeetingChoice = Option & { agendaItems: (Option & { passedBallot: Option | null })[] };

export type ResolutionFormValues = {
  type: string;
  congress: boolean;
  title: string;
  body: string;
  recipients: string;
  signingCapacity: string;
  signerId: string;
  meetingId: string;
  agendaItemId: string;
  ballotId: string;
};

type Props = {
  target: { organizationId: string } | { resolutionId: string; lockVersion: number };
  initial: ResolutionFormValues;
  /** A document with a held number keeps its type and series. */
  typeFixed?: boolean;
  signers: Option[];
  meetings: MeetingChoice[];
};

function TextArea({ label, name, hint, error, rows, maxLength, defaultValue, required }: { label: string; name: string; hint?: string; error?: string; rows: number; maxLength: number; defaultValue: string; required?: boolean }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="md:col-span-2">
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
        {required && <span aria-hidden="true" className="text-brand-700"> *</span>}
      </label>
      <textarea id={id} name={name} rows={rows} maxLength={maxLength} defaultValue={defaultValue} required={required} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${inputStyles} leading-relaxed`} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** Type, subject, text, recipients, signer and the links to the meeting, agenda item and vote. */
export function ResolutionForm({ target, initial, typeFixed, signers, meetings }: Props) {
  const t = useTranslations('resolutions');
  const router = useRouter();
  const creating = 'organizationId' in target;
  const [state, action] = useActionState(creating ? createResolution : updateResolution, initialActionState);
  const failed = state.ok ? undefined : state.values;
  const value = (name: keyof ResolutionFormValues) => (failed?.[name] ?? String(initial[name] ?? '')) as string;
  const [meetingId, setMeetingId] = useState(value('meetingId'));
  const [agendaItemId, setAgendaItemId] = useState(value('agendaItemId'));
  const meeting = meetings.find((m) => m.id === meetingId);
  const ballots = (meeting?.agendaItems ?? [])
    .filter((i) => !agendaItemId || i.id === agendaItemId)
    .flatMap((i) => (i.passedBallot ? [i.passedBallot] : []));
  // The item's passed ballot is linked by default; a stored link is kept while it still fits.
  const ballotDefault = ballots.some((b) => b.id === value('ballotId')) ? value('ballotId') : agendaItemId ? (ballots[0]?.id ?? '') : '';
  const error = (name: string) => state.fieldErrors?.[name];
  const lockVersion = state.ok && state.data?.lockVersion ? state.data.lockVersion : 'lockVersion' in target ? String(target.lockVersion) : undefined;

  useEffect(() => {
    if (state.ok && state.data?.resolutionId) router.push(`/resolutions/${state.data.resolutionId}`);
  }, [state, router]);

  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
        {'organizationId' in target ? (
          <input type="hidden" name="organizationId" value={target.organizationId} />
        ) : (
          <>
            <input type="hidden" name="resolutionId" value={target.resolutionId} />
            <input type="hidden" name="lockVersion" value={lockVersion} />
          </>
        )}
        {typeFixed ? (
          <div>
            <input type="hidden" name="type" value={initial.type} />
            {initial.congress && <input type="hidden" name="congress" value="on" />}
            <p className="mb-1 font-semibold">{t('form.type')}</p>
            <p className="min-h-11 py-2">{t(`types.${initial.type}` as never)}</p>
            <p className="text-sm text-stone-600">{t('form.typeFixedNote')}</p>
          </div>
        ) : (
          <>
            <SelectField
              label={t('form.type')}
              name="type"
              defaultValue={value('type') || 'NQ'}
              error={error('type')}
              options={RESOLUTION_TYPES.map((type) => ({ value: type, label: `${type} — ${t(`types.${type}`)}` }))}
            />
            <label className="flex min-h-11 items-center gap-3 self-end">
              <input type="checkbox" name="congress" defaultChecked={failed ? failed.congress === 'on' : initial.congress} className="size-6 shrink-0" />
              <span>{t('form.congress')}</span>
            </label>
          </>
        )}
        <Field className="md:col-span-2" label={t('form.title')} name="title" required maxLength={MAX_TITLE} defaultValue={value('title')} hint={t('form.titleHint')} error={error('title')} />
        <TextArea label={t('form.body')} name="body" rows={12} maxLength={MAX_BODY} defaultValue={value('body')} hint={t('form.bodyHint')} error={error('body')} />
        <TextArea label={t('form.recipients')} name="recipients" rows={3} maxLength={MAX_RECIPIENTS} defaultValue={value('recipients')} hint={t('form.recipientsHint')} error={error('recipients')} />
        <SelectField
          label={t('form.signer')}
          name="signerId"
          defaultValue={value('signerId')}
          error={error('signerId')}
          options={[{ value: '', label: t('form.noSigner') }, ...signers.map((s) => ({ value: s.id, label: s.label }))]}
        />
        <SelectField
          label={t('form.signingCapacity')}
          name="signingCapacity"
          defaultValue={value('signingCapacity')}
          error={error('signingCapacity')}
          options={[{ value: '', label: t('form.noCapacity') }, ...SIGNING_CAPACITIES.map((c) => ({ value: c, label: c }))]}
        />
        <SelectField
          className="md:col-span-2"
          label={t('form.meeting')}
          name="meetingId"
          value={meetingId}
          onChange={(e) => {
            setMeetingId(e.target.value);
            setAgendaItemId('');
          }}
          error={error('meetingId')}
          options={[{ value: '', label: t('form.noMeeting') }, ...meetings.map((m) => ({ value: m.id, label: m.label }))]}
        />
        <SelectField
          label={t('form.agendaItem')}
          name="agendaItemId"
          value={agendaItemId}
          onChange={(e) => setAgendaItemId(e.target.value)}
          error={error('agendaItemId')}
          disabled={!meeting}
          options={[{ value: '', label: t('form.noAgendaItem') }, ...(meeting?.agendaItems ?? []).map((i) => ({ value: i.id, label: i.label }))]}
        />
        <div>
          <SelectField
            key={`${meetingId}-${agendaItemId}`}
            label={t('form.ballot')}
            name="ballotId"
            defaultValue={ballotDefault}
            error={error('ballotId')}
            disabled={!meeting}
            options={[{ value: '', label: t('form.noBallot') }, ...ballots.map((b) => ({ value: b.id, label: b.label }))]}
          />
          <p className="mt-1 text-sm text-stone-600">{t('form.ballotHint')}</p>
        </div>
        <div className="md:col-span-2">
          <SubmitButton pendingLabel={t('form.saving')}>{creating ? t('form.create') : t('form.save')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
