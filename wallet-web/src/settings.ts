/**
 * Wallet settings (not secret, stored in clear): language, which verifier to present to,
 * which issuer hosts LAN's trust anchor, and whether the holder is PNS or PPPK (which JP
 * duty applies). Anything unreadable falls back to the defaults.
 */
import type { WalletStore } from './store.js';
import { KEY } from './store.js';

export type Lang = 'id' | 'en';
export type Employment = 'PNS' | 'PPPK';

export interface WalletSettings {
  lang: Lang;
  /** Origin of the verifier whose relay carries presentations (`https://verifikasi.example`). */
  verifierOrigin?: string;
  /** Origin of the issuer that publishes LAN's DID (the trust anchor) and the registry. */
  issuerOrigin?: string;
  employment: Employment;
  /** PPPK only: the day the contract year starts, `MM-DD`. */
  contractStart?: string;
  /** LAN's key, pinned the first time it was fetched from `issuerOrigin`. */
  trustAnchor?: { did: string; publicKeyMultibase: string };
}

export const DEFAULT_SETTINGS: WalletSettings = { lang: 'id', employment: 'PNS' };

/** `http(s)://host[:port]` or undefined. */
export function cleanOrigin(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  try {
    const u = new URL(value.trim());
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export function cleanSettings(raw: unknown, base: WalletSettings = DEFAULT_SETTINGS): WalletSettings {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: WalletSettings = {
    lang: r.lang === 'en' || r.lang === 'id' ? r.lang : base.lang,
    employment: r.employment === 'PPPK' || r.employment === 'PNS' ? r.employment : base.employment,
  };
  const verifierOrigin = cleanOrigin(r.verifierOrigin) ?? base.verifierOrigin;
  if (verifierOrigin) out.verifierOrigin = verifierOrigin;
  const issuerOrigin = cleanOrigin(r.issuerOrigin) ?? base.issuerOrigin;
  if (issuerOrigin) out.issuerOrigin = issuerOrigin;
  if (typeof r.contractStart === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(r.contractStart)) out.contractStart = r.contractStart;
  const ta = r.trustAnchor as Record<string, unknown> | undefined;
  if (ta && typeof ta.did === 'string' && typeof ta.publicKeyMultibase === 'string') out.trustAnchor = { did: ta.did, publicKeyMultibase: ta.publicKeyMultibase };
  return out;
}

export async function readSettings(store: WalletStore, defaults: WalletSettings = DEFAULT_SETTINGS): Promise<WalletSettings> {
  return cleanSettings(await store.getJson(KEY.settings), defaults);
}

export async function writeSettings(store: WalletStore, settings: WalletSettings): Promise<void> {
  await store.putJson(KEY.settings, cleanSettings(settings));
}
