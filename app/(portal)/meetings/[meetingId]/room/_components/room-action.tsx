'use client';

import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { type ActionState, initialActionState } from '@/lib/server/action-state';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  variant?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  /** Larger button for the main controls on a tablet. */
  large?: boolean;
  className?: string;
};

/** One touch-sized button that runs a room action; its answer (or refusal) is announced under it. */
export function RoomAction({ action, fields, label, variant = 'secondary', disabled, large, className }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className={className}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        variant={variant}
        {...(disabled ? { disabled: true } : {})}
        className={`${buttonStyles[variant]} ${large ? 'min-h-14 w-full text-lg' : 'w-full sm:w-auto'}`}
      >
        {label}
      </SubmitButton>
      {/* Success is visible in the live state itself; only refusals need words here. */}
      {!state.ok && state.message && (
        <div className="mt-2">
          <FormMessage state={state} />
        </div>
      )}
    </form>
  );
}
