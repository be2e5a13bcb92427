'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { UploadQueue } from '@/app/_components/uploads/upload-queue';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addArchiveVersion } from '../actions';

type Props = { recordId: string; maxBytes: number };

/** Upload the new file and say why: it becomes the record's current version. */
export function VersionForm({ recordId, maxBytes }: Props) {
  const t = useTranslations('archive');
  const tc = useTranslations('common');
  const [state, action] = useActionState(addArchiveVersion, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  return (
    <div className="space-y-4">
      <p className="text-stone-700">{t('versions.addHelp')}</p>
      <FormMessage state={state} />
      <form key={state.at ?? 0} action={action} className="grid gap-4" noValidate>
        <input type="hidden" name="recordId" value={recordId} />
        <div>
          <UploadQueue name="uploadId" maxBytes={maxBytes} multiple={false} label={t('fields.file')} />
          {state.fieldErrors?.uploadId && <p className="mt-1 text-sm font-semibold text-red-700">{state.fieldErrors.uploadId}</p>}
        </div>
        <Field label={t('fields.reason')} name="reason" required maxLength={500} defaultValue={values.reason} error={state.fieldErrors?.reason} />
        <div>
          <SubmitButton pendingLabel={tc('saving')}>{t('versions.addSubmit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
