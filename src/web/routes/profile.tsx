import { Hono } from "hono";
import type { Child } from "hono/jsx";
import { HtmlEscapedCallbackPhase, type HtmlEscapedString, raw, resolveCallback } from "hono/utils/html";
import { type Invalid, NotFound } from "../../domain/errors.ts";
import { PROFILE_FIELDS, type Profile, type Relation, visibleProfile } from "../../domain/profile.ts";
import type { Deps, Viewer } from "../../services/deps.ts";
import { profileEvents } from "../../services/events/list.ts";
import { type Standing, standingWith } from "../../services/graph/standing.ts";
import { listAuthorPosts } from "../../services/posts/list.ts";
import { removeAvatar, setAvatar } from "../../services/profiles/avatar.ts";
import { ownProfile, type ProfileView, viewProfile } from "../../services/profiles/read.ts";
import { updateProfile } from "../../services/profiles/update.ts";
import { profileVersion } from "../../services/profiles/version.ts";
import type { AppContext, AppEnv } from "../env.ts";
import { handleForm, readForm, viewerOrRedirect } from "../http.ts";
import { anonymousPage, cachedAnonymousPage, forgetPages, memberPage } from "../page-cache.ts";
import { type PageContext, pageContext } from "../page-context.ts";
import type { Values } from "../views/form.tsx";
import { EditProfilePage } from "../views/pages/edit-profile.tsx";
import { ProfileEvents } from "../views/pages/event-profile.tsx";
import { PersonPostsPage, ProfilePosts } from "../views/pages/posts-profile.tsx";
import { ProfilePage } from "../views/pages/profile.tsx";
import { PersonActions } from "../views/person-actions.tsx";

/** The one-line confirmation after an action taken on someone's profile. */
function profileNotice(c: AppContext, name: string, standing: Standing | null): string | null {
  const t = c.get("t");
  switch (c.req.query("notice")) {
    case "requested":
      return t("connect.sent", { name });
    case "connected":
      return t("connect.done", { name });
    case "follow":
      return standing?.following === "requested"
        ? t("person.followRequested", { name })
        : t("person.followed", { name });
    case "reported":
      return t("report.sent");
    default:
      return null;
  }
}

/**
 * The page as HTML, with the `<link>`s its body writes (feed autodiscovery, pages/profile.tsx) moved
 * into `<head>` by Hono, as `c.html` does: the page cache draws pages with a plain `toString()`,
 * which leaves them where they were written.
 */
async function withHeadLinks(page: Child): Promise<HtmlEscapedString> {
  const html = await (page as { toString(): string | Promise<string> }).toString();
  return raw(await resolveCallback(html, HtmlEscapedCallbackPhase.Stringify, false, {}));
}

/** Posts shown on a profile, above the link to all of them. */
const RECENT_POSTS = 3;

const PREVIEWS: ReadonlySet<string> = new Set<Relation>(["member", "anonymous"]);

/** The edit form's values from a stored profile (tags as "a, b", links one per line). */
function formValues(profile: Profile): Values {
  const links = (list: Profile["personalLinks"]) => list.map((l) => `${l.label} ${l.url}`).join("\n");
  const values: Values = {
    displayName: profile.displayName,
    bio: profile.bio,
    location: profile.location,
    interests: profile.interests.join(", "),
    personalLinks: links(profile.personalLinks),
    headline: profile.headline,
    organisation: profile.organisation,
    role: profile.role,
    skills: profile.skills.join(", "),
    professionalLinks: links(profile.professionalLinks),
  };
  for (const field of PROFILE_FIELDS) values[`${field}Audience`] = profile.audience[field];
  return values;
}

export function profileRoutes(deps: Deps) {
  const page = (c: AppContext) => pageContext(c, deps.config.instanceName);
  const notices = {
    saved: "editProfile.saved",
    avatar: "avatar.saved",
    avatarRemoved: "avatar.removed",
  } as const;

  async function editPage(
    c: AppContext,
    extra: { values?: Values; errors?: Invalid["fields"]; avatarErrors?: Invalid["fields"] },
    status: 200 | 422 = 200,
  ) {
    const viewer = c.get("viewer");
    if (!viewer) throw new Error("editPage needs a viewer");
    const profile = await ownProfile(deps, viewer);
    const notice = notices[c.req.query("notice") as keyof typeof notices];
    return c.html(
      <EditProfilePage
        ctx={page(c)}
        values={extra.values ?? formValues(profile)}
        avatarKey={profile.avatarKey}
        errors={extra.errors}
        avatarErrors={extra.avatarErrors}
        notice={notice ? c.get("t")(notice) : null}
      />,
      status,
    );
  }

  const events = (viewer: Viewer | null, actorId: string) => () => profileEvents(deps, viewer, actorId);
  /** The latest few: a profile is about the person; their posts have a page of their own. */
  const posts = (viewer: Viewer | null, actorId: string) => () =>
    listAuthorPosts(deps, viewer, actorId, { limit: RECENT_POSTS });

  /** A profile as this viewer (null: a visitor) sees it, with the person's events and latest posts. */
  function profilePage(
    ctx: PageContext,
    viewer: Viewer | null,
    view: ProfileView,
    own: { isOwner: boolean; notice?: string | null; actions?: Child } = { isOwner: false },
  ) {
    const { handle } = view.profile;
    return (
      <ProfilePage
        ctx={ctx}
        profile={view.profile}
        relation={view.relation}
        joinedAt={view.joinedAt}
        {...own}
        events={<ProfileEvents ctx={ctx} handle={handle} load={events(viewer, view.actorId)} />}
        posts={<ProfilePosts ctx={ctx} handle={handle} load={posts(viewer, view.actorId)} />}
      />
    );
  }

  /** The profile as a signed-in member sees it: with how they stand with its owner, and what to do. */
  async function memberView(c: AppContext, ctx: PageContext, viewer: Viewer, handle: string) {
    const view = await viewProfile(deps, viewer, handle);
    const isOwner = view.relation === "self";
    const standing = isOwner ? null : await standingWith(deps, viewer, view.actorId);
    return profilePage(ctx, viewer, view, {
      isOwner,
      notice: profileNotice(c, view.profile.displayName, standing),
      actions: standing ? <PersonActions ctx={ctx} handle={view.profile.handle} standing={standing} /> : null,
    });
  }

  /** The owner may look at their profile as others see it; nobody else can change how they see it. */
  async function previewPage(c: AppContext, viewer: Viewer, handle: string, preview: string) {
    const view = await viewProfile(deps, viewer, handle);
    if (view.relation !== "self" || !PREVIEWS.has(preview))
      return c.html(await memberView(c, page(c), viewer, handle));
    const relation = preview as Relation;
    const profile = visibleProfile(await ownProfile(deps, viewer), relation);
    return c.html(
      <ProfilePage ctx={page(c)} profile={profile} relation={relation} joinedAt={view.joinedAt} isOwner />,
    );
  }

  return new Hono<AppEnv>()
    .get("/:at{@[A-Za-z0-9_]+}", async (c) => {
      const viewer = c.get("viewer");
      const handle = c.req.param("at").slice(1);
      if (!viewer) {
        // A visitor gets the page rendered in the last seconds without even the profile's lookup.
        const cached = cachedAnonymousPage(c, deps.config.instanceName);
        if (cached) return cached;
        const view = await viewProfile(deps, null, handle);
        return anonymousPage(c, deps.config.instanceName, (ctx) =>
          withHeadLinks(profilePage(ctx, null, view)),
        );
      }
      const preview = c.req.query("as");
      if (preview !== undefined) return previewPage(c, viewer, handle, preview);
      // A member's view is kept for them while the profile, their own marks and their ties stand.
      const version = await profileVersion(deps.db, viewer.accountId, handle);
      if (version === null) throw new NotFound();
      return memberPage(c, deps.config.instanceName, `${viewer.accountId}.${version}`, async (ctx) =>
        withHeadLinks(await memberView(c, ctx, viewer, handle)),
      );
    })
    .get("/:at{@[A-Za-z0-9_]+}/posts", async (c) => {
      const viewer = c.get("viewer");
      const handle = c.req.param("at").slice(1);
      const before = c.req.query("before");
      const draw = async (ctx: PageContext) => {
        const view = await viewProfile(deps, viewer, handle);
        return (
          <PersonPostsPage
            ctx={ctx}
            handle={view.profile.handle}
            displayName={view.profile.displayName}
            load={() => listAuthorPosts(deps, viewer, view.actorId, { before })}
          />
        );
      };
      if (!viewer) return anonymousPage(c, deps.config.instanceName, draw);
      const version = await profileVersion(deps.db, viewer.accountId, handle);
      if (version === null) throw new NotFound();
      return memberPage(c, deps.config.instanceName, `${viewer.accountId}.${version}`, draw);
    })
    .get("/profile/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      return editPage(c, {});
    })
    .post("/profile/edit", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const form = await readForm(c);
      return handleForm(
        () => updateProfile(deps, viewer, form),
        (errors) => editPage(c, { values: form, errors }, 422),
        () => {
          forgetPages(`/@${viewer.handle}`);
          return c.redirect("/profile/edit?notice=saved", 303);
        },
      );
    })
    .post("/profile/avatar", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      const body = await c.req.parseBody();
      const file = body.avatar;
      const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
      return handleForm(
        () => setAvatar(deps, viewer, bytes),
        (avatarErrors) => editPage(c, { avatarErrors }, 422),
        () => {
          forgetPages(`/@${viewer.handle}`);
          return c.redirect("/profile/edit?notice=avatar", 303);
        },
      );
    })
    .post("/profile/avatar/remove", async (c) => {
      const viewer = viewerOrRedirect(c);
      if (viewer instanceof Response) return viewer;
      await removeAvatar(deps, viewer);
      forgetPages(`/@${viewer.handle}`);
      return c.redirect("/profile/edit?notice=avatarRemoved", 303);
    });
}
