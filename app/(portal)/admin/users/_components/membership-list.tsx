'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import type { MembershipRole } from '@/db/schema';
import { initialActionState } from '@/lib/server/action-state';
import { removeMembership } from '../actions';

type Membership = { organizationId: string; organizationName: string; role: MembershipRole };

/** The user's roles, each removable after a confirmation; one result message for the list. */
export function MembershipList({ userId, memberships }: { userId: string; memberships: Membership[] }) {
  const t = useTranslations();
  const [state, action] = useActionState(removeMembership, initialActionState);
  // Which row asks for confirmation, for the submission count it was opened at (see ConfirmAction).
  const [confirming, setConfirming] = useState<{ key: string; at: number } | null>(null);
  const keyOf = (m: Membership) => `${m.organizationId}:${m.role}`;

  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {memberships.length === 0 ? (
        <p className="text-stone-600">{t('adminUsers.memberships.empty')}</p>
      ) : (
        <ul className="divide-y divide-stone-200">
          {memberships.map((m) => {
            const names = { role: t(`common.roles.${m.role}`), organization: m.organizationName };
            const open = confirming?.key === keyOf(m) && confirming.at === (state.at ?? 0);
            return (
              <li key={keyOf(m)} className="py-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-semibold">{names.role}</p>
                    <p className="text-stone-600">{names.organization}</p>
                  </div>
                  {!open && (
                    <button
                      type="button"
                      className={buttonStyles.danger}
                      aria-label={t('adminUsers.memberships.removeLabel', names)}
                      onClick={() => setConfirming({ key: keyOf(m), at: state.at ?? 0 })}
                    >
                      {t('adminUsers.memberships.remove')}
                    </button>
                  )}
                </div>
                {open && (
                  <form action={action} className="mt-2 space-y-3 rounded-lg border border-red-200 bg-red-50 p-3">
                    <input type="hidden" name="userId" value={userId} />
                    <input type="hidden" name="organizationId" value={m.organizationId} />
                    <input type="hidden" name="role" value={m.role} />
                    <p className="font-semibold text-red-900">{t('adminUsers.memberships.removeQuestion', names)}</p>
                    <div className="flex flex-wrap gap-2">
                      <SubmitButton variant="danger" pendingLabel={t('common.saving')} autoFocus>
                        {t('adminUsers.memberships.removeConfirm')}
                      </SubmitButton>
                      <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
