import 'server-only';
import type { Meeting } from '@/db/schema';

/** The JSON shape of a meeting in /api/v1 (named fields only; instants in ISO 8601 UTC). */
export function meetingJson(m: Pick<Meeting, 'id' | 'organizationId' | 'bodyId' | 'kind' | 'title' | 'status' | 'startsAt' | 'endsAt' | 'location' | 'onlineUrl'>) {
  return {
    id: m.id,
    organizationId: m.organizationId,
    bodyId: m.bodyId,
    kind: m.kind,
    title: m.title,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    location: m.location,
    onlineUrl: m.onlineUrl,
  };
}
