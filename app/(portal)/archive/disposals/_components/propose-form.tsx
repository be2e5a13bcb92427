'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { proposeArchiveDisposal } from '../actions';

type Item = { id: string; label: string; detail: string };

/** The records of one organisation past retention, to tick and propose for disposal with a reason. */
export function ProposeForm({ organizationId, organizationName, items }: { organizationId: string; organizationName: string; items: Item[] }) {
  const t = useTranslations('archive.disposals');
  const tc = useTranslations('common');
  const [state, action] = useActionState(proposeArchiveDisposal, initialActionState);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form key={state.at ?? 0} action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="organizationId" value={organizationId} />
        <fieldset aria-describedby={state.fieldErrors?.recordId ? `${organizationId}-records-error` : undefined}>
          <legend className="mb-2 font-semibold">
            {t('select')} — {organizationName}
          </legend>
          <ul className="grid gap-2">
            {items.map((item) => (
              <li key={item.id}>
                <label className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 px-3 py-2 has-[:checked]:border-red-400 has-[:checked]:bg-red-50">
                  <input type="checkbox" name="recordId" value={item.id} className="mt-1 size-5 shrink-0" />
                  <span className="min-w-0 [overflow-wrap:anywhere]">
                    <span className="block font-semibold">{item.label}</span>
                    <span className="block text-sm text-stone-600">{item.detail}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          {state.fieldErrors?.recordId && (
            <p id={`${organizationId}-records-error`} className="mt-1 text-sm font-semibold text-red-700">
              {state.fieldErrors.recordId}
            </p>
          )}
        </fieldset>
        <Field label={t('reason')} name="reason" required maxLength={1000} hint={t('reasonHint')} defaultValue={state.ok ? undefined : state.values?.reason} error={state.fieldErrors?.reason} />
        <div>
          <SubmitButton variant="danger" pendingLabel={tc('saving')}>
            {t('propose')}
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
