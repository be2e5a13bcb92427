import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/permissions';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { listResolutions } from '@/lib/resolutions/queries';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';
import { NumberSymbol, ResolutionStatusBadge } from './badges';

/**
 * The meeting page's "Nghị quyết, kết luận" section: the meeting's documents the viewer may see
 * (lib/resolutions/access.ts), and a link to draft one for those who draft in its organisation.
 */
export async function MeetingResolutions({ meetingId, organizationPath }: { meetingId: string; organizationPath: string }) {
  const viewer = await requireViewer();
  const scope = { organizationPath };
  const canDraft = can(viewer, 'resolution.draft', scope);
  if (!canDraft && !can(viewer, 'resolution.view', scope)) return null;
  const t = await getTranslations('resolutions');
  const { items } = await listResolutions(getDb(), viewer, { meetingId, limit: 50 });

  return (
    <section className={cardStyles} aria-labelledby="meeting-resolutions-heading" data-testid="meeting-resolutions">
      <h2 id="meeting-resolutions-heading" className="mb-2 text-xl font-bold">
        {t('meeting.heading')}
      </h2>
      {items.length === 0 ? (
        <p className="mb-3 text-stone-600">{t('meeting.empty')}</p>
      ) : (
        <ul className="mb-3 divide-y divide-stone-200">
          {items.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <NumberSymbol value={r.numberSymbol} empty={t('list.noNumber')} />
              <Link href={`/resolutions/${r.id}`} className={`${buttonStyles.link} min-w-0 [overflow-wrap:anywhere]`}>
                {t(`types.${r.type}`)}: {r.title}
              </Link>
              <ResolutionStatusBadge status={r.status} label={t(`status.${r.status}`)} />
            </li>
          ))}
        </ul>
      )}
      {canDraft && (
        <Link href={`/resolutions/new?meetingId=${meetingId}`} className={buttonStyles.secondary}>
          {t('meeting.draft')}
        </Link>
      )}
    </section>
  );
}
