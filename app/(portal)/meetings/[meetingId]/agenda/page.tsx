import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { meetingAccess } from '@/lib/meetings/access';
import { canEditAgenda, canEditDocuments, listAgenda, listDocuments } from '@/lib/meetings/agenda';
import { MAX_DOCUMENT_BYTES } from '@/lib/meetings/documents';
import { AgendaItemForm } from './_components/agenda-item-form';
import { DocumentList } from './_components/document-list';
import { DocumentUploadForm } from './_components/document-upload-form';
import { ItemControls } from './_components/item-controls';

type Props = { params: Promise<{ meetingId: string }> };

/** The page's data, once per request; undefined (not visible, or no such meeting) answers 404. */
const load = cache(async (meetingId: string) => {
  const viewer = await requireViewer();
  const db = getDb();
  const access = await meetingAccess(db, viewer, meetingId);
  if (!access) return undefined;
  const [agenda, documents] = await Promise.all([listAgenda(db, access), listDocuments(db, access)]);
  return { access, agenda, documents };
});

export async function generateMetadata({ params }: Props) {
  const data = await load((await params).meetingId);
  const t = await getTranslations('agenda');
  return { title: data ? t('metaTitle', { meeting: data.access.meeting.title }) : t('title') };
}

export default async function AgendaPage({ params }: Props) {
  const data = await load((await params).meetingId);
  if (!data) notFound();
  const t = await getTranslations('agenda');
  const locale = await getLocale();
  const { access, agenda, documents } = data;
  const { meeting } = access;
  const editable = canEditAgenda(access);
  const documentsEditable = canEditDocuments(access);
  const version = meeting.agendaVersion;
  const total = agenda.reduce((sum, item) => sum + (item.plannedMinutes ?? 0), 0);
  const general = documents.filter((d) => !d.agendaItemId);

  return (
    <>
      <p className="mb-2">
        <Link href={`/meetings/${meeting.id}`} className={buttonStyles.link}>
          ‹ {t('backToMeeting')}
        </Link>
      </p>
      <PageHeader
        title={t('title')}
        description={meeting.title}
        actions={
          <Link href={`/meetings/${meeting.id}/pack`} className={buttonStyles.secondary}>
            {t('openPack')}
          </Link>
        }
      />

      {access.canPrepare && !editable && (
        <p role="note" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900">
          {t('notEditable')}
        </p>
      )}

      <div className="grid gap-6">
        <section aria-labelledby="agenda-heading" className={cardStyles}>
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="agenda-heading" className="text-xl font-bold">
              {t('listLabel')}
            </h2>
            {total > 0 && <p className="text-stone-700">{t('totalMinutes', { minutes: total })}</p>}
          </div>
          {agenda.length === 0 ? (
            <p className="text-stone-600">{t('empty')}</p>
          ) : (
            <ol className="grid gap-4" data-testid="agenda">
              {agenda.map((item, index) => {
                const number = index + 1;
                const itemDocuments = documents.filter((d) => d.agendaItemId === item.id);
                return (
                  <li
                    key={item.id}
                    aria-labelledby={`item-${item.id}`}
                    className="min-w-0 rounded-lg border border-stone-200 p-4"
                    data-testid="agenda-item"
                  >
                    <div className="flex flex-wrap items-start gap-3">
                      <span
                        aria-hidden="true"
                        className="flex size-11 shrink-0 items-center justify-center rounded-full bg-brand-700 text-lg font-bold text-white"
                      >
                        {number}
                      </span>
                      <div className="min-w-0 flex-1">
                        <h3 id={`item-${item.id}`} className="text-lg font-bold [overflow-wrap:anywhere]">
                          <span className="sr-only">{t('itemNumber', { number })}: </span>
                          {item.title}
                        </h3>
                        <p className="flex flex-wrap gap-x-3 gap-y-1 text-stone-700">
                          <span className="rounded bg-stone-100 px-2 font-semibold">{t(`kinds.${item.kind}`)}</span>
                          {item.presenter && <span className="[overflow-wrap:anywhere]">{t('presentedBy', { name: item.presenter })}</span>}
                          {item.plannedMinutes && <span>{t('minutes', { count: item.plannedMinutes })}</span>}
                          {item.hiddenFromGuests && (
                            <span className="rounded bg-amber-100 px-2 font-semibold text-amber-900">{t('hiddenBadge')}</span>
                          )}
                        </p>
                      </div>
                    </div>

                    {editable && (
                      <div className="mt-3 space-y-3">
                        <ItemControls
                          meetingId={meeting.id}
                          version={version}
                          item={{ id: item.id, title: item.title, number }}
                          first={index === 0}
                          last={index === agenda.length - 1}
                        />
                        <details className="rounded-lg border border-stone-200">
                          <summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-brand-700">
                            {t('edit.open', { number })}
                          </summary>
                          <div className="p-3">
                            <AgendaItemForm meetingId={meeting.id} version={version} item={item} />
                          </div>
                        </details>
                      </div>
                    )}

                    <div className="mt-3">
                      <h4 className="font-semibold">{t('documents.ofItem', { number })}</h4>
                      <DocumentList
                        meetingId={meeting.id}
                        documents={itemDocuments}
                        canRemove={documentsEditable}
                        locale={locale}
                      />
                      {documentsEditable && (
                        <details className="mt-2 rounded-lg border border-stone-200">
                          <summary className="flex min-h-11 cursor-pointer items-center px-3 font-semibold text-brand-700">
                            {t('documents.upload.openForItem', { number })}
                          </summary>
                          <div className="p-3">
                            <DocumentUploadForm meetingId={meeting.id} agendaItemId={item.id} maxBytes={MAX_DOCUMENT_BYTES} />
                          </div>
                        </details>
                      )}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        {editable && (
          <section aria-labelledby="add-heading" className={cardStyles}>
            <h2 id="add-heading" className="mb-3 text-xl font-bold">
              {t('add.heading')}
            </h2>
            <AgendaItemForm meetingId={meeting.id} version={version} />
          </section>
        )}

        <section aria-labelledby="documents-heading" className={cardStyles}>
          <h2 id="documents-heading" className="mb-3 text-xl font-bold">
            {t('documents.meetingLevel')}
          </h2>
          <DocumentList meetingId={meeting.id} documents={general} canRemove={documentsEditable} locale={locale} />
          {access.canPrepare && !documentsEditable && <p className="mt-2 text-stone-600">{t('documents.notEditable')}</p>}
          {documentsEditable && (
            <div className="mt-4 border-t border-stone-200 pt-4">
              <h3 className="mb-3 text-lg font-bold">{t('documents.upload.open')}</h3>
              <DocumentUploadForm
                meetingId={meeting.id}
                maxBytes={MAX_DOCUMENT_BYTES}
                items={agenda.map((item, index) => ({ id: item.id, label: `${index + 1}. ${item.title}` }))}
              />
            </div>
          )}
        </section>
      </div>
    </>
  );
}
