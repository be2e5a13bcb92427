'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { type ActionState, initialActionState } from '@/lib/server/action-state';
import { FormMessage, SubmitButton } from './form-status';
import { buttonStyles } from './styles';

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden form fields, e.g. `{ meetingId }`. */
  fields: Record<string, string>;
  /** The button that starts the action (or submits it when there is no question). */
  label: string;
  /** Asked before the action runs (destructive or hard-to-undo steps); without it the button submits at once. */
  question?: string;
  confirmLabel?: string;
  cancelLabel?: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  /** Explains what the action does, above the button. */
  description?: string;
  /** Extra output from a successful result (client components only), e.g. a one-time password. */
  renderResult?: (state: ActionState) => React.ReactNode;
  className?: string;
};

/**
 * One button that runs a server action, with an optional confirmation step. The action's message
 * is announced; the confirmation closes by itself once the action has answered.
 */
export function ConfirmAction({
  action,
  fields,
  label,
  question,
  confirmLabel,
  cancelLabel,
  pendingLabel,
  variant = 'primary',
  description,
  renderResult,
  className,
}: Props) {
  const t = useTranslations('common');
  const [state, formAction] = useActionState(action, initialActionState);
  // Open for the result count it was opened at (state.at changes on every result).
  const [openedAt, setOpenedAt] = useState<number | null>(null);
  const confirming = openedAt !== null && openedAt === (state.at ?? 0);
  const pending = pendingLabel ?? t('saving');
  const hidden = Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
  const danger = variant === 'danger';

  return (
    <div className={`space-y-3 ${className ?? ''}`}>
      {description && <p className="text-stone-700">{description}</p>}
      <FormMessage state={state} />
      {renderResult?.(state)}
      {!question ? (
        <form action={formAction}>
          {hidden}
          <SubmitButton variant={variant} pendingLabel={pending}>
            {label}
          </SubmitButton>
        </form>
      ) : confirming ? (
        <form
          action={formAction}
          className={`space-y-3 rounded-lg border p-3 ${danger ? 'border-red-200 bg-red-50' : 'border-stone-300 bg-stone-50'}`}
        >
          {hidden}
          <p className={`font-semibold ${danger ? 'text-red-900' : 'text-stone-900'}`}>{question}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant={variant} pendingLabel={pending} autoFocus>
              {confirmLabel ?? label}
            </SubmitButton>
            <button type="button" className={buttonStyles.secondary} onClick={() => setOpenedAt(null)}>
              {cancelLabel ?? t('cancel')}
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
