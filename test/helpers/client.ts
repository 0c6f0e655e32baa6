import type { Hono } from "hono";

/**
 * A browser-like client over `app.request`: keeps cookies, and sends the CSRF token from its cookie
 * with every form, as our pages do.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: Hono<never> | { request: Hono["request"] },
    readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader());
    const response = await this.app.request(`http://localhost:3000${path}`, { ...init, headers });
    this.remember(response);
    return response;
  }

  get(path: string, init: RequestInit = {}): Promise<Response> {
    return this.request(path, init);
  }

  /** A page with a form sets the CSRF cookie: the sign-in form for visitors, any page once signed in. */
  private async ensureCsrfCookie(): Promise<void> {
    if (!this.cookies.has("liens_csrf")) await this.get("/signin");
    if (!this.cookies.has("liens_csrf")) await this.get("/");
  }

  csrfToken(): string {
    return this.cookies.get("liens_csrf") ?? "";
  }

  /** Posts a form; first fetches a page if no CSRF cookie is held yet, as a browser would have. */
  async post(path: string, fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
    await this.ensureCsrfCookie();
    const body = new URLSearchParams({ _csrf: this.csrfToken(), ...fields });
    return this.request(path, {
      ...init,
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...(init.headers ?? {}) },
    });
  }

  async postMultipart(path: string, form: FormData): Promise<Response> {
    await this.ensureCsrfCookie();
    form.set("_csrf", this.csrfToken());
    return this.request(path, { method: "POST", body: form });
  }
}
