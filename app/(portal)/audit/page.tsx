import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { auditQueryString, parseAuditFilters } from '@/lib/audit/filters';
import { detailsText, formatAuditTime, isActionKey, printable } from '@/lib/audit/format';
import { type AuditEventRow, auditOrganizations, listAuditEvents } from '@/lib/audit/queries';
import { requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { PageHeader } from '../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../_components/ui/styles';
import { AuditFilterForm } from './_components/audit-filters';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('title') };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

type Translator = Awaited<ReturnType<typeof getTranslations>>;

/** Known action names as messages (`audit.actions.auth.sign_in`), flattened for suggestions. */
function flattenActions(tree: unknown, prefix = ''): { value: string; label: string }[] {
  if (typeof tree === 'string') return [{ value: prefix, label: tree }];
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, child]) => flattenActions(child, prefix ? `${prefix}.${key}` : key));
}

/** Each known action, and each group of them (`auth`, `admin.user`) as a prefix to filter by. */
function actionSuggestions(tree: unknown) {
  const actions = flattenActions(tree);
  const groups = new Set(actions.flatMap((a) => a.value.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  return [...[...groups].sort().map((g) => ({ value: g, label: g })), ...actions];
}

function messageOr(t: Translator, key: string, fallback: string) {
  return t.has(key) && typeof t.raw(key) === 'string' ? t(key) : fallback;
}

export default async function AuditPage({ searchParams }: Props) {
  const viewer = await requirePermission('audit.view');
  const t = await getTranslations();
  const raw = await searchParams;
  const { filters, invalid } = parseAuditFilters(raw);
  const db = getDb();
  const page = await listAuditEvents(db, viewer, filters);
  const organizations = await auditOrganizations(db, viewer);

  const minDepth = organizations.length ? Math.min(...organizations.map((o) => o.depth)) : 0;
  const actionLabel = (action: string) =>
    isActionKey(action) ? messageOr(t, `audit.actions.${action}`, action) : action;
  const entityLabel = (type: string) => (isActionKey(type) ? messageOr(t, `audit.entityTypes.${type}`, type) : type);
  const first = (name: string) => {
    const value = raw[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const values = { action: first('action'), actor: first('actor'), org: first('org'), from: first('from'), to: first('to') };
  const columns = ['time', 'actor', 'action', 'organization', 'entity', 'ip', 'details'] as const;
  const label = (column: (typeof columns)[number]) => t(`audit.columns.${column}`);
  const none = <span className="text-stone-500">{t('audit.noValue')}</span>;

  const cells = (event: AuditEventRow): Record<(typeof columns)[number], React.ReactNode> => {
    const action = printable(event.action);
    const translated = actionLabel(event.action);
    const details = detailsText(event.details);
    return {
      time: (
        <>
          <time dateTime={event.occurredAt.toISOString()} className="whitespace-nowrap">
            {formatAuditTime(event.occurredAt)}
          </time>
          <span className="block text-xs text-stone-500">{t('audit.eventNumber', { id: event.id })}</span>
        </>
      ),
      actor: event.actorName ? printable(event.actorName) : <span className="text-stone-500">{t('audit.system')}</span>,
      action: (
        <>
          <span className="font-semibold">{translated === event.action ? action : translated}</span>
          {translated !== event.action && <span className="block font-mono text-xs text-stone-500">{action}</span>}
        </>
      ),
      organization: event.organizationName ? printable(event.organizationName) : none,
      entity: event.entityType ? (
        <>
          {printable(entityLabel(event.entityType))}
          {event.entityId && <span className="block font-mono text-xs text-stone-500">{printable(event.entityId)}</span>}
        </>
      ) : (
        none
      ),
      // IPv4 stays on one line; a long IPv6 address may wrap.
      ip: event.ip ? (
        <span className={`font-mono text-sm ${event.ip.includes(':') ? '' : 'whitespace-nowrap'}`}>{event.ip}</span>
      ) : (
        none
      ),
      details: (
        <>
          {details ? <code className="block font-mono text-xs text-stone-700">{details}</code> : none}
          <span className="block font-mono text-xs text-stone-600">{t('audit.hashPrefix', { hash: event.hashPrefix })}</span>
        </>
      ),
    };
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={viewer.isAdmin ? t('audit.intro') : `${t('audit.intro')} ${t('audit.introScoped')}`}
      />

      <AuditFilterForm
        // A new query string remounts the form, so its fields show the filters in force.
        key={JSON.stringify(values)}
        values={values}
        invalid={invalid}
        organizations={organizations.map((o) => ({ id: o.id, name: o.name, level: o.depth - minDepth }))}
        actions={actionSuggestions(t.raw('audit.actions'))}
        labels={{
          title: t('audit.filters.title'),
          action: t('audit.filters.action'),
          actionHint: t('audit.filters.actionHint'),
          actor: t('audit.filters.actor'),
          actorHint: t('audit.filters.actorHint'),
          organization: t('audit.filters.organization'),
          allOrganizations: t('audit.filters.allOrganizations'),
          from: t('audit.filters.from'),
          to: t('audit.filters.to'),
          dateHint: t('audit.filters.dateHint'),
          invalidField: t('audit.filters.invalidField'),
          apply: t('common.filter'),
          clear: t('common.clearFilters'),
        }}
      />

      <section className={cardStyles} aria-labelledby="audit-results-heading">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h2 id="audit-results-heading" className="text-xl font-bold">
            {t('audit.results')}
          </h2>
          <p className="text-sm text-stone-600">{t('audit.timeZoneNote')}</p>
        </div>
        {invalid.length > 0 && (
          <p role="alert" className="mb-3 rounded-lg bg-amber-50 px-3 py-2 font-semibold text-amber-900">
            {t('audit.filters.invalid')}
          </p>
        )}

        {page.events.length === 0 ? (
          <p className="text-stone-600">{t('audit.empty')}</p>
        ) : (
          // A table from tablet width up; below it each row stacks into a card with its own labels.
          <div className="lg:overflow-x-auto">
            <table className="w-full border-collapse text-left max-lg:block" data-testid="audit-table">
              <caption className="sr-only">{t('audit.results')}</caption>
              <thead className="max-lg:sr-only">
                <tr>
                  {columns.map((column) => (
                    <th key={column} scope="col" className="border-b-2 border-stone-300 px-2 py-2 align-bottom text-sm font-semibold">
                      {label(column)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="max-lg:block">
                {page.events.map((event) => {
                  const content = cells(event);
                  return (
                    <tr
                      key={event.id}
                      data-testid="audit-row"
                      className="border-b border-stone-200 align-top max-lg:block max-lg:py-3 max-lg:first:pt-0"
                    >
                      {columns.map((column) => (
                        <td
                          key={column}
                          className={`px-2 py-2 max-lg:grid max-lg:grid-cols-[7.5rem_minmax(0,1fr)] max-lg:gap-x-3 max-lg:px-0 max-lg:py-1 ${
                            column === 'details' ? 'lg:max-w-64' : ''
                          }`}
                        >
                          {/* The column name, shown only where rows stack (the header row is hidden there). */}
                          <span className="text-sm font-semibold text-stone-600 lg:hidden">{label(column)}</span>
                          <div className="min-w-0 [overflow-wrap:anywhere]">{content[column]}</div>
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}

        {(page.newerAfter !== null || page.olderBefore !== null) && (
          <nav aria-label={t('audit.pagination')} className="mt-4 flex flex-wrap justify-between gap-2">
            {page.newerAfter !== null ? (
              <Link href={`/audit${auditQueryString(filters, { after: page.newerAfter })}`} className={buttonStyles.secondary}>
                <span aria-hidden="true">←</span> {t('common.previous')}
              </Link>
            ) : (
              <span />
            )}
            {page.olderBefore !== null && (
              <Link href={`/audit${auditQueryString(filters, { before: page.olderBefore })}`} className={buttonStyles.secondary}>
                {t('common.next')} <span aria-hidden="true">→</span>
              </Link>
            )}
          </nav>
        )}
      </section>
    </>
  );
}
