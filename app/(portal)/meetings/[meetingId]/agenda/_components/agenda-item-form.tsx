'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Field, SelectField } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { addAgendaItem, updateAgendaItem } from '../actions';
import { useRefreshOnFailure } from './use-refresh-on-failure';

export type AgendaItemValues = {
  id: string;
  title: string;
  presenter: string | null;
  plannedMinutes: number | null;
  kind: 'report' | 'discussion' | 'decision' | 'election';
  hiddenFromGuests: boolean;
};

const KINDS = ['report', 'discussion', 'decision', 'election'] as const;

/** Adds an item (no `item`) or edits one. Sends the agenda version it was rendered with. */
export function AgendaItemForm({ meetingId, version, item }: { meetingId: string; version: number; item?: AgendaItemValues }) {
  const t = useTranslations('agenda');
  const [state, action] = useActionState(item ? updateAgendaItem : addAgendaItem, initialActionState);
  useRefreshOnFailure(state);
  const id = useId();
  const echo = state.ok ? undefined : state.values;
  const hidden = echo ? echo.hiddenFromGuests === 'on' : (item?.hiddenFromGuests ?? false);
  return (
    // A new form after each successful add, so the fields are empty for the next item.
    <form key={item || !state.ok ? 'form' : state.at} action={action} className="grid gap-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={version} />
      {item && <input type="hidden" name="itemId" value={item.id} />}
      <Field
        label={t('fields.title')}
        name="title"
        required
        maxLength={300}
        defaultValue={echo?.title ?? item?.title ?? ''}
        error={state.fieldErrors?.title}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('fields.presenter')}
          name="presenter"
          maxLength={200}
          autoComplete="off"
          defaultValue={echo?.presenter ?? item?.presenter ?? ''}
          error={state.fieldErrors?.presenter}
        />
        <Field
          label={t('fields.plannedMinutes')}
          name="plannedMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          hint={t('fields.plannedMinutesHint')}
          defaultValue={echo?.plannedMinutes ?? item?.plannedMinutes ?? ''}
          error={state.fieldErrors?.plannedMinutes}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
        <SelectField
          label={t('fields.kind')}
          name="kind"
          defaultValue={echo?.kind ?? item?.kind ?? 'report'}
          options={KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          error={state.fieldErrors?.kind}
        />
        <div>
          <label htmlFor={`${id}-hidden`} className="flex min-h-11 cursor-pointer items-center gap-3 font-semibold sm:mt-7">
            <input
              id={`${id}-hidden`}
              type="checkbox"
              name="hiddenFromGuests"
              defaultChecked={hidden}
              aria-describedby={`${id}-hidden-hint`}
              className="size-6 shrink-0 accent-brand-700"
            />
            {t('fields.hiddenFromGuests')}
          </label>
          <p id={`${id}-hidden-hint`} className="text-sm text-stone-600">
            {t('fields.hiddenFromGuestsHint')}
          </p>
        </div>
      </div>
      <div>
        <SubmitButton pendingLabel={t('working')}>{item ? t('edit.submit') : t('add.submit')}</SubmitButton>
      </div>
    </form>
  );
}
