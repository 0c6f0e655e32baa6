import { type Clock, systemClock } from "./deps.ts";

/** A clock that runs with real time plus an offset tests move forward (only ever built in test mode). */
export interface OffsetClock extends Clock {
  advance(ms: number): void;
  /** The offset, for a thread of the process to read the same time (`offsetClock(base, shared)`). */
  shared: SharedArrayBuffer;
}

export function offsetClock(
  base: Clock = systemClock,
  shared = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT),
): OffsetClock {
  const offsetMs = new Float64Array(shared);
  return {
    now: () => new Date(base.now().getTime() + (offsetMs[0] as number)),
    advance: (ms) => {
      offsetMs[0] = (offsetMs[0] as number) + ms;
    },
    shared,
  };
}
