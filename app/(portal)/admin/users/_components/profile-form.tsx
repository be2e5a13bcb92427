'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { updateUser } from '../actions';

export function ProfileForm({ user }: { user: { id: string; name: string; email: string } }) {
  const t = useTranslations();
  const [state, action] = useActionState(updateUser, initialActionState);
  // A failed save keeps what was typed; otherwise the saved values are shown.
  const values = !state.ok && state.values ? state.values : user;

  return (
    <form key={state.at ?? 0} action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={user.id} />
      <Field
        label={t('adminUsers.fields.name')}
        name="name"
        autoComplete="off"
        required
        defaultValue={values.name}
        error={state.fieldErrors?.name}
      />
      <Field
        label={t('adminUsers.fields.email')}
        name="email"
        type="email"
        inputMode="email"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={values.email}
        error={state.fieldErrors?.email}
      />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('common.save')}</SubmitButton>
      </div>
    </form>
  );
}
