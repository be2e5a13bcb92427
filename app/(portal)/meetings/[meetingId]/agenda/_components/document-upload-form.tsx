'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { inputStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { uploadMeetingDocument } from '../actions';

type Props = {
  meetingId: string;
  maxBytes: number;
  /** Fixed agenda item; without it the user picks one (or the whole meeting). */
  agendaItemId?: string;
  items?: { id: string; label: string }[];
};

/** Uploads one document. Too large a file is caught here first, before a long upload on a weak line. */
export function DocumentUploadForm({ meetingId, maxBytes, agendaItemId, items }: Props) {
  const t = useTranslations('agenda.documents');
  const [state, action] = useActionState(uploadMeetingDocument, initialActionState);
  const [localError, setLocalError] = useState<string>();
  const id = useId();
  const maxMb = Math.round(maxBytes / 1024 / 1024);
  const fileError = localError ?? state.fieldErrors?.file;
  const describedBy = [`${id}-hint`, fileError && `${id}-error`].filter(Boolean).join(' ');
  return (
    <form
      key={state.ok ? state.at : 'form'}
      action={action}
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
        const problem = !file ? t('errors.required') : file.size > maxBytes ? t('errors.tooLarge', { max: maxMb }) : undefined;
        setLocalError(problem);
        if (problem) event.preventDefault();
      }}
    >
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      {agendaItemId && <input type="hidden" name="agendaItemId" value={agendaItemId} />}
      <div>
        <label htmlFor={`${id}-file`} className="mb-1 block font-semibold">
          {t('upload.file')}
          <span aria-hidden="true" className="text-brand-700"> *</span>
        </label>
        <input
          id={`${id}-file`}
          type="file"
          name="file"
          required
          accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={describedBy}
          onChange={() => setLocalError(undefined)}
          className={`${inputStyles} file:mr-3 file:min-h-9 file:rounded-md file:border-0 file:bg-stone-200 file:px-3 file:font-semibold`}
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {t('upload.fileHint', { max: maxMb })}
        </p>
        {fileError && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-semibold text-red-700">
            {fileError}
          </p>
        )}
      </div>
      <Field
        label={t('upload.title')}
        name="title"
        maxLength={300}
        hint={t('upload.titleHint')}
        defaultValue={state.ok ? '' : (state.values?.title ?? '')}
        error={state.fieldErrors?.title}
      />
      {!agendaItemId && items && (
        <SelectField
          label={t('upload.attachTo')}
          name="agendaItemId"
          defaultValue={state.ok ? '' : (state.values?.agendaItemId ?? '')}
          options={[{ value: '', label: t('upload.wholeMeeting') }, ...items.map((i) => ({ value: i.id, label: i.label }))]}
          error={state.fieldErrors?.agendaItemId}
        />
      )}
      <div>
        <SubmitButton pendingLabel={t('upload.pending')}>{t('upload.submit')}</SubmitButton>
      </div>
    </form>
  );
}
