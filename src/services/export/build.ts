/**
 * Builds a personal export (a background job): every registered section writes into one zip, stored
 * for seven days. A section that fails fails the export (retried by the queue), never a partial file.
 */
import { PassThrough } from "node:stream";
import yazl from "yazl";
import { addSeconds, type Deps } from "../deps.ts";
import { toCsv } from "./csv.ts";
import { type ExportWriter, exportSections } from "./sections.ts";

export const EXPORT_TTL_SECONDS = 7 * 24 * 3600;

/** Writes every section of `accountId` into a zip and returns its bytes. */
export async function writeExportZip(
  deps: Pick<Deps, "db" | "clock" | "storage" | "config">,
  accountId: string,
  root: string,
  sections = exportSections,
): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = deps.clock.now();
  const seen = new Set<string>();
  const add = (path: string, content: string | Uint8Array) => {
    const clean = path.replace(/^\/+/, "").replace(/\.\.+/g, ".");
    if (seen.has(clean)) throw new Error(`Two export sections wrote ${clean}`);
    seen.add(clean);
    zip.addBuffer(
      typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content),
      `${root}/${clean}`,
      {
        mtime,
      },
    );
  };
  const writer: ExportWriter = {
    add,
    json: (path, value) => add(path, `${JSON.stringify(value, null, 2)}\n`),
    csv: (path, header, rows) => add(path, toCsv(header, rows)),
  };
  for (const section of sections) await section.write(writer, deps, accountId);
  add(
    "README.txt",
    [
      "Your data from Liens",
      "",
      `Exported ${mtime.toISOString()} from ${deps.config.publicUrl}.`,
      "Each folder holds one part of your account, as CSV (for spreadsheets) and JSON (for programs).",
      "contacts/contacts.vcf holds your contacts as one vCard 4.0 file (Apple, Google, CardDAV…),",
      "which Liens itself can import again.",
      "",
      `Sections: ${sections.map((s) => s.name).join(", ")}`,
      "",
    ].join("\r\n"),
  );
  zip.end();
  const chunks: Buffer[] = [];
  const out = zip.outputStream.pipe(new PassThrough());
  for await (const chunk of out) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The export job: builds the archive of a pending export and marks it ready for seven days. */
export async function buildExport(deps: Deps, exportId: string): Promise<void> {
  const row = await deps.db
    .selectFrom("exports as e")
    .innerJoin("actors as a", "a.id", "e.owner_id")
    .select(["e.owner_id", "e.status", "a.handle"])
    .where("e.id", "=", exportId)
    .executeTakeFirst();
  if (row?.status !== "pending") return;
  const now = deps.clock.now();
  const stamp = now.toISOString().slice(0, 10);
  const bytes = await writeExportZip(deps, row.owner_id, `liens-${row.handle}-${stamp}`);
  const key = `exports/${row.owner_id}/${exportId}.zip`;
  await deps.storage.put(key, bytes);
  await deps.db
    .updateTable("exports")
    .set({
      status: "ready",
      file_key: key,
      size: bytes.length,
      finished_at: now.toISOString(),
      expires_at: addSeconds(now, EXPORT_TTL_SECONDS),
    })
    .where("id", "=", exportId)
    .execute();
}
