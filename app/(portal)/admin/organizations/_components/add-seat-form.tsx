'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, SelectField } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addSeat } from '../actions';
import type { Option } from './seat-row';

/** Seats one of the people who hold a role in the organisation and are not on the body yet. */
export function AddSeatForm({
  organizationId,
  bodyId,
  candidates,
  statuses,
}: {
  organizationId: string;
  bodyId: string;
  candidates: Option[];
  statuses: Option[];
}) {
  const t = useTranslations();
  const [state, action] = useActionState(addSeat, initialActionState);
  const echo = state.ok ? undefined : state.values;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="bodyId" value={bodyId} />
      <p className="text-stone-600">{t('adminOrganizations.seats.personHint')}</p>
      <SelectField
        label={t('adminOrganizations.seats.person')}
        name="userId"
        required
        options={[{ value: '', label: t('adminOrganizations.seats.choose') }, ...candidates]}
        defaultValue={echo?.userId ?? ''}
        error={state.fieldErrors?.userId}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('adminOrganizations.seats.seatTitle')}
          name="title"
          maxLength={100}
          hint={t('adminOrganizations.seats.seatTitleHint')}
          defaultValue={echo?.title ?? ''}
          error={state.fieldErrors?.title}
        />
        <SelectField
          label={t('adminOrganizations.seats.status')}
          name="status"
          options={statuses}
          defaultValue={echo?.status ?? 'active'}
          error={state.fieldErrors?.status}
        />
      </div>
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminOrganizations.seats.add')}</SubmitButton>
      </div>
    </form>
  );
}

