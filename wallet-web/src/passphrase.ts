/**
 * Rules for a NEW passphrase (the wallet's, or a backup's, which becomes the wallet's on
 * restore): one minimum length for both, none of the passwords people pick most often, and
 * a strength hint while typing. Unlocking never applies these rules: an existing wallet
 * always opens with the passphrase it was made with.
 *
 * Why a small bundled list and not a strength library: the threat is an attacker with a
 * stolen browser profile or backup file guessing at PBKDF2 speed; the guesses tried first
 * are the well-known lists (global and Indonesian). A few hundred entries and their obvious
 * variants (case, spaces, digits or symbols added at the end, repeated) cover that.
 */
import { AppError } from '../../shared/errors.js';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { MIN_PASSPHRASE_LENGTH } from './sealed.js';

export { MIN_PASSPHRASE_LENGTH };

export type PassphraseStrength = 'too-short' | 'common' | 'weak' | 'fair' | 'strong';

const COMMON = new Set(COMMON_PASSWORDS);
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '0987654321', 'abcdefghijklmnopqrstuvwxyz'];

/** Lowercase, without spaces, separators and the digits or symbols people add at the end. */
function core(p: string): string {
  return p.toLowerCase().replace(/[\s._-]+/g, '').replace(/[^a-z]+$/, '');
}

/** One short piece said over and over (`abcabcabc`, `aaaaaaaaaa`, `sayangsayang`). */
function isRepeat(s: string): boolean {
  for (let n = 1; n <= s.length / 2; n++) if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return true;
  return false;
}

/** True for a passphrase an attacker tries among the first guesses. */
export function isCommonPassphrase(passphrase: string): boolean {
  const plain = passphrase.toLowerCase().replace(/\s+/g, '');
  const stem = core(passphrase);
  if (COMMON.has(plain) || COMMON.has(stem)) return true;
  // Digits only: a phone number, a birthday, a NIP: among the first things tried.
  if (/^[0-9]+$/.test(plain)) return true;
  if (isRepeat(plain) || isRepeat(stem)) return true;
  if (KEYBOARD_ROWS.some((row) => row.includes(plain) || row.includes(stem))) return true;
  // A common word said twice, or with a year or a name-day after it (`bismillah2024`).
  for (let cut = 4; cut < stem.length; cut++) if (COMMON.has(stem.slice(0, cut)) && COMMON.has(stem.slice(cut))) return true;
  return false;
}

/** A rough, honest estimate for the hint under the field; `checkNewPassphrase` is what refuses. */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  if (isCommonPassphrase(passphrase)) return 'common';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((r) => r.test(passphrase)).length;
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const distinct = new Set(passphrase.toLowerCase()).size;
  if (distinct < 5) return 'weak';
  if (length >= 20 || (words >= 3 && length >= 16) || (length >= 14 && classes >= 3)) return 'strong';
  if (length >= 12 || classes >= 3 || words >= 2) return 'fair';
  return 'weak';
}

/**
 * Refuses a new passphrase that is too short or among the most common ones.
 * @throws AppError PASSPHRASE_TOO_SHORT, PASSPHRASE_TOO_COMMON
 */
export function checkNewPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('PASSPHRASE_TOO_SHORT', `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
  if (isCommonPassphrase(passphrase)) throw new AppError('PASSPHRASE_TOO_COMMON', 'This passphrase is among the most common ones; choose another.');
}
