/**
 * HR accounts: agencies, their admins and officers, and sessions. Passwords are hashed with
 * scrypt (per-user salt) and compared in constant time; an unknown user costs as much as a
 * wrong password, so timing does not reveal which usernames exist. Session tokens are
 * random and stored only as an HMAC, so a copy of the database cannot be used to log in.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/index.js';
import { del, put } from '../store/kv.js';
import type { AuditService } from './audit.js';
import type { ServiceContext } from './context.js';
import { DUMMY_PASSWORD_HASH, deriveKey, hashPassword, hmacHex, randomToken, sha256Hex, verifyPassword } from './crypto.node.js';

export type Role = 'admin' | 'officer';

export interface Agency { id: string; name: string; createdAt: string }

interface UserRecord {
  username: string;
  agencyId: string;
  role: Role;
  displayName: string;
  passwordHash: string;
  createdAt: string;
  createdBy: string;
}

/** Recent failed sign-in times of one account (keyed by an HMAC of the username). */
interface LoginFailures {
  times: number[];
  /** When the newest failure leaves the window: the sweep deletes the record after it. */
  expiresAt: string;
}

export interface Session {
  username: string;
  displayName: string;
  agencyId: string;
  agencyName: string;
  role: Role;
  expiresAt: string;
}

const username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, 'username: 3–40 of a-z 0-9 . _ -');
const password = z.string().min(12, 'password: at least 12 characters').max(200);
const displayName = z.string().trim().min(1).max(100);

export const newAgencySchema = z.object({
  agency: z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'agency.id: 2–40 of a-z 0-9 -'), name: z.string().trim().min(2).max(200) }).strict(),
  admin: z.object({ username, password, displayName }).strict(),
}).strict();

export const newUserSchema = z.object({ username, password, displayName, role: z.enum(['admin', 'officer']).default('officer') }).strict();

export const loginSchema = z.object({ username: z.string().max(40), password: z.string().max(200) }).strict();

/** Failed sign-ins allowed per account within the window before it is locked for a while. */
const LOGIN_MAX_FAILURES = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export class AccountService {
  private readonly sessionKey: Uint8Array;

  constructor(private readonly ctx: ServiceContext, private readonly audit: AuditService) {
    this.sessionKey = deriveKey(ctx.settings.secret, 'session');
  }

  /** Constant-time check of the bootstrap token (unset: bootstrap disabled). */
  checkBootstrapToken(token: string | undefined): void {
    const expected = this.ctx.settings.bootstrapToken;
    const ok = !!expected && typeof token === 'string' && sha256Hex(token).length === 64 &&
      timingSafeEqual(Buffer.from(sha256Hex(token), 'hex'), Buffer.from(sha256Hex(expected), 'hex'));
    if (!ok) throw new AppError('UNAUTHORIZED', 'A valid bootstrap token is required.', { status: 401 });
  }

  /** Creates an agency and its first admin (bootstrap operator only). */
  async createAgency(input: z.infer<typeof newAgencySchema>): Promise<{ agency: Agency; admin: { username: string; role: Role } }> {
    if (await this.ctx.store.get('agencies', input.agency.id)) throw new AppError('AGENCY_EXISTS', 'An agency with this id exists.', { status: 409 });
    if (await this.ctx.store.get('users', input.admin.username)) throw new AppError('USER_EXISTS', 'This username is taken.', { status: 409 });
    const now = this.ctx.now().toISOString();
    const agency: Agency = { id: input.agency.id, name: input.agency.name, createdAt: now };
    const user: UserRecord = {
      username: input.admin.username, agencyId: agency.id, role: 'admin', displayName: input.admin.displayName,
      passwordHash: await hashPassword(input.admin.password), createdAt: now, createdBy: 'bootstrap',
    };
    await this.ctx.store.batch([
      put('agencies', agency.id, agency),
      put('users', user.username, user),
      this.audit.entry({ kind: 'bootstrap', agencyId: agency.id }, 'agency.created', agency.id),
      this.audit.entry({ kind: 'bootstrap', agencyId: agency.id }, 'user.created', user.username, { role: 'admin' }),
    ]);
    return { agency, admin: { username: user.username, role: 'admin' } };
  }

  /** An agency admin creates an officer (or another admin) in their own agency. */
  async createUser(admin: Session, input: z.infer<typeof newUserSchema>): Promise<{ username: string; role: Role; agencyId: string }> {
    if (admin.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an agency admin can create accounts.', { status: 403 });
    if (await this.ctx.store.get('users', input.username)) throw new AppError('USER_EXISTS', 'This username is taken.', { status: 409 });
    const user: UserRecord = {
      username: input.username, agencyId: admin.agencyId, role: input.role, displayName: input.displayName,
      passwordHash: await hashPassword(input.password), createdAt: this.ctx.now().toISOString(), createdBy: admin.username,
    };
    await this.ctx.store.batch([
      put('users', user.username, user),
      this.audit.entry({ kind: 'user', username: admin.username, agencyId: admin.agencyId }, 'user.created', user.username, { role: user.role }),
    ]);
    return { username: user.username, role: user.role, agencyId: user.agencyId };
  }

  async login(input: z.infer<typeof loginSchema>): Promise<{ token: string; session: Session }> {
    const name = input.username.toLowerCase();
    // Per account, not only per IP: guesses spread over many addresses still hit this. The
    // counter lives in the store and each attempt is checked AND counted under the
    // account's lock (a database lock when instances share PostgreSQL): parallel guesses
    // queue, so no more than LOGIN_MAX_FAILURES passwords are ever tried per window.
    const user = await this.ctx.store.exclusive(`login:${name}`, async () => {
      const now = this.ctx.now().getTime();
      const failuresKey = hmacHex(this.sessionKey, `login:${name}`);
      const recent = ((await this.ctx.store.get<LoginFailures>('loginFailures', failuresKey))?.times ?? []).filter((t) => now - t < LOGIN_WINDOW_MS);
      if (recent.length >= LOGIN_MAX_FAILURES) {
        const retryAfter = Math.ceil((LOGIN_WINDOW_MS - (now - recent[0]!)) / 1000);
        throw new AppError('LOGIN_LOCKED', 'Too many failed sign-ins for this account; try again later.', { status: 429, details: { retryAfterSeconds: retryAfter } });
      }
      const found = await this.ctx.store.get<UserRecord>('users', name);
      const ok = await verifyPassword(input.password, found?.passwordHash ?? DUMMY_PASSWORD_HASH);
      if (!found || !ok) {
        const failures: LoginFailures = { times: [...recent, now], expiresAt: new Date(now + LOGIN_WINDOW_MS).toISOString() };
        await this.ctx.store.batch([
          put('loginFailures', failuresKey, failures),
          this.audit.entry({ kind: 'system', ...(found ? { agencyId: found.agencyId } : {}) }, 'user.loginFailed', found ? found.username : 'unknown-user'),
        ]);
        throw new AppError('LOGIN_FAILED', 'Wrong username or password.', { status: 401 });
      }
      if (recent.length > 0) await this.ctx.store.batch([del('loginFailures', failuresKey)]);
      return found;
    });
    const agency = await this.ctx.store.get<Agency>('agencies', user.agencyId);
    const token = randomToken(32);
    const session: Session = {
      username: user.username, displayName: user.displayName, agencyId: user.agencyId, agencyName: agency?.name ?? user.agencyId, role: user.role,
      expiresAt: new Date(this.ctx.now().getTime() + this.ctx.settings.sessionTtlSeconds * 1000).toISOString(),
    };
    await this.ctx.store.batch([
      put('sessions', hmacHex(this.sessionKey, token), session),
      this.audit.entry({ kind: 'user', username: user.username, agencyId: user.agencyId }, 'user.login', user.username),
    ]);
    return { token, session };
  }

  async authenticate(token: string | undefined): Promise<Session | undefined> {
    if (!token || token.length > 100) return undefined;
    const key = hmacHex(this.sessionKey, token);
    const session = await this.ctx.store.get<Session>('sessions', key);
    if (!session) return undefined;
    if (Date.parse(session.expiresAt) < this.ctx.now().getTime()) {
      await this.ctx.store.batch([del('sessions', key)]);
      return undefined;
    }
    return session;
  }

  /** Deletes expired sessions (the server runs this once a minute). */
  async sweep(): Promise<number> {
    const now = this.ctx.now().getTime();
    const expired = (await this.ctx.store.list<Session>('sessions')).filter((e) => Date.parse(e.value.expiresAt) < now);
    // Failure counters of accounts nobody tried for a window (also guessed usernames).
    const stale = (await this.ctx.store.list<LoginFailures>('loginFailures')).filter((e) => Date.parse(e.value.expiresAt) < now);
    const ops = [...expired.map((e) => del('sessions', e.key)), ...stale.map((e) => del('loginFailures', e.key))];
    if (ops.length > 0) await this.ctx.store.batch(ops);
    return expired.length;
  }

  async logout(token: string | undefined): Promise<void> {
    if (token && token.length <= 100) await this.ctx.store.batch([del('sessions', hmacHex(this.sessionKey, token))]);
  }
}
