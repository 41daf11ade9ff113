/** New passphrases: one minimum length for wallet and backup, the most common ones refused, a strength hint. */
import { describe, expect, it } from 'vitest';
import { exportBackup } from '../../wallet-web/src/backup.js';
import { createHolderKey } from '../../wallet-web/src/keys.js';
import { MIN_PASSPHRASE_LENGTH, checkNewPassphrase, isCommonPassphrase, passphraseStrength } from '../../wallet-web/src/passphrase.js';
import { TEST_ITERATIONS, memoryStore } from './helpers.js';

const NOW = new Date('2026-05-20T03:00:00Z');

describe('new passphrases', () => {
  it.each([
    'password123', 'Password!!', 'P a s s w o r d 1', 'bismillah2024', 'Indonesia Raya', 'sayangsayang', 'persija1928',
    '1234567890', '198609262015052001', 'qwertyuiop', 'aaaaaaaaaaaa', 'abcabcabcabc', 'iloveyou!!', 'passwordpassword',
  ])('refuses %s as one of the most common', (p) => {
    expect(isCommonPassphrase(p)).toBe(true);
    expect(() => checkNewPassphrase(p)).toThrow(expect.objectContaining({ code: 'PASSPHRASE_TOO_COMMON' }));
    expect(passphraseStrength(p)).toBe('common');
  });

  it.each(['kuda lari di pantai', 'sandi dompet uji 2026', 'Ayam goreng Bu Tini 7', 'Jr9#vQ2!mZ'])('accepts %s', (p) => {
    expect(isCommonPassphrase(p)).toBe(false);
    expect(() => checkNewPassphrase(p)).not.toThrow();
  });

  it('has one minimum length, for the wallet and for a backup', async () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(10);
    const short = 'kudalari9';
    expect(() => checkNewPassphrase(short)).toThrow(expect.objectContaining({ code: 'PASSPHRASE_TOO_SHORT' }));
    expect(passphraseStrength(short)).toBe('too-short');
    const store = await memoryStore();
    await expect(createHolderKey(store, short, NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
    await expect(createHolderKey(store, 'password2026', NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_COMMON' });
    const session = await createHolderKey(store, `${short}x`, NOW, TEST_ITERATIONS);
    await expect(exportBackup(store, session, short, NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
    await expect(exportBackup(store, session, 'indonesia123', NOW, TEST_ITERATIONS)).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_COMMON' });
    await expect(exportBackup(store, session, `${short}x`, NOW, TEST_ITERATIONS)).resolves.toContain('asn-dompet-backup');
  });

  it('gives a strength hint that grows with length and words', () => {
    expect(passphraseStrength('kudalaripx')).toBe('weak');
    expect(passphraseStrength('kuda pantai')).toBe('fair');
    expect(passphraseStrength('kuda lari di pantai sore')).toBe('strong');
  });
});
