/**
 * The shared credential core: everything issuer/, verifier/ and wallet-web/ use.
 * Runs unchanged in Node and in the browser; Node-only files are named `*.node.ts` and
 * are not exported from here.
 */
export * from './errors.js';
export * from './i18n.js';
export * from './contexts/index.js';
export * from './loader/document-loader.js';
export * from './keys/ed25519.js';
export * from './keys/did.js';
export * from './sign/sign-credential.js';
export type { ProofSuiteName } from './sign/suites.js';
export * from './sign/presentation.js';
export * from './status/bitstring.js';
export * from './status/status-list-credential.js';
export * from './accreditation/accreditation-credential.js';
export * from './accreditation/scope.js';
export * from './verify/index.js';
// The issuer runs the verifier's own context and safe-mode checks before signing.
export { checkContexts, hasInlineContext } from './verify/checks/contexts.js';
export { checkTerms, checkTermsDefined } from './verify/checks/terms.js';
export * from './util/dates.js';
export * from './util/strict-json.js';
export * from './model/index.js';
export * from './fetch/index.js';
export * from './relay/index.js';
export * from './util/urls.js';
export * from './share/credential-link.js';
