import type { MailFile } from "../../../services/digest/send.ts";
import type { PageContext } from "../../page-context.ts";

/** For the admin page: mail written to disk because no SMTP_URL is set (names and sizes, not content). */
export function MailOutbox({ ctx, files }: { ctx: PageContext; files: MailFile[] }) {
  const { t, fmt } = ctx;
  return (
    <section class="card" aria-labelledby="mail-title">
      <h2 id="mail-title">{t("digest.outbox.title")}</h2>
      <p class="muted">{t("digest.outbox.explain")}</p>
      {files.length === 0 ? (
        <p>{t("digest.outbox.empty")}</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li>
              <code>{f.name}</code> — {fmt.dateTime(f.at)} —{" "}
              {t("digest.outbox.size", { kb: Math.ceil(f.size / 1024) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
