/**
 * `npm run mutation` prints the score per trust-core folder from Stryker's JSON report; a
 * wrong sum or a partial run shown as a folder's score would mislead whoever reads it.
 */
import { describe, expect, it } from 'vitest';
import { groupOf, scoresOf } from '../../scripts/mutation-summary.js';

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
});
