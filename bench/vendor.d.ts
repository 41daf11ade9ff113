// The stock Multikey library, as bench/stock.ts calls it (untyped package).
declare module '@digitalbazaar/ed25519-multikey' {
  export function from(key: Record<string, unknown>): Promise<{ signer(): unknown }>;
}
