import type { RelationName, Visibility } from "../../src/domain/posts/visibility.ts";
import type { Deps } from "../../src/services/deps.ts";
import type { ImageUpload } from "../../src/services/media/images.ts";
import { createPost } from "../../src/services/posts/create.ts";
import type { PostInput } from "../../src/services/posts/input.ts";
import { blockRow, connect, follow, type Person, person } from "./messages.fixtures.ts";

export { blockRow, connect, follow, type Person, person };

/** Every visibility × every relation: who sees what (the domain test checks the same table). */
export const EXPECTED: Record<Visibility, Record<RelationName, boolean>> = {
  public: {
    author: true,
    mentioned: true,
    connection: true,
    follower: true,
    stranger: true,
    blocked: false,
    anonymous: true,
  },
  followers: {
    author: true,
    mentioned: false,
    connection: true,
    follower: true,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
  connections: {
    author: true,
    mentioned: false,
    connection: true,
    follower: false,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
  mentioned: {
    author: true,
    mentioned: true,
    connection: false,
    follower: false,
    stranger: false,
    blocked: false,
    anonymous: false,
  },
};

/**
 * The cast of the visibility tables: Alice writes; Bob is her connection; Carol follows her; Dan is a
 * stranger; Erin was blocked by Alice and Fred blocked Alice (both "blocked"); Mia is mentioned.
 */
export interface World {
  alice: Person;
  bob: Person;
  carol: Person;
  dan: Person;
  erin: Person;
  fred: Person;
  mia: Person;
  /** The person standing in each named relation (null: anonymous). */
  as: Record<RelationName, Person | null>;
}

export async function world(deps: Deps): Promise<World> {
  const [alice, bob, carol, dan, erin, fred, mia] = [
    await person(deps, "alice", "Alice Martin"),
    await person(deps, "bob", "Bob Durand"),
    await person(deps, "carol", "Carol Petit"),
    await person(deps, "dan", "Dan Roux"),
    await person(deps, "erin", "Erin Blanc"),
    await person(deps, "fred", "Fred Noir"),
    await person(deps, "mia", "Mia Vert"),
  ];
  await connect(deps, alice, bob);
  await follow(deps, carol, alice);
  // Blocked people are also connected and following: the block must win over both.
  await connect(deps, alice, erin);
  await follow(deps, erin, alice);
  await blockRow(deps, alice, erin);
  await follow(deps, fred, alice);
  await blockRow(deps, fred, alice);
  return {
    alice,
    bob,
    carol,
    dan,
    erin,
    fred,
    mia,
    as: {
      author: alice,
      mentioned: mia,
      connection: bob,
      follower: carol,
      stranger: dan,
      blocked: erin,
      anonymous: null,
    },
  };
}

/** A post through the real verb. */
export async function post(
  deps: Deps,
  author: Person,
  input: Partial<PostInput> & { body: string },
  images: ImageUpload[] = [],
): Promise<string> {
  const { id } = await createPost(deps, author.viewer, { visibility: "public", ...input }, images);
  return id;
}

/**
 * `count` followers of `followee` from another server, stored directly (thousands of them, without
 * the verbs), each with a stored home timeline last read at `seenAt(i)` and built at `rebuiltAt`.
 * Returns their ids, in the order made.
 */
export async function storeRemoteFollowers(
  deps: Deps,
  followee: Person,
  count: number,
  times: { seenAt: (i: number) => string; rebuiltAt: string },
): Promise<string[]> {
  const now = deps.clock.now().toISOString();
  const ids = Array.from({ length: count }, () => deps.newId());
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += 500) {
      const page = ids.slice(i, i + 500);
      await trx
        .insertInto("actors")
        .values(
          page.map((id, j) => ({
            id,
            handle: `far${i + j}`,
            domain: "far.example",
            uri: `https://far.example/users/${i + j}`,
            display_name: `Far ${i + j}`,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto("follows")
        .values(
          page.map((id) => ({
            id: deps.newId(),
            follower_id: id,
            followee_id: followee.accountId,
            status: "accepted" as const,
            created_at: now,
            accepted_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto("home_timeline_state")
        .values(
          page.map((id, j) => ({ owner_id: id, seen_at: times.seenAt(i + j), rebuilt_at: times.rebuiltAt })),
        )
        .execute();
    }
  });
  return ids;
}
