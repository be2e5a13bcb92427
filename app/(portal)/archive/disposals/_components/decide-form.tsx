'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { decideArchiveDisposal } from '../actions';

/** Approve (after a confirmation: destruction cannot be undone) or reject, with a note. */
export function DecideForm({ disposalId }: { disposalId: string }) {
  const t = useTranslations('archive.disposals');
  const tc = useTranslations('common');
  const [state, action] = useActionState(decideArchiveDisposal, initialActionState);
  const [confirming, setConfirming] = useState<number | null>(null);
  const open = confirming !== null && confirming === (state.at ?? 0);
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form key={state.at ?? 0} action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="disposalId" value={disposalId} />
        <Field label={t('note')} name="note" maxLength={1000} hint={t('noteHint')} defaultValue={state.ok ? undefined : state.values?.note} error={state.fieldErrors?.note} />
        {open ? (
          <div className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3">
            <p className="font-semibold text-red-900">{t('approveQuestion')}</p>
            <div className="flex flex-wrap gap-2">
              <SubmitButton name="decision" value="approve" variant="danger" pendingLabel={tc('saving')} autoFocus>
                {t('confirm')}
              </SubmitButton>
              <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(null)}>
                {t('back')}
              </button>
            </div>
          </div>
        ) : (
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonStyles.danger} onClick={() => setConfirming(state.at ?? 0)}>
              {t('approve')}
            </button>
            <SubmitButton name="decision" value="reject" variant="secondary" pendingLabel={tc('saving')}>
              {t('reject')}
            </SubmitButton>
          </div>
        )}
      </form>
    </div>
  );
}
