import type { Layer } from "../../../domain/relationships/types.ts";
import type { Circles } from "../../../services/nurture/circles.ts";
import type { PageContext } from "../../page-context.ts";
import { CirclesPicture, Marker, STAGES } from "../charts/circles.tsx";
import { Layout } from "../layout.tsx";
import { NurtureNav } from "./nurture.tsx";

const LAYERS: Layer[] = [5, 15, 50, 150, 500];

/** My circles: concentric Dunbar layers, each person placed by strength and marked by stage. */
export function NurtureCirclesPage({ ctx, circles }: { ctx: PageContext; circles: Circles }) {
  const { t } = ctx;
  const counts = new Map<string, number>();
  for (const p of circles.people) counts.set(p.stage, (counts.get(p.stage) ?? 0) + 1);
  return (
    <Layout ctx={ctx} title={t("nurture.circles.title")}>
      <h1>{t("nurture.circles.title")}</h1>
      <NurtureNav ctx={ctx} current="/nurture/circles" />
      <p class="muted">{t("nurture.circles.explain")}</p>
      {circles.people.length === 0 ? (
        <p>{t("nurture.circles.empty")}</p>
      ) : (
        <>
          <div class="circles-wrap">
            <CirclesPicture
              people={circles.people}
              label={t("nurture.circles.pictureLabel", { count: circles.people.length })}
              layerLabel={(layer) => t(`nurture.layer.${layer}`)}
              personLabel={(p) =>
                t("nurture.circles.person", {
                  name: p.name,
                  stage: t(`nurture.stage.${p.stage}`),
                  strength: Math.round(p.strength * 100),
                })
              }
            />
          </div>
          {circles.hidden > 0 && <p>{t("nurture.circles.hidden", { count: circles.hidden })}</p>}
          <h2 id="legend-title">{t("nurture.circles.legend")}</h2>
          <ul class="plain legend" aria-labelledby="legend-title">
            {STAGES.map((stage) => (
              <li>
                <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
                  <Marker stage={stage} x={9} y={9} size={5} />
                </svg>{" "}
                {t(`nurture.stage.${stage}`)} ({counts.get(stage) ?? 0})
              </li>
            ))}
          </ul>
          <h2>{t("nurture.circles.byLayer")}</h2>
          {LAYERS.map((layer) => {
            const members = circles.people.filter((p) => p.layer === layer);
            if (members.length === 0) return null;
            return (
              <details>
                <summary>
                  {t(`nurture.layer.${layer}`)} ({members.length})
                </summary>
                <ul>
                  {members.map((p) => (
                    <li>
                      <a href={p.path}>{p.name}</a> — {t(`nurture.stage.${p.stage}`)},{" "}
                      {Math.round(p.strength * 100)} %
                    </li>
                  ))}
                </ul>
              </details>
            );
          })}
        </>
      )}
    </Layout>
  );
}
