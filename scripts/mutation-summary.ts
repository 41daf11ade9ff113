/**
 * `npm run mutation`: runs Stryker on the trust core (or on the folders named) and prints
 * the mutation score per trust-core folder; `--summary-only` just reads the last report.
 *
 *   npm run mutation                          # every trust-core folder (hours on 2 cores)
 *   npm run mutation -- shared/verify         # one folder (or file), incremental
 *   npm run mutation -- --summary-only        # re-print the scores from reports/mutation/
 *
 * Stryker writes reports/mutation/mutation.html and mutation.json. This script merges the
 * report into reports/mutation/summary.json: folders in the new report replace their
 * earlier figures, the others keep theirs (with the date they were measured), so a run on
 * one folder does not erase the scores of the rest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The trust core, as issue 13 names it; every mutated file belongs to one of these. */
export const GROUPS = [
  'shared/verify', 'shared/status', 'shared/util/strict-json.ts', 'shared/util/bounded-map.ts', 'shared/fetch', 'shared/relay',
  'issuer/services', 'issuer/http/auth.ts', 'verifier/services',
] as const;

/** Kept out of mutation: message tables whose text no test should pin (see docs/testing.md). */
const EXCLUDED = ['!**/*.d.ts', '!shared/verify/messages.ts'];

const REPORT_DIR = 'reports/mutation';
export const REPORT = path.join(REPORT_DIR, 'mutation.json');
const SUMMARY = path.join(REPORT_DIR, 'summary.json');

type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  location: { start: { line: number; column: number } };
}

interface Report {
  files: Record<string, { mutants: ReportMutant[] }>;
}

export interface GroupScore {
  group: string;
  /** Killed + timed out over killed, timed out, survived and not covered (Stryker's "mutation score"). */
  score: number | null;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Did not compile (the TypeScript checker) or crashed: not counted in the score. */
  invalid: number;
  ignored: number;
  measuredAt: string;
  survivors: string[];
  /** Set when the run mutated only some files of the folder: those files (the score is theirs alone). */
  files?: string[];
  /** The suites the run used when narrowed with --tests (else every suite of the mutation config). */
  tests?: string;
  /** Counts per file (path relative to the project), so partial runs can be combined into a folder score. */
  perFile?: Record<string, FileCounts>;
}

export interface FileCounts { killed: number; timeout: number; survived: number; noCoverage: number }

const noCounts = (): FileCounts => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0 });

function addCounts(into: FileCounts, from: FileCounts): void {
  into.killed += from.killed; into.timeout += from.timeout; into.survived += from.survived; into.noCoverage += from.noCoverage;
}

/** Which trust-core group a report path (relative to the project) belongs to. */
export function groupOf(file: string): string | undefined {
  const rel = file.split(path.sep).join('/');
  return GROUPS.find((g) => (g.endsWith('.ts') ? rel === g : rel.startsWith(`${g}/`)));
}

/** Scores per group for one Stryker JSON report (mutation-testing-report-schema). */
export function scoresOf(report: Report, measuredAt: string): GroupScore[] {
  const byGroup = new Map<string, GroupScore>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const group = groupOf(path.isAbsolute(file) ? path.relative(process.cwd(), file) : file);
    if (!group) continue;
    const g = byGroup.get(group) ?? { group, score: null, killed: 0, timeout: 0, survived: 0, noCoverage: 0, invalid: 0, ignored: 0, measuredAt, survivors: [] };
    byGroup.set(group, g);
    const rel = (path.isAbsolute(file) ? path.relative(process.cwd(), file) : file).split(path.sep).join('/');
    const counts = noCounts();
    g.perFile = { ...g.perFile, [rel]: counts };
    for (const m of mutants) {
      if (m.status === 'Killed') counts.killed++;
      else if (m.status === 'Timeout') counts.timeout++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        if (m.status === 'Survived') counts.survived++;
        else counts.noCoverage++;
        const where = `${file.split(path.sep).join('/')}:${m.location.start.line}`;
        g.survivors.push(`${where} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`);
      } else if (m.status === 'Ignored') g.ignored++;
      else if (m.status !== 'Pending') g.invalid++;
    }
    addCounts(g, counts);
  }
  for (const g of byGroup.values()) {
    const valid = g.killed + g.timeout + g.survived + g.noCoverage;
    g.score = valid === 0 ? null : Math.round(((g.killed + g.timeout) / valid) * 1000) / 10;
    // A run on some files of a folder scores those files, not the folder.
    if (!g.group.endsWith('.ts')) {
      const mutated = Object.keys(report.files).map((f) => (path.isAbsolute(f) ? path.relative(process.cwd(), f) : f).split(path.sep).join('/')).filter((f) => groupOf(f) === g.group);
      const all = filesOf(g.group);
      if (all.length > 0 && all.some((f) => !mutated.includes(f))) g.files = mutated.map((f) => f.slice(g.group.length + 1)).sort();
    }
  }
  return GROUPS.flatMap((name) => byGroup.get(name) ?? []);
}

/**
 * A folder's score put together from partial runs (each measured some of its files): every
 * file's counts are taken from the newest entry that measured it. Undefined while some file
 * of the folder has no measured counts (older entries carry no per-file counts).
 */
export function combinedScore(group: string, entries: GroupScore[], files = filesOf(group)): GroupScore | undefined {
  const partial = entries.filter((e) => e.group === group && e.files && e.perFile).sort((a, b) => b.measuredAt.localeCompare(a.measuredAt));
  if (partial.length < 2 || files.length === 0) return undefined;
  const total = noCounts();
  let oldest = partial[0]!.measuredAt;
  const survivors: string[] = [];
  for (const f of files) {
    const from = partial.find((e) => e.perFile![f]);
    if (!from) return undefined;
    addCounts(total, from.perFile![f]!);
    survivors.push(...from.survivors.filter((x) => x.startsWith(`${f}:`)));
    if (from.measuredAt < oldest) oldest = from.measuredAt;
  }
  const valid = total.killed + total.timeout + total.survived + total.noCoverage;
  return {
    group, ...total, score: valid === 0 ? null : Math.round(((total.killed + total.timeout) / valid) * 1000) / 10,
    invalid: 0, ignored: 0, measuredAt: oldest, survivors, tests: 'combined from partial runs (per file, the newest)',
  };
}

/** The files Stryker mutates in a trust-core folder (what a whole-folder run covers). */
function filesOf(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts') && !p.endsWith('.d.ts') && !EXCLUDED.includes(`!${p}`)) out.push(p);
    }
  };
  walk(folder);
  return out;
}

/** The summary's name of an entry: the folder, or the folder and the files a partial run scored. */
function entryName(s: GroupScore): string {
  return s.files ? `${s.group}: ${s.files.join(', ')}` : s.group;
}

/** Turns `shared/verify` or a file name into Stryker `--mutate` globs. */
function mutateGlobs(targets: string[]): string {
  const globs = targets.map((t) => {
    const clean = t.replace(/\/+$/, '');
    return existsSync(clean) && statSync(clean).isDirectory() ? `${clean}/**/*.ts` : clean;
  });
  return [...globs, ...EXCLUDED].join(',');
}

function runStryker(args: string[]): number {
  const targets = args.filter((a) => !a.startsWith('-'));
  // `--tests=test/shared/util/**/*.test.ts,…`: only these suites (vitest.mutation.config.ts).
  const tests = args.find((a) => a.startsWith('--tests='))?.slice('--tests='.length);
  const passThrough = args.filter((a) => a.startsWith('-') && !a.startsWith('--tests='));
  // One incremental file per set of targets: a run on one folder must not throw away what
  // another folder's run remembers (Stryker keeps only the mutants of the current run).
  const slug = targets.length === 0 ? 'all' : targets.map((t) => t.replace(/\/+$/, '').replace(/[^A-Za-z0-9]+/g, '-')).join('+');
  const incremental = ['--incrementalFile', path.join(REPORT_DIR, `stryker-incremental.${slug}.json`)];
  // Its own sandbox folder too, so runs on different folders can go at the same time.
  incremental.push('--tempDirName', `.stryker-tmp/${slug}`);
  const strykerArgs = ['stryker', 'run', ...(targets.length > 0 ? ['--mutate', mutateGlobs(targets)] : []), ...incremental, ...passThrough];
  console.log(`> ${tests ? `MUTATION_TESTS=${tests} ` : ''}npx ${strykerArgs.join(' ')}`);
  const r = spawnSync('npx', strykerArgs, { stdio: 'inherit', env: { ...process.env, ...(tests ? { MUTATION_TESTS: tests } : {}) } });
  return r.status ?? 1;
}

function printTable(scores: GroupScore[]): void {
  const rows = scores.map((s) => [
    entryName(s), s.score === null ? '—' : `${s.score.toFixed(1)}%`, String(s.killed + s.timeout), String(s.survived), String(s.noCoverage), String(s.invalid), s.measuredAt.slice(0, 10),
  ]);
  const head = ['folder', 'score', 'killed', 'survived', 'no cov.', 'invalid', 'measured'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

function main(): void {
  const args = process.argv.slice(2);
  const summaryOnly = args.includes('--summary-only');
  let status = 0;
  if (!summaryOnly) status = runStryker(args.filter((a) => a !== '--summary-only'));
  if (status !== 0) {
    // The report on disk is an earlier run's: merging it again would date old figures as new.
    console.error(`Stryker failed (exit ${status}); reports/mutation/summary.json is unchanged.`);
    process.exit(status);
  }
  if (!existsSync(REPORT)) {
    console.error(`No report at ${REPORT}: run \`npm run mutation\` first.`);
    process.exit(status || 1);
  }
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
  const measuredAt = statSync(REPORT).mtime.toISOString();
  const tests = args.find((a) => a.startsWith('--tests='))?.slice('--tests='.length);
  const fresh = scoresOf(report, measuredAt).map((s) => (tests && !summaryOnly ? { ...s, tests } : s));
  const earlier: GroupScore[] = existsSync(SUMMARY) ? (JSON.parse(readFileSync(SUMMARY, 'utf8')) as { folders: GroupScore[] }).folders : [];
  // A folder's whole-folder entry and its partial (some files) entries are kept side by side;
  // a new entry replaces only the earlier one of the same name.
  const merged = GROUPS.flatMap((g) => {
    const names = [...new Set([...fresh, ...earlier].filter((s) => s.group === g).map(entryName))];
    return names.map((n) => (summaryOnly ? undefined : fresh.find((s) => entryName(s) === n)) ?? earlier.find((s) => entryName(s) === n) ?? fresh.find((s) => entryName(s) === n)!);
  });
  // A folder measured in parts gets its combined score once every file has one.
  const combined = GROUPS.flatMap((g) => (merged.some((s) => s.group === g && !s.files) ? [] : combinedScore(g, merged) ?? []));
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(SUMMARY, `${JSON.stringify({ target: 85, folders: merged, combined }, null, 2)}\n`);
  printTable(merged);
  if (combined.length > 0) {
    console.log('\ncombined from partial runs (each file from the newest run that measured it):');
    printTable(combined.map((c) => ({ ...c, group: `${c.group} (combined)` })));
  }
  const missing = GROUPS.filter((g) => !merged.some((s) => s.group === g && !s.files) && !combined.some((c) => c.group === g));
  if (missing.length > 0) console.log(`not measured yet: ${missing.join(', ')}`);
  console.log(`summary: ${SUMMARY}; report: ${path.join(REPORT_DIR, 'mutation.html')}`);
  process.exit(status);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
