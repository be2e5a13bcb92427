'use client';

import { ConfirmAction as SharedConfirmAction } from '@/app/_components/ui/confirm-action';
import { OneTimePassword } from './one-time-password';

type Props = Omit<React.ComponentProps<typeof SharedConfirmAction>, 'renderResult'>;

/** The shared confirm button; a temporary password in the action's result is shown once. */
export function ConfirmAction({ variant = 'secondary', ...props }: Props) {
  return (
    <SharedConfirmAction
      variant={variant}
      {...props}
      renderResult={(state) =>
        state.ok && state.data?.temporaryPassword ? <OneTimePassword value={state.data.temporaryPassword} /> : null
      }
    />
  );
}
