import type { Browser } from "playwright-core";
import { launchBrowser } from "./browser.ts";
import { type E2EServer, startServer } from "./server.ts";

/** A fresh server and a browser, started side by side; if either fails, the other is closed. */
export async function startServerAndBrowser(): Promise<{ server: E2EServer; browser: Browser }> {
  const [started, launched] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (started.status === "fulfilled" && launched.status === "fulfilled") {
    return { server: started.value, browser: launched.value };
  }
  if (started.status === "fulfilled") await started.value.stop();
  if (launched.status === "fulfilled") await launched.value.close();
  throw started.status === "rejected" ? started.reason : (launched as PromiseRejectedResult).reason;
}
