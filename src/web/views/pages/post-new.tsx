import type { PageContext } from "../../page-context.ts";
import { Composer } from "../composer.tsx";
import type { Errors, Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The composer on a page of its own: where a mistake comes back to, with what was typed. */
export function NewPostPage(p: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors | undefined;
  next?: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t("posts.composer.title")}>
      <h1 class="visually-hidden">{ctx.t("posts.composer.title")}</h1>
      <Composer ctx={ctx} values={p.values} errors={p.errors} next={p.next} />
    </Layout>
  );
}
