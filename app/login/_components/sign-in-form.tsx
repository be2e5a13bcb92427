'use client';

import { signIn } from 'next-auth/react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field } from '../../_components/ui/field';
import { buttonStyles } from '../../_components/ui/styles';

type Failure = 'INVALID_CREDENTIALS' | 'LOCKED' | 'TOTP_REQUIRED' | 'TOTP_INVALID' | 'GENERIC';

export function SignInForm() {
  const t = useTranslations('auth');
  const format = useFormatter();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [needsCode, setNeedsCode] = useState(false);
  const [message, setMessage] = useState<string>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(undefined);
    const data = new FormData(event.currentTarget);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
      otp: String(data.get('otp') ?? ''),
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    setPending(false);
    const [code, until] = (result?.error ?? 'GENERIC').split(/:(.+)/) as [Failure | string, string | undefined];
    if (code === 'TOTP_REQUIRED' || code === 'TOTP_INVALID') setNeedsCode(true);
    if (code === 'LOCKED') {
      setMessage(until ? t('LOCKED', { time: format.dateTime(new Date(until), { hour: '2-digit', minute: '2-digit' }) }) : t('LOCKED_GENERIC'));
    } else if (['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'TOTP_INVALID'].includes(code)) {
      setMessage(t(code as Failure));
    } else {
      setMessage(t('GENERIC'));
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {message && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 font-semibold text-red-800" data-testid="sign-in-error">
          {message}
        </p>
      )}
      <Field label={t('email')} name="email" type="email" autoComplete="username" required autoFocus />
      <Field label={t('password')} name="password" type="password" autoComplete="current-password" required />
      {needsCode && (
        <Field
          label={t('otp')}
          name="otp"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          hint={t('otpHelp')}
          required
          autoFocus
        />
      )}
      <button type="submit" disabled={pending} className={`${buttonStyles.primary} w-full`}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
