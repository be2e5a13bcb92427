'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { createUser } from '../actions';
import { OneTimePassword } from './one-time-password';

const MODES = ['generate', 'set'] as const;

export function CreateUserForm() {
  const t = useTranslations();
  const [state, action] = useActionState(createUser, initialActionState);
  const [mode, setMode] = useState<(typeof MODES)[number]>('generate');
  // After a failure the form keeps what was typed; after a success it starts empty.
  const values = state.ok ? {} : (state.values ?? {});

  return (
    <div className="space-y-4">
      <FormMessage state={state} />
      {state.ok && state.data?.temporaryPassword && <OneTimePassword value={state.data.temporaryPassword} />}
      {state.ok && state.data?.userId && (
        <Link href={`/admin/users/${state.data.userId}`} className={buttonStyles.link}>
          {t('adminUsers.create.openCreated')}
        </Link>
      )}
      <form key={state.at ?? 0} action={action} className="grid gap-4 md:grid-cols-2" noValidate>
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
        <fieldset className="md:col-span-2">
          <legend className="mb-1 font-semibold">{t('adminUsers.create.passwordMode')}</legend>
          {MODES.map((m) => (
            <label key={m} className="flex min-h-11 cursor-pointer items-center gap-3">
              <input
                type="radio"
                name="passwordMode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                className="size-5 shrink-0 accent-brand-700"
              />
              {t(`adminUsers.create.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'set' && (
          <Field
            className="md:col-span-2"
            label={t('adminUsers.fields.initialPassword')}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            hint={t('adminUsers.create.passwordHint')}
            error={state.fieldErrors?.password}
          />
        )}
        <p className="text-stone-600 md:col-span-2">{t('adminUsers.create.mustChangeNote')}</p>
        <div className="md:col-span-2">
          <SubmitButton pendingLabel={t('common.saving')}>{t('adminUsers.create.submit')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
