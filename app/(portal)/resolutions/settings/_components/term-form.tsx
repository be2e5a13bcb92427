'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addCommitteeTerm, updateCommitteeTerm } from '../actions';

type Term = { id: string; name: string; startsOn: string; endsOn: string };

/** Adds a term, or edits one (`term` given): name and first and last day. */
export function TermForm({ organizationId, term }: { organizationId: string; term?: Term }) {
  const t = useTranslations('resolutions.settings');
  const [state, action] = useActionState(term ? updateCommitteeTerm : addCommitteeTerm, initialActionState);
  const values = state.ok ? undefined : state.values;
  const initial = term ?? { name: '', startsOn: '', endsOn: '' };
  const value = (name: 'name' | 'startsOn' | 'endsOn') => values?.[name] ?? initial[name];
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form key={term ? undefined : state.at} action={action} className="grid items-start gap-4 sm:grid-cols-3" noValidate>
        <input type="hidden" name="organizationId" value={organizationId} />
        {term && <input type="hidden" name="termId" value={term.id} />}
        <Field label={t('termName')} name="name" required maxLength={60} defaultValue={value('name')} hint={t('termNameHint')} error={error('name')} />
        <Field label={t('startsOn')} name="startsOn" type="date" required defaultValue={value('startsOn')} error={error('startsOn')} />
        <Field label={t('endsOn')} name="endsOn" type="date" required defaultValue={value('endsOn')} error={error('endsOn')} />
        <div className="sm:col-span-3">
          <SubmitButton variant={term ? 'secondary' : 'primary'}>{term ? t('saveTerm') : t('addTerm')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
