'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { removeProgrammeItemAction } from '../actions';

export function RemoveItemButton({ programmeId, itemId, topic }: { programmeId: string; itemId: string; topic: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(removeProgrammeItemAction, initialActionState);
  const [confirming, setConfirming] = useState(false);
  if (!confirming || state.ok) {
    return (
      <>
        <FormMessage state={state} />
        <button type="button" className={buttonStyles.danger} aria-label={t('programmes.item.removeLabel', { topic })} onClick={() => setConfirming(true)}>
          {t('programmes.item.remove')}
        </button>
      </>
    );
  }
  return (
    <form action={action} className="space-y-2 rounded-lg border border-red-200 bg-red-50 p-3">
      <FormMessage state={state} />
      <input type="hidden" name="programmeId" value={programmeId} />
      <input type="hidden" name="itemId" value={itemId} />
      <p className="font-semibold text-red-900">{t('programmes.item.removeQuestion')}</p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingLabel={t('common.saving')} autoFocus>
          {t('programmes.item.remove')}
        </SubmitButton>
        <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
