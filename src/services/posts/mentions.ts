import type { Deps, Viewer } from "../deps.ts";
import type { Person } from "../graph/find.ts";

const LIMIT = 8;

/**
 * People to mention while typing "@…": local accounts whose handle or name starts with the text,
 * the viewer's connections first; nobody either side blocked.
 */
export async function suggestMentions(
  deps: Pick<Deps, "db">,
  viewer: Viewer,
  text: string,
): Promise<Person[]> {
  const prefix = text.trim().replace(/^@/, "").toLowerCase().slice(0, 30);
  if (prefix === "" || !/^[\p{L}\p{N}_ .'-]+$/u.test(prefix)) return [];
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await deps.db
    .selectFrom("actors as a")
    .innerJoin("accounts as acc", "acc.actor_id", "a.id")
    .leftJoin("connections as c", (join) =>
      join.onRef("c.other_id", "=", "a.id").on("c.owner_id", "=", viewer.accountId),
    )
    .select(["a.id", "a.handle", "a.display_name", "a.avatar_key", "c.owner_id as connected"])
    .where("a.domain", "is", null)
    .where("a.id", "!=", viewer.accountId)
    .where((eb) =>
      eb.or([eb("a.handle", "like", like), eb(eb.fn("lower", ["a.display_name"]), "like", like)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("blocks")
            .select("owner_id")
            .where((b) =>
              b.or([
                b.and([b("owner_id", "=", viewer.accountId), b("target_id", "=", b.ref("a.id"))]),
                b.and([b("owner_id", "=", b.ref("a.id")), b("target_id", "=", viewer.accountId)]),
              ]),
            ),
        ),
      ),
    )
    .orderBy((eb) => eb.case().when("c.owner_id", "is not", null).then(0).else(1).end())
    .orderBy("a.handle")
    .limit(LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    avatarKey: r.avatar_key,
  }));
}
