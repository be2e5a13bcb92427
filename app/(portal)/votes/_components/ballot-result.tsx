import { useTranslations } from 'next-intl';
import type { BallotResult } from '@/lib/votes/counting';

/**
 * The result of a closed ballot: passed or not under the body's rule (questions), or who is
 * elected, with ties stated (elections). Used by the live room, the meeting page and the
 * written-question page; works as a server or a client component.
 */
export function BallotResultView({ result, headingLevel = 3 }: { result: BallotResult; headingLevel?: 2 | 3 }) {
  const t = useTranslations('votes');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const badge = (passed: boolean, label: string) => (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-3 py-1 text-base font-bold text-white ${passed ? 'bg-green-700' : 'bg-red-700'}`}
      data-testid="ballot-verdict"
    >
      <span aria-hidden="true">{passed ? '✓' : '✕'}</span>
      {label}
    </span>
  );

  if (result.kind === 'election') {
    const byId = new Map(result.candidates.map((c) => [c.optionId, c]));
    return (
      <div className="space-y-3" data-testid="ballot-result">
        <Heading className="flex flex-wrap items-center gap-2 text-lg font-bold">
          {badge(result.passed, result.passed ? t('result.allFilled', { seats: result.seats }) : t('result.unfilled', { count: result.unfilledSeats }))}
        </Heading>
        <p>{t('result.electionSummary', { valid: result.validPapers, required: result.required })}</p>
        <p className="text-stone-700">{t('result.turnout', { voted: result.voted, eligible: result.eligibleVoters })}</p>
        <ol className="space-y-1">
          {result.candidates.map((c) => (
            <li key={c.optionId} className="flex min-h-11 flex-wrap items-center justify-between gap-2 rounded-lg bg-stone-50 px-3">
              <span className="font-semibold">{c.label}</span>
              <span className="flex items-center gap-3">
                <span className="tabular-nums">{t('result.votes', { votes: c.votes, percent: c.percent })}</span>
                <span className={`font-bold ${c.elected ? 'text-green-800' : c.tied ? 'text-amber-800' : 'text-stone-600'}`}>
                  {c.elected ? t('result.elected') : c.tied ? t('result.tied') : t('result.notElected')}
                </span>
              </span>
            </li>
          ))}
        </ol>
        {result.tie && (
          <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 font-semibold text-amber-900">
            {t('result.tie', { count: result.tie.optionIds.filter((id) => byId.has(id)).length, votes: result.tie.votes, seats: result.tie.seats })}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="space-y-3" data-testid="ballot-result">
      <Heading className="flex flex-wrap items-center gap-2 text-lg font-bold">
        {badge(result.passed, result.passed ? t('result.passed') : t('result.rejected'))}
      </Heading>
      <p className="text-lg font-semibold">
        {t('result.summary', { agree: result.agree, counted: result.countedMembers, required: result.required })}
      </p>
      <dl className="grid grid-cols-3 gap-2 text-center">
        {(['agree', 'disagree', 'abstain'] as const).map((choice) => (
          <div key={choice} className="rounded-lg bg-stone-50 px-2 py-2">
            <dt className="text-sm text-stone-700">{t(`choices.${choice}`)}</dt>
            <dd className="text-2xl font-bold tabular-nums">{result[choice]}</dd>
          </div>
        ))}
      </dl>
      <p className="text-stone-700">{t('result.turnout', { voted: result.voted, eligible: result.eligibleVoters })}</p>
      <p className="text-sm text-stone-600">{t('result.rule', { numerator: result.rule.numerator, denominator: result.rule.denominator })}</p>
    </div>
  );
}
