'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ActionState } from '@/lib/server/action-state';

type ApiError = { error?: { message?: string; fields?: Record<string, string> } };

/**
 * The voting form's action in the live room: the paper goes to the ballot API
 * (POST /api/v1/ballots/:ballotId), which the web server answers on its fast path, so a whole
 * committee voting in the same second is not held up (bench/vote.ts). The room learns the new
 * state from the live channel; only a refusal is shown here, in the API's own words.
 */
export function useCastViaApi() {
  const t = useTranslations('errors');
  return useCallback(
    async (_state: ActionState, formData: FormData): Promise<ActionState> => {
      const ballotId = String(formData.get('ballotId') ?? '');
      const choice = formData.get('choice');
      const optionIds = formData.getAll('optionIds').map(String);
      try {
        const response = await fetch(`/api/v1/ballots/${encodeURIComponent(ballotId)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...(choice ? { choice: String(choice) } : {}), ...(optionIds.length ? { optionIds } : {}) }),
        });
        if (response.ok) return { ok: true, at: Date.now() };
        const body = (await response.json().catch(() => ({}))) as ApiError;
        return { ok: false, message: body.error?.message ?? t('INTERNAL'), fieldErrors: body.error?.fields, at: Date.now() };
      } catch {
        return { ok: false, message: t('NETWORK'), at: Date.now() };
      }
    },
    [t],
  );
}
