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
    expect(applyMutant(source, source, mutant)).toBe('const a = 1;\nif ((a >= 0)) {\n  run();\n}\n');
  });

  it('keeps the grouping Stryker ran: an expression in brackets, a block as it is', () => {
    const chain = 'const ok = a && b && c;\n';
    // Stryker's LogicalOperator on `a && b` (the left operand of the outer &&).
    const or = { id: '8', mutatorName: 'LogicalOperator', replacement: 'a || b', location: { start: { line: 1, column: 12 }, end: { line: 1, column: 18 } } };
    const mutated = applyMutant(chain, chain, or)!;
    expect(mutated).toBe('const ok = (a || b) && c;\n');
    const run = (code: string, a: boolean, b: boolean, c: boolean) => new Function('a', 'b', 'c', `${code} return ok;`)(a, b, c) as boolean;
    // a true, c false: Stryker's mutant says false; the bare text `a || b && c` would say true.
    expect(run(mutated, true, false, false)).toBe(false);
    const block = { id: '9', mutatorName: 'BlockStatement', replacement: '{}', location: { start: { line: 2, column: 12 }, end: { line: 4, column: 2 } } };
    expect(applyMutant(source, source, block)).toBe('const a = 1;\nif (a > 0) {}\n');
  });

  it('refuses when the source changed at or before the mutant (the offsets would point elsewhere)', () => {
    expect(applyMutant(source, source.replace('a > 0', 'a > 1'), mutant)).toBeUndefined();
    expect(applyMutant(source, `// note\n${source}`, mutant)).toBeUndefined();
    // A change after the mutant does not move it.
    expect(applyMutant(source, source.replace('run()', 'go()'), mutant)).toBe('const a = 1;\nif ((a >= 0)) {\n  go();\n}\n');
  });
});
