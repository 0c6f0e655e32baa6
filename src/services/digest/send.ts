import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Forbidden } from "../../domain/errors.ts";
import type { Deps, Viewer } from "../deps.ts";
import type { DigestMessage } from "./compose.ts";

export function mailDir(dataDir: string): string {
  return join(dataDir, "mail");
}

function sender(publicUrl: string, instanceName: string): string {
  const host = new URL(publicUrl).hostname || "localhost";
  return `"${instanceName.replace(/["\\]/g, "")}" <no-reply@${host}>`;
}

/**
 * Sends a message through SMTP_URL with nodemailer; without SMTP, writes it as an .eml file under
 * `<dataDir>/mail/` (listed on the admin page). Returns where it went.
 */
export async function sendMail(
  deps: Pick<Deps, "config" | "clock">,
  message: DigestMessage,
  name: string,
): Promise<{ via: "smtp" | "file"; file?: string }> {
  const from = sender(deps.config.publicUrl, deps.config.instanceName);
  const mail = { from, to: message.to, subject: message.subject, text: message.text, html: message.html };
  // Loaded when a digest goes out, not at start: most processes never send one.
  const { default: nodemailer } = await import("nodemailer");
  if (deps.config.smtpUrl) {
    await nodemailer.createTransport(deps.config.smtpUrl).sendMail(mail);
    return { via: "smtp" };
  }
  const info = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(mail);
  const dir = mailDir(deps.config.dataDir);
  mkdirSync(dir, { recursive: true });
  const stamp = deps.clock.now().toISOString().replace(/[:.]/g, "-");
  const file = `${stamp}-${name.replace(/[^a-z0-9_-]/gi, "_")}.eml`;
  writeFileSync(join(dir, file), info.message as Buffer, { mode: 0o600 });
  return { via: "file", file };
}

export interface MailFile {
  name: string;
  size: number;
  at: string;
}

/**
 * The messages written to disk for want of SMTP, newest first: their names and sizes only, for the
 * administrator to know mail is waiting (their content stays on the server).
 */
export function listMailFiles(deps: Pick<Deps, "config">, viewer: Viewer | null, limit = 50): MailFile[] {
  if (viewer?.role !== "admin") throw new Forbidden();
  const dir = mailDir(deps.config.dataDir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".eml"));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .slice(0, limit)
    .map((name) => {
      const stat = statSync(join(dir, name));
      return { name, size: stat.size, at: stat.mtime.toISOString() };
    });
}
