'use client';

import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { type ActionState, initialActionState } from '@/lib/server/action-state';
import { OneTimePassword } from './one-time-password';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden form fields, e.g. `{ userId }`. */
  fields: Record<string, string>;
  /** The button that starts the action (or submits it when there is no question). */
  label: string;
  /** Asked before a destructive action; without it the button submits at once. */
  question?: string;
  confirmLabel?: string;
  cancelLabel?: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  /** Explains what the action does, next to the button. */
  description?: string;
};

/**
 * One button that runs a server action, with a confirmation step for destructive ones. The
 * action's message is announced, and a generated temporary password in its result is shown once.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  question,
  confirmLabel,
  cancelLabel,
  pendingLabel,
  variant = 'secondary',
  description,
}: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  // The confirmation is open for the submission count it was opened at (state.at changes on
  // every result), so it closes by itself once the action has answered.
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const confirming = openedAt !== null && openedAt === (state.at ?? 0);

  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);

  return (
    <div className="space-y-3">
      {description && <p className="text-stone-700">{description}</p>}
      <FormMessage state={state} />
      {state.ok && state.data?.temporaryPassword && <OneTimePassword value={state.data.temporaryPassword} />}
      {!question ? (
        <form action={formAction}>
          {hidden}
          <SubmitButton variant={variant} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
        </form>
      ) : confirming ? (
        <form
          action={formAction}
          className={`space-y-3 rounded-lg border p-3 ${variant === 'danger' ? 'border-red-200 bg-red-50' : 'border-stone-300 bg-stone-50'}`}
        >
          {hidden}
          <p className={`font-semibold ${variant === 'danger' ? 'text-red-900' : 'text-stone-900'}`}>{question}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant={variant} pendingLabel={pendingLabel} autoFocus>
              {confirmLabel ?? label}
            </SubmitButton>
            <button type="button" className={buttonStyles.secondary} onClick={() => setOpenedAt(null)}>
              {cancelLabel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className={buttonStyles[variant]} onClick={() => setOpenedAt(state.at ?? 0)}>
          {label}
        </button>
      )}
    </div>
  );
}
