'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addMembership } from '../actions';

const ROLES = ['secretary', 'deputy_secretary', 'standing_member', 'committee_member', 'member', 'clerk'] as const;

/** Organisations arrive depth-first; indentation shows the tree inside the select. */
export function AddMembershipForm({
  userId,
  organizations,
}: {
  userId: string;
  organizations: { id: string; name: string; depth: number }[];
}) {
  const t = useTranslations();
  const [state, action] = useActionState(addMembership, initialActionState);
  const values = state.ok ? {} : (state.values ?? {});

  return (
    <form key={state.at ?? 0} action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        label={t('adminUsers.memberships.organization')}
        name="organizationId"
        required
        defaultValue={values.organizationId ?? ''}
        error={state.fieldErrors?.organizationId}
        options={[
          { value: '', label: t('adminUsers.memberships.chooseOrganization') },
          ...organizations.map((o) => ({ value: o.id, label: `${'\u00a0\u00a0\u00a0'.repeat(o.depth)}${o.name}` })),
        ]}
      />
      <SelectField
        label={t('adminUsers.memberships.role')}
        name="role"
        required
        defaultValue={values.role ?? ''}
        error={state.fieldErrors?.role}
        options={[
          { value: '', label: t('adminUsers.memberships.chooseRole') },
          ...ROLES.map((role) => ({ value: role, label: t(`common.roles.${role}`) })),
        ]}
      />
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('adminUsers.memberships.add')}</SubmitButton>
      </div>
    </form>
  );
}
