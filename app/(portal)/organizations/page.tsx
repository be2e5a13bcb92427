import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { type OrganizationSummary, compareVietnamese, visibleOrganizations } from '@/lib/organizations/queries';
import { PageHeader } from '../../_components/ui/page-header';
import { cardStyles } from '../../_components/ui/styles';
import { KindBadge } from './_components/badges';

export async function generateMetadata() {
  return { title: (await getTranslations('organizations'))('title') };
}

type TreeNode = OrganizationSummary & { children: TreeNode[] };

/**
 * Nests a depth-first list (parents first); an organisation whose parent is hidden becomes a root.
 * Siblings are put in Vietnamese alphabetical order.
 */
function buildTree(rows: OrganizationSummary[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  for (const row of rows) {
    const node: TreeNode = { ...row, children: [] };
    nodes.set(row.id, node);
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: TreeNode[]) => {
    nodes.sort((a, b) => compareVietnamese(a.name, b.name));
    for (const node of nodes) sort(node.children);
  };
  sort(roots);
  return roots;
}

export default async function OrganizationsPage() {
  const viewer = await requirePermission('organization.view');
  const t = await getTranslations();
  const tree = buildTree(await visibleOrganizations(getDb(), viewer));

  const renderNodes = (nodes: TreeNode[]) =>
    nodes.map((node) => (
      <li key={node.id} data-testid="organization-node">
        <div className="flex flex-col gap-1 py-2 sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-3">
          <KindBadge kind={node.kind} label={t(`common.organizationKinds.${node.kind}`)} />
          <Link
            href={`/organizations/${node.id}`}
            className="inline-flex min-h-11 min-w-0 items-center text-lg font-semibold text-brand-700 underline-offset-4 [overflow-wrap:anywhere] hover:underline"
          >
            {node.name}
          </Link>
          <span className="text-stone-600 [overflow-wrap:anywhere]">
            {t('organizations.codeAndTerm', { code: node.code, term: node.currentTerm })}
          </span>
        </div>
        {node.children.length > 0 && (
          <ul className="ml-1 border-l-2 border-stone-200 pl-3 sm:ml-3 sm:pl-5">{renderNodes(node.children)}</ul>
        )}
      </li>
    ));

  return (
    <>
      <PageHeader title={t('organizations.title')} description={t('organizations.intro')} />
      <section className={cardStyles} aria-label={t('organizations.treeLabel')}>
        {tree.length === 0 ? (
          <p className="text-stone-600">{t('organizations.empty')}</p>
        ) : (
          <ul className="min-w-0">{renderNodes(tree)}</ul>
        )}
      </section>
    </>
  );
}
