import { EngineError, type User, type UserStore } from '@notewave/engine';

/*
 * The operator role belongs to accounts that already exist: granted by someone with access to the database
 * (the `notewave operator` command) or by the configuration, by user id. Registering can never grant it.
 */

export interface ConfiguredOperators {
  granted: string[];
  /** Ids in the configuration that name no live account. */
  missing: string[];
}

/** Makes the configured ids operators; ids without an account are reported, never created or reserved. */
export async function applyConfiguredOperators(users: UserStore, ids: readonly string[]): Promise<ConfiguredOperators> {
  const out: ConfiguredOperators = { granted: [], missing: [] };
  for (const id of ids) {
    const u = await users.getUser(id);
    if (!u || u.deletedAt !== undefined) out.missing.push(id);
    else if (u.role === 'operator') continue;
    else if (await users.setRole(id, 'operator')) out.granted.push(id);
    else out.missing.push(id);
  }
  return out;
}

/** Grants or revokes the operator role by handle; returns the account as it now is. */
export async function setOperator(users: UserStore, handle: string, operator: boolean): Promise<User> {
  const u = await users.getUserByHandle(handle.trim().toLowerCase());
  if (!u || u.deletedAt !== undefined) throw new EngineError('not_found', `no account with the handle '${handle}'`);
  await users.setRole(u.id, operator ? 'operator' : 'user');
  return { ...u, role: operator ? 'operator' : 'user' };
}

export function listOperators(users: UserStore): Promise<User[]> {
  return users.listUsersByRole('operator');
}

/** Refuses anyone but an operator. */
export function requireOperator(viewer: User): User {
  if (viewer.role !== 'operator') throw new EngineError('forbidden', 'only operators may do this');
  return viewer;
}
