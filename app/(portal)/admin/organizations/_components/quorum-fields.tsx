'use client';

import { useId } from 'react';
import { useTranslations } from 'next-intl';
import { Field } from '../../../../_components/ui/field';

/** Numerator / denominator of a body's quorum, as one labelled group with one error. */
export function QuorumFields({
  numerator,
  denominator,
  error,
}: {
  numerator: string | number;
  denominator: string | number;
  error?: string;
}) {
  const t = useTranslations('adminOrganizations.bodies');
  const id = useId();
  return (
    <fieldset className="min-w-0" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className="mb-1 font-semibold">{t('quorumLegend')}</legend>
      <div className="flex items-end gap-2">
        <Field
          className="min-w-0 flex-1 sm:w-32 sm:flex-none"
          label={t('numerator')}
          name="quorumNumerator"
          type="number"
          inputMode="numeric"
          min={1}
          max={99}
          step={1}
          required
          defaultValue={numerator}
          aria-invalid={error ? true : undefined}
        />
        <span aria-hidden="true" className="pb-2 text-2xl text-stone-500">
          /
        </span>
        <Field
          className="min-w-0 flex-1 sm:w-32 sm:flex-none"
          label={t('denominator')}
          name="quorumDenominator"
          type="number"
          inputMode="numeric"
          min={2}
          max={100}
          step={1}
          required
          defaultValue={denominator}
          aria-invalid={error ? true : undefined}
        />
      </div>
      <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
        {t('quorumHint')}
      </p>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
