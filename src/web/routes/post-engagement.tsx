import { Hono } from "hono";
import { NotFound } from "../../domain/errors.ts";
import { isReaction } from "../../domain/posts/reactions.ts";
import type { Deps } from "../../services/deps.ts";
import { loadPostCards } from "../../services/posts/cards.ts";
import { postEngagement } from "../../services/posts/engagement.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { pageContext } from "../page-context.ts";
import { PostEngagementPage } from "../views/pages/post-engagement.tsx";

/** Who reacted to a post, and who boosted it: for whoever may see the post. */
export function postEngagementRoutes(deps: Deps) {
  async function show(c: AppContext, of: "reactions" | "boosts") {
    const viewer = c.get("viewer");
    const [card] = await loadPostCards(deps, viewer, [c.req.param("id") ?? ""]);
    if (!card || card.author.handle !== c.req.param("at")?.slice(1).toLowerCase()) throw new NotFound();
    const asked = c.req.query("reaction");
    const reaction = of === "reactions" && isReaction(asked) ? asked : null;
    const page = await postEngagement(deps, viewer?.accountId ?? null, card.id, {
      of,
      reaction: reaction ?? undefined,
      before: c.req.query("before"),
    });
    return c.html(
      <PostEngagementPage
        ctx={pageContext(c, deps.config.instanceName)}
        card={card}
        of={of}
        reaction={reaction}
        page={page}
      />,
    );
  }
  return new Hono<AppEnv>()
    .get("/:at{@[A-Za-z0-9_]+}/posts/:id/reactions", (c) => show(c, "reactions"))
    .get("/:at{@[A-Za-z0-9_]+}/posts/:id/boosts", (c) => show(c, "boosts"));
}
