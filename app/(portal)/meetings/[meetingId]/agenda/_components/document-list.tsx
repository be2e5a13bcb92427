import { getTranslations } from 'next-intl/server';
import { buttonStyles } from '@/app/_components/ui/styles';
import { kindOfMime } from '@/lib/storage/sniff';
import { removeMeetingDocument } from '../actions';
import { ConfirmButton } from './confirm-button';

export type DocumentRow = { id: string; title: string; fileName: string; contentType: string; sizeBytes: number };

export function formatSize(bytes: number, locale: string) {
  const format = (n: number, unit: string) =>
    `${new Intl.NumberFormat(locale, { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n)} ${unit}`;
  if (bytes < 1024 * 1024) return format(Math.max(bytes / 1024, 0.1), 'KB');
  return format(bytes / 1024 / 1024, 'MB');
}

/** A meeting's documents as large links that open in a new tab; a remove button for preparers. */
export async function DocumentList({
  meetingId,
  documents,
  canRemove,
  locale,
}: {
  meetingId: string;
  documents: DocumentRow[];
  canRemove: boolean;
  locale: string;
}) {
  const t = await getTranslations('agenda');
  if (documents.length === 0) return <p className="text-stone-600">{t('documents.none')}</p>;
  return (
    <ul className="divide-y divide-stone-200">
      {documents.map((doc) => (
        <li key={doc.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="document">
          <div className="min-w-0 flex-1">
            <a
              href={`/api/meetings/${meetingId}/documents/${doc.id}`}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t('documents.openLabel', { title: doc.title })}
              className={`${buttonStyles.link} [overflow-wrap:anywhere]`}
            >
              {doc.title}
            </a>
            <p className="text-sm text-stone-600 [overflow-wrap:anywhere]">
              {t('documents.details', {
                type: t(`documents.types.${kindOfMime(doc.contentType) ?? 'other'}`),
                size: formatSize(doc.sizeBytes, locale),
              })}{' '}
              · {doc.fileName}
            </p>
          </div>
          {canRemove && (
            <ConfirmButton
              action={removeMeetingDocument}
              fields={{ meetingId, documentId: doc.id }}
              label={t('documents.remove.open')}
              ariaLabel={t('documents.remove.label', { title: doc.title })}
              question={t('documents.remove.question', { title: doc.title })}
              confirmLabel={t('documents.remove.confirm')}
              cancelLabel={t('documents.remove.cancel')}
              pendingLabel={t('working')}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
