/**
 * `npm run mutation:try -- [--report=<mutation.json>] <id>[,<id>…] <test file> [<test file>…]`:
 * re-tests surviving mutants from a Stryker report without a whole Stryker run. For each
 * mutant id of the report (default: the last one, reports/mutation/mutation.json) it writes the mutant's replacement into the source at its
 * recorded position, runs the test files (vitest.mutation.config.ts), puts the source back
 * and prints KILLED or SURVIVED. Use it to check that a new test kills the survivor it was
 * written for; `npm run mutation` on the folder then re-measures properly.
 *
 * It refuses a mutant whose source text has changed since the report (the offsets would
 * point elsewhere): apply that one by hand. A mutant that makes the tests run past
 * `MUTANT_TIMEOUT_SECONDS` (default 120; a loop that never ends) is stopped and reported
 * as TIMEOUT, which Stryker counts as killed. The source is put back in every case,
 * Ctrl-C included.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPORT } from './mutation-summary.js';

interface Position { line: number; column: number }
interface Mutant { id: string; mutatorName: string; replacement?: string; location: { start: Position; end: Position } }
interface Report { files: Record<string, { source: string; mutants: Mutant[] }> }

/** Offset in `text` of a Stryker position (1-based line and column). */
export function offsetOf(text: string, at: Position): number {
  let offset = 0;
  for (let line = 1; line < at.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`line ${at.line} is past the end of the text`);
    offset = next + 1;
  }
  return offset + at.column - 1;
}

/**
 * The source with one mutant applied, or undefined when `current` no longer matches the
 * report's source there. Stryker changes the syntax tree, so an expression's replacement is
 * put in brackets: pasted as bare text, `a || b` inside `a && b && c` would read as
 * `a || (b && c)`, not the `(a || b) && c` Stryker ran, and report kills that never were.
 */
export function applyMutant(reported: string, current: string, m: Mutant): string | undefined {
  const [a, b] = [offsetOf(reported, m.location.start), offsetOf(reported, m.location.end)];
  if (current.slice(a, b) !== reported.slice(a, b) || current.slice(0, a) !== reported.slice(0, a)) return undefined;
  const replacement = m.replacement ?? '';
  return current.slice(0, a) + (m.mutatorName === 'BlockStatement' ? replacement : `(${replacement})`) + current.slice(b);
}

function main(): void {
  const args = process.argv.slice(2);
  const reportPath = args.find((a) => a.startsWith('--report='))?.slice('--report='.length) ?? REPORT;
  const [ids, ...tests] = args.filter((a) => !a.startsWith('--report='));
  if (!ids || tests.length === 0) {
    console.error('usage: npm run mutation:try -- [--report=<mutation.json>] <id>[,<id>…] <test file> [<test file>…]');
    process.exit(2);
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  const timeoutMs = Number(process.env.MUTANT_TIMEOUT_SECONDS ?? 120) * 1000;
  let survived = 0;
  for (const id of ids.split(',')) {
    const found = Object.entries(report.files).flatMap(([file, f]) => f.mutants.filter((m) => m.id === id).map((m) => ({ file, f, m })))[0];
    if (!found) { console.log(`#${id}: not in the report`); continue; }
    const file = path.isAbsolute(found.file) ? found.file : path.resolve(found.file);
    const original = readFileSync(file, 'utf8');
    const mutated = applyMutant(found.f.source, original, found.m);
    if (mutated === undefined) { console.log(`#${id}: the source changed since the report; apply it by hand`); continue; }
    let verdict: string;
    // An interrupted run must not leave the mutant in the source.
    const restore = () => { writeFileSync(file, original); process.exit(130); };
    process.once('SIGINT', restore).once('SIGTERM', restore);
    try {
      writeFileSync(file, mutated);
      // vitest itself (not through npx), so the timeout's SIGTERM reaches the process that stops its workers.
      const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.mutation.config.ts', ...tests], { encoding: 'utf8', timeout: timeoutMs });
      verdict = run.error ? 'TIMEOUT' : run.status === 0 ? 'SURVIVED' : 'KILLED';
    } finally {
      writeFileSync(file, original);
      process.off('SIGINT', restore).off('SIGTERM', restore);
    }
    if (verdict === 'SURVIVED') survived++;
    console.log(`#${id} ${found.file}:${found.m.location.start.line} ${found.m.mutatorName} -> ${JSON.stringify((found.m.replacement ?? '').slice(0, 60))}: ${verdict}`);
  }
  process.exit(survived > 0 ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
