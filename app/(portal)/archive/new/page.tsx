import { getTranslations } from 'next-intl/server';
import { ClientMessages } from '@/app/_components/client-messages';
import { PageHeader } from '@/app/_components/ui/page-header';
import { cardStyles } from '@/app/_components/ui/styles';
import { retentionRules } from '@/lib/archive/records';
import { manageableOrganizations, stagedUploads } from '@/lib/archive/queries';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { NewRecordForm } from './_components/new-record-form';

export async function generateMetadata() {
  return { title: (await getTranslations('archive'))('new.title') };
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Those who manage an archive (secretary, deputy secretary, clerk) file documents of their organisations. */
export default async function NewRecordPage() {
  const viewer = await requirePermission('archive.manage');
  const t = await getTranslations('archive');
  const db = getDb();
  const [organizations, staged, rules] = await Promise.all([manageableOrganizations(db, viewer), stagedUploads(db, viewer.id), retentionRules(db)]);
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      {organizations.length === 0 ? (
        <p className={cardStyles}>{t('new.noOrganizations')}</p>
      ) : (
        <ClientMessages areas={['common', 'validation', 'archive', 'uploads']}>
          <NewRecordForm
            maxBytes={env().UPLOAD_MAX_BYTES}
            organizations={organizations.map((o) => ({ id: o.id, name: o.name }))}
            staged={staged.map((u) => ({ id: u.id, label: `${u.fileName} (${formatSize(u.sizeBytes)})` }))}
            rules={rules}
          />
        </ClientMessages>
      )}
    </>
  );
}
