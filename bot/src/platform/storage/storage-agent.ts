import http from 'node:http';
import https from 'node:https';

/**
 * Sockets open to the storage account at once, for every table together. Each tab request
 * makes about six storage calls; the SDK's default agent has no limit, so a burst of 200
 * requests opened a socket per call in flight (over a thousand), storage answered them in no
 * useful order and the first arrivals waited longest. Beyond the limit calls queue in the
 * agent, in order. See docs/operations.md, "Under load".
 */
export const STORAGE_MAX_SOCKETS = 128;

/**
 * How long an idle socket is kept. Below the 5 s keep-alive of Node servers (Azurite), so the
 * client closes first and a call never lands on a socket the server has just closed (which
 * failed with "socket hang up" / ECONNRESET and was retried after a delay).
 */
export const STORAGE_IDLE_SOCKET_MS = 4_000;

let shared: { http?: http.Agent; https?: https.Agent } = {};

/** The one keep-alive agent every table client of the process shares, per protocol. */
export function storageAgent(url: string): http.Agent {
  const options = {
    keepAlive: true,
    maxSockets: STORAGE_MAX_SOCKETS,
    maxFreeSockets: STORAGE_MAX_SOCKETS,
    timeout: STORAGE_IDLE_SOCKET_MS,
  };
  if (url.startsWith('https:')) return (shared.https ??= new https.Agent(options));
  return (shared.http ??= new http.Agent(options));
}

/** For tests: forget the agents (the next store makes new ones). */
export function resetStorageAgents(): void {
  shared.http?.destroy();
  shared.https?.destroy();
  shared = {};
}
