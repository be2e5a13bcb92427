'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { ActionState } from '@/lib/server/action-state';

/**
 * After a refused change (most often: someone else changed the agenda meanwhile), reload the
 * page's server data so the user sees the current agenda and its new version next to the message.
 */
export function useRefreshOnFailure(state: ActionState) {
  const router = useRouter();
  useEffect(() => {
    if (state.at && !state.ok) router.refresh();
  }, [state.at, state.ok, router]);
}
