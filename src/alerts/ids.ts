let counter = 0;

/**
 * Ids with a type prefix (`evt_…`, `inc_…`) that sort in creation order within a process (time, then a
 * counter), so events queued in one transaction are fanned out and sent in the order they happened. The random
 * tail (Web Crypto: the same on Workers and Node) keeps them unique across processes.
 */
export function newId(prefix: string): string {
  counter = (counter + 1) % 1296;
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${Date.now().toString(36).padStart(9, '0')}${counter.toString(36).padStart(2, '0')}${random[0]!.toString(36).padStart(7, '0')}${random[1]!.toString(36).padStart(7, '0')}`;
}
