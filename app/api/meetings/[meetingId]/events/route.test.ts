import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/viewer';
import { closeLiveHub } from '@/lib/meetings/live-hub';
import { liveMeeting } from '@/lib/meetings/room-fixtures';
import { viewerFor } from '@/lib/test/fixtures';
import { GET } from './route';

const request = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock('@/lib/auth/viewer', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/auth/viewer')>()),
  getViewer: async () => request.viewer,
}));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('next-intl');
  const { loadMessages } = await import('@/lib/i18n/messages');
  const messages = await loadMessages('vi');
  return { getTranslations: async (namespace?: string) => createTranslator({ locale: 'vi', messages, namespace }) };
});

afterAll(() => closeLiveHub());

const call = (meetingId: string, signal?: AbortSignal) =>
  GET(new Request(`http://localhost/api/meetings/${meetingId}/events`, { signal }), { params: Promise.resolve({ meetingId }) });

describe('GET /api/meetings/[meetingId]/events', () => {
  it('needs a session, and answers 404 to whoever may not see the meeting', async () => {
    const live = await liveMeeting();
    request.viewer = null;
    expect((await call(live.meetingId)).status).toBe(401);
    request.viewer = await viewerFor('admin@quorum.local');
    const hidden = await call(live.meetingId);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    request.viewer = await viewerFor('member@quorum.local');
    expect((await call('00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await call('not-a-uuid')).status).toBe(404);
  });

  it('streams the snapshot first to a participant', async () => {
    const live = await liveMeeting();
    request.viewer = await viewerFor('member@quorum.local');
    const abort = new AbortController();
    const response = await call(live.meetingId, abort.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('event: state')) text += (await reader.read()).value ?? '';
    while (!text.endsWith('\n\n')) text += (await reader.read()).value ?? '';
    const data = JSON.parse(text.slice(text.indexOf('data: ') + 6));
    expect(data).toMatchObject({ me: { userId: request.viewer!.id, isParticipant: true }, state: { meetingId: live.meetingId, status: 'in_progress' } });
    expect(data.state.roster).toBeNull();
    abort.abort();
  });
});
