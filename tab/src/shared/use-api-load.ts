import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { ApiRequestError } from '../app/api-client';

/** A view's data: loading, failed with a message for people, or loaded. */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiRequestError }
  | { status: 'loaded'; data: T };

/**
 * What a failed load shows people: the API's refusal, or a general message for anything else.
 * A 401 hands back to sign-in instead, and gives undefined.
 */
export function loadFailure(
  error: unknown,
  onSignInExpired?: () => void,
): ApiRequestError | undefined {
  const failure =
    error instanceof ApiRequestError
      ? error
      : new ApiRequestError(0, 'unexpected', 'Something went wrong. Try again in a minute.');
  if (failure.status === 401 && onSignInExpired) {
    onSignInExpired();
    return undefined;
  }
  return failure;
}

export interface LoadOptions<T> {
  /** While false nothing is read; it is read when it turns true (and each time after that). */
  enabled?: boolean;
  /** Keeps what was loaded on show while it is read again, rather than going back to loading. */
  keepWhileReloading?: boolean;
  /** After each load, for reads that follow from it; `isCurrent` turns false when they are moot. */
  onLoaded?: (data: T, isCurrent: () => boolean) => void;
}

/**
 * Loads a view's data once per `key` (and again on `retry`). A 401 hands back to sign-in;
 * other failures become a message for people. Results that arrive after the view moved on
 * are dropped.
 */
export function useApiLoad<T>(
  fetch: () => Promise<T>,
  key: readonly unknown[],
  onSignInExpired?: () => void,
  { enabled = true, keepWhileReloading = false, onLoaded }: LoadOptions<T> = {},
): [LoadState<T>, Dispatch<SetStateAction<LoadState<T>>>, () => void] {
  const [load, setLoad] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    if (!keepWhileReloading) setLoad({ status: 'loading' });
    fetch().then(
      (data) => {
        if (!live) return;
        setLoad({ status: 'loaded', data });
        onLoaded?.(data, () => live);
      },
      (error: unknown) => {
        if (!live) return;
        const failure = loadFailure(error, onSignInExpired);
        if (failure) setLoad({ status: 'failed', error: failure });
      },
    );
    return () => {
      live = false;
    };
    // `fetch` and `onLoaded` are recreated on every render; `key` says when the data really changes.
  }, [...key, attempt, onSignInExpired, enabled]);

  return [load, setLoad, retry];
}
