'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { updateOrganization } from '../actions';

export function EditOrganizationForm({
  organization,
}: {
  organization: { id: string; name: string; code: string; currentTerm: string };
}) {
  const t = useTranslations();
  const [state, action] = useActionState(updateOrganization, initialActionState);
  const echo = state.ok ? undefined : state.values;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organization.id} />
      <Field
        label={t('adminOrganizations.create.name')}
        name="name"
        required
        maxLength={200}
        defaultValue={echo?.name ?? organization.name}
        error={state.fieldErrors?.name}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('adminOrganizations.create.symbol')}
          name="symbol"
          required
          maxLength={20}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          hint={t('adminOrganizations.create.symbolHint')}
          defaultValue={echo?.symbol ?? organization.code}
          error={state.fieldErrors?.symbol}
        />
        <Field
          label={t('adminOrganizations.create.term')}
          name="currentTerm"
          required
          maxLength={20}
          autoComplete="off"
          hint={t('adminOrganizations.create.termHint')}
          defaultValue={echo?.currentTerm ?? organization.currentTerm}
          error={state.fieldErrors?.currentTerm}
        />
      </div>
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminOrganizations.edit.submit')}</SubmitButton>
      </div>
    </form>
  );
}
