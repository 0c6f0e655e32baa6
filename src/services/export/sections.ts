/**
 * The personal export is made of sections, each writing its own files into the archive. An area that
 * stores something a person owns adds one section here (one import, one entry). The core sections
 * (profile, network, contacts, messages, ledger, ties) live in core-sections.ts; posts and comments,
 * and events as ICS, in area-sections.ts.
 */
import type { Deps } from "../deps.ts";
import { areaSections } from "./area-sections.ts";
import { coreSections } from "./core-sections.ts";

/** What a section writes with: paths are relative to the archive's root folder. */
export interface ExportWriter {
  /** A file of text (UTF-8) or bytes. */
  add(path: string, content: string | Uint8Array): void;
  /** Pretty-printed JSON. */
  json(path: string, value: unknown): void;
  /** RFC 4180 CSV with a header row (CRLF line ends, fields quoted when needed). */
  csv(path: string, header: string[], rows: readonly (string | number | null | undefined)[][]): void;
}

export interface ExportSection {
  /** A short name, also the folder its files usually go in. */
  name: string;
  write(
    zip: ExportWriter,
    deps: Pick<Deps, "db" | "clock" | "storage" | "config">,
    accountId: string,
  ): Promise<void>;
}

/** Every section, in the order they are written. */
export const exportSections: ExportSection[] = [...coreSections, ...areaSections];
