'use client';

import { useActionState, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { type ActionState, initialActionState } from '@/lib/server/action-state';
import { useRefreshOnFailure } from './use-refresh-on-failure';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  /** Visible text of the first button. */
  label: string;
  /** Accessible name of the first button (which item it acts on). */
  ariaLabel: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  pendingLabel: string;
};

/** A destructive action behind a plain-language question, answered with large buttons. */
export function ConfirmButton({ action, fields, label, ariaLabel, question, confirmLabel, cancelLabel, pendingLabel }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  useRefreshOnFailure(state);
  // Open for the submission count it was opened at, so it closes once the action has answered.
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const confirming = openedAt !== null && openedAt === (state.at ?? 0);
  return (
    <div className="min-w-0 max-w-full space-y-2">
      {!state.ok && <FormMessage state={state} />}
      {confirming ? (
        <form action={formAction} className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-3">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <p className="font-semibold text-red-900 [overflow-wrap:anywhere]">{question}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant="danger" pendingLabel={pendingLabel} autoFocus>
              {confirmLabel}
            </SubmitButton>
            <button type="button" className={buttonStyles.secondary} onClick={() => setOpenedAt(null)}>
              {cancelLabel}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" aria-label={ariaLabel} className={buttonStyles.danger} onClick={() => setOpenedAt(state.at ?? 0)}>
          {label}
        </button>
      )}
    </div>
  );
}
