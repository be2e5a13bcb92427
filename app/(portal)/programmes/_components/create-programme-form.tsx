'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { createProgrammeAction } from '../actions';

export function CreateProgrammeForm({ bodies, year }: { bodies: { value: string; label: string }[]; year: number }) {
  const t = useTranslations();
  const [state, action] = useActionState(createProgrammeAction, initialActionState);
  const values = !state.ok ? state.values : undefined;
  return (
    <form key={state.at ?? 0} action={action} className="grid gap-4 md:grid-cols-[2fr_8rem_2fr_auto] md:items-start" noValidate>
      <div className="md:col-span-4">
        <FormMessage state={state} />
        {state.ok && state.data?.programmeId && (
          <Link href={`/programmes/${state.data.programmeId}`} className={buttonStyles.link}>
            {t('programmes.open')}
          </Link>
        )}
      </div>
      <SelectField
        label={t('programmes.create.body')}
        name="bodyId"
        defaultValue={values?.bodyId}
        options={bodies}
        error={state.fieldErrors?.bodyId}
      />
      <Field
        label={t('programmes.create.year')}
        name="year"
        type="number"
        inputMode="numeric"
        min={2000}
        max={2100}
        required
        defaultValue={values?.year ?? String(year)}
        error={state.fieldErrors?.year}
      />
      <Field
        label={t('programmes.create.titleLabel')}
        name="title"
        maxLength={300}
        hint={t('programmes.create.titleHint')}
        defaultValue={values?.title}
        error={state.fieldErrors?.title}
      />
      <div className="md:pt-7">
        <SubmitButton pendingLabel={t('common.saving')}>{t('programmes.create.button')}</SubmitButton>
      </div>
    </form>
  );
}
