import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type AdminTreeNode, childKindsOf, organizationTreeForAdmin } from '@/lib/organizations/admin';
import { PageHeader } from '../../../_components/ui/page-header';
import { cardStyles } from '../../../_components/ui/styles';
import { CreateOrganizationForm, type ParentOption } from './_components/create-organization-form';

export async function generateMetadata() {
  return { title: (await getTranslations('adminOrganizations'))('title') };
}

export default async function AdminOrganizationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission('admin.organizations.manage');
  const t = await getTranslations();
  const tree = await organizationTreeForAdmin(getDb());
  const { parent } = await searchParams;

  const children = new Map<string | null, AdminTreeNode[]>();
  for (const node of tree) children.set(node.parentId, [...(children.get(node.parentId) ?? []), node]);

  const kindOption = (kind: AdminTreeNode['kind']) => ({ value: kind, label: t(`common.organizationKinds.${kind}`) });
  const parents: ParentOption[] = [
    { value: '', label: t('adminOrganizations.create.noParent'), kinds: childKindsOf(null).map(kindOption) },
    ...tree
      .filter((o) => childKindsOf(o.kind).length > 0)
      .map((o) => ({
        value: o.id,
        label: `${'— '.repeat(o.depth)}${o.name} (${o.code})`,
        kinds: childKindsOf(o.kind).map(kindOption),
        term: o.currentTerm,
      })),
  ];
  const defaultParent = typeof parent === 'string' && parents.some((p) => p.value === parent) ? parent : (parents[1]?.value ?? '');

  const renderLevel = (parentId: string | null) => {
    const level = children.get(parentId) ?? [];
    return level.map((org) => {
      const below = children.get(org.id) ?? [];
      return (
        <li key={org.id} className="min-w-0">
          <div className="rounded-lg border border-stone-200 bg-stone-50 px-3 py-2">
            <Link
              href={`/admin/organizations/${org.id}`}
              className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-700 underline-offset-4 wrap-break-word hover:underline"
            >
              {org.name}
            </Link>
            <p className="flex flex-wrap gap-x-4 gap-y-1 text-stone-700">
              <span className="font-semibold">{t(`common.organizationKinds.${org.kind}`)}</span>
              <span>{t('adminOrganizations.tree.code', { code: org.code })}</span>
              <span>{t('adminOrganizations.tree.term', { term: org.currentTerm })}</span>
              <span>{t('adminOrganizations.tree.bodies', { count: org.bodyCount })}</span>
              <span>{t('adminOrganizations.tree.members', { count: org.memberCount })}</span>
            </p>
          </div>
          {below.length > 0 && (
            <ul
              aria-label={t('adminOrganizations.tree.subtree', { name: org.name })}
              className="mt-2 ml-2 space-y-2 border-l-2 border-stone-200 pl-2 sm:ml-4 sm:pl-4"
            >
              {renderLevel(org.id)}
            </ul>
          )}
        </li>
      );
    });
  };

  return (
    <>
      <PageHeader title={t('adminOrganizations.title')} description={t('adminOrganizations.intro')} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:items-start">
        <section className={`${cardStyles} min-w-0`} aria-labelledby="tree-heading">
          <h2 id="tree-heading" className="text-xl font-bold">
            {t('adminOrganizations.tree.title')}
          </h2>
          <p className="mt-1 mb-4 text-stone-600">{t('adminOrganizations.tree.help')}</p>
          {tree.length === 0 ? (
            <p className="text-stone-600">{t('adminOrganizations.tree.empty')}</p>
          ) : (
            <ul className="space-y-2" data-testid="organization-tree">
              {renderLevel(null)}
            </ul>
          )}
        </section>
        <section id="create" className={`${cardStyles} min-w-0 scroll-mt-4`} aria-labelledby="create-heading">
          <h2 id="create-heading" className="text-xl font-bold">
            {t('adminOrganizations.create.title')}
          </h2>
          <p className="mt-1 mb-4 text-stone-600">{t('adminOrganizations.create.help')}</p>
          <CreateOrganizationForm parents={parents} defaultParent={defaultParent} />
        </section>
      </div>
    </>
  );
}
