/** What every view receives: the store, the unlocked session, the credentials and their checks. */
import type { CredentialRecord } from '../credentials.js';
import type { Session } from '../keys.js';
import type { WalletSettings } from '../settings.js';
import type { CredentialCheck } from '../status.js';
import type { WalletStore } from '../store.js';

export interface WalletDefaults {
  verifierOrigin?: string;
  issuerOrigin?: string;
}

export interface AppContext {
  store: WalletStore;
  settings: WalletSettings;
  session?: Session;
  records: CredentialRecord[];
  /** Check results by credential id; absent while checking. */
  checks: Map<string, CredentialCheck>;
  now: () => Date;
  /** A one-shot message shown on the next rendered page. */
  flash?: { kind: 'ok' | 'error' | 'info'; text: string; route?: string };
  navigate(hash: string): void;
  rerender(): void;
  saveSettings(next: WalletSettings): Promise<void>;
  setSession(session: Session | undefined): Promise<void>;
  reloadRecords(): Promise<void>;
  /** Checks every credential (or one) and rerenders when done. */
  checkCredentials(ids?: string[]): Promise<void>;
  /** Credentials found revoked or suspended since the holder last saw them (ids), until acknowledged. */
  statusNews: string[];
  /** The holder has seen the new status of these credentials: remember it, stop telling. */
  acknowledge(ids: string[]): Promise<void>;
}
