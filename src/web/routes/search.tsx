import { Hono } from "hono";
import type { Deps } from "../../services/deps.ts";
import { search } from "../../services/search/search.ts";
import type { AppEnv } from "../env.ts";
import { pageContext } from "../page-context.ts";
import { SearchPage } from "../views/pages/search.tsx";

/** `/search?q=`: people, posts and hashtags, for members and visitors alike (each sees what they may). */
export function searchRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/search", async (c) => {
    const q = (c.req.query("q") ?? "").slice(0, 200);
    const results = q.trim() ? await search(deps, c.get("viewer"), q) : null;
    return c.html(<SearchPage ctx={pageContext(c, deps.config.instanceName)} q={q} results={results} />);
  });
}
