import type { MeetingKind, MeetingStatus } from '@/db/schema';

/** Enum values for client components (which must not import the Drizzle schema). */
export const MEETING_KINDS = ['regular', 'thematic', 'extraordinary'] as const satisfies readonly MeetingKind[];
export const MEETING_STATUSES = ['draft', 'invited', 'in_progress', 'closed', 'minutes_approved', 'cancelled'] as const satisfies readonly MeetingStatus[];
