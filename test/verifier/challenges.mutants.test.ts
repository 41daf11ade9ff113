/**
 * Pins the edges of the verifier's one-time presentation challenges (issue 13: mutants that
 * survived in verifier/services/challenges.ts). Replay protection rests on them: a challenge
 * lives exactly `challengeTtlSeconds`, is usable up to and including its expiry instant, is
 * kept (so a replay reads `used`/`expired`, never `unknown`) until a presentation made for it
 * can no longer be fresh (maxPresentationAge + clockSkew past expiry), and only a string of
 * our shape is ever looked up. `readChallengeOption` is also pinned directly: the HTTP route's
 * schema validates first, so its own checks only show when it is called as a function.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/index.js';
import { readChallengeOption } from '../../verifier/services/challenges.js';
import { NOW } from '../fixtures/world.js';
import type { World } from '../fixtures/world.js';
import { curatedWorld, postJson, startStandInIssuer, startVerifier, testClock } from './harness.js';
import type { RunningVerifier, StandInIssuer } from './harness.js';

let world: World;
let issuer: StandInIssuer;
let verifier: RunningVerifier;
const clock = testClock();

beforeAll(async () => {
  world = await curatedWorld();
  issuer = await startStandInIssuer(world);
  verifier = await startVerifier({ world, issuer, clock });
});

afterAll(async () => {
  await verifier?.close();
  await issuer?.stop();
});

describe('issue and consume', () => {
  it('POST /challenges: the challenge expires exactly challengeTtlSeconds after now', async () => {
    clock.set(NOW);
    const res = await postJson(`${verifier.url}/challenges`, undefined);
    expect(res.status).toBe(201);
    const ttl = verifier.settings.challengeTtlSeconds;
    expect(res.body.expiresAt).toBe(new Date(NOW.getTime() + ttl * 1000).toISOString());
    expect(res.body.domain).toBe(verifier.url);
  });

  it('a challenge is usable at its expiry instant, expired one millisecond later, and single use', async () => {
    const challenges = verifier.services.challenges;
    clock.set(NOW);
    const a = await challenges.issue();
    const b = await challenges.issue();
    clock.set(new Date(a.expiresAt));
    expect(await challenges.consume(a.challenge)).toEqual({ ok: true });
    expect(await challenges.consume(a.challenge)).toEqual({ ok: false, reason: 'used' });
    clock.set(new Date(Date.parse(b.expiresAt) + 1));
    expect(await challenges.consume(b.challenge)).toEqual({ ok: false, reason: 'expired' });
  });

  it('only a string of our shape is looked up: an array wrapping a live challenge is unknown and leaves it usable', async () => {
    const challenges = verifier.services.challenges;
    clock.set(NOW);
    const live = await challenges.issue();
    for (const bad of [[live.challenge], { toString: () => live.challenge }, `${live.challenge}!`, 'short']) {
      expect(await challenges.consume(bad as unknown as string)).toEqual({ ok: false, reason: 'unknown' });
    }
    expect(await challenges.consume(live.challenge)).toEqual({ ok: true });
  });
});

describe('sweep', () => {
  it('keeps an expired challenge for maxPresentationAge + clockSkew past its expiry, deletes it one millisecond later', async () => {
    const challenges = verifier.services.challenges;
    const { maxPresentationAgeSeconds, clockSkewSeconds } = verifier.settings;
    // Clear what earlier tests issued.
    clock.set(new Date(NOW.getTime() + 365 * 86_400_000));
    await challenges.sweep();

    clock.set(NOW);
    const c = await challenges.issue();
    const edge = Date.parse(c.expiresAt) + (maxPresentationAgeSeconds + clockSkewSeconds) * 1000;
    clock.set(new Date(Date.parse(c.expiresAt) + 1));
    expect(await challenges.sweep()).toBe(0);
    clock.set(new Date(edge));
    expect(await challenges.sweep()).toBe(0);
    expect(await challenges.consume(c.challenge)).toEqual({ ok: false, reason: 'expired' });
    clock.set(new Date(edge + 1));
    expect(await challenges.sweep()).toBe(1);
    expect(await verifier.store.get('challenges', c.challenge)).toBeUndefined();
    expect(await challenges.consume(c.challenge)).toEqual({ ok: false, reason: 'unknown' });
  });
});

describe('readChallengeOption', () => {
  const refused = (options: unknown, message: string) => {
    let caught: unknown;
    try {
      readChallengeOption(options);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'REQUEST_INVALID', status: 400, message });
  };

  it('returns the challenge, or undefined when there are no options or no challenge', () => {
    expect(readChallengeOption(undefined)).toBeUndefined();
    expect(readChallengeOption({})).toBeUndefined();
    expect(readChallengeOption({ domain: 'x' })).toBeUndefined();
    expect(readChallengeOption({ challenge: 'a'.repeat(200) })).toBe('a'.repeat(200));
  });

  it('refuses options that are not an object with a 400 REQUEST_INVALID', () => {
    for (const bad of [null, 'x', 7, true, [], [{ challenge: 'abc' }]]) refused(bad, '`options` must be an object.');
  });

  it('refuses a challenge that is not a string or is longer than 200 characters', () => {
    for (const bad of [7, null, ['a'], 'a'.repeat(201)]) refused({ challenge: bad }, '`options.challenge` must be a string.');
  });
});
