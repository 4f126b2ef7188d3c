import type { Insertable, Selectable, Transaction, UpdateResult } from 'kysely';
import type { AgeBand, Gender, IncomeBand, Role, SignupSource, Suspension, User, UserPatch, UserStore } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';
import type { Database, UsersTable } from '../database.ts';
import { withChanges, type ChangeEntry } from './change-log.ts';
import { FixedShapeQuery } from './fixed-shape-query.ts';

const COLUMNS = 16;

export class KyselyUserStore implements UserStore {
  /** Signed-in requests and note authors are read by id on every request. */
  private readonly byIds: FixedShapeQuery<Selectable<UsersTable>>;

  constructor(private readonly ctx: StoreContext) {
    this.byIds = new FixedShapeQuery((ids) => ctx.db.selectFrom('users').selectAll().where('id', 'in', ids as string[]));
  }

  async createUser(user: User): Promise<void> {
    await withChanges(this.ctx, async (trx) => {
      await trx.insertInto('users').values(toRow(user)).execute();
      return { result: undefined, changed: [userChange(user.id)] };
    });
  }

  async insertUsers(users: readonly User[]): Promise<void> {
    if (users.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(users, rowsPerStatement(this.ctx.profile, COLUMNS))) {
        await trx.insertInto('users').values(part.map(toRow)).execute();
      }
    });
  }

  async getUser(id: string): Promise<User | null> {
    const { rows } = await this.ctx.db.executeQuery(this.byIds.compile([id]));
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async getUsers(ids: readonly string[]): Promise<User[]> {
    const unique = [...new Set(ids)];
    const byId = new Map<string, User>();
    for (const part of chunked(unique, rowsPerStatement(this.ctx.profile, 1))) {
      const { rows } = await this.ctx.db.executeQuery(this.byIds.compile(part));
      for (const r of rows) byId.set(r.id, fromRow(r));
    }
    return unique.flatMap((id) => byId.get(id) ?? []);
  }

  async getUserByHandle(handle: string): Promise<User | null> {
    const row = await this.ctx.db.selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async updateUser(id: string, patch: UserPatch): Promise<User | null> {
    const set = {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(patch.market !== undefined && { market: patch.market }),
      ...(patch.ageBand !== undefined && { age_band: patch.ageBand }),
      ...(patch.gender !== undefined && { gender: patch.gender }),
      ...(patch.incomeBand !== undefined && { income_band: patch.incomeBand }),
    };
    if (Object.keys(set).length > 0) {
      await withChanges(this.ctx, async (trx) => {
        const r = await trx.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
        return { result: undefined, changed: Number(r.numUpdatedRows) > 0 ? [userChange(id)] : [] };
      });
    }
    return this.getUser(id);
  }

  async listUsers(after: string | null, limit: number): Promise<User[]> {
    let q = this.ctx.db.selectFrom('users').selectAll().orderBy('id').limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map(fromRow);
  }

  async setRole(id: string, role: Role): Promise<boolean> {
    return this.changeLive(id, (trx) => trx.updateTable('users').set({ role }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst());
  }

  async listUsersByRole(role: Role): Promise<User[]> {
    const rows = await this.ctx.db.selectFrom('users').selectAll().where('role', '=', role).where('deleted_at', 'is', null).orderBy('id').execute();
    return rows.map(fromRow);
  }

  async setSuspension(id: string, s: Suspension | null): Promise<boolean> {
    return this.changeLive(id, (trx) =>
      trx
        .updateTable('users')
        .set({ suspended_at: s?.at ?? null, suspension_reason: s?.reason ?? null, suspended_by: s?.by ?? null })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    );
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.changeLive(id, (trx) => trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst());
  }

  /** Runs an update of one account and records it when a row changed; true when one did. */
  private changeLive(id: string, update: (trx: Transaction<Database>) => Promise<UpdateResult>): Promise<boolean> {
    return withChanges(this.ctx, async (trx) => {
      const done = Number((await update(trx)).numUpdatedRows) > 0;
      return { result: done, changed: done ? [userChange(id)] : [] };
    });
  }

  async countUsers(): Promise<number> {
    const row = await this.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function userChange(id: string): ChangeEntry {
  return { kind: 'user', entityId: id };
}

function toRow(u: User): Insertable<UsersTable> {
  return {
    id: u.id,
    handle: u.handle,
    display_name: u.displayName,
    password_hash: u.passwordHash ?? null,
    locale: u.locale,
    market: u.market,
    signup_source: u.signupSource,
    role: u.role,
    age_band: u.ageBand ?? null,
    gender: u.gender ?? null,
    income_band: u.incomeBand ?? null,
    created_at: u.createdAt,
    suspended_at: u.suspension?.at ?? null,
    suspension_reason: u.suspension?.reason ?? null,
    suspended_by: u.suspension?.by ?? null,
    deleted_at: u.deletedAt ?? null,
  };
}

function fromRow(r: Selectable<UsersTable>): User {
  return {
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    locale: r.locale,
    market: r.market,
    signupSource: r.signup_source as SignupSource,
    role: r.role as Role,
    ageBand: r.age_band as AgeBand | null,
    gender: r.gender as Gender | null,
    incomeBand: r.income_band as IncomeBand | null,
    createdAt: Number(r.created_at),
    // Only present when set, so an ordinary account reads back exactly as it was written.
    ...(r.suspended_at !== null && {
      suspension: { at: Number(r.suspended_at), reason: r.suspension_reason ?? '', by: r.suspended_by ?? '' },
    }),
    ...(r.deleted_at !== null && { deletedAt: Number(r.deleted_at) }),
  };
}
