import type { Child } from "hono/jsx";
import type { ProfileLink, Relation, VisibleProfile } from "../../../domain/profile.ts";
import type { PageContext } from "../../page-context.ts";
import { Notice } from "../form.tsx";
import { Layout } from "../layout.tsx";

export function Avatar({
  ctx,
  profile,
  size = 96,
}: {
  ctx: PageContext;
  profile: Pick<VisibleProfile, "avatarKey" | "displayName">;
  size?: number;
}) {
  if (profile.avatarKey) {
    return (
      <img
        class="avatar"
        src={`/media/${profile.avatarKey}`}
        alt={ctx.t("profile.avatarAlt", { name: profile.displayName })}
        width={size}
        height={size}
      />
    );
  }
  return (
    <span class="avatar" aria-hidden="true">
      {profile.displayName.slice(0, 1).toUpperCase()}
    </span>
  );
}

function Links({ links }: { links: ProfileLink[] }) {
  return (
    <ul>
      {links.map((l) => (
        <li>
          <a href={l.url} rel="nofollow ugc noopener me" target="_blank">
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Tags({ tags }: { tags: string[] }) {
  return (
    <ul class="tags">
      {tags.map((tag) => (
        <li>{tag}</li>
      ))}
    </ul>
  );
}

type Entry = [label: string, content: unknown];

function Section({ title, entries }: { title: string; entries: Entry[] }) {
  const shown = entries.filter(([, content]) => content !== null);
  if (shown.length === 0) return null;
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <dl class="fields">
        {shown.map(([label, content]) => (
          <>
            <dt>{label}</dt>
            <dd>{content}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

const text = (value: string | undefined) => (value ? value : null);
const list = <T,>(value: T[] | undefined, render: (v: T[]) => unknown) =>
  value && value.length > 0 ? render(value) : null;

function PreviewSwitch({ ctx, handle, relation }: { ctx: PageContext; handle: string; relation: Relation }) {
  const { t } = ctx;
  const options: [Relation, string][] = [
    ["self", t("profile.preview.self")],
    ["member", t("profile.preview.member")],
    ["anonymous", t("profile.preview.anonymous")],
  ];
  return (
    <nav aria-label={t("profile.previewAs")} class="actions">
      <span>{t("text.labelled", { label: t("profile.previewAs") })}</span>
      {options.map(([value, label]) => (
        <a
          href={value === "self" ? `/@${handle}` : `/@${handle}?as=${value}`}
          aria-current={value === relation ? "page" : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

/**
 * Feed autodiscovery: the person's public posts as Atom and RSS (every local member has both feeds,
 * src/web/routes/feeds.ts). Written here, Hono moves each `<link>` into the document's `<head>`.
 */
function FeedLinks({
  ctx,
  profile,
}: {
  ctx: PageContext;
  profile: Pick<VisibleProfile, "handle" | "displayName">;
}) {
  const title = ctx.t("posts.feed.title", {
    name: profile.displayName,
    handle: profile.handle,
    instance: ctx.instanceName,
  });
  return (
    <>
      <link
        rel="alternate"
        type="application/atom+xml"
        href={`/@${profile.handle}/feed.atom`}
        title={title}
      />
      <link rel="alternate" type="application/rss+xml" href={`/@${profile.handle}/feed.rss`} title={title} />
    </>
  );
}

export function ProfilePage(p: {
  ctx: PageContext;
  profile: VisibleProfile;
  relation: Relation;
  joinedAt: string;
  isOwner: boolean;
  actions?: Child;
  /** The person's upcoming events the viewer may see (events area). */
  events?: Child;
  /** The person's posts the viewer may see (posts area). */
  posts?: Child;
  notice?: string | null;
}) {
  const { ctx, profile } = p;
  const { t } = ctx;
  const personal: Entry[] = [
    [t("profile.bio"), text(profile.bio)],
    [t("profile.location"), text(profile.location)],
    [t("profile.interests"), list(profile.interests, (v) => <Tags tags={v} />)],
    [t("profile.personalLinks"), list(profile.personalLinks, (v) => <Links links={v} />)],
  ];
  const professional: Entry[] = [
    [t("profile.headline"), text(profile.headline)],
    [t("profile.organisation"), text(profile.organisation)],
    [t("profile.role"), text(profile.role)],
    [t("profile.skills"), list(profile.skills, (v) => <Tags tags={v} />)],
    [t("profile.professionalLinks"), list(profile.professionalLinks, (v) => <Links links={v} />)],
  ];
  const hasContent = [...personal, ...professional].some(([, c]) => c !== null);
  return (
    <Layout ctx={ctx} title={`${profile.displayName} (@${profile.handle})`}>
      <FeedLinks ctx={ctx} profile={profile} />
      {p.isOwner && <PreviewSwitch ctx={ctx} handle={profile.handle} relation={p.relation} />}
      {p.isOwner && p.relation !== "self" && (
        <p class="alert alert-ok" role="status">
          {t("profile.previewing", { who: t(`profile.preview.${p.relation}`) })}
        </p>
      )}
      <Notice text={p.notice ?? null} />
      <div class="profile-head">
        <Avatar ctx={ctx} profile={profile} />
        <div>
          <h1>{profile.displayName}</h1>
          <p class="handle">@{profile.handle}</p>
          {profile.headline && <p>{profile.headline}</p>}
          <p class="muted">{t("profile.joined", { date: ctx.fmt.date(p.joinedAt) })}</p>
        </div>
      </div>
      {p.actions}
      {p.isOwner && p.relation === "self" && (
        <p>
          <a class="button" href="/profile/edit">
            {t("profile.edit")}
          </a>
        </p>
      )}
      <Section title={t("profile.personal")} entries={personal} />
      <Section title={t("profile.professional")} entries={professional} />
      {!hasContent && <p class="muted">{t("profile.empty")}</p>}
      {p.events}
      {p.posts}
    </Layout>
  );
}
