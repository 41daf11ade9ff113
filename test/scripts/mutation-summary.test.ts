/**
 * `npm run mutation` prints the score per trust-core folder from Stryker's JSON report; a
 * wrong sum or a partial run shown as a folder's score would mislead whoever reads it.
 */
import { describe, expect, it } from 'vitest';
import { combinedScore, groupOf, scoresOf } from '../../scripts/mutation-summary.js';

const mutant = (status: string, line = 1) => ({ id: String(Math.random()), mutatorName: 'EqualityOperator', replacement: 'a >= b', status, location: { start: { line, column: 1 } } });

describe('mutation summary', () => {
  it('maps files to trust-core groups', () => {
    expect(groupOf('shared/verify/checks/status.ts')).toBe('shared/verify');
    expect(groupOf('shared/util/strict-json.ts')).toBe('shared/util/strict-json.ts');
    expect(groupOf('shared/util/other.ts')).toBeUndefined();
    expect(groupOf('issuer/http/auth.ts')).toBe('issuer/http/auth.ts');
  });

  it('scores killed and timed out over every testable mutant, and lists survivors', () => {
    const [s] = scoresOf({ files: { 'shared/util/strict-json.ts': { mutants: [
      mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('NoCoverage', 9), mutant('CompileError'), mutant('Ignored'),
    ] } } } as never, '2026-11-29T00:00:00Z');
    expect(s).toMatchObject({ group: 'shared/util/strict-json.ts', killed: 2, timeout: 1, survived: 1, noCoverage: 1, invalid: 1, ignored: 1, score: 60 });
    expect(s?.files).toBeUndefined();
    expect(s?.survivors).toEqual(['shared/util/strict-json.ts:7 EqualityOperator: a >= b', 'shared/util/strict-json.ts:9 EqualityOperator (no coverage): a >= b']);
  });

  it('a run on some files of a folder names those files instead of claiming the folder', () => {
    const [s] = scoresOf({ files: { 'shared/verify/verify-presentation.ts': { mutants: [mutant('Killed')] } } } as never, '2026-11-29T00:00:00Z');
    expect(s).toMatchObject({ group: 'shared/verify', score: 100, files: ['verify-presentation.ts'] });
  });

  it('combines partial runs of a folder per file, the newest run of each file winning, once every file is measured', () => {
    const at = (t: string) => `2026-11-29T${t}:00Z`;
    const [older] = scoresOf({ files: {
      'shared/verify/a.ts': { mutants: [mutant('Survived', 3), mutant('Survived', 4)] },
      'shared/verify/b.ts': { mutants: [mutant('Killed')] },
    } } as never, at('10:00'));
    const [newer] = scoresOf({ files: { 'shared/verify/a.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('NoCoverage', 5)] } } } as never, at('12:00'));
    expect(older?.perFile?.['shared/verify/a.ts']).toEqual({ killed: 0, timeout: 0, survived: 2, noCoverage: 0 });
    const files = ['shared/verify/a.ts', 'shared/verify/b.ts'];
    const c = combinedScore('shared/verify', [older!, newer!], files);
    // a.ts from the newer run (2 of 3), b.ts from the older (1 of 1): 3 of 4.
    expect(c).toMatchObject({ group: 'shared/verify', killed: 2, timeout: 1, survived: 0, noCoverage: 1, score: 75, measuredAt: at('10:00') });
    expect(c?.survivors).toEqual(['shared/verify/a.ts:5 EqualityOperator (no coverage): a >= b']);
    // A file no run measured: no combined score.
    expect(combinedScore('shared/verify', [older!, newer!], [...files, 'shared/verify/c.ts'])).toBeUndefined();
  });
});
