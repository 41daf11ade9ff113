/**
 * JP (jam pelajaran) progress: how many learning hours the holder's credentials add up to
 * in a period, against the duty that applies. PNS: at least 20 JP per calendar year
 * (PP 11/2017 Pasal 203(4), kept by PP 17/2020). PPPK: up to 24 JP per contract year,
 * counted from the contract's start day. A credential counts in the period of its
 * `activityEndDate` (the day the learning was completed). Pure functions, no clock.
 */
import type { CompetencyType } from '../../shared/model/competency.js';
import { COMPETENCY_TYPES } from '../../shared/model/competency.js';
import type { Employment } from './settings.js';

export const JP_TARGET: Readonly<Record<Employment, number>> = { PNS: 20, PPPK: 24 };

export interface JpItem {
  jp: number;
  /** `YYYY-MM-DD`: when the learning ended. */
  endDate: string;
  competencyType: CompetencyType;
  /** False for credentials that are revoked, suspended or failed verification. */
  counts: boolean;
}

export interface JpPeriod {
  /** `YYYY-MM-DD`, inclusive. */
  start: string;
  /** `YYYY-MM-DD`, exclusive (the next period's start). */
  end: string;
  /** The calendar year, or the year the contract year starts in. */
  year: number;
}

export interface JpProgress {
  period: JpPeriod;
  target: number;
  total: number;
  remaining: number;
  /** 0..100, for the progress bar. */
  percent: number;
  met: boolean;
  byType: Array<{ type: CompetencyType; jp: number }>;
  counted: number;
  /** Credentials in this period that do not count (revoked, suspended, invalid). */
  excluded: number;
}

export interface JpOptions {
  employment: Employment;
  /** PPPK: `MM-DD` the contract year starts (default `01-01`). */
  contractStart?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The period (calendar year, or contract year for PPPK) that contains `date`. */
export function periodOf(date: string, opts: JpOptions): JpPeriod {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const y = Number(m[1]);
  const startDay = opts.employment === 'PPPK' ? opts.contractStart ?? '01-01' : '01-01';
  const year = date >= `${m[1]}-${startDay}` ? y : y - 1;
  return { year, start: `${pad(year)}-${startDay}`, end: `${pad(year + 1)}-${startDay}` };
}

function pad(y: number): string {
  return String(y).padStart(4, '0');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Sums JP in the period containing `today` (or the given period) against the duty. */
export function jpProgress(items: readonly JpItem[], opts: JpOptions & { today: string; period?: JpPeriod }): JpProgress {
  const period = opts.period ?? periodOf(opts.today, opts);
  const target = JP_TARGET[opts.employment];
  const inPeriod = items.filter((i) => DATE.test(i.endDate) && i.endDate >= period.start && i.endDate < period.end);
  const counting = inPeriod.filter((i) => i.counts && Number.isFinite(i.jp) && i.jp > 0);
  const sums = new Map<CompetencyType, number>();
  for (const i of counting) sums.set(i.competencyType, (sums.get(i.competencyType) ?? 0) + i.jp);
  const total = round(counting.reduce((s, i) => s + i.jp, 0));
  return {
    period,
    target,
    total,
    remaining: round(Math.max(0, target - total)),
    percent: Math.min(100, Math.round((total / target) * 100)),
    met: total >= target,
    byType: COMPETENCY_TYPES.filter((t) => sums.has(t)).map((t) => ({ type: t, jp: round(sums.get(t) ?? 0) })),
    counted: counting.length,
    excluded: inPeriod.length - counting.length,
  };
}

/** The periods that have any learning, newest first, always including today's. */
export function periodsWithLearning(items: readonly JpItem[], opts: JpOptions & { today: string }): JpPeriod[] {
  const byStart = new Map<string, JpPeriod>();
  const current = periodOf(opts.today, opts);
  byStart.set(current.start, current);
  for (const i of items) {
    if (!DATE.test(i.endDate)) continue;
    const p = periodOf(i.endDate, opts);
    byStart.set(p.start, p);
  }
  return [...byStart.values()].sort((a, b) => b.start.localeCompare(a.start));
}
