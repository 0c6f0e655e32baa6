/** Shared by the import tests: made-up exports (a LinkedIn zip, an overlapping vCard) and small helpers. */

import { drainJobs } from "../../src/services/jobs/run.ts";
import { makeZip } from "../domain/imports/helpers.ts";
import type { TestContext } from "../helpers/context.ts";

export { makeZip };

export const CONNECTIONS = `Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Amélie,Poulain,https://www.linkedin.com/in/amelie-poulain-123,,Café des 2 Moulins,Serveuse,03 Feb 2024
Bruno,Da Silva,https://www.linkedin.com/in/brunodasilva/,bruno@example.org,"Acme, Inc.",Engineer,15 Mar 2019
,,,,,,21 Jun 2020
Chloé,Martin,https://www.linkedin.com/in/chloe-martin,,Lumière SA,Designer,10 Jan 2023
`;

export const INVITATIONS = `From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Owner Person,Amélie Poulain,"1/28/24, 9:05 AM","Hi Amélie, we met at the Paris meetup!",OUTGOING,https://www.linkedin.com/in/owner-person,https://www.linkedin.com/in/amelie-poulain-123
`;

export const MESSAGES = `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
c1,,Owner Person,https://www.linkedin.com/in/owner-person,Amélie Poulain,https://www.linkedin.com/in/amelie-poulain-123,2024-02-05 10:00:00 UTC,,Hello!,INBOX
c1,,Amélie Poulain,https://www.linkedin.com/in/amelie-poulain-123,Owner Person,https://www.linkedin.com/in/owner-person,2024-02-05 18:30:00 UTC,,Hi!,INBOX
c1,,Amélie Poulain,https://www.linkedin.com/in/amelie-poulain-123,Owner Person,https://www.linkedin.com/in/owner-person,2024-02-07 08:00:00 UTC,,Ping,INBOX
c2,,Owner Person,https://www.linkedin.com/in/owner-person,Chloé Martin,https://www.linkedin.com/in/chloe-martin,2024-03-01 08:00:00 UTC,,Hey Chloé,INBOX
`;

export function linkedInZip(): Buffer {
  return makeZip([
    { name: "Connections.csv", data: CONNECTIONS, deflate: true },
    { name: "Invitations.csv", data: INVITATIONS, deflate: true },
    { name: "messages.csv", data: MESSAGES, deflate: true },
    { name: "Profile.csv", data: "First Name,Last Name,Headline\nOwner,Person,Hello\n" },
    { name: "media/photo.jpg", data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
  ]);
}

/** An address book where Amélie has her LinkedIn URL (a URL match) and Chloé the same name and company. */
export const VCARD = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "UID:card-amelie",
  "FN:Amélie Poulain",
  "N:Poulain;Amélie;;;",
  "EMAIL;TYPE=home:amelie@example.net",
  "TEL;TYPE=cell:+33 6 12 34 56 78",
  "URL:https://linkedin.com/in/amelie-poulain-123/",
  "BDAY:--0415",
  "CATEGORIES:Paris,Friends",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "UID:card-chloe",
  "FN:Chloé Martin",
  "ORG:Lumière SA",
  "EMAIL:chloe@example.net",
  "END:VCARD",
  "BEGIN:VCARD",
  "VERSION:3.0",
  "UID:card-dmitri",
  "FN:Dmitri Ivanov",
  "EMAIL:dmitri@example.net",
  "NOTE:Met at the climbing gym",
  "END:VCARD",
  "",
].join("\r\n");

export async function counts(ctx: TestContext, ownerId: string) {
  const [contacts, facts, staged] = await Promise.all([
    ctx.deps.db
      .selectFrom("contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", ownerId)
      .executeTakeFirstOrThrow(),
    ctx.deps.db
      .selectFrom("interactions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("owner_id", "=", ownerId)
      .executeTakeFirstOrThrow(),
    ctx.deps.db
      .selectFrom("import_people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { contacts: Number(contacts.n), facts: Number(facts.n), staged: Number(staged.n) };
}

/** Runs the queued jobs and fails if one of them failed (a crash is never an answer to bad input). */
export async function runJobs(ctx: TestContext): Promise<void> {
  await drainJobs(ctx.deps);
  const failed = await ctx.deps.db
    .selectFrom("jobs")
    .select(["kind", "last_error"])
    .where((eb) => eb.or([eb("status", "=", "failed"), eb("last_error", "is not", null)]))
    .execute();
  if (failed.length > 0) throw new Error(`A job failed: ${JSON.stringify(failed)}`);
}
