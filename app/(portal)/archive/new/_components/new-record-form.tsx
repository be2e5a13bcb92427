'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useRef, useState } from 'react';
import { UploadQueue } from '@/app/_components/uploads/upload-queue';
import { SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import type { RecordType } from '@/lib/archive/constants';
import { isStateSecret } from '@/lib/archive/constants';
import { initialActionState } from '@/lib/server/action-state';
import { createArchiveRecord } from '../actions';
import { MetadataFields } from './metadata-fields';

export type StagedUploadOption = { id: string; label: string };

type Props = {
  maxBytes: number;
  organizations: { id: string; name: string }[];
  staged: StagedUploadOption[];
  rules: Partial<Record<RecordType, number | null>>;
};

/**
 * Upload (resumable, several files at once) → choose this document's file among the finished
 * uploads → its metadata → save. One record per document: each has its own number, date and
 * signer, so files uploaded together wait in the list and are filed one after another.
 */
export function NewRecordForm({ maxBytes, organizations, staged, rules }: Props) {
  const t = useTranslations('archive');
  const tc = useTranslations('common');
  const router = useRouter();
  const finishedCount = useRef(0);
  const [state, action] = useActionState(createArchiveRecord, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  const [secret, setSecret] = useState(isStateSecret(values.classification ?? 'normal'));
  const error = (name: string) => state.fieldErrors?.[name];
  const chosen = values.uploadId ?? staged[0]?.id ?? '';

  return (
    <div className="grid gap-6">
      <section className={cardStyles} aria-labelledby="upload-heading">
        <h2 id="upload-heading" className="mb-2 text-xl font-bold">
          {t('new.uploadTitle')}
        </h2>
        <p className="mb-3 text-stone-700">{t('new.uploadHelp')}</p>
        {/* Outside the form: finished uploads become staged uploads, listed below after a refresh. */}
        <UploadQueue
          name="finishedUploadId"
          maxBytes={maxBytes}
          onChange={(finished) => {
            if (finished.length > finishedCount.current) router.refresh();
            finishedCount.current = finished.length;
          }}
        />
      </section>

      <FormMessage state={state} />
      {state.ok && state.data?.recordId && (
        <Link href={`/archive/${state.data.recordId}`} className={buttonStyles.link}>
          {t('new.openCreated')}
        </Link>
      )}

      <form key={state.at ?? 0} action={action} className="grid gap-6" noValidate>
        <fieldset className={cardStyles} aria-describedby={error('uploadId') ? 'upload-error' : undefined}>
          <legend className="px-1 text-xl font-bold">{t('new.chooseTitle')}</legend>
          {secret ? (
            <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900">
              {t('errors.stateSecretFile')}
            </p>
          ) : (
            <div className="grid gap-2">
              {staged.length === 0 && <p className="text-stone-600">{t('new.noStaged')}</p>}
              {staged.map((upload) => (
                <label key={upload.id} className="flex min-h-11 items-center gap-3 rounded-lg border border-stone-200 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                  <input type="radio" name="uploadId" value={upload.id} defaultChecked={upload.id === chosen} className="size-5" />
                  <span className="min-w-0 [overflow-wrap:anywhere]">{upload.label}</span>
                </label>
              ))}
              <label className="flex min-h-11 items-center gap-3 rounded-lg border border-stone-200 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                <input type="radio" name="uploadId" value="" defaultChecked={chosen === ''} className="size-5" />
                <span>{t('new.noFile')}</span>
              </label>
              {staged.length > 1 && <p className="text-sm text-stone-600">{t('new.stagedHint')}</p>}
            </div>
          )}
          {error('uploadId') && (
            <p id="upload-error" className="mt-2 text-sm font-semibold text-red-700">
              {error('uploadId')}
            </p>
          )}
        </fieldset>

        <fieldset className={`${cardStyles} grid gap-4 md:grid-cols-2`}>
          <legend className="px-1 text-xl font-bold">{t('new.metadataTitle')}</legend>
          <SelectField
            className="md:col-span-2"
            label={t('fields.organization')}
            name="organizationId"
            defaultValue={values.organizationId ?? organizations[0]?.id}
            error={error('organizationId')}
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <MetadataFields values={values} errors={state.fieldErrors} rules={rules} onStateSecretChange={setSecret} />
        </fieldset>
        <div>
          <SubmitButton pendingLabel={tc('saving')}>{t('new.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
