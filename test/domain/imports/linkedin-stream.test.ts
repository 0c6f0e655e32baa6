import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { it } from "node:test";
import { streamLinkedInMessages } from "../../../src/domain/imports/linkedin-messages.ts";

const OWNER = "https://www.linkedin.com/in/owner-person";
const MESSAGES = 100_000;
const PEOPLE = 50;

/** Yields a synthetic messages.csv in ~64 KB chunks, so the test never holds the whole file either. */
function* generate(): Generator<Buffer> {
  let buf =
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < MESSAGES; i++) {
    const p = i % PEOPLE;
    const other = `https://www.linkedin.com/in/person-${p}`;
    const name = `Person ${p}`;
    const when = new Date(start + i * 15 * 60 * 1000).toISOString().replace("T", " ").slice(0, 19);
    const out = i % 3 !== 0;
    const from = out ? `Owner Person,${OWNER}` : `${name},${other}`;
    const to = out ? `${name},${other}` : `Owner Person,${OWNER}`;
    buf += `conv-${p},,${from},${to},${when} UTC,,"Message number ${i}, with a comma and ""quotes""",INBOX\n`;
    if (buf.length > 65536) {
      yield Buffer.from(buf);
      buf = "";
    }
  }
  yield Buffer.from(buf);
}

it("streams a 100,000-message LinkedIn messages.csv", async () => {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const r = await streamLinkedInMessages(Readable.from(generate()));
  const ms = performance.now() - t0;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  assert.equal(r.people.length, PEOPLE);
  assert.ok(r.facts.length > 0 && r.facts.every((f) => f.kind === "dm_day"));
  // 100,000 messages every 15 minutes span ~1,042 days: at most one fact per (person, day).
  assert.ok(r.facts.length <= 1042 * PEOPLE);
  assert.equal(r.skipped.length, 0);
  console.log(
    `# 100k messages: ${ms.toFixed(0)} ms, ${r.facts.length} dm_day facts, ` +
      `rss before ${(rssBefore / 1048576).toFixed(0)} MB, peak rss ${(peakRss / 1048576).toFixed(0)} MB`,
  );
});
