'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { SIGNING_CAPACITIES } from '@/lib/resolutions/constants';
import { initialActionState } from '@/lib/server/action-state';
import { issueResolution } from '../actions';

type Props = {
  resolutionId: string;
  today: string;
  signerId: string;
  signingCapacity: string;
  signers: { id: string; label: string }[];
};

/** Issue date (today by default), signer and capacity; the number is given on submit if none is held. */
export function IssueForm({ resolutionId, today, signerId, signingCapacity, signers }: Props) {
  const t = useTranslations('resolutions');
  const [state, action] = useActionState(issueResolution, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form action={action} className="grid gap-4" noValidate>
        <input type="hidden" name="resolutionId" value={resolutionId} />
        <Field label={t('issue.date')} name="issuedOn" type="date" required max={today} defaultValue={values.issuedOn ?? today} error={error('issuedOn')} />
        <SelectField
          label={t('issue.signer')}
          name="signerId"
          defaultValue={values.signerId ?? signerId}
          error={error('signerId')}
          options={[{ value: '', label: t('form.noSigner') }, ...signers.map((s) => ({ value: s.id, label: s.label }))]}
        />
        <SelectField
          label={t('issue.capacity')}
          name="signingCapacity"
          defaultValue={values.signingCapacity ?? signingCapacity}
          error={error('signingCapacity')}
          options={[{ value: '', label: t('form.noCapacity') }, ...SIGNING_CAPACITIES.map((c) => ({ value: c, label: c }))]}
        />
        <div>
          <SubmitButton pendingLabel={t('confirm.working')}>{t('issue.button')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
