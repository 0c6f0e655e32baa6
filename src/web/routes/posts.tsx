import { Hono } from "hono";
import { Conflict, Invalid, NotFound } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import {
  notificationPreferences,
  setNotificationPreferences,
} from "../../services/notifications/preferences.ts";
import { bookmark, listBookmarks, unbookmark } from "../../services/posts/bookmarks.ts";
import { boost, unboost } from "../../services/posts/boost.ts";
import { loadPostCards, type PostCard, postUrl } from "../../services/posts/cards.ts";
import { setCommentsClosed } from "../../services/posts/close.ts";
import { createPost } from "../../services/posts/create.ts";
import { deletePost } from "../../services/posts/delete.ts";
import { editPost, postHistory } from "../../services/posts/edit.ts";
import { InvalidPost } from "../../services/posts/images.ts";
import { suggestMentions } from "../../services/posts/mentions.ts";
import { ownPost } from "../../services/posts/owned.ts";
import { react, unreact } from "../../services/posts/react.ts";
import { loadThread } from "../../services/posts/thread.ts";
import { visiblePost } from "../../services/posts/visible.ts";
import { vote } from "../../services/posts/vote.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, safeNext, viewerOrRedirect } from "../http.ts";
import { forgetPages } from "../page-cache.ts";
import { type PageContext, pageContext } from "../page-context.ts";
import { requestHeader } from "../request-headers.ts";
import { BodyField, MentionSuggestions } from "../views/composer.tsx";
import type { Errors, Values } from "../views/form.tsx";
import { PostPage } from "../views/pages/post.tsx";
import { DeletePostPage, EditPostPage, PostHistoryPage } from "../views/pages/post-edit.tsx";
import { NewPostPage } from "../views/pages/post-new.tsx";
import { BookmarksPage } from "../views/pages/posts-bookmarks.tsx";
import { NotificationSettingsPage } from "../views/pages/posts-notification-settings.tsx";
import { PostCardView } from "../views/post-card.tsx";
import { composerValues, pollFrom, readImages } from "./post-forms.ts";

const notices = {
  created: "posts.created",
  commented: "posts.commented",
  edited: "posts.edit.saved",
  closed: "posts.closed.done",
  reopened: "posts.reopened.done",
  voted: "posts.poll.voted",
} as const;

/**
 * The same page context at another path: a page answering a form's POST is drawn as the page it
 * stands for, so that its links back to "this page" (the language switch, signing out) lead there.
 */
function atPath(ctx: PageContext, path: string): PageContext {
  return {
    t: ctx.t,
    locale: ctx.locale,
    fmt: ctx.fmt,
    dates: ctx.dates,
    viewer: ctx.viewer,
    counts: ctx.counts,
    instanceName: ctx.instanceName,
    get csrf() {
      return ctx.csrf;
    },
    path,
  };
}

export function postRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notice = (c: AppContext) => {
    const key = notices[c.req.query("notice") as keyof typeof notices];
    return key ? c.get("t")(key) : null;
  };
  const isHtmx = (c: AppContext) => requestHeader(c, "hx-request") === "true";

  async function card(viewer: Viewer | null, postId: string): Promise<PostCard> {
    const [found] = await loadPostCards(deps, viewer, [postId]);
    if (!found) throw new NotFound();
    return found;
  }

  /** After a card's action: the card again for htmx, else back where the form was. */
  async function afterAction(c: AppContext, viewer: Viewer, postId: string, form: Values) {
    if (isHtmx(c)) {
      const ctx = page(c);
      return c.html(
        <PostCardView ctx={ctx} card={await card(viewer, postId)} next={safeNext(form.next, "/")} />,
      );
    }
    const back = safeNext(form.next, "/");
    return c.redirect(`${back.split("#")[0]}#post-${postId}`, 303);
  }

  /**
   * A post's page. Answering a refused comment or vote, it is drawn as the post's own page (its path)
   * with the problem shown where it belongs and what was typed kept.
   */
  async function postPage(
    c: AppContext,
    postId: string,
    extra: {
      handle?: string;
      values?: Values;
      errors?: Errors;
      refused?: string;
      pollError?: string;
    } = {},
    status: 200 | 409 | 422 = 200,
  ) {
    const viewer = c.get("viewer");
    const thread = await loadThread(deps, viewer, postId, { all: c.req.query("all") === "1" });
    if (extra.handle !== undefined && thread.focus.url !== postUrl(extra.handle.toLowerCase(), postId)) {
      // A deleted comment is no longer at its author's address: a link to it leads to its place.
      if (thread.focus.deleted) return c.redirect(thread.focus.url, 301);
      throw new NotFound();
    }
    const ctx = status === 200 ? page(c) : atPath(page(c), thread.focus.url);
    return c.html(
      <PostPage
        ctx={ctx}
        thread={thread}
        notice={status === 200 ? notice(c) : null}
        values={extra.values}
        errors={extra.errors}
        refused={extra.refused}
        pollError={extra.pollError}
        showAll={c.req.query("all") === "1"}
      />,
      status,
    );
  }

  /** A profile's cached public page shows its posts: forget it when they change. */
  const forgetProfile = (viewer: Viewer) => forgetPages(`/@${viewer.handle}`);

  const cardAction =
    (action: (viewer: Viewer, postId: string, form: Values) => Promise<unknown>) => async (c: AppContext) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const postId = c.req.param("id") ?? "";
      const form = await readForm(c);
      await action(viewer, postId, form);
      return afterAction(c, viewer, postId, form);
    };

  /** An image kept from a refused form (not posted yet): its owner's only. */
  return new Hono<AppEnv>()
    .get("/posts/new", (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      return c.html(<NewPostPage ctx={page(c)} />);
    })
    .post("/posts", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const body = await c.req.parseBody();
      const form: Values = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") form[k] = v;
      const images = await readImages(body);
      let created: { id: string };
      try {
        created = await createPost(
          deps,
          viewer,
          {
            body: form.body ?? "",
            visibility: (form.visibility ?? "public") as "public",
            poll: pollFrom(form),
            eventId: form.eventId || null,
          },
          images,
        );
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        return c.html(
          <NewPostPage
            ctx={atPath(page(c), "/posts/new")}
            values={composerValues(form, images)}
            errors={error.fields}
            kept={error instanceof InvalidPost ? error.kept : []}
            next={form.next}
          />,
          422,
        );
      }
      forgetProfile(viewer);
      const next = form.next ? safeNext(form.next, "/") : null;
      return c.redirect(
        next
          ? `${next.split("#")[0]}#post-${created.id}`
          : `/@${viewer.handle}/posts/${created.id}?notice=created`,
        303,
      );
    })
    .get("/posts/:id{[0-9a-f-]{36}}", async (c) =>
      c.redirect((await card(c.get("viewer"), c.req.param("id"))).url, 302),
    )
    .get("/:at{@[A-Za-z0-9_]+}/posts/:id", (c) =>
      postPage(c, c.req.param("id"), { handle: c.req.param("at").slice(1) }),
    )
    .get("/:at{@[A-Za-z0-9_]+}/posts/:id/history", async (c) => {
      const viewer = c.get("viewer");
      const found = await card(viewer, c.req.param("id"));
      if (found.author.handle !== c.req.param("at").slice(1).toLowerCase()) throw new NotFound();
      const versions = await postHistory(deps, found.id);
      return c.html(<PostHistoryPage ctx={page(c)} card={found} versions={versions} />);
    })
    .post("/posts/:id/reply", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const parentId = c.req.param("id");
      const form = await readForm(c);
      const parent = await visiblePost(deps.db, viewer.accountId, parentId);
      let created: { id: string };
      try {
        created = await createPost(deps, viewer, {
          body: form.body ?? "",
          visibility: (form.visibility ?? parent.visibility) as "public",
          parentId,
        });
      } catch (error) {
        if (error instanceof Invalid)
          return postPage(c, parentId, { values: form, errors: error.fields }, 422);
        // Closed or deleted meanwhile: the refusal, with the text to copy and the way back to the post.
        if (
          error instanceof Conflict &&
          (error.messageKey === "error.post.commentsClosed" ||
            error.messageKey === "error.post.replyToDeleted")
        )
          return postPage(c, parentId, { refused: form.body ?? "" }, 409);
        throw error;
      }
      const [parentCard] = await loadPostCards(deps, viewer, [parentId]);
      return c.redirect(`${parentCard?.url ?? "/"}?notice=commented#post-${created.id}`, 303);
    })
    .get("/posts/:id/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const found = await card(viewer, c.req.param("id"));
      await ownPost(deps.db, viewer, found.id);
      return c.html(<EditPostPage ctx={page(c)} card={found} />);
    })
    .post("/posts/:id/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const postId = c.req.param("id");
      const form = await readForm(c);
      return handleForm(
        () => editPost(deps, viewer, postId, { body: form.body ?? "" }),
        async (errors) =>
          c.html(
            <EditPostPage ctx={page(c)} card={await card(viewer, postId)} values={form} errors={errors} />,
            422,
          ),
        async () => {
          forgetProfile(viewer);
          return c.redirect(`${(await card(viewer, postId)).url}?notice=edited`, 303);
        },
      );
    })
    .get("/posts/:id/delete", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const found = await card(viewer, c.req.param("id"));
      await ownPost(deps.db, viewer, found.id);
      return c.html(<DeletePostPage ctx={page(c)} card={found} />);
    })
    .post("/posts/:id/delete", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { rootId } = await deletePost(deps, viewer, c.req.param("id"));
      forgetProfile(viewer);
      if (rootId) {
        const [root] = await loadPostCards(deps, viewer, [rootId]);
        if (root) return c.redirect(root.url, 303);
      }
      return c.redirect(`/@${viewer.handle}?notice=postDeleted`, 303);
    })
    .post("/posts/:id/close", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await setCommentsClosed(deps, viewer, c.req.param("id"), true);
      return c.redirect(`${(await card(viewer, c.req.param("id"))).url}?notice=closed`, 303);
    })
    .post("/posts/:id/reopen", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await setCommentsClosed(deps, viewer, c.req.param("id"), false);
      return c.redirect(`${(await card(viewer, c.req.param("id"))).url}?notice=reopened`, 303);
    })
    .post(
      "/posts/:id/react",
      cardAction((viewer, id, form) => react(deps, viewer, id, form.reaction ?? "", { toggle: true })),
    )
    .post(
      "/posts/:id/unreact",
      cardAction((viewer, id) => unreact(deps, viewer, id)),
    )
    .post(
      "/posts/:id/boost",
      cardAction((viewer, id) => boost(deps, viewer, id)),
    )
    .post(
      "/posts/:id/unboost",
      cardAction((viewer, id) => unboost(deps, viewer, id)),
    )
    .post(
      "/posts/:id/bookmark",
      cardAction((viewer, id) => bookmark(deps, viewer, id)),
    )
    .post(
      "/posts/:id/unbookmark",
      cardAction((viewer, id) => unbookmark(deps, viewer, id)),
    )
    .post("/posts/:id/vote", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const postId = c.req.param("id");
      const body = await c.req.parseBody({ all: true });
      const raw = body.option;
      const options = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
        (o): o is string => typeof o === "string",
      );
      try {
        await vote(deps, viewer, postId, options);
      } catch (error) {
        // Nothing chosen, voted already (in another tab), closed meanwhile: back to the post, the
        // reason beside its poll.
        if (error instanceof Invalid || error instanceof Conflict) {
          const message = c.get("t")(error.messageKey, error.params);
          return postPage(c, postId, { pollError: message }, error instanceof Invalid ? 422 : 409);
        }
        throw error;
      }
      return c.redirect(`${(await card(viewer, postId)).url}?notice=voted#post-${postId}`, 303);
    })
    .get("/settings/notifications", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const saved = c.req.query("notice") === "saved" ? c.get("t")("notifications.preferences.saved") : null;
      const preferences = await notificationPreferences(deps, viewer);
      return c.html(<NotificationSettingsPage ctx={page(c)} preferences={preferences} notice={saved} />);
    })
    .post("/settings/notifications", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const body = await c.req.parseBody({ all: true });
      const kinds = [body.kind].flat().filter((k): k is string => typeof k === "string");
      await setNotificationPreferences(deps, viewer, kinds);
      return c.redirect("/settings/notifications?notice=saved", 303);
    })
    .get("/bookmarks", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const { items, next } = await listBookmarks(deps, viewer, { before: c.req.query("before") });
      return c.html(<BookmarksPage ctx={page(c)} items={items} next={next} />);
    })
    .get("/posts/mentions", async (c) => {
      const viewer = c.get("viewer");
      if (!viewer) return c.body(null, 204);
      // The "@word" being typed: the last one, at the end of the text.
      const match = /(?:^|[^\w@])@([A-Za-z0-9_]{1,30})$/.exec(c.req.query("body") ?? c.req.query("q") ?? "");
      const people = match?.[1] ? await suggestMentions(deps, viewer, match[1]) : [];
      return c.html(<MentionSuggestions ctx={page(c)} people={people} />);
    })
    .post("/posts/mentions/pick", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      const handle = (form.handle ?? "").toLowerCase();
      const text = form.body ?? "";
      const body = /^[a-z0-9_]{1,30}$/.test(handle)
        ? text.replace(/(^|[^\w@])@[A-Za-z0-9_]{0,30}$/, `$1@${handle} `)
        : text;
      const ctx = page(c);
      const isReply = (c.req.header("hx-current-url") ?? "").includes("/posts/");
      return c.html(
        <BodyField
          ctx={ctx}
          label={isReply ? ctx.t("posts.reply.body") : ctx.t("posts.composer.body")}
          hint={isReply ? undefined : ctx.t("posts.composer.bodyHint")}
          value={body}
          autofocus
        />,
      );
    });
}
