// Who is working in this window: the ledger's accounts status, shared by the shell (which signs in
// and out) and the pages (which grey out what the account's roles may not do). The ledger refuses
// those actions itself; this only says so before the click.
import { reactive } from 'vue'
import type { AccountStatus, Role } from './bindings'

export const session = reactive<AccountStatus>({ has_accounts: false, signed_in: null })

export function setSession(s: AccountStatus): void {
  session.has_accounts = s.has_accounts
  session.signed_in = s.signed_in
}

export const ROLE_LABEL: Record<Role, string> = { Clerk: '登记员', Reviewer: '审核人', Head: '负责人', Admin: '管理员' }

/** Whether this window may do what `role` may: always on a ledger without accounts. */
export function can(role: Role): boolean {
  if (!session.has_accounts) return true
  return !!session.signed_in?.roles.includes(role)
}

/** The tooltip of an action the account may not take, naming the role it needs. */
export function needs(role: Role): string {
  return can(role) ? '' : `需要${ROLE_LABEL[role]}角色`
}
