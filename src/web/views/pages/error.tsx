import type { PageContext } from "../../page-context.ts";
import { Layout } from "../layout.tsx";

export function ErrorPage({ ctx, status, message }: { ctx: PageContext; status: number; message: string }) {
  const { t } = ctx;
  const titleKey = [403, 404, 413, 422, 429, 500].includes(status)
    ? `error.title.${status}`
    : "error.title.default";
  return (
    <Layout ctx={ctx} title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </Layout>
  );
}
