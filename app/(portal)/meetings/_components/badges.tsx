import type { MeetingStatus } from '@/db/schema';

const base = 'inline-flex w-fit shrink-0 items-center rounded-full px-2.5 py-0.5 text-sm font-semibold';

const statusColours: Record<MeetingStatus, string> = {
  draft: 'bg-stone-200 text-stone-800',
  invited: 'bg-sky-100 text-sky-900',
  in_progress: 'bg-green-100 text-green-900',
  closed: 'bg-amber-100 text-amber-900',
  minutes_approved: 'bg-brand-100 text-brand-800',
  cancelled: 'bg-red-100 text-red-900',
};

/** A meeting's status; the words carry the meaning, the colour only helps. `label` is translated. */
export function MeetingStatusBadge({ status, label }: { status: MeetingStatus; label: string }) {
  return (
    <span className={`${base} ${statusColours[status]}`} data-testid="meeting-status">
      {label}
    </span>
  );
}

const responseColours = {
  pending: 'bg-stone-100 text-stone-800',
  attending: 'bg-green-100 text-green-900',
  excused: 'bg-amber-100 text-amber-900',
} as const;

export function ResponseBadge({ response, label }: { response: keyof typeof responseColours; label: string }) {
  return <span className={`${base} ${responseColours[response]}`}>{label}</span>;
}
