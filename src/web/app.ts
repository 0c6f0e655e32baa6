import { Hono } from "hono";
import type { Deps } from "../services/deps.ts";
import type { OffsetClock } from "../services/test-clock.ts";
import { assetRoutes } from "./assets.ts";
import type { AppEnv } from "./env.ts";
import { errorHandlers } from "./errors.tsx";
import { requestContext } from "./middleware/request-context.ts";
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
import { postRoutes } from "./routes/posts.tsx";
import { profileRoutes } from "./routes/profile.tsx";
import { searchRoutes } from "./routes/search.tsx";
import { settingsRoutes } from "./routes/settings.tsx";
import { testClockRoutes } from "./routes/test-clock.ts";
import { timelineRoutes } from "./routes/timelines.tsx";

/** The web application: middleware stack, then one route table per area. */
export function createApp(deps: Deps, options: { testClock?: OffsetClock } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const errors = errorHandlers(deps.config.instanceName);
  app.onError(errors.onError);
  app.notFound(errors.notFound);

  app.route("/", assetRoutes);
  app.route("/", mediaRoutes(deps));
  if (options.testClock) app.route("/", testClockRoutes(options.testClock));
  app.use(requestContext(deps));

  app.route("/", homeRoutes(deps));
  app.route("/", authRoutes(deps));
  app.route("/", profileRoutes(deps));
  app.route("/", peopleRoutes(deps));
  app.route("/", networkRoutes(deps));
  app.route("/", notificationRoutes(deps));
  app.route("/", settingsRoutes(deps));
  app.route("/", messageRoutes(deps));
  app.route("/", adminRoutes(deps));
  app.route("/", adminJobRoutes(deps));
  app.route("/", contactRoutes(deps));
  app.route("/", nurtureRoutes(deps));
  app.route("/", connectRoutes(deps));
  app.route("/", dataRoutes(deps));
  app.route("/", postRoutes(deps));
  app.route("/", feedRoutes(deps));
  app.route("/", eventRoutes(deps));
  app.route("/", timelineRoutes(deps));
  app.route("/", searchRoutes(deps));
  app.route("/", liveRoutes(deps));
  app.route("/", apiRoutes(deps));
  return app;
}
