'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles, cardStyles, inputStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { createWrittenQuestion } from '../../actions';

export function WrittenQuestionForm({ bodies }: { bodies: { value: string; label: string }[] }) {
  const t = useTranslations('votes');
  const [state, formAction] = useActionState(createWrittenQuestion, initialActionState);
  const descriptionId = useId();
  const v = state.values ?? {};
  return (
    <form action={formAction} className={`${cardStyles} max-w-2xl space-y-4`}>
      <SelectField label={t('create.body')} name="bodyId" defaultValue={v.bodyId} options={bodies} error={state.fieldErrors?.bodyId} />
      <Field label={t('create.question')} name="question" required defaultValue={v.question} error={state.fieldErrors?.question} />
      <div>
        <label htmlFor={descriptionId} className="mb-1 block font-semibold">
          {t('create.description')}
        </label>
        <textarea id={descriptionId} name="description" rows={5} defaultValue={v.description} className={inputStyles} />
      </div>
      <SelectField
        label={t('create.kind')}
        name="kind"
        defaultValue={v.kind ?? 'named'}
        options={(['named', 'secret'] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        error={state.fieldErrors?.kind}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('create.deadlineDate')} name="deadlineDate" type="date" required defaultValue={v.deadlineDate} error={state.fieldErrors?.deadlineDate ?? state.fieldErrors?.deadline} />
        <Field label={t('create.deadlineTime')} name="deadlineTime" type="time" required defaultValue={v.deadlineTime ?? '17:00'} error={state.fieldErrors?.deadlineTime} />
      </div>
      <SubmitButton className={`${buttonStyles.primary} min-h-12 text-lg`}>{t('create.submit')}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
