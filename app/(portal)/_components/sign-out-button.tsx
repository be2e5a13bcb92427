'use client';

import { useActionState } from 'react';
import { signOut } from '@/lib/auth/actions';
import { initialActionState } from '@/lib/server/action-state';

export function SignOutButton({ label }: { label: string }) {
  const [, action, pending] = useActionState(signOut, initialActionState);
  return (
    <form action={action}>
      <button
        type="submit"
        disabled={pending}
        className="inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-stone-700 hover:bg-stone-100"
      >
        {label}
      </button>
    </form>
  );
}
