import { createServer } from 'node:net';

/**
 * Asks the kernel for a free TCP port on 127.0.0.1 and releases it again.
 *
 * There is an unavoidable gap between closing the probe and the real server binding the
 * port, so prefer letting a server listen on port 0 itself and reading back the port it
 * got whenever that server allows it (the Agents Playground does: `startPlayground` uses
 * `-p 0`). Use this for servers that need a port number before they start.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`could not read the port of a probe socket on ${host}`));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}
