import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { seatStatus } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { getViewer, requirePermission } from '@/lib/auth/viewer';
import { getDb } from '@/lib/db/client';
import { voteSettingsOf } from '@/lib/votes/settings';
import { BODY_KINDS, childKindsOf, seatCandidates } from '@/lib/organizations/admin';
import { bodiesWithSeats, childOrganizations, organizationByIdForAdmin } from '@/lib/organizations/queries';
import { PageHeader } from '../../../../_components/ui/page-header';
import { buttonStyles, cardStyles } from '../../../../_components/ui/styles';
import { AddSeatForm } from '../_components/add-seat-form';
import { CreateBodyForm } from '../_components/create-body-form';
import { EditBodyForm } from '../_components/edit-body-form';
import { VoteSettingsForm } from '../_components/vote-settings-form';
import { EditOrganizationForm } from '../_components/edit-organization-form';
import { SeatRow } from '../_components/seat-row';

type Props = { params: Promise<{ organizationId: string }> };

/** The organisation for an admin, or 404 (also for ids that are not UUIDs). */
async function load(organizationId: string) {
  if (!z.guid().safeParse(organizationId).success) notFound();
  const organization = await organizationByIdForAdmin(getDb(), organizationId);
  if (!organization) notFound();
  return organization;
}

export async function generateMetadata({ params }: Props) {
  const { organizationId } = await params;
  const t = await getTranslations('adminOrganizations');
  // The name goes into <title>, so only for those who may see the page (others get a 404).
  if (!can(await getViewer(), 'admin.organizations.manage')) return {};
  if (!z.guid().safeParse(organizationId).success) return { title: t('title') };
  const organization = await organizationByIdForAdmin(getDb(), organizationId);
  return { title: organization ? `${organization.name} · ${t('title')}` : t('title') };
}

export default async function AdminOrganizationPage({ params }: Props) {
  await requirePermission('admin.organizations.manage');
  const { organizationId } = await params;
  const organization = await load(organizationId);
  const t = await getTranslations();
  const db = getDb();
  const [parent, children, bodies, members] = await Promise.all([
    organization.parentId ? organizationByIdForAdmin(db, organization.parentId) : Promise.resolve(undefined),
    childOrganizations(db, organization.id),
    bodiesWithSeats(db, organization.id),
    seatCandidates(db, organization.id),
  ]);
  const voteSettings = await voteSettingsOf(db, bodies.map((b) => b.id));

  const kindLabel = t(`common.organizationKinds.${organization.kind}`);
  const statuses = seatStatus.enumValues.map((s) => ({ value: s, label: t(`common.seatStatus.${s}`) }));
  const missingKinds = BODY_KINDS[organization.kind]
    .filter((kind) => !bodies.some((b) => b.kind === kind))
    .map((kind) => {
      const label = t(`common.bodyKinds.${kind}`);
      return { value: kind, label, suggestedName: `${label} ${organization.name}` };
    });
  // People with the same name are told apart by their e-mail address.
  const sameName = new Set(members.filter((m, i) => members.findIndex((o) => o.name === m.name) !== i).map((m) => m.name));
  const memberLabel = (m: (typeof members)[number]) => (sameName.has(m.name) ? `${m.name} (${m.email})` : m.name);
  const mayHaveChildren = childKindsOf(organization.kind).length > 0;

  return (
    <>
      <div className="mb-2 flex flex-wrap gap-x-6">
        <Link href="/admin/organizations" className={buttonStyles.link}>
          ← {t('adminOrganizations.backToTree')}
        </Link>
        {parent && (
          <Link href={`/admin/organizations/${parent.id}`} className={`${buttonStyles.link} wrap-break-word`}>
            {t('adminOrganizations.detail.parent', { name: parent.name })}
          </Link>
        )}
      </div>
      <PageHeader
        title={organization.name}
        description={t('adminOrganizations.detail.summary', {
          kind: kindLabel,
          code: organization.code,
          term: organization.currentTerm,
        })}
      />

      <div className="grid gap-6 lg:grid-cols-2 lg:items-start">
        <section className={`${cardStyles} min-w-0`} aria-labelledby="details-heading">
          <h2 id="details-heading" className="text-xl font-bold">
            {t('adminOrganizations.edit.title')}
          </h2>
          <p className="mt-1 mb-4 text-stone-600">{t('adminOrganizations.edit.help')}</p>
          <EditOrganizationForm
            organization={{
              id: organization.id,
              name: organization.name,
              code: organization.code,
              currentTerm: organization.currentTerm,
            }}
          />
        </section>

        <section className={`${cardStyles} min-w-0`} aria-labelledby="children-heading">
          <h2 id="children-heading" className="mb-3 text-xl font-bold">
            {t('adminOrganizations.children.title')}
          </h2>
          {!mayHaveChildren ? (
            <p className="text-stone-600">{t('adminOrganizations.children.none')}</p>
          ) : (
            <>
              {children.length === 0 ? (
                <p className="text-stone-600">{t('adminOrganizations.children.empty')}</p>
              ) : (
                <ul className="divide-y divide-stone-200">
                  {children.map((child) => (
                    <li key={child.id} className="py-1">
                      <Link href={`/admin/organizations/${child.id}`} className={`${buttonStyles.link} wrap-break-word`}>
                        {child.name}
                      </Link>
                      <span className="block text-stone-600">
                        {t(`common.organizationKinds.${child.kind}`)} · {t('adminOrganizations.tree.code', { code: child.code })}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <Link href={`/admin/organizations?parent=${organization.id}#create`} className={`${buttonStyles.secondary} mt-4`}>
                {t('adminOrganizations.children.add')}
              </Link>
            </>
          )}
        </section>
      </div>

      <section className="mt-8" aria-labelledby="bodies-heading">
        <h2 id="bodies-heading" className="text-2xl font-bold">
          {t('adminOrganizations.bodies.title')}
        </h2>
        <p className="mt-1 mb-4 text-stone-600">{t('adminOrganizations.bodies.help')}</p>
        {bodies.length === 0 && <p className="mb-4 text-stone-600">{t('adminOrganizations.bodies.empty')}</p>}

        <div className="space-y-6">
          {bodies.map((body) => {
            const seated = new Set(body.seats.map((s) => s.userId));
            const candidates = members.filter((m) => !seated.has(m.userId)).map((m) => ({ value: m.userId, label: memberLabel(m) }));
            return (
              <article key={body.id} className={`${cardStyles} min-w-0`} aria-labelledby={`body-${body.id}`}>
                <h3 id={`body-${body.id}`} className="text-xl font-bold wrap-break-word">
                  {body.name}
                </h3>
                <p className="mt-1 flex flex-wrap gap-x-4 text-stone-700">
                  <span className="font-semibold">{t(`common.bodyKinds.${body.kind}`)}</span>
                  <span>
                    {t('adminOrganizations.bodies.quorum', {
                      numerator: body.quorumNumerator,
                      denominator: body.quorumDenominator,
                    })}
                  </span>
                  <span>{t('adminOrganizations.bodies.seatCount', { count: body.seats.length })}</span>
                </p>

                <details className="group mt-3 rounded-lg border border-stone-200">
                  <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-3 py-2 font-semibold text-brand-700 [&::-webkit-details-marker]:hidden">
                    <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
                      ▸
                    </span>
                    <span className="min-w-0 wrap-break-word">{t('adminOrganizations.bodies.edit', { name: body.name })}</span>
                  </summary>
                  <div className="border-t border-stone-200 p-3">
                    <EditBodyForm
                      organizationId={organization.id}
                      body={{
                        id: body.id,
                        name: body.name,
                        quorumNumerator: body.quorumNumerator,
                        quorumDenominator: body.quorumDenominator,
                      }}
                    />
                    {voteSettings.get(body.id) && (
                      <VoteSettingsForm organizationId={organization.id} bodyId={body.id} settings={voteSettings.get(body.id)!} />
                    )}
                  </div>
                </details>

                <h4 className="mt-5 text-lg font-bold">{t('adminOrganizations.seats.title')}</h4>
                {body.seats.length === 0 ? (
                  <p className="text-stone-600">{t('adminOrganizations.seats.empty')}</p>
                ) : (
                  <ul className="divide-y divide-stone-200">
                    {body.seats.map((seat) => (
                      <SeatRow
                        key={seat.userId}
                        organizationId={organization.id}
                        bodyId={body.id}
                        seat={seat}
                        statuses={statuses}
                      />
                    ))}
                  </ul>
                )}

                <div className="mt-5 rounded-lg bg-stone-50 p-3 sm:p-4">
                  <h4 className="mb-3 text-lg font-bold wrap-break-word">
                    {t('adminOrganizations.seats.addTitle', { name: body.name })}
                  </h4>
                  {candidates.length === 0 ? (
                    <p className="text-stone-600">{t('adminOrganizations.seats.noCandidates')}</p>
                  ) : (
                    <AddSeatForm organizationId={organization.id} bodyId={body.id} candidates={candidates} statuses={statuses} />
                  )}
                </div>
              </article>
            );
          })}

          <section className={`${cardStyles} min-w-0`} aria-labelledby="add-body-heading">
            <h3 id="add-body-heading" className="mb-3 text-xl font-bold">
              {t('adminOrganizations.bodies.addTitle')}
            </h3>
            {missingKinds.length === 0 ? (
              <p className="text-stone-600">{t('adminOrganizations.bodies.allPresent')}</p>
            ) : (
              <CreateBodyForm organizationId={organization.id} kinds={missingKinds} />
            )}
          </section>
        </div>
      </section>
    </>
  );
}
