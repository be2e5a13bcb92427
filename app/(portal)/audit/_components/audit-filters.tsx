import Form from 'next/form';
import Link from 'next/link';
import { Field, SelectField } from '../../../_components/ui/field';
import { buttonStyles, cardStyles } from '../../../_components/ui/styles';

export type AuditFilterLabels = {
  title: string;
  action: string;
  actionHint: string;
  actor: string;
  actorHint: string;
  organization: string;
  allOrganizations: string;
  from: string;
  to: string;
  dateHint: string;
  invalidField: string;
  apply: string;
  clear: string;
};

/**
 * The filter form. It submits with GET to /audit, so a filtered view is a URL that can be shared
 * or bookmarked; cursors are left out, so a new filter starts on the newest page.
 */
export function AuditFilterForm({
  values,
  invalid,
  organizations,
  actions,
  labels,
}: {
  values: Record<'action' | 'actor' | 'org' | 'from' | 'to', string>;
  invalid: string[];
  organizations: { id: string; name: string; level: number }[];
  actions: { value: string; label: string }[];
  labels: AuditFilterLabels;
}) {
  const error = (name: string) => (invalid.includes(name) ? labels.invalidField : undefined);
  return (
    <section className={`${cardStyles} mb-6`} aria-labelledby="audit-filters-heading">
      <h2 id="audit-filters-heading" className="mb-3 text-xl font-bold">
        {labels.title}
      </h2>
      <Form action="/audit" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field
          label={labels.action}
          name="action"
          hint={labels.actionHint}
          defaultValue={values.action}
          error={error('action')}
          list="audit-action-names"
          autoComplete="off"
          maxLength={100}
        />
        <datalist id="audit-action-names">
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </datalist>
        <Field
          label={labels.actor}
          name="actor"
          hint={labels.actorHint}
          defaultValue={values.actor}
          error={error('actor')}
          autoComplete="off"
          maxLength={100}
        />
        <SelectField
          label={labels.organization}
          name="org"
          defaultValue={values.org}
          error={error('org')}
          options={[
            { value: '', label: labels.allOrganizations },
            // Indented with no-break spaces: options cannot be styled.
            ...organizations.map((o) => ({ value: o.id, label: `${'\u00a0\u00a0\u00a0'.repeat(o.level)}${o.name}` })),
          ]}
        />
        <Field label={labels.from} name="from" type="date" hint={labels.dateHint} defaultValue={values.from} error={error('from')} />
        <Field label={labels.to} name="to" type="date" hint={labels.dateHint} defaultValue={values.to} error={error('to')} />
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-1">
          <button type="submit" className={buttonStyles.primary}>
            {labels.apply}
          </button>
          <Link href="/audit" className={buttonStyles.secondary}>
            {labels.clear}
          </Link>
        </div>
      </Form>
    </section>
  );
}
