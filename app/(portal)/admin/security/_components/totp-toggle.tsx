'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { setTotpRequirement } from '../actions';

/** Turns the requirement for one role on or off. */
export function TotpToggle({ role, roleLabel, required }: { role: string; roleLabel: string; required: boolean }) {
  const t = useTranslations('adminSecurity.totp');
  const [state, action] = useActionState(setTotpRequirement, initialActionState);
  return (
    <form action={action} className="flex shrink-0 flex-col gap-2 md:items-end">
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="required" value={required ? 'false' : 'true'} />
      <SubmitButton
        variant={required ? 'secondary' : 'primary'}
        aria-label={t(required ? 'unrequireLabel' : 'requireLabel', { role: roleLabel })}
        pendingLabel={t(required ? 'unrequire' : 'require')}
      >
        {t(required ? 'unrequire' : 'require')}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
