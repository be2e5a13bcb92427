'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import type { RecordType } from '@/lib/archive/constants';
import { initialActionState } from '@/lib/server/action-state';
import { type MetadataValues, MetadataFields } from '../../new/_components/metadata-fields';
import { updateArchiveRecord } from '../actions';

type Props = {
  recordId: string;
  updatedAt: string;
  values: MetadataValues;
  rules: Partial<Record<RecordType, number | null>>;
};

/** The record's metadata, editable; saved with the version it was read at (a stale form is refused). */
export function EditRecordForm({ recordId, updatedAt, values, rules }: Props) {
  const t = useTranslations('archive');
  const tc = useTranslations('common');
  const [state, action] = useActionState(updateArchiveRecord, initialActionState);
  const shown = state.ok ? values : { ...values, ...(state.values ?? {}) };
  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      <form key={`${updatedAt}-${state.at ?? 0}`} action={action} className="grid gap-4 md:grid-cols-2" noValidate>
        <input type="hidden" name="recordId" value={recordId} />
        <input type="hidden" name="updatedAt" value={updatedAt} />
        <MetadataFields values={shown} errors={state.fieldErrors} rules={rules} />
        <div className="md:col-span-2">
          <SubmitButton pendingLabel={tc('saving')}>{t('edit.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
