/**
 * Text rules shared by the indexer, the query and the snippets: how Vietnamese is folded (no
 * diacritics, đ → d, lower case), how a query is read (words, "quoted phrases", a document
 * number), and how matches are marked in the ORIGINAL text for snippets. Pure functions.
 */

/** Lower case without diacritics; đ/Đ become d. Matches `lower(public.f_unaccent(…))` for Vietnamese. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** The indexed form of a number and symbol: folded, without spaces (" 09 - NQ/HU" → "09-nq/hu"). */
export function numberKeyOf(numberSymbol: string | null | undefined): string | null {
  if (!numberSymbol) return null;
  const key = fold(numberSymbol).replace(/\s+/g, '');
  return key || null;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text as PostgreSQL's parser would see them for matching purposes: letters and digits. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export type ParsedQuery = {
  /** The text outside quotes, for `plainto_tsquery` (PostgreSQL's parser splits it as it split the documents). */
  plainText: string;
  /** Each quoted phrase, for `phraseto_tsquery`. */
  phraseTexts: string[];
  /** The query read as a document number (`09-nq/hu`, `09-nq`, `09`, `nq/hu`), when it looks like one. */
  numberKey: string | null;
  /** Folded words to mark in snippets wherever they stand. */
  words: string[];
  /** Folded phrases to mark only where all their words stand together (quoted text, a number). */
  phrases: string[][];
  /** All words folded and joined, for trigram similarity on titles. */
  folded: string;
};

const MAX_QUERY_LENGTH = 200;
const QUOTED = /["“”„«»]([^"“”„«»]*)["“”„«»]?/g;
/** `09-NQ/HU`, `09-NQ`, `09`, `NQ/HU`, `123/QĐ-TW`, optionally after the word "số". */
const NUMBER_LIKE = /^(?:s[ốô]\s+)?([\p{L}\p{N}]+(?:\s*[-/.]\s*[\p{L}\p{N}]+)*[-/.]?)$/iu;

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.normalize('NFC').slice(0, MAX_QUERY_LENGTH).trim();
  const phraseTexts: string[] = [];
  const plainText = text.replace(QUOTED, (_, inner: string) => {
    if (words(inner).length > 1) {
      phraseTexts.push(inner.trim());
      return ' ';
    }
    return ` ${inner} `;
  });
  const number = NUMBER_LIKE.exec(text);
  const candidate = number ? numberKeyOf(number[1]) : null;
  // A number has a digit or a separator; "NQ" alone is a word, found through the title anyway.
  const numberKey = candidate && /[0-9\-/]/.test(candidate) ? candidate : null;
  const plainWords = words(fold(plainText));
  const phrases = phraseTexts.map((p) => words(fold(p)));
  return {
    plainText: plainText.replace(/\s+/g, ' ').trim(),
    phraseTexts,
    numberKey,
    words: numberKey && plainWords.length > 1 ? [] : [...new Set(plainWords)],
    phrases: numberKey && plainWords.length > 1 ? [plainWords] : phrases,
    folded: [...plainWords, ...phrases.flat()].join(' '),
  };
}

export function isEmptyQuery(query: ParsedQuery) {
  return !query.folded && !query.numberKey;
}

/** A piece of a snippet: original text, and whether it is a match to mark. */
export type Segment = { text: string; hit: boolean };

/**
 * Splits an original text into segments, marking the words that match the query: single query
 * words anywhere, phrase words only where the whole phrase stands in order. Diacritics, case and
 * punctuation of the original are kept; text is never interpreted as markup.
 */
export function markMatches(text: string, query: Pick<ParsedQuery, 'words' | 'phrases'>): Segment[] {
  const tokens = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]) }));
  const hit = new Array<boolean>(tokens.length).fill(false);
  const single = new Set(query.words);
  tokens.forEach((token, i) => {
    if (single.has(token.folded)) hit[i] = true;
  });
  for (const phrase of query.phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => tokens[i + k]!.folded === word)) for (let k = 0; k < phrase.length; k++) hit[i + k] = true;
    }
  }
  const segments: Segment[] = [];
  let cursor = 0;
  const push = (segment: Segment) => {
    if (!segment.text) return;
    const last = segments.at(-1);
    if (last && last.hit === segment.hit) last.text += segment.text;
    else segments.push(segment);
  };
  tokens.forEach((token, i) => {
    if (!hit[i]) return;
    // Marked words separated only by spaces are marked together ("giao thông"), space included.
    const joinsPrevious = i > 0 && hit[i - 1] && /^\s+$/.test(text.slice(cursor, token.start));
    if (joinsPrevious) segments.at(-1)!.text += text.slice(cursor, token.end);
    else {
      push({ text: text.slice(cursor, token.start), hit: false });
      push({ text: text.slice(token.start, token.end), hit: true });
    }
    cursor = token.end;
  });
  push({ text: text.slice(cursor), hit: false });
  return segments;
}

/** Every Latin letter with diacritics grouped under its folded base letter (a → aàáảãạăằắ…). */
const VARIANTS: Map<string, string> = (() => {
  const groups = new Map<string, Set<string>>();
  const ranges: [number, number][] = [
    [0x41, 0x5a],
    [0x61, 0x7a],
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      const char = String.fromCodePoint(code);
      const base = fold(char);
      if (!/^[a-z]$/.test(base)) continue;
      if (!groups.has(base)) groups.set(base, new Set());
      groups.get(base)!.add(char);
      const upper = char.toUpperCase();
      if (upper.length === 1) groups.get(base)!.add(upper);
    }
  }
  return new Map([...groups].map(([base, chars]) => [base, [...chars].join('')]));
})();

/**
 * A PostgreSQL regular expression (ARE) finding a folded word or phrase in the ORIGINAL text,
 * whatever its diacritics and case: each letter becomes the class of its variants. Only letters
 * and digits come from the user, so nothing else can reach the regex.
 */
export function accentInsensitivePattern(phrase: string[]): string {
  const word = (w: string) =>
    [...w].map((c) => (VARIANTS.has(c) ? `[${VARIANTS.get(c)}]` : /[0-9]/.test(c) ? c : escapeChar(c))).join('');
  return `\\m${phrase.map(word).join('\\W+')}\\M`;
}

function escapeChar(c: string) {
  const code = c.codePointAt(0)!;
  return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
