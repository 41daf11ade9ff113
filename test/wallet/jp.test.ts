import { describe, expect, it } from 'vitest';
import { jpProgress, periodOf, periodsWithLearning } from '../../wallet-web/src/jp.js';
import type { JpItem } from '../../wallet-web/src/jp.js';
import type { CredentialRecord } from '../../wallet-web/src/credentials.js';
import type { CredentialCheck, DisplayStatus } from '../../wallet-web/src/status.js';
import type { AppContext } from '../../wallet-web/src/ui/context.js';
import { jpItems } from '../../wallet-web/src/ui/home.js';
import { NOW, SAMPLE_INPUT, createWorld } from '../fixtures/world.js';

const item = (jp: number, endDate: string, competencyType: JpItem['competencyType'] = 'teknis', counts = true): JpItem => ({ jp, endDate, competencyType, counts });

describe('JP progress (PNS: 20 JP per calendar year)', () => {
  it('sums creditsEarned by the year of activityEndDate, with a breakdown by competency type', () => {
    const items = [item(8, '2025-03-10', 'manajerial'), item(6, '2025-12-31', 'teknis'), item(4, '2025-06-01', 'teknis'), item(40, '2024-12-31'), item(3, '2026-01-01')];
    const p = jpProgress(items, { employment: 'PNS', today: '2025-07-01' });
    expect(p.period).toEqual({ year: 2025, start: '2025-01-01', end: '2026-01-01' });
    expect(p.total).toBe(18);
    expect(p.target).toBe(20);
    expect(p.remaining).toBe(2);
    expect(p.percent).toBe(90);
    expect(p.met).toBe(false);
    expect(p.byType).toEqual([{ type: 'teknis', jp: 10 }, { type: 'manajerial', jp: 8 }]);
    expect(p.counted).toBe(3);
  });

  it('caps the bar at 100% and reports the duty met', () => {
    const p = jpProgress([item(40, '2025-03-10')], { employment: 'PNS', today: '2025-07-01' });
    expect(p).toMatchObject({ total: 40, percent: 100, met: true, remaining: 0 });
  });

  it('does not count revoked, suspended or invalid credentials, and says how many were left out', () => {
    const p = jpProgress([item(10, '2025-03-10'), item(30, '2025-04-10', 'teknis', false)], { employment: 'PNS', today: '2025-07-01' });
    expect(p).toMatchObject({ total: 10, counted: 1, excluded: 1 });
  });

  it('ignores zero, negative, non-finite JP and malformed dates; adds fractions without float noise', () => {
    const p = jpProgress([item(0, '2025-01-02'), item(-5, '2025-01-02'), item(Number.NaN, '2025-01-02'), item(5, '2025-1-2'), item(0.1, '2025-02-01'), item(0.2, '2025-02-02')], { employment: 'PNS', today: '2025-07-01' });
    expect(p.total).toBe(0.3);
  });

  it('shows an empty year honestly', () => {
    const p = jpProgress([], { employment: 'PNS', today: '2025-07-01' });
    expect(p).toMatchObject({ total: 0, percent: 0, remaining: 20, byType: [] });
  });
});

describe('JP progress (PPPK: 24 JP per contract year)', () => {
  it('counts from the contract start day', () => {
    expect(periodOf('2025-03-31', { employment: 'PPPK', contractStart: '04-01' })).toEqual({ year: 2024, start: '2024-04-01', end: '2025-04-01' });
    expect(periodOf('2025-04-01', { employment: 'PPPK', contractStart: '04-01' })).toEqual({ year: 2025, start: '2025-04-01', end: '2026-04-01' });
    const p = jpProgress([item(12, '2025-03-31'), item(12, '2025-04-01'), item(6, '2026-03-31')], { employment: 'PPPK', contractStart: '04-01', today: '2025-05-01' });
    expect(p).toMatchObject({ target: 24, total: 18, remaining: 6, percent: 75 });
  });

  it('lists periods with learning, newest first, always including the current one', () => {
    const periods = periodsWithLearning([item(5, '2023-05-05'), item(5, '2021-01-01')], { employment: 'PNS', today: '2025-07-01' });
    expect(periods.map((p) => p.year)).toEqual([2025, 2023, 2021]);
  });
});

describe('which credentials count on the home page (by their checked status)', () => {
  it('counts verified, expired, unknown and not-yet-checked ones; never revoked, suspended or invalid', async () => {
    const world = await createWorld();
    const statuses: Array<DisplayStatus | undefined> = ['verified', 'revoked', 'suspended', 'invalid', 'expired', 'unknown', undefined];
    const records: CredentialRecord[] = [];
    const checks = new Map<string, CredentialCheck>();
    for (const [i, status] of statuses.entries()) {
      const vc = await world.issue({ index: 100 + i, input: { ...SAMPLE_INPUT, jp: 2 ** i }, mutate: (v) => { v.id = `urn:uuid:0c5e7a1d-2b3c-4d5e-8f60-${String(i).padStart(12, '0')}`; } });
      records.push({ id: vc.id as string, vc, issuerOrigin: 'https://kredensial.example', addedAt: NOW.toISOString() });
      if (status) checks.set(vc.id as string, { status, checkedAt: NOW });
    }
    const items = jpItems({ records, checks } as Partial<AppContext> as AppContext);
    expect(items.map((x) => x.counts)).toEqual([true, false, false, false, true, true, true]);
    const p = jpProgress(items, { employment: 'PNS', today: '2026-07-01' });
    // 1 (verified) + 16 (expired) + 32 (unknown) + 64 (not checked yet)
    expect(p).toMatchObject({ total: 113, counted: 4, excluded: 3 });
  });
});
