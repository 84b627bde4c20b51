/**
 * Matching the labels a published report shows against the official ones. Every official label
 * comes from src/core/tables.ts; what is folded here is the variation real reports show:
 * full-/half-width brackets, spaces and line breaks (normalizeLabel), "1、" for "1.", "其它" for
 * "其他", quotes of any kind, a parenthetical note left out or reworded, a label shortened at the
 * front ("规范性文件" for "行政规范性文件").
 */
import { normalizeLabel } from '../core/grid';

/** The comparable form of a label. */
export function labelKey(text: string): string {
  return normalizeLabel(text)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/其它/g, '其他')
    .replace(/["'‘’「」『』]/g, '')
    .replace(/[、．。·.]/g, '.')
    .replace(/：$/, '');
}

const ORDINAL = /^(?:[一二三四五六七八九十]+\.|（[一二三四五六七八九十]+）|[0-9]+\.|（[0-9]+）)+/;

/** A label stripped of its ordinal ("（三）", "1.") and all punctuation: for loose comparison. */
export function relaxedKey(key: string): string {
  return key.replace(ORDINAL, '').replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
}

/** The label without a trailing parenthetical note: （二）部分公开（区分处理的…） → （二）部分公开. */
function coreKey(key: string): string | null {
  const core = key.replace(/（[^（）]*）$/, '');
  return core !== key && core !== '' ? core : null;
}

interface Entry<T> {
  key: string;
  core: string | null;
  relaxed: string;
  value: T;
}

export type MatchLevel = 'exact' | 'core' | 'suffix' | 'relaxed';
const LEVELS: readonly MatchLevel[] = ['exact', 'core', 'suffix', 'relaxed'];
/** Loose matches need this many characters, so "其他" or "总计" never match loosely. */
const MIN_LOOSE = 4;

/** A set of official labels, each standing for a value; a text matches one only when unambiguous. */
export class LabelSet<T> {
  private readonly entries: Entry<T>[];

  constructor(labels: Iterable<readonly [string, T]>) {
    this.entries = [...labels].map(([text, value]) => {
      const key = labelKey(text);
      return { key, core: coreKey(key), relaxed: relaxedKey(key), value };
    });
  }

  /** The value of the label `text` matches, trying strict comparisons first; `upTo` limits how loose. */
  match(text: string, upTo: MatchLevel = 'relaxed'): T | undefined {
    const key = labelKey(text);
    if (key === '') return undefined;
    const core = coreKey(key);
    const relaxed = relaxedKey(key);
    for (const level of LEVELS) {
      const hits = this.entries.filter((e) => {
        switch (level) {
          case 'exact':
            return e.key === key;
          case 'core':
            return e.core !== null && (key === e.core || core === e.core || (core === null && key.startsWith(`${e.core}（`)));
          case 'suffix':
            return key.length >= MIN_LOOSE && e.key.endsWith(key);
          case 'relaxed':
            return relaxed.length >= MIN_LOOSE && e.relaxed.length >= MIN_LOOSE && (relaxed.includes(e.relaxed) || e.relaxed.includes(relaxed));
        }
      });
      const values = [...new Set(hits.map((e) => e.value))];
      if (values.length === 1) return values[0];
      if (values.length > 1) return undefined;
      if (level === upTo) return undefined;
    }
    return undefined;
  }

  /**
   * The label `text` most likely stands for when it matches none: a typo ("2.其他法律行政止公开"
   * for "2.其他法律行政法规禁止公开"). The same ordinal, and most characters in the same order
   * (the longest common subsequence) — a clear best, or nothing.
   */
  closest(text: string, minShare = 0.75): { value: T; label: string } | undefined {
    const key = labelKey(text);
    const relaxed = relaxedKey(key);
    if (relaxed.length < MIN_LOOSE) return undefined;
    const ordinal = ORDINAL.exec(key)?.[0] ?? '';
    const scored = this.entries
      .filter((e) => (ORDINAL.exec(e.key)?.[0] ?? '') === ordinal)
      .map((e) => ({ e, share: commonSubsequence(relaxed, e.relaxed) / Math.max(relaxed.length, e.relaxed.length) }))
      .sort((a, b) => b.share - a.share);
    if (scored.length === 0 || scored[0].share < minShare) return undefined;
    if (scored.length > 1 && scored[1].share >= scored[0].share - 0.1 && scored[1].e.value !== scored[0].e.value) return undefined;
    return { value: scored[0].e.value, label: scored[0].e.key };
  }

  /** Matches by the relaxed key alone, however short: for a small set already narrowed by context. */
  matchRelaxedExactly(text: string): T | undefined {
    const relaxed = relaxedKey(labelKey(text));
    if (relaxed === '') return undefined;
    const values = [...new Set(this.entries.filter((e) => e.relaxed === relaxed).map((e) => e.value))];
    return values.length === 1 ? values[0] : undefined;
  }
}

/** The length of the longest common subsequence of two short strings. */
function commonSubsequence(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = new Array<number>(y.length + 1).fill(0);
  for (const ch of x) {
    const row = [0];
    for (let j = 0; j < y.length; j++) row.push(ch === y[j] ? previous[j] + 1 : Math.max(previous[j + 1], row[j]));
    previous = row;
  }
  return previous[y.length];
}

const NUMBER_WITH_NOTE = /^[+-]?[0-9０-９][0-9０-９,，.．]*\s*(?:件|个|项|条|次|宗|万元|元)?\s*(?:[（(【[].*)?$/s;
const PLACEHOLDER = /^(?:[/／\\、—–―─\-－…·.×xX*＊]+|无|暂无|空|不适用)$/;

/** A cell that holds a figure or stands in for one: blank, a number (with a note), "/", "—". */
export function isValueLike(text: string): boolean {
  const t = text.trim();
  return t === '' || NUMBER_WITH_NOTE.test(t) || PLACEHOLDER.test(t);
}
