import type { ResolutionStatus } from '@/db/schema';

const base = 'inline-flex w-fit shrink-0 items-center rounded-full px-2.5 py-0.5 text-sm font-semibold';

const colours: Record<ResolutionStatus, string> = {
  draft: 'bg-stone-200 text-stone-800',
  reserved: 'bg-amber-100 text-amber-900',
  issued: 'bg-green-100 text-green-900',
  void: 'bg-red-100 text-red-900',
};

/** A document's status; the words carry the meaning, the colour only helps. `label` is translated. */
export function ResolutionStatusBadge({ status, label }: { status: ResolutionStatus; label: string }) {
  return (
    <span className={`${base} ${colours[status]}`} data-testid="resolution-status">
      {label}
    </span>
  );
}

/** The number and symbol, large and unbroken (`09-NQ/HU`), or a muted "no number yet". */
export function NumberSymbol({ value, empty, large }: { value: string | null; empty: string; large?: boolean }) {
  const size = large ? 'text-2xl sm:text-3xl' : 'text-lg';
  if (!value) return <span className={`${size} font-semibold text-stone-500`}>{empty}</span>;
  return (
    <span className={`${size} font-bold tabular-nums whitespace-nowrap text-stone-900`} data-testid="resolution-number">
      {value}
    </span>
  );
}
