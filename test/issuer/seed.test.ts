import { expect, it } from 'vitest';
import { seedDemo } from '../../issuer/demo/seed.js';
import { call, startIssuer, verifyOverHttp } from './helpers.js';

it('demo seed registers providers and issues claimable, verifiable credentials (idempotent providers)', async () => {
  const issuer = await startIssuer();
  try {
    const seeded = await seedDemo(issuer.services);
    expect(seeded.providers.map((p) => p.id)).toEqual(['corpu-asn', 'univ-terbuka', 'digitalent']);
    expect(seeded.credentials).toHaveLength(4);
    const first = seeded.credentials[0];
    expect(first?.claimUrl).toBeTruthy();
    const printed = await call(issuer.url, 'POST', new URL(first?.certificateUrl ?? '').pathname, { body: { nip: '198609262015052001' } }); // Siti, the first demo learner
    expect((await verifyOverHttp(issuer, printed.body)).verified).toBe(true);
    const again = await seedDemo(issuer.services);
    expect(again.providers).toHaveLength(3);
  } finally {
    await issuer.close();
  }
});
