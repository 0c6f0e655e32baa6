import { Hono } from "hono";
import { acceptConnectionRequest } from "../../services/connections/accept.ts";
import { answerConnectionRequest, withdrawConnectionRequest } from "../../services/connections/answer.ts";
import {
  listConnectionRequests,
  listConnections,
  listFollowRequests,
  welcomePrompts,
} from "../../services/connections/list.ts";
import type { Deps } from "../../services/deps.ts";
import { answerFollowRequest } from "../../services/follows/requests.ts";
import { findPerson } from "../../services/graph/find.ts";
import { dismissSuggestion, peopleYouMayKnow } from "../../services/suggestions/people-you-may-know.ts";
import type { AppEnv } from "../env.ts";
import { viewerOrRedirect } from "../http.ts";
import { pageContext } from "../page-context.ts";
import { NetworkPage } from "../views/pages/network.tsx";

type RequestAction = "accept" | "decline" | "ignore" | "withdraw";

/** The Network area: welcome prompts, requests to answer, requests sent, follow requests, connections. */
export function networkRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.get("/network", async (c) => {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const [welcome, received, sent, followRequests, connections, suggestions] = await Promise.all([
      welcomePrompts(deps, viewer),
      listConnectionRequests(deps, viewer, "received"),
      listConnectionRequests(deps, viewer, "sent"),
      listFollowRequests(deps, viewer),
      listConnections(deps, viewer, { before: c.req.query("before") }),
      peopleYouMayKnow(deps, viewer),
    ]);
    return c.html(
      <NetworkPage
        ctx={pageContext(c, deps.config.instanceName)}
        data={{ welcome, received, sent, followRequests, connections, suggestions }}
      />,
    );
  });

  app.post("/network/requests/:id/:action{accept|decline|ignore|withdraw}", async (c) => {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const id = c.req.param("id");
    const actions: Record<RequestAction, () => Promise<void>> = {
      // After accepting, the network page opens on the welcome prompt for the new connection.
      accept: () => acceptConnectionRequest(deps, viewer, id),
      decline: () => answerConnectionRequest(deps, viewer, id, "declined"),
      ignore: () => answerConnectionRequest(deps, viewer, id, "ignored"),
      withdraw: () => withdrawConnectionRequest(deps, viewer, id),
    };
    await actions[c.req.param("action") as RequestAction]();
    return c.redirect("/network", 303);
  });

  app.post("/network/suggestions/:handle/dismiss", async (c) => {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const person = await findPerson(deps.db, c.req.param("handle"));
    await dismissSuggestion(deps, viewer, person.id);
    return c.redirect("/network", 303);
  });

  app.post("/network/follow-requests/:handle/:answer{approve|decline}", async (c) => {
    const viewer = viewerOrRedirect(c);
    if (viewer instanceof Response) return viewer;
    const follower = await findPerson(deps.db, c.req.param("handle"));
    await answerFollowRequest(deps, viewer, follower.id, c.req.param("answer") as "approve" | "decline");
    return c.redirect("/network", 303);
  });

  return app;
}
