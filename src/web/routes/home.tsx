import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import type { AppEnv } from "../env.ts";
import { pageContext } from "../page-context.ts";
import { HomePage } from "../views/pages/home.tsx";

export function homeRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get("/", (c) => c.html(<HomePage ctx={pageContext(c, deps.config.instanceName)} />))
    .get("/health", (c) => c.text("ok"));
}
