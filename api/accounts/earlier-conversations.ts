import type { AccountConversation, AccountStore } from '../../db/account-store.js';

/**
 * The same customer's other conversations, newest first, at most `limit`: those of every chat user
 * who proved to own the account (web, Telegram, WeChat …). A chat user has one conversation (the
 * unique index on channel and user), so the same channel user adds none besides the open one. Reads
 * at most `limit + 1` bindings, the latest verified, whatever the account's history.
 */
export async function earlierConversations(
  current: { id: string },
  accountNumber: string,
  accounts: Pick<AccountStore, 'conversationsOfAccount'>,
  limit: number,
): Promise<AccountConversation[]> {
  const found = await accounts.conversationsOfAccount(accountNumber, limit + 1);
  return found
    .filter((c) => c.id !== current.id)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
    .slice(0, limit);
}
