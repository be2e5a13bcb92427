'use client';

import { useFormStatus } from 'react-dom';
import type { ActionState } from '@/lib/server/action-state';
import { buttonStyles } from './styles';

/** The form-level result of an action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <p
      role={state.ok ? 'status' : 'alert'}
      className={`rounded-lg px-3 py-2 font-semibold ${state.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}
    >
      {state.message}
    </p>
  );
}

export function SubmitButton({
  children,
  pendingLabel,
  variant = 'primary',
  ...rest
}: { children: React.ReactNode; pendingLabel?: string; variant?: keyof typeof buttonStyles } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={buttonStyles[variant]} {...rest}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
