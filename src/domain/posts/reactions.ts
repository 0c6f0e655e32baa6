/** The fixed set of reactions: a like and a few emoji. Stored by key; shown as the emoji. */
export const REACTIONS = {
  like: "👍",
  love: "❤️",
  laugh: "😂",
  wow: "😮",
  sad: "😢",
  celebrate: "🎉",
} as const;

export type ReactionKey = keyof typeof REACTIONS;
export const REACTION_KEYS = Object.keys(REACTIONS) as ReactionKey[];

export function isReaction(value: unknown): value is ReactionKey {
  return typeof value === "string" && Object.hasOwn(REACTIONS, value);
}
