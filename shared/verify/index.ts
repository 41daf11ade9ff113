export { verifyCredential, pinTrustAnchor } from './verify-credential.js';
export { verifyPresentation } from './verify-presentation.js';
export type { PresentationVerifyOptions } from './verify-presentation.js';
export { readAccreditationTerms, certifiedCompetencies } from './checks/accreditation.js';
export { messageFor, KNOWN_CODES } from './messages.js';
export * from './types.js';
export { createVerificationCache } from './cache.js';
export type { VerificationCache } from './cache.js';
