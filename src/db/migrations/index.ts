import type { Migration } from "kysely";
import * as m0001 from "./0001_accounts.ts";
import * as m0002 from "./0002_follows.ts";
import * as m0003 from "./0003_contact.ts";
import * as m0006 from "./0006_profile_tags.ts";
import * as m0007 from "./0007_jobs.ts";
import * as m0008 from "./0008_posts.ts";
import * as m0009 from "./0009_timelines.ts";
import * as m0010 from "./0010_ties.ts";
import * as m0011 from "./0011_events.ts";
import * as m0012 from "./0012_imports.ts";
import * as m0013 from "./0013_public_timeline_order.ts";
import * as m0014 from "./0014_imports_batches.ts";
import * as m0015 from "./0015_ledger_layout.ts";
import * as m0016 from "./0016_posts_partial_indexes.ts";
import * as m0017 from "./0017_badge_and_standing_indexes.ts";
import * as m0018 from "./0018_versions.ts";
import * as m0019 from "./0019_timeline_version.ts";
import * as m0020 from "./0020_posts_roots_covering.ts";
import * as m0021 from "./0021_follows_followers_covering.ts";
import * as m0022 from "./0022_search_merges_in_a_job.ts";
import * as m0023 from "./0023_timeline_version_per_write.ts";
import * as m0024 from "./0024_timeline_state_by_owner.ts";
import * as m0025 from "./0025_timeline_posts_span.ts";
import * as m0026 from "./0026_timeline_without_post_index.ts";
import * as m0027 from "./0027_actor_activity.ts";
import * as m0028 from "./0028_follows_followees_covering.ts";
import * as m0029 from "./0029_pending_media.ts";
import * as m0030 from "./0030_comment_placeholders.ts";
import * as m0031 from "./0031_folded_tags_and_search.ts";
import * as m0032 from "./0032_people_search_public_fields.ts";

/** Append-only: add a new file and a new line; never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  "0001_accounts": m0001,
  "0002_follows": m0002,
  "0003_contact": m0003,
  "0006_profile_tags": m0006,
  "0007_jobs": m0007,
  "0008_posts": m0008,
  "0009_timelines": m0009,
  "0010_ties": m0010,
  "0011_events": m0011,
  "0012_imports": m0012,
  "0013_public_timeline_order": m0013,
  "0014_imports_batches": m0014,
  "0015_ledger_layout": m0015,
  "0016_posts_partial_indexes": m0016,
  "0017_badge_and_standing_indexes": m0017,
  "0018_versions": m0018,
  "0019_timeline_version": m0019,
  "0020_posts_roots_covering": m0020,
  "0021_follows_followers_covering": m0021,
  "0022_search_merges_in_a_job": m0022,
  "0023_timeline_version_per_write": m0023,
  "0024_timeline_state_by_owner": m0024,
  "0025_timeline_posts_span": m0025,
  "0026_timeline_without_post_index": m0026,
  "0027_actor_activity": m0027,
  "0028_follows_followees_covering": m0028,
  "0029_pending_media": m0029,
  "0030_comment_placeholders": m0030,
  "0031_folded_tags_and_search": m0031,
  "0032_people_search_public_fields": m0032,
};
