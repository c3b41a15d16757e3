/** A server that accepts connections and never answers: what a stalled or hostile server looks like. */
import { createServer, type AddressInfo, type Socket } from 'node:net';

export async function withTarpit<T>(fn: (port: number) => Promise<T>): Promise<T> {
  const sockets: Socket[] = [];
  const tarpit = createServer((s) => sockets.push(s)); // accepts, reads nothing, answers nothing
  await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
  try {
    return await fn((tarpit.address() as AddressInfo).port);
  } finally {
    for (const s of sockets) s.destroy();
    tarpit.close();
  }
}
