'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { changePassword } from '../actions';

export function ChangePasswordForm() {
  const t = useTranslations();
  const [state, action] = useActionState(changePassword, initialActionState);
  return (
    <form action={action} className="grid max-w-3xl gap-4 md:grid-cols-3" noValidate>
      <div className="md:col-span-3">
        <FormMessage state={state} />
      </div>
      <Field
        label={t('account.password.current')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <Field
        label={t('account.password.new')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.newPassword}
      />
      <Field
        label={t('account.password.confirm')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.confirmPassword}
      />
      <div className="md:col-span-3">
        <SubmitButton pendingLabel={t('common.saving')}>{t('account.password.submit')}</SubmitButton>
      </div>
    </form>
  );
}
