/**
 * A presentation made for a challenge this verifier issued cannot be replayed once the
 * challenge has expired and been swept: the sweep keeps the record for as long as such a
 * presentation is still fresh, so the challenge never reads as a caller's own (`unknown`).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPresentation, signPresentation } from '../../shared/index.js';
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

it('a captured presentation for our expired, swept challenge is refused, not taken as the caller\'s challenge', async () => {
  const held = await world.issue({ holder: world.holder.did });
  const issued = (await postJson(`${verifier.url}/challenges`, undefined)).body as { challenge: string };
  const vp = await signPresentation(buildPresentation({ holder: world.holder.did, credentials: [held] }), {
    signer: world.holder.signer, documentLoader: world.documentLoader, now: NOW, challenge: issued.challenge, domain: verifier.url,
  });
  const first = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: vp, options: { challenge: issued.challenge } });
  expect(first.status).toBe(200);

  // Past the challenge's expiry, still inside the presentation's freshness window.
  clock.advance(verifier.services.ctx.settings.challengeTtlSeconds + 60);
  await verifier.services.challenges.sweep();
  const replay = await postJson(`${verifier.url}/presentations/verify`, { verifiablePresentation: vp, options: { challenge: issued.challenge } });
  expect(replay.status).toBe(422);
  expect((replay.body as { checks: Array<{ id: string; status: string }> }).checks.find((c) => c.id === 'challenge')?.status).toBe('failed');
});
