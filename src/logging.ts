import { Writable } from "node:stream";
import { configure, getStreamSink, jsonLinesFormatter } from "@logtape/logtape";
import type { Config } from "./config.ts";

/** Structured logs: one JSON object per line on stderr. Secrets are never passed to a logger. */
export async function setUpLogging(config: Pick<Config, "logLevel">): Promise<void> {
  await configure({
    reset: true,
    sinks: { stderr: getStreamSink(Writable.toWeb(process.stderr), { formatter: jsonLinesFormatter }) },
    loggers: [
      { category: ["liens"], lowestLevel: config.logLevel, sinks: ["stderr"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
    ],
  });
}
