/**
 * `npm run mutation:try` writes a mutant into the source at Stryker's recorded position; a
 * wrong offset would test some other change and report a kill that never happened.
 */
import { describe, expect, it } from 'vitest';
import { applyMutant, offsetOf } from '../../scripts/try-mutant.js';

const source = 'const a = 1;\nif (a > 0) {\n  run();\n}\n';
const mutant = { id: '7', mutatorName: 'EqualityOperator', replacement: 'a >= 0', location: { start: { line: 2, column: 5 }, end: { line: 2, column: 10 } } };

describe('try-mutant', () => {
  it('finds 1-based line and column positions', () => {
    expect(offsetOf(source, { line: 1, column: 1 })).toBe(0);
    expect(source.slice(offsetOf(source, mutant.location.start), offsetOf(source, mutant.location.end))).toBe('a > 0');
    expect(() => offsetOf(source, { line: 9, column: 1 })).toThrow(/past the end/);
  });

  it('applies the replacement exactly where the report says', () => {
    expect(applyMutant(source, source, mutant)).toBe('const a = 1;\nif (a >= 0) {\n  run();\n}\n');
  });

  it('refuses when the source changed at or before the mutant (the offsets would point elsewhere)', () => {
    expect(applyMutant(source, source.replace('a > 0', 'a > 1'), mutant)).toBeUndefined();
    expect(applyMutant(source, `// note\n${source}`, mutant)).toBeUndefined();
    // A change after the mutant does not move it.
    expect(applyMutant(source, source.replace('run()', 'go()'), mutant)).toBe('const a = 1;\nif (a >= 0) {\n  go();\n}\n');
  });
});
