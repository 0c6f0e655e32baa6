/** The relationship engine: pure functions, clock passed in (RELATIONSHIPS.md). */
export * from "./cadence.ts";
export * from "./layers.ts";
export * from "./ledger.ts";
export * from "./nudges.ts";
export * as params from "./params.ts";
export * from "./report.ts";
export { advance, advanceInPlace, applyFact, meetsEstablishedRule, stageOf } from "./stages.ts";
export {
  displayedStrength,
  initialState,
  rhythmLayer,
  type StageChange,
  stateActivation,
  stateRate,
  stateStrength,
  stateTerms,
  type TieState,
  tieCadence,
} from "./state.ts";
export * from "./strength.ts";
export type * from "./types.ts";
