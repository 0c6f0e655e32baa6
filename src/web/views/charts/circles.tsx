import type { Layer, Stage } from "../../../domain/relationships/types.ts";
import type { CirclePerson } from "../../../services/nurture/circles.ts";

/** Each stage has a colour and a shape, so the legend never relies on colour alone. */
export const STAGE_MARKS: Record<Exclude<Stage, "none">, { color: string; shape: string }> = {
  contacted: { color: "#8a8a8a", shape: "ring" },
  connected: { color: "#2563eb", shape: "square-open" },
  welcomed: { color: "#0d9488", shape: "triangle" },
  consolidating: { color: "#9333ea", shape: "diamond" },
  established: { color: "#15803d", shape: "dot" },
  fading: { color: "#d97706", shape: "square" },
  dormant: { color: "#6b7280", shape: "cross" },
};

export const STAGES = Object.keys(STAGE_MARKS) as Exclude<Stage, "none">[];

const LAYERS: Layer[] = [5, 15, 50, 150, 500];
/** Outer radius of each layer's ring in a 640 × 640 picture. */
const RADII: Record<Layer, [number, number]> = {
  5: [0, 62],
  15: [62, 122],
  50: [122, 188],
  150: [188, 252],
  500: [252, 312],
};
const CENTER = 320;

export function Marker({ stage, x, y, size = 5 }: { stage: Stage; x: number; y: number; size?: number }) {
  const mark = STAGE_MARKS[stage === "none" ? "contacted" : stage];
  const s = size;
  switch (mark.shape) {
    case "ring":
      return <circle cx={x} cy={y} r={s} fill="none" stroke={mark.color} stroke-width="2" />;
    case "square-open":
      return (
        <rect
          x={x - s}
          y={y - s}
          width={2 * s}
          height={2 * s}
          fill="none"
          stroke={mark.color}
          stroke-width="2"
        />
      );
    case "triangle":
      return <path d={`M${x} ${y - s - 1}L${x + s + 1} ${y + s}L${x - s - 1} ${y + s}Z`} fill={mark.color} />;
    case "diamond":
      return (
        <path
          d={`M${x} ${y - s - 1}L${x + s + 1} ${y}L${x} ${y + s + 1}L${x - s - 1} ${y}Z`}
          fill={mark.color}
        />
      );
    case "square":
      return <rect x={x - s} y={y - s} width={2 * s} height={2 * s} fill={mark.color} />;
    case "cross":
      return (
        <path
          d={`M${x - s} ${y - s}L${x + s} ${y + s}M${x + s} ${y - s}L${x - s} ${y + s}`}
          stroke={mark.color}
          stroke-width="2.5"
        />
      );
    default:
      return <circle cx={x} cy={y} r={s} fill={mark.color} />;
  }
}

/** Where each person goes: their layer's ring, nearer the centre the stronger, spread by the golden angle. */
export function placePeople(people: readonly CirclePerson[]) {
  const golden = Math.PI * (3 - Math.sqrt(5));
  const byLayer = new Map<Layer, CirclePerson[]>();
  for (const p of people) byLayer.set(p.layer, [...(byLayer.get(p.layer) ?? []), p]);
  const placed: { person: CirclePerson; x: number; y: number }[] = [];
  for (const layer of LAYERS) {
    const members = (byLayer.get(layer) ?? []).sort((a, b) => b.strength - a.strength);
    const [inner, outer] = RADII[layer];
    const lo = inner + (layer === 5 ? 14 : 8);
    const hi = outer - 8;
    members.forEach((person, i) => {
      const rank = members.length <= 1 ? 0.5 : i / (members.length - 1);
      const r = lo + rank * (hi - lo);
      const angle = i * golden + LAYERS.indexOf(layer);
      placed.push({ person, x: CENTER + r * Math.cos(angle), y: CENTER + r * Math.sin(angle) });
    });
  }
  return placed;
}

/** The circles picture: concentric Dunbar layers, each person a focusable link with their name and stage. */
export function CirclesPicture(p: {
  people: readonly CirclePerson[];
  label: string;
  layerLabel: (layer: Layer) => string;
  personLabel: (person: CirclePerson) => string;
}) {
  const markSize = p.people.length > 200 ? 3.5 : 5;
  return (
    <svg
      viewBox="0 0 640 640"
      width="100%"
      class="circles"
      aria-label={p.label}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{p.label}</title>
      {[...LAYERS].reverse().map((layer) => (
        <circle
          cx={CENTER}
          cy={CENTER}
          r={RADII[layer][1]}
          fill={layer === 5 ? "#2f7d6d22" : "#8881"}
          stroke="#8888"
          stroke-dasharray={layer === 500 ? "4 4" : undefined}
        />
      ))}
      {LAYERS.map((layer) => (
        <text
          x={CENTER}
          y={CENTER - RADII[layer][1] + 14}
          text-anchor="middle"
          font-size="12"
          fill="currentColor"
        >
          {p.layerLabel(layer)}
        </text>
      ))}
      {placePeople(p.people).map(({ person, x, y }) => {
        const label = p.personLabel(person);
        return (
          <a href={person.path} aria-label={label} class="circle-person">
            <title>{label}</title>
            <Marker stage={person.stage} x={x} y={y} size={markSize} />
          </a>
        );
      })}
    </svg>
  );
}
