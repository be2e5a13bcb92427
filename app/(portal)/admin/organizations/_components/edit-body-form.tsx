'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { updateBody } from '../actions';
import { QuorumFields } from './quorum-fields';

export function EditBodyForm({
  organizationId,
  body,
}: {
  organizationId: string;
  body: { id: string; name: string; quorumNumerator: number; quorumDenominator: number };
}) {
  const t = useTranslations();
  const [state, action] = useActionState(updateBody, initialActionState);
  const echo = state.ok ? undefined : state.values;
  const error = state.fieldErrors?.quorumNumerator ?? state.fieldErrors?.quorumDenominator;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="bodyId" value={body.id} />
      <Field
        label={t('adminOrganizations.bodies.name')}
        name="name"
        required
        maxLength={200}
        defaultValue={echo?.name ?? body.name}
        error={state.fieldErrors?.name}
      />
      <QuorumFields
        numerator={echo?.quorumNumerator ?? body.quorumNumerator}
        denominator={echo?.quorumDenominator ?? body.quorumDenominator}
        error={error}
      />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminOrganizations.bodies.save')}</SubmitButton>
      </div>
    </form>
  );
}
