import type { OrganizationKind, SeatStatus } from '@/db/schema';

const badgeBase = 'inline-flex w-fit shrink-0 items-center rounded-full px-2.5 py-0.5 text-sm font-semibold';

const kindColours: Record<OrganizationKind, string> = {
  provincial_committee: 'bg-brand-100 text-brand-800',
  district_committee: 'bg-amber-100 text-amber-900',
  grassroots_committee: 'bg-sky-100 text-sky-900',
  cell: 'bg-stone-200 text-stone-800',
};

/** The kind of an organisation (Tỉnh ủy, Huyện ủy, …) as a small label; `label` is already translated. */
export function KindBadge({ kind, label }: { kind: OrganizationKind; label: string }) {
  return <span className={`${badgeBase} ${kindColours[kind]}`}>{label}</span>;
}

const statusColours: Record<SeatStatus, string> = {
  active: 'bg-green-100 text-green-900',
  exempted: 'bg-sky-100 text-sky-900',
  temporarily_transferred: 'bg-amber-100 text-amber-900',
  suspended: 'bg-red-100 text-red-900',
  detained: 'bg-red-100 text-red-900',
};

/** A seat's status; the words carry the meaning, the colour only helps. */
export function SeatStatusBadge({ status, label }: { status: SeatStatus; label: string }) {
  return <span className={`${badgeBase} ${statusColours[status]}`}>{label}</span>;
}
