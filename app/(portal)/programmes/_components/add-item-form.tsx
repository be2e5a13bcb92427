'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addProgrammeItemAction } from '../actions';

const KINDS = ['regular', 'thematic', 'extraordinary'] as const;

/** Adds a topic for the year, a quarter or a month. */
export function AddItemForm({ programmeId, year }: { programmeId: string; year: number }) {
  const t = useTranslations();
  const [state, action] = useActionState(addProgrammeItemAction, initialActionState);
  const values = !state.ok ? state.values : undefined;
  const [period, setPeriod] = useState(values?.period ?? 'month');
  return (
    <form key={state.at ?? 0} action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormMessage state={state} />
      </div>
      <input type="hidden" name="programmeId" value={programmeId} />
      <SelectField
        label={t('programmes.item.period')}
        name="period"
        value={period}
        onChange={(e) => setPeriod(e.target.value)}
        options={(['month', 'quarter', 'year'] as const).map((p) => ({
          value: p,
          label: p === 'year' ? t('programmes.periods.year') : t(`programmes.item.${p}`),
        }))}
        error={state.fieldErrors?.period}
      />
      {period === 'month' && (
        <SelectField
          label={t('programmes.item.month')}
          name="month"
          defaultValue={values?.month ?? '1'}
          options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('programmes.periods.month', { month: i + 1 }) }))}
          error={state.fieldErrors?.month}
        />
      )}
      {period === 'quarter' && (
        <SelectField
          label={t('programmes.item.quarter')}
          name="quarter"
          defaultValue={values?.quarter ?? '1'}
          options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: t('programmes.periods.quarter', { quarter: q }) }))}
          error={state.fieldErrors?.quarter}
        />
      )}
      {period === 'year' && <div aria-hidden="true" />}
      <SelectField
        label={t('programmes.item.kind')}
        name="kind"
        defaultValue={values?.kind ?? 'regular'}
        options={KINDS.map((k) => ({ value: k, label: t(`programmes.kinds.${k}`) }))}
        error={state.fieldErrors?.kind}
      />
      <Field
        label={t('programmes.item.plannedDate')}
        name="plannedDate"
        type="date"
        min={`${year}-01-01`}
        max={`${year}-12-31`}
        defaultValue={values?.plannedDate}
        error={state.fieldErrors?.plannedDate}
      />
      <Field
        label={t('programmes.item.topic')}
        name="topic"
        required
        maxLength={500}
        className="sm:col-span-2"
        defaultValue={values?.topic}
        error={state.fieldErrors?.topic}
      />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('programmes.item.button')}</SubmitButton>
      </div>
    </form>
  );
}
