import { after, before } from "node:test";
import type { Browser, BrowserContextOptions } from "playwright-core";
import { launchBrowser, newVisitor, type Visitor } from "./browser.ts";
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

/**
 * A journey file's stage: a server and a browser started before its tests, and the visitors its tests
 * open, each finished (no browser error, every page checked) and closed after them, then the browser
 * and the server. Call it at the top of the file.
 */
export function setStage() {
  let started: { server: E2EServer; browser: Browser } | undefined;
  const people: Visitor[] = [];
  before(async () => {
    started = await startServerAndBrowser();
  });
  after(async () => {
    try {
      for (const p of people.splice(0)) await p.finish();
    } finally {
      await started?.browser.close();
      await started?.server.stop();
    }
  });
  const ready = () => {
    if (!started) throw new Error("The stage is set before the tests: use it inside one.");
    return started;
  };
  return {
    get server(): E2EServer {
      return ready().server;
    },
    /** A new visitor in a browser context of their own, finished with the stage. */
    async visitor(options: BrowserContextOptions = {}): Promise<Visitor> {
      const visitor = await newVisitor(ready().browser, ready().server.url, options);
      people.push(visitor);
      return visitor;
    },
    /** Finishes the visitors opened so far: a journey's last test, that what they met was sound. */
    async finishVisitors(): Promise<void> {
      for (const p of people.splice(0)) await p.finish();
    },
  };
}
