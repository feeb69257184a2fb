import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { ApiRequestError } from './api-client';

/** A view's data: loading, failed with a message for people, or loaded. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiRequestError }
  | { status: 'loaded'; data: T };

/**
 * Loads a view's data once per `key` (and again on `retry`). A 401 hands back to sign-in;
 * other failures become a message for people. Results that arrive after the view moved on
 * are dropped.
 */
export function useApiLoad<T>(
  fetch: () => Promise<T>,
  key: readonly unknown[],
  onSignInExpired?: () => void,
): [LoadState<T>, Dispatch<SetStateAction<LoadState<T>>>, () => void] {
  const [load, setLoad] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setLoad({ status: 'loading' });
    fetch().then(
      (data) => live && setLoad({ status: 'loaded', data }),
      (error: unknown) => {
        if (!live) return;
        const failure =
          error instanceof ApiRequestError
            ? error
            : new ApiRequestError(0, 'unexpected', 'Something went wrong. Try again in a minute.');
        if (failure.status === 401 && onSignInExpired) onSignInExpired();
        else setLoad({ status: 'failed', error: failure });
      },
    );
    return () => {
      live = false;
    };
    // `fetch` is recreated on every render; `key` says when the data really changes.
  }, [...key, attempt, onSignInExpired]);

  return [load, setLoad, retry];
}
