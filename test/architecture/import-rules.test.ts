/**
 * The architecture's import rule, checked on every run: issuer/, verifier/ and
 * wallet-web/ import shared/ and never each other; shared/ imports none of them and,
 * outside files named `*.node.ts`, nothing Node-only (it is bundled into the browser).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APPS = ['issuer', 'verifier', 'wallet-web'] as const;
const NODE_ONLY_PACKAGES = ['classic-level', 'express', 'pino', 'pino-http', 'helmet', 'pdfkit', 'express-rate-limit', 'swagger-ui-dist', 'playwright-core'];
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specs: string[] = [];
  const re = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

function topFolderOf(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)).split(path.sep)[0];
}

describe('import rules', () => {
  for (const app of APPS) {
    it(`${app}/ imports no other app folder`, () => {
      const offences = sourceFiles(app).flatMap((f) =>
        importsOf(f).filter((s) => {
          const top = topFolderOf(f, s);
          return top !== undefined && top !== app && (APPS as readonly string[]).includes(top);
        }).map((s) => `${f} → ${s}`));
      expect(offences).toEqual([]);
    });
  }

  it('shared/ imports no app folder', () => {
    const offences = sourceFiles('shared').flatMap((f) =>
      importsOf(f).filter((s) => (APPS as readonly string[]).includes(topFolderOf(f, s) ?? '')).map((s) => `${f} → ${s}`));
    expect(offences).toEqual([]);
  });

  it('shared/ imports nothing Node-only outside *.node.ts (and *.node.mjs) files', () => {
    const files = sourceFiles('shared').filter((f) => !/\.node\.(ts|mjs)$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const offences = files.flatMap((f) =>
      importsOf(f).filter((s) => NODE_BUILTINS.has(s) || NODE_ONLY_PACKAGES.some((p) => s === p || s.startsWith(`${p}/`))).map((s) => `${f} → ${s}`));
    expect(offences).toEqual([]);
  });

  it('shared/ uses no Node globals (Buffer, process) outside *.node.ts files', () => {
    const offences = sourceFiles('shared').filter((f) => !/\.node\.(ts|mjs)$/.test(f)).filter((f) => {
      const code = readFileSync(path.join(ROOT, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return /\bBuffer\.|\bprocess\.(env|argv|exit)/.test(code);
    });
    expect(offences).toEqual([]);
  });

  it('the checker itself catches a forbidden import', () => {
    expect(topFolderOf('issuer/app.ts', '../verifier/app.js')).toBe('verifier');
    expect(importsOf('test/architecture/import-rules.test.ts')).toContain('node:fs');
  });
});
