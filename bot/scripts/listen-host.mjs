/**
 * Preloaded into the Microsoft 365 Agents Playground (`node --import <this file's URL> cli.js …`)
 * so that it listens on loopback only.
 *
 * The Playground (0.2.x, dist/index.js) starts its UI, fake Bot Connector and WebSocket with
 * `server.listen(port, callback)`: no host, so Node binds every interface, and it has no option
 * or environment variable to choose one. This gives every `listen` that names no host (a TCP
 * port, or options without `host`) the host 127.0.0.1. Listens that name a host, a pipe path or
 * a handle are left alone. The Playground is a tool for the person at this machine (its fake
 * connector lets whoever reaches it chat as the demo people), so it stays on loopback even when
 * HOST opens the service itself.
 */
import net from 'node:net';

const host = '127.0.0.1';
const listen = net.Server.prototype.listen;

function isPort(value) {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

net.Server.prototype.listen = function listenOnHost(...args) {
  const [first] = args;
  if (args.length === 0 || typeof first === 'function') {
    // listen() or listen(callback): a random port on every interface.
    args.unshift(0, host);
  } else if (isPort(first)) {
    // listen(port, [host], [backlog], [callback])
    if (args.length === 1 || args[1] === undefined || args[1] === null) args[1] = host;
    else if (typeof args[1] !== 'string') args.splice(1, 0, host);
  } else if (first && typeof first === 'object' && !('fd' in first) && !('_handle' in first)) {
    // listen({ port, host, … }, [callback]); a pipe (path) or handle keeps its own address.
    if (first.path === undefined && first.host === undefined) args[0] = { ...first, host };
  }
  return listen.apply(this, args);
};
