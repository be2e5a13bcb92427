import type { Segment } from '@/lib/search/text';

/** Text with the matched words marked; segments are plain strings, so React escapes everything. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((segment, i) =>
    segment.hit ? (
      <mark key={i} className="rounded bg-amber-200 px-0.5 font-semibold text-stone-900">
        {segment.text}
      </mark>
    ) : (
      <span key={i}>{segment.text}</span>
    ),
  );
}
