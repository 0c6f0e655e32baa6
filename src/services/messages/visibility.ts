import type { ExpressionBuilder } from "kysely";
import type { Database } from "../../db/schema.ts";

/**
 * True for a message request (conversation `c`) whose sender the viewer blocked or muted, or who
 * blocked the viewer: such requests stay out of the requests box and its counts.
 */
export function hiddenRequest(
  eb: ExpressionBuilder<Database & { c: Database["conversations"] }, "c">,
  viewerId: string,
) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom("blocks")
        .select("owner_id")
        .where((b) =>
          b.or([
            b.and([b("owner_id", "=", viewerId), b("target_id", "=", b.ref("c.created_by"))]),
            b.and([b("owner_id", "=", b.ref("c.created_by")), b("target_id", "=", viewerId)]),
          ]),
        ),
    ),
    eb.exists(
      eb
        .selectFrom("mutes")
        .select("owner_id")
        .where("owner_id", "=", viewerId)
        .whereRef("target_id", "=", "c.created_by"),
    ),
  ]);
}
