'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { confirmTotp, disableTotp, startTotp } from '../actions';

export function TotpSettings({ enabled, required }: { enabled: boolean; required: boolean }) {
  const t = useTranslations();
  const [started, start] = useActionState(startTotp, initialActionState);
  const [confirmed, confirm] = useActionState(confirmTotp, initialActionState);
  const [disabled, disable] = useActionState(disableTotp, initialActionState);

  if (enabled) {
    return (
      <div className="space-y-4">
        <FormMessage state={confirmed} />
        <p className="font-semibold text-green-800">{t('account.totp.onStatus')}</p>
        {required ? (
          <p className="text-stone-600">{t('account.totp.required')}</p>
        ) : (
          <form action={disable} className="space-y-3" noValidate>
            <FormMessage state={disabled} />
            <Field
              label={t('account.password.current')}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              hint={t('account.totp.disableHelp')}
              error={disabled.fieldErrors?.currentPassword}
              required
            />
            <SubmitButton variant="danger">{t('account.totp.disable')}</SubmitButton>
          </form>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <FormMessage state={disabled} />
      <p>
        <span className="font-semibold">{t('account.totp.offStatus')}</span> {t('account.totp.help')}
      </p>
      {started.ok && started.data ? (
        <form action={confirm} className="space-y-3" noValidate>
          <p>{t('account.totp.scan')}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing to optimise */}
          <img src={started.data.qr} alt={t('account.totp.qrAlt')} width={200} height={200} className="rounded-lg border border-stone-200 bg-white" />
          <p>
            {t('account.totp.secret')}:{' '}
            <code className="rounded bg-stone-100 px-2 py-1 font-mono break-all" data-testid="totp-secret">
              {started.data.secret}
            </code>
          </p>
          <FormMessage state={confirmed} />
          <Field
            label={t('account.totp.code')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            error={confirmed.fieldErrors?.code}
          />
          <SubmitButton>{t('account.totp.confirm')}</SubmitButton>
        </form>
      ) : (
        <form action={start}>
          <FormMessage state={started} />
          <SubmitButton>{t('account.totp.start')}</SubmitButton>
        </form>
      )}
    </div>
  );
}
