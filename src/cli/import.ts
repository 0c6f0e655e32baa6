/**
 * `liens import <file-or-folder> --user <handle>`: the whole import from the command line, with a
 * progress bar on stderr when it is a terminal, and a summary at the end. Matches and merges the
 * review would propose are accepted as proposed.
 */
import { ImportFormatError } from "../domain/imports/model.ts";
import type { Deps } from "../services/deps.ts";
import { importFromPath } from "../services/imports/run.ts";

export const IMPORT_HELP = `Usage: liens import <file-or-folder> --user <handle>

Imports a LinkedIn, X/Twitter or Facebook export (the zip as downloaded, or its folder once
unzipped), a vCard file (Apple, Google, CardDAV), a Google Contacts CSV or Mastodon CSV exports
into the contacts of the account <handle>, with their history (connection dates, message days…).
Matches with Liens members and merges of the same person across sources are accepted as proposed;
import through the web page (Import and export) to review them first. Importing the same file
again changes nothing.`;

const REASONS: Record<string, string> = {
  deactivated_profile: "deactivated profiles",
  draft: "message drafts",
  bad_date: "rows with an unreadable date",
  no_participants: "messages without a sender or recipient",
  no_name: "entries without a name",
  empty_card: "empty cards",
  truncated_card: "cards cut short",
  bad_address: "rows without a valid address",
  bad_row: "unreadable rows",
  unknown_direction: "invitations without a direction",
  not_a_friend: "unreadable friends",
  fact_without_person: "facts about nobody listed",
};

function bar(stream: NodeJS.WriteStream, label: string, fraction: number): void {
  const width = 30;
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  stream.write(
    `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.floor(fraction * 100)}%`,
  );
}

/** Runs the command; returns the exit code (0 done, 1 refused file, 2 usage). */
export async function runImportCommand(
  deps: Deps,
  path: string | undefined,
  user: string | undefined,
  out: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream } = process,
): Promise<number> {
  if (!path || !user) {
    out.stderr.write(`${IMPORT_HELP}\n`);
    return 2;
  }
  const tty = out.stderr.isTTY === true;
  let last = 0;
  try {
    const result = await importFromPath(deps, user, path, {
      onProgress: (phase, fraction) => {
        if (!tty) return;
        const now = Date.now();
        if (fraction < 1 && now - last < 100) return;
        last = now;
        bar(out.stderr, phase === "read" ? "Reading  " : "Importing", fraction);
        if (fraction >= 1) out.stderr.write("\n");
      },
    });
    const { parse, commit } = result;
    const lines = [
      `Imported ${parse.files.join(", ")} for @${user.replace(/^@/, "")}:`,
      `  created:   ${commit.created} new contacts`,
      `  matched:   ${commit.matched} linked to Liens members`,
      `  merged:    ${commit.merged} records merged into another`,
      `  unchanged: ${commit.unchanged} already imported`,
      `  facts:     ${commit.factsAdded} added to the history`,
    ];
    const skipped = Object.entries(parse.skipped);
    if (skipped.length > 0) {
      lines.push(`  skipped:   ${skipped.reduce((n, [, c]) => n + c, 0)}`);
      for (const [reason, count] of skipped) lines.push(`    ${count} ${REASONS[reason] ?? reason}`);
    }
    if (parse.ignoredFiles.length > 0)
      lines.push(`  ${parse.ignoredFiles.length} other files of the archive were not about people`);
    out.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (tty) out.stderr.write("\n");
    if (error instanceof ImportFormatError) {
      out.stderr.write(`Refused, nothing was imported: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
