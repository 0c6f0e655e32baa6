import type { KeptImage } from "../../../services/posts/images.ts";
import type { PageContext } from "../../page-context.ts";
import { Composer } from "../composer.tsx";
import type { Errors, Values } from "../form.tsx";
import { Layout } from "../layout.tsx";

/** The composer on a page of its own: where a mistake comes back to, with what was typed and chosen. */
export function NewPostPage(p: {
  ctx: PageContext;
  values?: Values;
  errors?: Errors | undefined;
  kept?: KeptImage[];
  next?: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={ctx.t("posts.composer.title")}>
      <h1 class="visually-hidden">{ctx.t("posts.composer.title")}</h1>
      <Composer ctx={ctx} values={p.values} errors={p.errors} kept={p.kept} next={p.next} />
    </Layout>
  );
}
