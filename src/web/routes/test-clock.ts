import { Hono } from "hono";
import type { OffsetClock } from "../../services/test-clock.ts";

/**
 * Test mode only (`NODE_ENV=test` and `LIENS_TEST_CLOCK=true`): lets end-to-end journeys move the
 * server's time forward ("24 hours later"). Never mounted otherwise.
 */
export function testClockRoutes(clock: OffsetClock) {
  const app = new Hono();
  app.post("/__test/clock", async (c) => {
    const body = (await c.req.json().catch(() => null)) as { advanceMs?: unknown } | null;
    const ms = body?.advanceMs;
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) return c.json({ error: "advanceMs" }, 400);
    clock.advance(ms);
    return c.json({ now: clock.now().toISOString() });
  });
  return app;
}
