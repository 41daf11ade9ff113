// What shared/sign/suites.ts needs beyond shared/types/vendor.d.ts: the suites' canonize hooks.
import '@digitalbazaar/ed25519-signature-2020';

declare module '@digitalbazaar/ed25519-signature-2020' {
  interface Ed25519Signature2020 {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  }
}
