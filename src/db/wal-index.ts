import { closeSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";

/**
 * How far SQLite's WAL has grown and how much of it has been copied back, read from the wal-index
 * (the `-shm` file every connection to the database maps) as SQLite documents it
 * (https://sqlite.org/walformat.html §2.1): `mxFrame`, the frames in the WAL, is a 32-bit integer at
 * byte 16 of the header; `nBackfill`, the frames copied back, at byte 96, after the header's two
 * copies. The integers are in the machine's byte order. One read of 100 bytes: the exact state at any
 * moment, where a checkpoint's result is only that of its end. A read may race with a writer: its
 * answer is a hint (the next read corrects it), never a decision SQLite depends on.
 */
const HEADER_BYTES = 100;
const MX_FRAME = 16;
const N_BACKFILL = 96;

export interface WalProgress {
  /** Frames (pages) in the WAL. */
  frames: number;
  /** Of those, frames not yet copied back into the database. */
  backlog: number;
}

export interface WalIndex {
  progress(): WalProgress;
  close(): void;
}

export function openWalIndex(databasePath: string): WalIndex {
  let fd: number | null = null;
  const buffer = Buffer.alloc(HEADER_BYTES);
  const read = endianness() === "LE" ? buffer.readUInt32LE.bind(buffer) : buffer.readUInt32BE.bind(buffer);
  return {
    progress() {
      try {
        fd ??= openSync(`${databasePath}-shm`, "r");
        if (readSync(fd, buffer, 0, HEADER_BYTES, 0) < HEADER_BYTES) return { frames: 0, backlog: 0 };
      } catch {
        // No wal-index yet (no connection has opened the database in WAL mode).
        return { frames: 0, backlog: 0 };
      }
      const frames = read(MX_FRAME);
      return { frames, backlog: Math.max(0, frames - read(N_BACKFILL)) };
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
