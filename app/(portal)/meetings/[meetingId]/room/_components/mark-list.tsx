'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { cardStyles, inputStyles } from '@/app/_components/ui/styles';
import type { RosterEntry } from '@/lib/meetings/live';
import { initialActionState } from '@/lib/server/action-state';
import { markAttendance } from '../actions';

const STATUSES = ['present', 'online', 'late', 'excused_absent', 'unexcused_absent'] as const;
/** Rows rendered at once; the search narrows a large body down. */
const PAGE = 100;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** The clerk's attendance register: anyone's status, with the reason for an excused absence. */
export function MarkList({ meetingId, roster }: { meetingId: string; roster: RosterEntry[] }) {
  const t = useTranslations('room');
  const searchId = useId();
  const [query, setQuery] = useState('');
  const matching = query ? roster.filter((person) => fold(person.name).includes(fold(query.trim()))) : roster;
  const shown = matching.slice(0, PAGE);

  return (
    <section aria-labelledby="room-mark" className={cardStyles}>
      <h2 id="room-mark" className="text-lg font-bold">
        {t('mark.heading')}
      </h2>
      <label htmlFor={searchId} className="mt-3 mb-1 block font-semibold">
        {t('mark.search')}
      </label>
      <input id={searchId} type="search" className={inputStyles} value={query} onChange={(e) => setQuery(e.target.value)} />
      <p className="mt-1 text-sm text-stone-600" aria-live="polite">
        {t('mark.count', { shown: shown.length, total: matching.length })}
      </p>
      <ul className="mt-3 divide-y divide-stone-200">
        {shown.map((person) => (
          <MarkRow key={`${person.userId}:${person.attendance}:${person.reason}`} meetingId={meetingId} person={person} />
        ))}
      </ul>
    </section>
  );
}

function MarkRow({ meetingId, person }: { meetingId: string; person: RosterEntry }) {
  const t = useTranslations('room');
  const id = useId();
  const [state, action] = useActionState(markAttendance, initialActionState);
  const [status, setStatus] = useState<string>(person.attendance ?? '');
  const notCounted = person.isGuest || (person.seatStatus !== null && person.seatStatus !== 'active' && person.seatStatus !== 'exempted');

  return (
    <li className="py-3">
      <form action={action} className="space-y-2">
        <input type="hidden" name="meetingId" value={meetingId} />
        <input type="hidden" name="userId" value={person.userId} />
        <p className="font-semibold">
          {person.name}
          {person.isGuest && <span className="ml-2 text-sm font-normal text-stone-600">{t('mark.guest')}</span>}
          {!person.isGuest && notCounted && <span className="ml-2 text-sm font-normal text-stone-600">{t('mark.notCounted')}</span>}
        </p>
        <div className="flex flex-wrap items-start gap-2">
          <label htmlFor={`${id}-status`} className="sr-only">
            {t('mark.status', { name: person.name })}
          </label>
          <select
            id={`${id}-status`}
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className={`${inputStyles} w-auto min-w-44 flex-1`}
          >
            <option value="" disabled>
              {t('mark.notMarked')}
            </option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`attendance.${s}`)}
              </option>
            ))}
          </select>
          <SubmitButton variant="secondary" pendingLabel={t('mark.saving')} {...(!status ? { disabled: true } : {})}>
            {t('mark.save')}
          </SubmitButton>
        </div>
        {status === 'excused_absent' && (
          <div>
            <label htmlFor={`${id}-reason`} className="mb-1 block text-sm font-semibold">
              {t('mark.reason', { name: person.name })}
            </label>
            <input
              id={`${id}-reason`}
              name="reason"
              required
              maxLength={500}
              defaultValue={person.reason ?? ''}
              placeholder={t('mark.reasonPlaceholder')}
              aria-invalid={state.fieldErrors?.reason ? true : undefined}
              aria-describedby={state.fieldErrors?.reason ? `${id}-reason-error` : undefined}
              className={inputStyles}
            />
            {state.fieldErrors?.reason && (
              <p id={`${id}-reason-error`} className="mt-1 text-sm font-semibold text-red-700">
                {state.fieldErrors.reason}
              </p>
            )}
          </div>
        )}
        {state.message && !state.ok && <FormMessage state={state} />}
      </form>
    </li>
  );
}
