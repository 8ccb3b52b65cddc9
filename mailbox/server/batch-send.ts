import type { MailboxContext } from '../domain/context';
import { MailboxError } from '../domain/errors';
import { sendMessage } from '../domain/messages';
import type { SessionIdentity } from '../domain/sessions';
import type { BatchSendResultT, SendRequestT } from '../protocol/http';

/**
 * Sends a client's queued messages in one request, in order, each exactly as a single send
 * would (idempotent by its clientId, its own transaction, every cap counted per message). A
 * message refused for a reason in words (conflict, a cap, a bad number) is answered in its
 * place and the others still go; an unexpected failure fails the request, and the client sends
 * the batch again: what was already made comes back as made, not twice.
 */
export async function sendBatch(
  ctx: MailboxContext,
  sender: SessionIdentity,
  inputs: readonly SendRequestT[],
): Promise<BatchSendResultT[]> {
  const one = (input: SendRequestT): Promise<BatchSendResultT> =>
    sendMessage(ctx, sender, input).then(
      (message) => ({ clientId: input.clientId, ok: true, message }),
      (err: unknown) => {
        if (!(err instanceof MailboxError)) throw err;
        return { clientId: input.clientId, ok: false, error: { code: err.code, message: err.message } };
      },
    );
  // SQLite runs transactions one after another in the order they were asked for, and commits
  // those asked for together at once: started together, the batch shares one commit and keeps
  // its order. PostgreSQL would run them side by side on several connections, and the server
  // order (which orders a thread) could differ from the client's; there each waits its turn.
  if (ctx.db.dialect === 'sqlite') return Promise.all(inputs.map(one));
  const results: BatchSendResultT[] = [];
  for (const input of inputs) results.push(await one(input));
  return results;
}
