import { type Clock, systemClock } from "./deps.ts";

/** A clock that runs with real time plus an offset tests move forward (only ever built in test mode). */
export interface OffsetClock extends Clock {
  advance(ms: number): void;
}

export function offsetClock(base: Clock = systemClock): OffsetClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
  };
}
