'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field, SelectField } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { createBody } from '../actions';
import { QuorumFields } from './quorum-fields';

/** Adds a leadership body of one of the kinds the organisation does not have yet. */
export function CreateBodyForm({
  organizationId,
  kinds,
}: {
  organizationId: string;
  /** Kinds still available, each with a suggested name (e.g. "Ban Chấp hành Huyện ủy Kim Bảng"). */
  kinds: { value: string; label: string; suggestedName: string }[];
}) {
  const t = useTranslations();
  const [state, action] = useActionState(createBody, initialActionState);
  const echo = state.ok ? undefined : state.values;
  const [kind, setKind] = useState(echo?.kind ?? kinds[0]?.value ?? '');
  const current = kinds.find((k) => k.value === kind) ?? kinds[0];
  const error = state.fieldErrors?.quorumNumerator ?? state.fieldErrors?.quorumDenominator;

  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="grid gap-4 md:grid-cols-2">
        <SelectField
          label={t('adminOrganizations.bodies.kind')}
          name="kind"
          options={kinds.map(({ value, label }) => ({ value, label }))}
          value={current?.value ?? ''}
          onChange={(e) => setKind(e.target.value)}
          error={state.fieldErrors?.kind}
        />
        <Field
          key={current?.value}
          label={t('adminOrganizations.bodies.name')}
          name="name"
          required
          maxLength={200}
          defaultValue={echo?.name ?? current?.suggestedName}
          error={state.fieldErrors?.name}
        />
      </div>
      <QuorumFields numerator={echo?.quorumNumerator ?? 1} denominator={echo?.quorumDenominator ?? 2} error={error} />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminOrganizations.bodies.create')}</SubmitButton>
      </div>
    </form>
  );
}
