'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonStyles } from '@/app/_components/ui/styles';

/** A temporary password, shown once after it was generated; it is never stored in clear. */
export function OneTimePassword({ value }: { value: string }) {
  const t = useTranslations('adminUsers.oneTimePassword');
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard (plain HTTP, old browser): the text stays selectable.
    }
  }

  return (
    <div className="space-y-3 rounded-xl border-2 border-amber-400 bg-amber-50 p-4">
      <p className="font-semibold text-amber-950">{t('label')}</p>
      <p
        className="rounded-lg bg-white px-3 py-2 font-mono text-2xl tracking-wider break-all text-stone-900 select-all"
        data-testid="temporary-password"
      >
        {value}
      </p>
      <p className="text-amber-950">{t('warning')}</p>
      <button type="button" onClick={copy} className={buttonStyles.secondary} aria-live="polite">
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
