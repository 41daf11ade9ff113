/**
 * BAD-INPUTS #40: a backup with a wrong passphrase, truncated or edited gives a clear error
 * and the wallet does not change. A good backup restores the same holder and credentials.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from '../../wallet-web/src/backup.js';
import { listCredentials, saveCredential } from '../../wallet-web/src/credentials.js';
import { createHolderKey, unlockHolderKey } from '../../wallet-web/src/keys.js';
import type { Session } from '../../wallet-web/src/keys.js';
import { writeSettings } from '../../wallet-web/src/settings.js';
import type { WalletStore } from '../../wallet-web/src/store.js';
import { TEST_ITERATIONS, memoryStore } from './helpers.js';

const NOW = new Date('2025-07-01T02:00:00Z');
const PASS = 'kata sandi cadangan';
const vc = (id: string, name: string) => ({ id, type: ['VerifiableCredential', 'OpenBadgeCredential'], name, credentialSubject: { id: 'did:key:x' } });

let source: WalletStore;
let session: Session;
let backup: string;

beforeAll(async () => {
  source = await memoryStore();
  session = await createHolderKey(source, 'sandi dompet lama', NOW, TEST_ITERATIONS);
  await saveCredential(source, session, { id: 'urn:uuid:1', vc: vc('urn:uuid:1', '<img src=x onerror=alert(1)>'), issuerOrigin: 'https://issuer.example', addedAt: NOW.toISOString() });
  await saveCredential(source, session, { id: 'urn:uuid:2', vc: vc('urn:uuid:2', 'Pelatihan'), accreditation: { id: 'urn:acc' }, issuerOrigin: 'https://issuer.example', addedAt: NOW.toISOString() });
  await writeSettings(source, { lang: 'en', employment: 'PPPK', contractStart: '04-01', verifierOrigin: 'https://verifier.example' });
  backup = await exportBackup(source, session, PASS, NOW, TEST_ITERATIONS);
});

/** A wallet that already holds something, to prove a failed restore leaves it as it was. */
async function occupiedWallet(): Promise<{ store: WalletStore; before: Array<[string, string]> }> {
  const store = await memoryStore();
  const s = await createHolderKey(store, 'sandi dompet lain', NOW, TEST_ITERATIONS);
  await saveCredential(store, s, { id: 'urn:uuid:other', vc: vc('urn:uuid:other', 'Lain'), issuerOrigin: 'https://issuer.example', addedAt: NOW.toISOString() });
  return { store, before: await store.dump() };
}

describe('wallet backup', () => {
  it('is encrypted: neither the key, the DID nor credential text appear in the file', () => {
    expect(backup).not.toContain(session.did.slice(8));
    expect(backup).not.toContain('Pelatihan');
    expect(backup).not.toContain('onerror');
    const file = JSON.parse(backup) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['ciphertext', 'createdAt', 'format', 'iv', 'kdf', 'version']);
    expect(file.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: TEST_ITERATIONS });
  });

  it('restores the same holder, credentials and settings into an empty wallet', async () => {
    const target = await memoryStore();
    const restored = await restoreBackup(target, backup, PASS, NOW, TEST_ITERATIONS);
    expect(restored.did).toBe(session.did);
    const creds = await listCredentials(target, restored);
    expect(creds.map((c) => c.id)).toEqual(['urn:uuid:1', 'urn:uuid:2']);
    expect(creds[1]?.accreditation).toEqual({ id: 'urn:acc' });
    // The backup passphrase now opens the wallet.
    expect((await unlockHolderKey(target, PASS)).did).toBe(session.did);
  });

  it('replaces an occupied wallet only as a whole', async () => {
    const { store } = await occupiedWallet();
    const restored = await restoreBackup(store, backup, PASS, NOW, TEST_ITERATIONS);
    expect((await listCredentials(store, restored)).map((c) => c.id)).toEqual(['urn:uuid:1', 'urn:uuid:2']);
  });

  const flipAt = (text: string, field: 'ciphertext' | 'iv', at: number): string => {
    const f = JSON.parse(text) as Record<string, string>;
    const s = f[field]!;
    const c = s[at] === 'A' ? 'B' : 'A';
    f[field] = `${s.slice(0, at)}${c}${s.slice(at + 1)}`;
    return JSON.stringify(f);
  };
  const editJson = (text: string, edit: (f: Record<string, unknown>) => void): string => {
    const f = JSON.parse(text) as Record<string, unknown>;
    edit(f);
    return JSON.stringify(f);
  };

  const cases: Array<[string, () => string, string, string?]> = [
    ['wrong passphrase', () => backup, 'BACKUP_WRONG_PASSPHRASE', 'salah sekali sandinya'],
    ['truncated file (half)', () => backup.slice(0, Math.floor(backup.length / 2)), 'BACKUP_DAMAGED'],
    ['truncated file (last byte of JSON)', () => backup.trimEnd().slice(0, -1), 'BACKUP_DAMAGED'],
    ['ciphertext shortened but still JSON', () => editJson(backup, (f) => { f.ciphertext = String(f.ciphertext).slice(0, -10); }), 'BACKUP_WRONG_PASSPHRASE'],
    ['one ciphertext character changed', () => flipAt(backup, 'ciphertext', 40), 'BACKUP_WRONG_PASSPHRASE'],
    ['nonce changed', () => flipAt(backup, 'iv', 3), 'BACKUP_WRONG_PASSPHRASE'],
    ['createdAt edited (header is authenticated)', () => editJson(backup, (f) => { f.createdAt = '2020-01-01T00:00:00.000Z'; }), 'BACKUP_WRONG_PASSPHRASE'],
    ['iterations lowered below the floor', () => editJson(backup, (f) => { (f.kdf as Record<string, unknown>).iterations = 1000; }), 'BACKUP_DAMAGED'],
    ['iterations raised (still in range)', () => editJson(backup, (f) => { (f.kdf as Record<string, unknown>).iterations = TEST_ITERATIONS + 1; }), 'BACKUP_WRONG_PASSPHRASE'],
    ['an extra field', () => editJson(backup, (f) => { f.extra = 1; }), 'BACKUP_DAMAGED'],
    ['duplicate keys', () => backup.replace('"format"', '"version": 1, "format"'), 'BACKUP_DAMAGED'],
    ['__proto__ key', () => backup.replace('{', '{"__proto__": {"x": 1},'), 'BACKUP_DAMAGED'],
    ['another file format', () => editJson(backup, (f) => { f.format = 'something-else'; }), 'BACKUP_NOT_A_BACKUP'],
    ['a newer version', () => editJson(backup, (f) => { f.version = 2; }), 'BACKUP_VERSION_UNSUPPORTED'],
    ['empty file', () => '', 'BACKUP_DAMAGED'],
    ['not JSON at all', () => 'PK\u0003\u0004 zip file', 'BACKUP_DAMAGED'],
  ];

  it.each(cases)('%s → %s, and the wallet does not change', async (_name, make, code, pass = PASS) => {
    const { store, before } = await occupiedWallet();
    await expect(restoreBackup(store, make(), pass, NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code });
    expect(await store.dump()).toEqual(before);
  });

  it('refuses a short backup passphrase', async () => {
    await expect(exportBackup(source, session, 'pendek', NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
  });
});

describe('holder key at rest', () => {
  it('stores no secret in clear and refuses a wrong passphrase', async () => {
    const store = await memoryStore();
    const s = await createHolderKey(store, 'sandi dompet saya', NOW, TEST_ITERATIONS);
    const raw = JSON.stringify(await store.dump());
    expect(raw).toContain(s.did); // the DID is public
    expect(raw).not.toMatch(/secretKeyMultibase|z3u2/);
    await expect(unlockHolderKey(store, 'sandi yang salah')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect((await unlockHolderKey(store, 'sandi dompet saya')).did).toBe(s.did);
  });

  it('refuses a key record whose KDF was weakened', async () => {
    const store = await memoryStore();
    await createHolderKey(store, 'sandi dompet saya', NOW, TEST_ITERATIONS);
    const vault = (await store.getJson('vault')) as { kdf: { iterations: number } };
    vault.kdf.iterations = 1;
    await store.putJson('vault', vault);
    await expect(unlockHolderKey(store, 'sandi dompet saya')).rejects.toMatchObject({ code: 'WALLET_CORRUPT' });
  });
});
