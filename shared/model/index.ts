/**
 * The learning-credential model: NIP rules, the competency catalogue, the learning record
 * a provider submits, and the Open Badges 3.0 credential built from it.
 * (LocalizedText lives in ../i18n.ts and is exported from there.)
 */
export { parseNip, maskNip, isNipShaped, NIP_ERROR_MESSAGES, type NipKind, type NipErrorCode, type NipParseResult, type ParseNipOptions } from './nip.js';
export { hashIdentity, makeNipIdentity, matchesIdentity, randomSalt, type NipIdentity } from './identity-hash.js';
export {
  COMPETENCY_TYPES,
  COMPETENCY_LEVELS,
  COMPETENCY_TYPE_LABELS,
  lookupCompetency,
  listCatalogueCompetencies,
  isCompetencyType,
  isCompetencyLevel,
  competencyTypeOfCode,
  type Competency,
  type CompetencyType,
  type CompetencyLevel,
  type CompetencyLookup,
  type CompetencyErrorCode,
  type LocalizedName,
} from './competency.js';
export {
  learningInputSchema,
  createLearningInputSchema,
  parseLearningInput,
  learningModeOfPath,
  LEARNING_MODES,
  LEARNING_PATHS,
  KLASIKAL_PATHS,
  NONKLASIKAL_PATHS,
  LEARNING_MODE_LABELS,
  LEARNING_PATH_LABELS,
  type LearningInput,
  type LearningInputError,
  type LearningInputErrorCode,
  type LearningInputResult,
  type LearningMode,
  type LearningPath,
} from './learning-input.js';
export {
  buildLearningCredential,
  readLearningCredential,
  ASN_COMPETENCY_TARGET_TYPE,
  LEARNING_CREDENTIAL_CONTEXTS,
  LEARNING_CREDENTIAL_CONTEXTS_ASN_V1,
  type BuildCredentialContext,
  type LearningSummary,
} from './build-credential.js';
export {
  competencyOfAlignment,
  rubricCompetencyLevel,
  COMPETENCY_LEVEL_RESULT_TYPE,
} from './read-competency.js';
