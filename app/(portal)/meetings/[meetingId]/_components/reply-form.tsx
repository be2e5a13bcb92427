'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { FormMessage, SubmitButton } from '@/app/_components/ui/form-status';
import { type ActionState, initialActionState } from '@/lib/server/action-state';
import { replyToMeeting } from '../actions';

/** The invitee's answer: attending, or excused with a reason. */
type Props = { meetingId: string; response: 'pending' | 'attending' | 'excused'; reason: string | null };

export function ReplyForm(props: Props) {
  const [state, action] = useActionState(replyToMeeting, initialActionState);
  // React resets a form after its action runs; remounting per submission starts the radios and
  // the reason from what was sent (after an error) instead of from the page's first answer.
  return <ReplyFields key={state.at ?? 0} {...props} state={state} action={action} />;
}

function ReplyFields({
  meetingId,
  response,
  reason,
  state,
  action,
}: Props & { state: ActionState; action: (formData: FormData) => void }) {
  const t = useTranslations('meetings');
  const values = state.ok ? {} : (state.values ?? {});
  const [choice, setChoice] = useState<string>(values.response ?? (response === 'pending' ? 'attending' : response));

  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <fieldset>
        <legend className="mb-1 font-semibold">{t('reply.title')}</legend>
        {(['attending', 'excused'] as const).map((r) => (
          <label key={r} className="flex min-h-11 cursor-pointer items-center gap-3">
            <input type="radio" name="response" value={r} defaultChecked={choice === r} onChange={() => setChoice(r)} className="size-5 shrink-0 accent-brand-700" />
            {t(`reply.${r}`)}
          </label>
        ))}
      </fieldset>
      {choice === 'excused' && (
        <Field
          label={t('fields.reason')}
          name="reason"
          required
          maxLength={1000}
          defaultValue={values.reason ?? reason ?? ''}
          hint={t('reply.reasonHint')}
          error={state.fieldErrors?.reason}
        />
      )}
      <SubmitButton pendingLabel={t('lifecycle.working')}>{t('reply.submit')}</SubmitButton>
    </form>
  );
}
