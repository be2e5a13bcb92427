'use client';

import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { type ActionState, initialActionState } from '@/lib/server/action-state';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  /** Asked before the action runs; without it the button submits at once. */
  question?: string;
  confirmLabel?: string;
  cancelLabel: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
};

/** One button that runs a minutes action, with an optional confirmation step; its result is announced. */
export function ActionButton({ action, fields, label, question, confirmLabel, cancelLabel, pendingLabel, variant = 'primary' }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const confirming = openedAt !== null && openedAt === (state.at ?? 0);
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);

  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      {!question ? (
        <form action={formAction}>
          {hidden}
          <SubmitButton variant={variant} pendingLabel={pendingLabel}>
            {label}
          </SubmitButton>
        </form>
      ) : confirming ? (
        <form action={formAction} className="space-y-3 rounded-lg border border-stone-300 bg-stone-50 p-3">
          {hidden}
          <p className="font-semibold text-stone-900">{question}</p>
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
