'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { abandonResolutionNumber } from '../actions';

/** Voids the held number with a reason, then opens the new draft that carries the content on. */
export function AbandonForm({ resolutionId }: { resolutionId: string }) {
  const t = useTranslations('resolutions');
  const router = useRouter();
  const [state, action] = useActionState(abandonResolutionNumber, initialActionState);
  useEffect(() => {
    if (state.ok && state.data?.draftId) router.push(`/resolutions/${state.data.draftId}`);
  }, [state, router]);
  return (
    <div className="space-y-3">
      <p className="text-stone-700">{t('abandon.help')}</p>
      <FormMessage state={state} />
      <form action={action} className="grid gap-3" noValidate>
        <input type="hidden" name="resolutionId" value={resolutionId} />
        <Field label={t('abandon.reason')} name="reason" required maxLength={1000} defaultValue={state.ok ? '' : state.values?.reason} error={state.fieldErrors?.reason} />
        <div>
          <SubmitButton variant="danger" pendingLabel={t('confirm.working')}>
            {t('abandon.button')}
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
