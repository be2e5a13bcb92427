'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { initialActionState } from '@/lib/server/action-state';
import { generateProgrammeMeetings } from '../actions';

/** The one-step generation of the year's draft meetings, with what was created, skipped or overlapping. */
export function GenerateForm({ programmeId, thematicByDefault }: { programmeId: string; thematicByDefault: boolean }) {
  const t = useTranslations();
  const [state, action] = useActionState(generateProgrammeMeetings, initialActionState);
  const conflicts = state.data?.conflictTimes ? state.data.conflictTimes.split(',') : [];
  const when = (iso: string) =>
    new Intl.DateTimeFormat(undefined, { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return (
    <form action={action} className="grid gap-3">
      <FormMessage state={state.fieldErrors?.monthly ? { ...state, message: t('programmes.generate.nothingChosen') } : state} />
      {state.ok && state.data && (
        <div role="status" className="rounded-lg bg-stone-50 p-3">
          <p className="font-semibold">
            {t('programmes.generate.result', { created: state.data.created ?? '0', skipped: state.data.skipped ?? '0', conflicts: state.data.conflicts ?? '0' })}
          </p>
          {conflicts.length > 0 && (
            <>
              <p className="mt-2">{t('programmes.generate.conflictsHeading')}</p>
              <ul className="list-disc pl-5">
                {conflicts.map((c) => (
                  <li key={c}>{when(c)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <input type="hidden" name="programmeId" value={programmeId} />
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="monthly" defaultChecked className="size-6" />
        <span>{t('programmes.generate.monthly')}</span>
      </label>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" name="thematic" defaultChecked={thematicByDefault} className="size-6" />
        <span>{t('programmes.generate.thematic')}</span>
      </label>
      <div>
        <SubmitButton pendingLabel={t('common.saving')}>{t('programmes.generate.button')}</SubmitButton>
      </div>
    </form>
  );
}
