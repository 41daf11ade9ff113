/**
 * The guards of issuer/http/auth.ts where no route can reach them: a handler that runs
 * without `authenticate` in front of it must still refuse, never act for nobody.
 */
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { callerOf, requireAdmin, requireProviderAdmin, requireProviderKey } from '../../issuer/http/auth.js';
import type { Caller } from '../../issuer/http/auth.js';
import { codeOf } from '../helpers/error-code.js';

const responseFor = (caller?: Caller): Response => ({ locals: caller ? { caller } : {} }) as unknown as Response;
const provider = (role: Caller['role'], providerId: string): Caller => ({ actor: { kind: 'provider', id: `k-${providerId}`, providerId }, role, providerId });
const admin: Caller = { actor: { kind: 'admin', id: 'admin' }, role: 'lan-admin' };

/** Runs a guard; 'next' when it lets the request through, else the refusal's code. */
function run(guard: typeof requireAdmin, caller: Caller | undefined, params: Record<string, string> = {}): string | undefined {
  let passed = false;
  const code = codeOf(() => guard({ params } as never, responseFor(caller), () => { passed = true; }));
  return passed ? 'next' : code;
}

describe('issuer auth guards', () => {
  it('a handler reached without authentication refuses with UNAUTHENTICATED and a sentence', () => {
    expect(codeOf(() => callerOf(responseFor()))).toBe('UNAUTHENTICATED');
    for (const guard of [requireAdmin, requireProviderKey, requireProviderAdmin]) expect(run(guard, undefined, { providerId: 'p' })).toBe('UNAUTHENTICATED');
  });

  it('each guard lets through exactly its callers', () => {
    expect(callerOf(responseFor(admin))).toBe(admin);
    expect(run(requireAdmin, admin)).toBe('next');
    expect(run(requireAdmin, provider('admin', 'p'))).toBe('FORBIDDEN');
    expect(run(requireProviderKey, provider('issuer', 'p'))).toBe('next');
    expect(run(requireProviderKey, admin)).toBe('FORBIDDEN');
    expect(run(requireProviderAdmin, admin, { providerId: 'p' })).toBe('next');
    expect(run(requireProviderAdmin, provider('admin', 'p'), { providerId: 'p' })).toBe('next');
    expect(run(requireProviderAdmin, provider('admin', 'p'), { providerId: 'q' })).toBe('FORBIDDEN');
    expect(run(requireProviderAdmin, provider('issuer', 'p'), { providerId: 'p' })).toBe('FORBIDDEN');
  });
});
