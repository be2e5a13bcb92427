'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState } from 'react';
import { Field, SelectField } from '../../../../_components/ui/field';
import { FormMessage, SubmitButton } from '../../../../_components/ui/form-status';
import { buttonStyles } from '../../../../_components/ui/styles';
import { initialActionState } from '@/lib/server/action-state';
import { removeSeat, updateSeat } from '../actions';

export type Option = { value: string; label: string };

/**
 * One member of a body: title and status are edited in place; removing asks once more, since a
 * tap on a tablet is easy to make by mistake.
 */
export function SeatRow({
  organizationId,
  bodyId,
  seat,
  statuses,
}: {
  organizationId: string;
  bodyId: string;
  seat: { userId: string; name: string; title: string | null; status: string };
  statuses: Option[];
}) {
  const t = useTranslations();
  const [updated, update] = useActionState(updateSeat, initialActionState);
  const [removed, remove] = useActionState(removeSeat, initialActionState);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const latest = (removed.at ?? 0) > (updated.at ?? 0) ? removed : updated;
  const echo = updated.ok ? undefined : updated.values;

  // Keep keyboard and screen-reader focus on the step that replaced the pressed button.
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) askRef.current?.focus();
    asked.current = confirming;
  }, [confirming]);

  return (
    <li className="py-3">
      <form action={update} noValidate>
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="bodyId" value={bodyId} />
        <input type="hidden" name="userId" value={seat.userId} />
        <fieldset className="min-w-0">
          <legend className="mb-2 text-lg font-semibold wrap-break-word">{seat.name}</legend>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-end">
            <Field
              label={t('adminOrganizations.seats.seatTitle')}
              name="title"
              maxLength={100}
              defaultValue={echo?.title ?? seat.title ?? ''}
              error={updated.fieldErrors?.title}
            />
            <SelectField
              label={t('adminOrganizations.seats.status')}
              name="status"
              options={statuses}
              defaultValue={echo?.status ?? seat.status}
              error={updated.fieldErrors?.status}
            />
            <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-1">
              <SubmitButton variant="secondary" pendingLabel={t('common.saving')}>
                {t('adminOrganizations.seats.save')}
              </SubmitButton>
              {!confirming && (
                <button ref={askRef} type="button" className={buttonStyles.danger} onClick={() => setConfirming(true)}>
                  {t('adminOrganizations.seats.remove')}
                </button>
              )}
            </div>
          </div>
        </fieldset>
        {confirming && (
          <div className="mt-3 flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 p-3">
            <p className="w-full font-semibold text-red-900 wrap-break-word sm:w-auto sm:flex-1">
              {t('adminOrganizations.seats.confirmPrompt', { name: seat.name })}
            </p>
            <button ref={confirmRef} type="submit" formAction={remove} className={buttonStyles.danger}>
              {t('adminOrganizations.seats.confirmRemove')}
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        )}
        <div className="mt-2 empty:hidden">
          <FormMessage state={latest} />
        </div>
      </form>
    </li>
  );
}
