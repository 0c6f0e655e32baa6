/**
 * Lets the process serve what waits (requests, timers) between two pieces of a long import: the
 * embedded engine's calls are synchronous, so a loop of queries never returns to the event loop.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
