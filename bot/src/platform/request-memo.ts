import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * One answer per question per request: a question the request asks twice (is this person's
 * data erased? once by the token check, again by the look-up of who they are) costs one storage
 * call. The memo lives only as long as the request's own work, so nothing goes stale across
 * requests or instances. Outside a request (jobs, bot turns without a scope) every ask asks.
 */
const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/** Runs `work` (a request's handling) with a fresh memo. */
export function withRequestMemo<T>(work: () => T): T {
  return scope.run(new Map(), work);
}

/**
 * The answer to `key` already asked in this request, or `ask()`'s. A failed ask is forgotten,
 * so asking again asks storage again.
 */
export function memoForRequest<T>(key: string, ask: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
  if (!memo) return ask();
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const answer = ask();
  memo.set(key, answer);
  answer.catch(() => {
    if (memo.get(key) === answer) memo.delete(key);
  });
  return answer;
}

/** Records an answer this request has just changed (a write), for the rest of the request. */
export function rememberForRequest<T>(key: string, value: T): void {
  scope.getStore()?.set(key, Promise.resolve(value));
}
