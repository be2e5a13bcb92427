import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { ClientMessages } from '@/app/_components/client-messages';
import { ConfirmAction } from '@/app/_components/ui/confirm-action';
import { PageHeader } from '@/app/_components/ui/page-header';
import { buttonStyles, cardStyles } from '@/app/_components/ui/styles';
import { recordAccess } from '@/lib/archive/access';
import { isStateSecret, retentionEndsOn } from '@/lib/archive/constants';
import { auditRecordView } from '@/lib/archive/files';
import { recordPeople, recordVersions, versionPreviews } from '@/lib/archive/queries';
import { retentionRules } from '@/lib/archive/records';
import { getRequestMeta, requireViewer } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { retryArchiveExtraction } from './actions';
import { EditRecordForm } from './_components/edit-record-form';
import { ExtractionWatch } from './_components/extraction-watch';
import { HoldForm } from './_components/hold-form';
import { RecordViewer } from './_components/record-viewer';
import { VersionForm } from './_components/version-form';

type Props = { params: Promise<{ recordId: string }> };

/** The viewer's access (lib/archive/access.ts), once per request; undefined answers 404. */
const load = cache(async (recordId: string) => {
  const viewer = await requireViewer();
  const access = await recordAccess(getDb(), viewer, recordId);
  return access && { viewer, access };
});

export async function generateMetadata({ params }: Props) {
  const loaded = await load((await params).recordId);
  return { title: loaded?.access.record.title ?? (await getTranslations('archive'))('title') };
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const ACTIVE = new Set(['queued', 'processing']);

/**
 * One archived record: metadata, the document itself as page images (no download needed),
 * versions with their processing status, and, for those who manage the archive, editing, new
 * versions and legal hold. Every load of this page is audited as a view of the record.
 */
export default async function RecordPage({ params }: Props) {
  const loaded = await load((await params).recordId);
  if (!loaded) notFound();
  const { viewer, access } = loaded;
  const { record } = access;
  const db = getDb();
  const t = await getTranslations('archive');
  const ti = await getTranslations('ingest');
  const format = await getFormatter();
  const [versions, people] = await Promise.all([recordVersions(db, record.id), recordPeople(db, access)]);
  const current = versions.find((v) => v.id === record.currentVersionId);
  const previews = current?.hasFile ? await versionPreviews(db, current.id) : [];
  await auditRecordView(db, viewer, await getRequestMeta(), access, { via: 'page', version: current?.version ?? null, pages: previews.length });

  const active = record.status === 'active';
  const manage = access.canManage && active;
  const rules = manage ? await retentionRules(db) : {};
  const secret = isStateSecret(record.classification);
  const date = (value: string | Date) => format.dateTime(typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value, { dateStyle: 'long', timeZone: typeof value === 'string' ? 'UTC' : 'Asia/Ho_Chi_Minh' });
  const time = (value: Date) => format.dateTime(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' });
  const endsOn = retentionEndsOn(record.issuedOn, record.createdAt, record.retentionYears);
  const row = (label: string, value: React.ReactNode) => (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="font-semibold text-stone-700">{label}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{value || <span className="text-stone-500">{t('detail.notSet')}</span>}</dd>
    </div>
  );
  const watching = versions.some((v) => v.hasFile && ACTIVE.has(v.extraction));
  const badge = 'inline-flex min-h-8 items-center rounded-full px-3 text-sm font-semibold';

  return (
    <ClientMessages areas={['common', 'validation', 'archive', 'uploads']}>
      {watching && <ExtractionWatch recordId={record.id} statuses={versions.map((v) => v.extraction).join(',')} />}
      <nav aria-label={t('detail.backToSearch')} className="mb-2">
        <Link href="/archive" className={buttonStyles.link}>
          ‹ {t('detail.backToSearch')}
        </Link>
      </nav>
      <PageHeader
        title={record.title}
        description={[record.numberSymbol, t(`types.${record.type}`), access.organizationName].filter(Boolean).join(' · ')}
        actions={
          <>
            {record.classification !== 'normal' && <span className={`${badge} ${secret ? 'bg-red-100 text-red-900' : 'bg-amber-100 text-amber-900'}`}>{t(`classifications.${record.classification}`)}</span>}
            {record.legalHold && <span className={`${badge} bg-amber-100 text-amber-900`}>{t('detail.legalHold')}</span>}
            {!active && <span className={`${badge} bg-stone-200 text-stone-800`}>{t('detail.destroyedTitle')}</span>}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid min-w-0 content-start gap-6">
          {!active && (
            <section className={`${cardStyles} border-stone-400`} aria-labelledby="tombstone-heading">
              <h2 id="tombstone-heading" className="mb-2 text-xl font-bold">
                {t('detail.destroyedTitle')}
              </h2>
              <p>{t('detail.destroyed', { date: record.destroyedAt ? date(record.destroyedAt) : '', name: people.destroyedByName ?? t('versions.unknownUser') })}</p>
              {people.disposalReason && <p className="mt-2">{t('detail.destroyedReason', { reason: people.disposalReason })}</p>}
            </section>
          )}

          {active && (
            <section className={cardStyles} aria-labelledby="viewer-heading">
              <h2 id="viewer-heading" className="mb-3 text-xl font-bold">
                {t('viewer.title')}
              </h2>
              {secret ? (
                <p role="note" className="rounded-lg bg-red-50 px-3 py-2 font-semibold text-red-900">
                  {t('detail.stateSecret', { level: t(`classifications.${record.classification}`) })}
                </p>
              ) : !current ? (
                <p className="text-stone-600">{t('detail.metadataOnly')}</p>
              ) : previews.length > 0 ? (
                <RecordViewer recordId={record.id} version={current.version} title={record.title} pages={previews} />
              ) : ACTIVE.has(current.extraction) ? (
                <p role="status" className="rounded-lg bg-stone-100 px-3 py-2">
                  {t('viewer.queued')}
                </p>
              ) : (
                <p className="rounded-lg bg-stone-100 px-3 py-2">{current.extraction === 'failed' ? t('viewer.failed') : t('viewer.noPreview')}</p>
              )}
            </section>
          )}

          <section className={cardStyles} aria-labelledby="metadata-heading">
            <h2 id="metadata-heading" className="mb-2 text-xl font-bold">
              {t('detail.metadata')}
            </h2>
            <dl className="divide-y divide-stone-200">
              {row(t('fields.type'), t(`types.${record.type}`))}
              {row(t('fields.numberSymbol'), record.numberSymbol)}
              {row(t('fields.abstract'), record.abstract)}
              {row(t('fields.issuerName'), record.issuerName)}
              {row(t('fields.issuedOn'), record.issuedOn && date(record.issuedOn))}
              {row(t('fields.signer'), record.signer)}
              {row(t('fields.recipients'), record.recipients)}
              {row(t('fields.classification'), t(`classifications.${record.classification}`))}
              {row(t('fields.audience'), t(`audiences.${record.audience}`))}
              {row(
                t('fields.retention'),
                record.retentionYears === null ? t('retention.permanent') : `${t('retention.years', { years: record.retentionYears })} · ${t('retention.until', { date: date(endsOn!) })}`,
              )}
              {record.legalHold && access.canManage && row(t('hold.title'), t('detail.legalHoldReason', { reason: record.legalHoldReason ?? '' }))}
              {row(t('detail.organization'), access.organizationName)}
              {row(t('detail.createdBy'), people.createdByName)}
              {row(t('detail.createdAt'), time(record.createdAt))}
            </dl>
          </section>
        </div>

        <div className="grid min-w-0 content-start gap-6">
          <section className={cardStyles} aria-labelledby="versions-heading">
            <h2 id="versions-heading" className="mb-2 text-xl font-bold">
              {t('versions.title')}
            </h2>
            {versions.length === 0 ? (
              <p className="text-stone-600">{t('detail.metadataOnly')}</p>
            ) : (
              <>
                <ol className="divide-y divide-stone-200">
                  {versions.map((v) => (
                    <li key={v.id} className="grid gap-1 py-3" data-testid="version">
                      <p className="font-semibold">
                        {t('versions.version', { number: v.version })}
                        {v.id === record.currentVersionId && <span className="ml-2 rounded-full bg-brand-50 px-2 text-sm text-brand-800">{t('versions.current')}</span>}
                      </p>
                      <p className="[overflow-wrap:anywhere]">
                        {v.fileName} · {formatSize(v.sizeBytes)}
                        {v.pageCount ? ` · ${ti('pageCount', { count: v.pageCount })}` : ''}
                      </p>
                      <p className="text-sm text-stone-600">
                        {t('versions.by', { name: v.createdByName ?? t('versions.unknownUser'), time: time(v.createdAt) })} · {v.reason ? t('versions.reason', { reason: v.reason }) : t('versions.firstReason')}
                      </p>
                      {v.hasFile ? (
                        <>
                          <p className="text-sm" data-testid="extraction-status">
                            <span className="font-semibold">{ti(`status.${v.extraction}`)}</span>
                            {v.extraction === 'done' && v.textSource && ` · ${ti(`source.${v.textSource as 'ocr'}`)}`}
                          </p>
                          {v.extraction === 'failed' && v.extractionError && <p className="text-sm text-red-800">{t('versions.extractionError', { reason: v.extractionError })}</p>}
                          <div className="flex flex-wrap gap-2">
                            <a href={`/api/v1/documents/${record.id}/download?version=${v.version}`} className={buttonStyles.secondary} download>
                              {t('versions.download')}
                            </a>
                            {manage && v.extraction === 'failed' && (
                              <ConfirmAction action={retryArchiveExtraction} fields={{ recordId: record.id, versionId: v.id }} label={ti('retry')} variant="secondary" />
                            )}
                          </div>
                        </>
                      ) : (
                        <p className="text-sm text-stone-600">{t('versions.destroyedFile')}</p>
                      )}
                      <p className="text-xs break-all text-stone-500">
                        {t('versions.sha256')}: {v.sha256}
                      </p>
                    </li>
                  ))}
                </ol>
                {active && versions.some((v) => v.hasFile && v.contentType === 'application/pdf') && <p className="mt-2 text-sm text-stone-600">{t('versions.downloadHint')}</p>}
              </>
            )}
          </section>

          {manage && (
            <section className={cardStyles} aria-labelledby="manage-heading">
              <h2 id="manage-heading" className="mb-2 text-xl font-bold">
                {t('detail.manage')}
              </h2>
              <div className="divide-y divide-stone-200">
                <details className="py-2">
                  <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('edit.title')}</summary>
                  <div className="pt-3">
                    <EditRecordForm
                      recordId={record.id}
                      updatedAt={record.updatedAt.toISOString()}
                      rules={rules}
                      values={{
                        type: record.type,
                        numberSymbol: record.numberSymbol ?? '',
                        title: record.title,
                        abstract: record.abstract ?? '',
                        issuerName: record.issuerName ?? '',
                        issuedOn: record.issuedOn ?? '',
                        signer: record.signer ?? '',
                        recipients: record.recipients ?? '',
                        classification: record.classification,
                        audience: record.audience,
                        retention: record.retentionYears === null ? 'permanent' : String(record.retentionYears),
                      }}
                    />
                  </div>
                </details>
                {!secret && (
                  <details className="py-2">
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('versions.add')}</summary>
                    <div className="pt-3">
                      <VersionForm recordId={record.id} maxBytes={env().UPLOAD_MAX_BYTES} />
                    </div>
                  </details>
                )}
                <details className="py-2" open={record.legalHold}>
                  <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t('hold.title')}</summary>
                  <div className="pt-3">
                    <HoldForm recordId={record.id} held={record.legalHold} />
                  </div>
                </details>
              </div>
            </section>
          )}
        </div>
      </div>
    </ClientMessages>
  );
}
