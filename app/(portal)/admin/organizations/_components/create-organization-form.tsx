'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field, SelectField } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { buttonStyles } from '../../../../_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { createOrganization } from '../actions';

export type ParentOption = {
  value: string;
  label: string;
  kinds: { value: string; label: string }[];
  /** The parent's current term, suggested for the new organisation. */
  term?: string;
};

/** Parent first; the kinds offered are only those allowed under it (the server checks again). */
export function CreateOrganizationForm({ parents, defaultParent }: { parents: ParentOption[]; defaultParent: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(createOrganization, initialActionState);
  const [parentId, setParentId] = useState(defaultParent);
  const parent = parents.find((p) => p.value === parentId);
  const kinds = parent?.kinds ?? [];
  const echoedKind = state.values?.kind && kinds.some((k) => k.value === state.values?.kind) ? state.values.kind : undefined;

  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      {state.ok && state.data?.organizationId && (
        <Link href={`/admin/organizations/${state.data.organizationId}`} className={buttonStyles.link}>
          {t('adminOrganizations.create.openNew')}
        </Link>
      )}
      <SelectField
        label={t('adminOrganizations.create.parent')}
        name="parentId"
        options={parents.map(({ value, label }) => ({ value, label }))}
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        error={state.fieldErrors?.parentId}
      />
      <SelectField
        key={parentId}
        label={t('adminOrganizations.create.kind')}
        name="kind"
        options={kinds}
        defaultValue={echoedKind ?? kinds[0]?.value}
        error={state.fieldErrors?.kind}
      />
      <Field
        label={t('adminOrganizations.create.name')}
        name="name"
        required
        maxLength={200}
        hint={t('adminOrganizations.create.nameHint')}
        defaultValue={state.ok ? undefined : state.values?.name}
        error={state.fieldErrors?.name}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
        <Field
          label={t('adminOrganizations.create.symbol')}
          name="symbol"
          required
          maxLength={20}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          hint={t('adminOrganizations.create.symbolHint')}
          defaultValue={state.ok ? undefined : state.values?.symbol}
          error={state.fieldErrors?.symbol}
        />
        <Field
          key={parentId}
          label={t('adminOrganizations.create.term')}
          name="currentTerm"
          required
          maxLength={20}
          autoComplete="off"
          hint={t('adminOrganizations.create.termHint')}
          defaultValue={(state.ok ? undefined : state.values?.currentTerm) ?? parent?.term}
          error={state.fieldErrors?.currentTerm}
        />
      </div>
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminOrganizations.create.submit')}</SubmitButton>
      </div>
    </form>
  );
}
