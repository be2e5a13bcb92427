import Link from 'next/link';
import { SEARCH_SORTS, type SearchParams } from '@/lib/search/params';
import { buttonStyles, cardStyles, inputStyles } from '../../../_components/ui/styles';

type Option = { value: string; label: string };

export type SearchFormLabels = {
  label: string;
  queryLabel: string;
  queryHint: string;
  submit: string;
  filters: string;
  type: string;
  allTypes: string;
  organization: string;
  allOrganizations: string;
  year: string;
  yearHint: string;
  classification: string;
  allClassifications: string;
  sort: string;
  clear: string;
  sorts: Record<(typeof SEARCH_SORTS)[number], string>;
};

/** A plain GET form: it works without JavaScript and every search is a shareable address. */
export function SearchForm({
  values,
  types,
  organizations,
  classifications,
  labels,
}: {
  values: Partial<SearchParams>;
  types: Option[];
  organizations: (Option & { level: number })[];
  classifications: Option[];
  labels: SearchFormLabels;
}) {
  const select = (name: string, label: string, options: Option[], value: string | undefined, all?: string) => (
    <div>
      <label htmlFor={`search-${name}`} className="mb-1 block font-semibold">
        {label}
      </label>
      <select id={`search-${name}`} name={name} defaultValue={value ?? ''} className={inputStyles}>
        {all && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const filtered = Boolean(values.type || values.organizationId || values.year || values.classification);
  return (
    <form method="get" action="/archive" role="search" aria-label={labels.label} className={`${cardStyles} mb-6`}>
      <label htmlFor="search-q" className="mb-1 block text-lg font-semibold">
        {labels.queryLabel}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="search-q"
          type="search"
          name="q"
          defaultValue={values.q ?? ''}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          aria-describedby="search-q-hint"
          className={`${inputStyles} min-h-14 text-lg`}
        />
        <button type="submit" className={`${buttonStyles.primary} min-h-14 text-lg`}>
          {labels.submit}
        </button>
      </div>
      <p id="search-q-hint" className="mt-1 text-sm text-stone-600">
        {labels.queryHint}
      </p>

      <details className="mt-4" open={filtered || (values.sort !== undefined && values.sort !== 'relevance')}>
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{labels.filters}</summary>
        <div className="mt-2 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {select('type', labels.type, types, values.type, labels.allTypes)}
          {select(
            'organizationId',
            labels.organization,
            organizations.map((o) => ({ value: o.value, label: `${'\u00a0\u00a0'.repeat(o.level)}${o.label}` })),
            values.organizationId,
            labels.allOrganizations,
          )}
          <div>
            <label htmlFor="search-year" className="mb-1 block font-semibold">
              {labels.year}
            </label>
            <input
              id="search-year"
              type="number"
              name="year"
              inputMode="numeric"
              min={1930}
              max={2100}
              defaultValue={values.year ?? ''}
              aria-describedby="search-year-hint"
              className={inputStyles}
            />
            <p id="search-year-hint" className="mt-1 text-sm text-stone-600">
              {labels.yearHint}
            </p>
          </div>
          {select('classification', labels.classification, classifications, values.classification, labels.allClassifications)}
          {select(
            'sort',
            labels.sort,
            SEARCH_SORTS.map((s) => ({ value: s, label: labels.sorts[s] })),
            values.sort ?? 'relevance',
          )}
        </div>
        <div className="mt-4 flex flex-wrap gap-2">
          <button type="submit" className={buttonStyles.primary}>
            {labels.submit}
          </button>
          <Link href="/archive" className={buttonStyles.secondary}>
            {labels.clear}
          </Link>
        </div>
      </details>
    </form>
  );
}
