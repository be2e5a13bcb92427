'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { inputStyles } from '@/app/_components/ui/styles';
import { AUDIENCES, CLASSIFICATIONS, RECORD_TYPES, RETENTION_CHOICES, type RecordType, isStateSecret } from '@/lib/archive/constants';

export type MetadataValues = Partial<Record<'type' | 'numberSymbol' | 'title' | 'abstract' | 'issuerName' | 'issuedOn' | 'signer' | 'recipients' | 'classification' | 'audience' | 'retention', string>>;

type Props = {
  values: MetadataValues;
  errors: Record<string, string> | undefined;
  /** Default retention years by type (null = permanent), from archive_retention_rules. */
  rules: Partial<Record<RecordType, number | null>>;
  /** Told when the classification becomes (or stops being) a state secret, to hide the file choice. */
  onStateSecretChange?: (secret: boolean) => void;
};

function TextArea({ label, name, error, hint, defaultValue, maxLength }: { label: string; name: string; error?: string; hint?: string; defaultValue?: string; maxLength: number }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="md:col-span-2">
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      <textarea id={id} name={name} rows={3} maxLength={maxLength} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={inputStyles} />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-semibold text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The record's metadata fields, shared by filing a new record and editing one. */
export function MetadataFields({ values, errors, rules, onStateSecretChange }: Props) {
  const t = useTranslations('archive');
  const [type, setType] = useState<RecordType>((values.type as RecordType) ?? 'NQ');
  const [classification, setClassification] = useState(values.classification ?? 'normal');
  const error = (name: string) => errors?.[name];
  const rule = rules[type];
  const ruleLabel = rule === undefined ? t('retention.defaultUnknown') : t('retention.default', { rule: rule === null ? t('retention.permanent') : t('retention.years', { years: rule }) });
  const retentionOptions: { value: string; label: string }[] = RETENTION_CHOICES.map((choice) => ({
    value: choice,
    label: choice === 'default' ? ruleLabel : choice === 'permanent' ? t('retention.permanent') : t('retention.years', { years: Number(choice) }),
  }));
  const currentRetention = values.retention ?? 'default';
  if (!retentionOptions.some((o) => o.value === currentRetention)) {
    retentionOptions.push({ value: currentRetention, label: t('retention.years', { years: Number(currentRetention) }) });
  }
  const secret = isStateSecret(classification);

  return (
    <>
      <SelectField
        label={t('fields.type')}
        name="type"
        value={type}
        onChange={(e) => setType(e.target.value as RecordType)}
        error={error('type')}
        options={RECORD_TYPES.map((v) => ({ value: v, label: v === 'other' ? t('types.other') : `${t(`types.${v}`)} (${v})` }))}
      />
      <Field label={t('fields.numberSymbol')} name="numberSymbol" maxLength={60} defaultValue={values.numberSymbol} hint={t('fields.numberSymbolHint')} error={error('numberSymbol')} autoCapitalize="characters" spellCheck={false} />
      <Field className="md:col-span-2" label={t('fields.title')} name="title" required maxLength={300} defaultValue={values.title} hint={t('fields.titleHint')} error={error('title')} />
      <TextArea label={t('fields.abstract')} name="abstract" maxLength={2000} defaultValue={values.abstract} hint={t('fields.abstractHint')} error={error('abstract')} />
      <Field label={t('fields.issuerName')} name="issuerName" maxLength={300} defaultValue={values.issuerName} error={error('issuerName')} />
      <Field label={t('fields.issuedOn')} name="issuedOn" type="date" defaultValue={values.issuedOn} error={error('issuedOn')} />
      <Field label={t('fields.signer')} name="signer" maxLength={200} defaultValue={values.signer} error={error('signer')} />
      <Field label={t('fields.recipients')} name="recipients" maxLength={1000} defaultValue={values.recipients} error={error('recipients')} />
      <SelectField
        label={t('fields.classification')}
        name="classification"
        value={classification}
        onChange={(e) => {
          setClassification(e.target.value);
          onStateSecretChange?.(isStateSecret(e.target.value));
        }}
        error={error('classification')}
        options={CLASSIFICATIONS.map((v) => ({ value: v, label: t(`classifications.${v}`) }))}
      />
      <SelectField label={t('fields.audience')} name="audience" defaultValue={values.audience ?? 'organization'} error={error('audience')} options={AUDIENCES.map((v) => ({ value: v, label: t(`audiences.${v}`) }))} />
      <SelectField label={t('fields.retention')} name="retention" defaultValue={currentRetention} error={error('retention')} options={retentionOptions} />
      <p className={`text-sm md:col-span-2 ${secret ? 'rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900' : 'text-stone-600'}`} role={secret ? 'note' : undefined}>
        {secret ? t('new.stateSecretNotice', { level: t(`classifications.${classification as 'secret'}`) }) : t('fields.classificationHint')}
      </p>
    </>
  );
}
