/**
 * Writes our own signed golden vectors to test/fixtures/golden/. Run it only when the
 * credential format changes on purpose (and say so in the commit): the golden test
 * re-verifies these files and re-signs them on every run to catch canonicalization drift.
 *   npx tsx scripts/make-golden-vectors.ts
 *
 * `learning-credential.{eddsa-rdfc-2022,ed25519-2020}.json` are the ASN v1 form (our own
 * context for competency type and level) that the builder no longer makes: they are frozen
 * and not rewritten here, so the test keeps proving that credentials issued before the
 * format change still verify. The standard-only form is `learning-credential.standard.*`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createWorld } from '../test/fixtures/world.js';

const out = path.resolve(import.meta.dirname, '../test/fixtures/golden');
const world = await createWorld();
const accreditation = await world.accredit({ provider: world.provider, types: ['manajerial', 'sosial-kultural'], from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-01-01T00:00:00Z'), statusIndex: 7 });
const learning = await world.issue({ holder: world.holder.did, index: 4343 });
const learning2020 = await world.issue({ suite: 'Ed25519Signature2020', index: 5154 });
const statusLists = Object.fromEntries([...world.statusLists].map(([url, l]) => [url, l.signed]));
const files: Record<string, unknown> = {
  'learning-credential.standard.eddsa-rdfc-2022.json': learning,
  'learning-credential.standard.ed25519-2020.json': learning2020,
  'accreditation.json': accreditation,
  'status-lists.json': statusLists,
};
for (const [name, doc] of Object.entries(files)) writeFileSync(path.join(out, name), `${JSON.stringify(doc, null, 2)}\n`);
console.log(`wrote ${Object.keys(files).length} files to ${out}`);
