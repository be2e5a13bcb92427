'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { saveIssuerSettings } from '../actions';

type Issuer = { organizationId: string; code: string; congressCode: string; superiorName: string | null; headerName: string; place: string };

/** Issuer code, congress code and the header lines printed on the organisation's documents. */
export function IssuerForm({ issuer }: { issuer: Issuer }) {
  const t = useTranslations('resolutions.settings');
  const [state, action] = useActionState(saveIssuerSettings, initialActionState);
  const values = state.ok ? undefined : state.values;
  const value = (name: Exclude<keyof Issuer, 'organizationId'>) => values?.[name] ?? issuer[name] ?? '';
  const error = (name: string) => state.fieldErrors?.[name];
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <form action={action} className="grid gap-4 md:grid-cols-2" noValidate>
        <input type="hidden" name="organizationId" value={issuer.organizationId} />
        <Field label={t('code')} name="code" required maxLength={20} defaultValue={value('code')} hint={t('codeHint')} error={error('code')} autoCapitalize="characters" />
        <Field label={t('congressCode')} name="congressCode" required maxLength={20} defaultValue={value('congressCode')} hint={t('congressCodeHint')} error={error('congressCode')} autoCapitalize="characters" />
        <Field label={t('superiorName')} name="superiorName" maxLength={200} defaultValue={value('superiorName')} hint={t('superiorNameHint')} error={error('superiorName')} />
        <Field label={t('headerName')} name="headerName" required maxLength={200} defaultValue={value('headerName')} error={error('headerName')} />
        <Field label={t('place')} name="place" required maxLength={100} defaultValue={value('place')} hint={t('placeHint')} error={error('place')} />
        <div className="self-end">
          <SubmitButton>{t('save')}</SubmitButton>
        </div>
      </form>
    </div>
  );
}
