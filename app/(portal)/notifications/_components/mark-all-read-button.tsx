'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { markAllRead } from '../actions';

export function MarkAllReadButton({ label }: { label: string }) {
  const [state, action] = useActionState(markAllRead, initialActionState);
  return (
    <form action={action} className="space-y-2">
      <FormMessage state={state} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
    </form>
  );
}
