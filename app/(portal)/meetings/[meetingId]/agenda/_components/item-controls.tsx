'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/app/_components/ui/form-status';
import { buttonStyles } from '@/app/_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { deleteAgendaItem, moveAgendaItem } from '../actions';
import { ConfirmButton } from './confirm-button';
import { useRefreshOnFailure } from './use-refresh-on-failure';

type Props = {
  meetingId: string;
  version: number;
  item: { id: string; title: string; number: number };
  first: boolean;
  last: boolean;
};

/** Large move-up / move-down buttons and delete, each sending the agenda version it saw. */
export function ItemControls({ meetingId, version, item, first, last }: Props) {
  const t = useTranslations('agenda');
  const [state, action, pending] = useActionState(moveAgendaItem, initialActionState);
  useRefreshOnFailure(state);
  const fields = { meetingId, itemId: item.id, version };
  return (
    <div className="space-y-2">
      {!state.ok && <FormMessage state={state} />}
      <div className="flex flex-wrap gap-2">
        <form action={action} className="contents">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button
            type="submit"
            name="direction"
            value="up"
            disabled={first || pending}
            aria-label={t('move.upLabel', { number: item.number })}
            className={`${buttonStyles.secondary} min-w-24`}
          >
            <span aria-hidden="true">▲</span> {t('move.up')}
          </button>
          <button
            type="submit"
            name="direction"
            value="down"
            disabled={last || pending}
            aria-label={t('move.downLabel', { number: item.number })}
            className={`${buttonStyles.secondary} min-w-24`}
          >
            <span aria-hidden="true">▼</span> {t('move.down')}
          </button>
        </form>
        <ConfirmButton
          action={deleteAgendaItem}
          fields={fields}
          label={t('delete.open')}
          ariaLabel={t('delete.label', { number: item.number })}
          question={t('delete.question', { title: item.title })}
          confirmLabel={t('delete.confirm')}
          cancelLabel={t('delete.cancel')}
          pendingLabel={t('working')}
        />
      </div>
    </div>
  );
}
