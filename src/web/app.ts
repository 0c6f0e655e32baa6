import { Hono } from "hono";
import type { Deps } from "../services/deps.ts";
import type { OffsetClock } from "../services/test-clock.ts";
import { assetRoutes } from "./assets.ts";
import type { AppEnv } from "./env.ts";
import { errorHandlers } from "./errors.tsx";
import { requestContext } from "./middleware/request-context.ts";
import { MemoizedRouter } from "./router.ts";
import { adminRoutes } from "./routes/admin.tsx";
import { adminJobRoutes } from "./routes/admin-jobs.tsx";
import { apiRoutes } from "./routes/api.ts";
import { authRoutes } from "./routes/auth.tsx";
import { connectRoutes } from "./routes/connect.tsx";
import { contactRoutes } from "./routes/contacts.tsx";
import { dataRoutes } from "./routes/data.tsx";
import { eventRoutes } from "./routes/events.tsx";
import { feedRoutes } from "./routes/feeds.ts";
import { homeRoutes } from "./routes/home.tsx";
import { liveRoutes } from "./routes/live.ts";
import { mediaRoutes } from "./routes/media.ts";
import { messageRoutes } from "./routes/messages.tsx";
import { networkRoutes } from "./routes/network.tsx";
import { notificationRoutes } from "./routes/notifications.tsx";
import { nurtureRoutes } from "./routes/nurture.tsx";
import { peopleRoutes } from "./routes/people.tsx";
import { postMediaRoutes } from "./routes/post-media.ts";
import { postRoutes } from "./routes/posts.tsx";
import { profileRoutes } from "./routes/profile.tsx";
import { searchRoutes } from "./routes/search.tsx";
import { settingsRoutes } from "./routes/settings.tsx";
import { testClockRoutes } from "./routes/test-clock.ts";
import { timelineRoutes } from "./routes/timelines.tsx";

/** The web application: middleware stack, then one route table per area. */
export function createApp(deps: Deps, options: { testClock?: OffsetClock } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ router: new MemoizedRouter() });
  const errors = errorHandlers(deps.config.instanceName);
  const context = requestContext(deps);
  app.onError(errors.onError);
  app.notFound((c) => context.withContext(c, () => errors.notFound(c)) as Promise<Response>);

  app.route("/", assetRoutes);
  app.route("/", mediaRoutes(deps));
  if (options.testClock) app.route("/", testClockRoutes(options.testClock));

  context.mount(app, homeRoutes(deps));
  context.mount(app, authRoutes(deps));
  context.mount(app, profileRoutes(deps));
  context.mount(app, peopleRoutes(deps));
  context.mount(app, networkRoutes(deps));
  context.mount(app, notificationRoutes(deps));
  context.mount(app, settingsRoutes(deps));
  context.mount(app, messageRoutes(deps));
  context.mount(app, adminRoutes(deps));
  context.mount(app, adminJobRoutes(deps));
  context.mount(app, contactRoutes(deps));
  context.mount(app, nurtureRoutes(deps));
  context.mount(app, connectRoutes(deps));
  context.mount(app, dataRoutes(deps));
  context.mount(app, postRoutes(deps));
  context.mount(app, postMediaRoutes(deps));
  context.mount(app, feedRoutes(deps));
  context.mount(app, eventRoutes(deps));
  context.mount(app, timelineRoutes(deps));
  context.mount(app, searchRoutes(deps));
  context.mount(app, liveRoutes(deps));
  context.mount(app, apiRoutes(deps));
  return app;
}
