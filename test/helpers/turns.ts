/**
 * Runs `work` while a request waits on the event loop, and returns it with how many turns that
 * request got meanwhile: how often the work let others run.
 */
export async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let done = false;
  const waiting = () =>
    setImmediate(() => {
      if (done) return;
      turns++;
      waiting();
    });
  waiting();
  try {
    return { result: await work(), turns };
  } finally {
    done = true;
  }
}
