/** The made-up exports of bench/imports.ts, produced line by line (never held whole). */
import type { Rng } from "./prng.ts";

const FIRST = [
  "Amélie",
  "Bruno",
  "Chloé",
  "Dmitri",
  "Élodie",
  "Farid",
  "Gaëlle",
  "Hugo",
  "Inès",
  "Jules",
  "Kenza",
  "Louis",
];
const LAST = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
];
const COMPANIES = ["Acme, Inc.", "Lumière SA", "Café des 2 Moulins", "Globex", "Initech", "Umbrella"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const csv = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Lines produced lazily, so the generator itself never holds a file whole. */
export function* connectionsCsv(rng: Rng, n: number): Generator<string> {
  yield 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
  yield "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  for (let i = 0; i < n; i++) {
    const day = String(1 + rng.int(28)).padStart(2, "0");
    const date = `${day} ${MONTHS[rng.int(12)]} ${2012 + rng.int(13)}`;
    if (rng.chance(0.01)) {
      yield `,,,,,,${date}\n`;
      continue;
    }
    const email = rng.chance(0.1) ? `person${i}@example.org` : "";
    yield `${[rng.pick(FIRST), `${rng.pick(LAST)}${i}`, `https://www.linkedin.com/in/person-${i}`, email, rng.pick(COMPANIES), "Engineer", date].map(csv).join(",")}\n`;
  }
}

export function* messagesCsv(rng: Rng, connections: number, n: number): Generator<string> {
  yield "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n";
  const owner = ["Bench Owner", "https://www.linkedin.com/in/bench-owner"];
  // Most messages go to a few hundred people, as in a real inbox.
  const active = Math.min(connections, 2000);
  for (let i = 0; i < n; i++) {
    const who = rng.chance(0.8) ? rng.int(active) : rng.int(connections);
    const other = [`Person ${who}`, `https://www.linkedin.com/in/person-${who}`];
    const [from, to] = rng.chance(0.5) ? [owner, other] : [other, owner];
    const at = new Date(Date.UTC(2015, 0, 1) + rng.int(10 * 365 * 86400) * 1000)
      .toISOString()
      .replace("T", " ")
      .slice(0, 19);
    yield `${[`conv-${who}`, "", from[0] ?? "", from[1] ?? "", to[0] ?? "", to[1] ?? "", `${at} UTC`, "", `Message ${i}, about "things"`, "INBOX"].map(csv).join(",")}\n`;
  }
}

export function* invitationsCsv(rng: Rng, connections: number): Generator<string> {
  yield "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  for (let i = 0; i < Math.min(500, connections); i++) {
    const who = rng.int(connections);
    yield `Bench Owner,Person ${who},"1/28/24, 9:05 AM","We met at the meetup ${i}",OUTGOING,https://www.linkedin.com/in/bench-owner,https://www.linkedin.com/in/person-${who}\n`;
  }
}

export function* vcards(rng: Rng, n: number): Generator<string> {
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST);
    const last = `${rng.pick(LAST)}${i}`;
    yield [
      "BEGIN:VCARD",
      "VERSION:3.0",
      `UID:card-${i}`,
      `FN:${first} ${last}`,
      `N:${last};${first};;;`,
      `EMAIL;TYPE=home:card${i}@example.net`,
      `TEL;TYPE=cell:+33 6 ${String(10_000_000 + i).slice(0, 8)}`,
      `ORG:${rng.pick(COMPANIES).replace(/,/g, "\\,")}`,
      rng.chance(0.3)
        ? `BDAY:--${String(1 + rng.int(12)).padStart(2, "0")}${String(1 + rng.int(28)).padStart(2, "0")}`
        : "NOTE:Met at a party",
      "CATEGORIES:Friends,Lyon",
      "END:VCARD",
      "",
    ].join("\r\n");
  }
}
