import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * This machine's own addresses that are not loopback (what `hostname -I` lists): a service bound
 * to 127.0.0.1 must refuse connections on each of them.
 */
export function nonLoopbackAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => !a.internal && !(a.family === 'IPv6' && a.address.startsWith('fe80:')))
    .map((a) => a.address);
}

/** Opens a TCP connection and says how it went: 'connected', or the error code (ECONNREFUSED). */
export function reach(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(error.code ?? error.message);
    });
  });
}
