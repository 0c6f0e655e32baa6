import { configure, jsonLinesFormatter, type LogRecord } from "@logtape/logtape";
import type { Config } from "./config.ts";

/** One JSON line per record on stderr (a plain function sink: reconfiguring never closes stderr). */
function stderrSink(record: LogRecord): void {
  process.stderr.write(jsonLinesFormatter(record));
}

/** Structured logs: one JSON object per line on stderr. Secrets are never passed to a logger. */
export async function setUpLogging(config: Pick<Config, "logLevel">): Promise<void> {
  await configure({
    reset: true,
    sinks: { stderr: stderrSink },
    loggers: [
      { category: ["liens"], lowestLevel: config.logLevel, sinks: ["stderr"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["stderr"] },
    ],
  });
}
