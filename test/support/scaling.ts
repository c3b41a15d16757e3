/**
 * Guards against super-linear work without a wall-clock limit (a loaded machine makes any fixed limit
 * flaky): the same work at size n and at size k*n, each timed as the median of a few runs, compared as a
 * ratio. Linear work gives about k; the guards below allow well above that and well below k squared.
 */
import { performance } from 'node:perf_hooks';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(run: () => unknown, repeat: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * How much longer `work(large)` takes than `work(small)`: the ratio of the medians, each plus `floorMs` so
 * that sub-millisecond timer noise cannot make a ratio of two tiny numbers large.
 */
export async function timeRatio(work: (size: number) => unknown, small: number, large: number, opts: { repeat?: number; floorMs?: number } = {}): Promise<number> {
  const repeat = opts.repeat ?? 3;
  const floor = opts.floorMs ?? 1;
  await work(small); // warm-up: the first call pays for compilation
  const a = await timed(() => work(small), repeat);
  const b = await timed(() => work(large), repeat);
  return (b + floor) / (a + floor);
}
