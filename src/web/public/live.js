// Live updates for a signed-in page (server-sent events from /live): the navigation's unread badges
// and, on the first page of a timeline (home, connections, public, a hashtag's), the "N new posts —
// show" link. Without JavaScript the page works the same, only without updating itself.
(() => {
  const nav = document.querySelector("nav.nav");
  if (!nav || !("EventSource" in window)) return;
  // The timeline this page shows and its newest entry, as the server drew them (timeline.tsx).
  const region = document.querySelector("[data-live-since]");
  const params = new URLSearchParams();
  if (region) {
    params.set("since", region.getAttribute("data-live-since") ?? "");
    const timeline = region.getAttribute("data-live-timeline");
    if (timeline) params.set("timeline", timeline);
    const tag = region.getAttribute("data-live-tag");
    if (tag) params.set("tag", tag);
  }
  const query = params.toString();
  const source = new EventSource(query ? `/live?${query}` : "/live");

  /** The badge inside a navigation link, as the server draws it (a count, and its words for screen readers). */
  function badge(href, value) {
    const link = nav.querySelector(`a[href="${href}"]`);
    if (!link || !value) return;
    let span = link.querySelector(".badge");
    if (value.count === 0) {
      span?.remove();
      return;
    }
    if (!span) {
      span = document.createElement("span");
      span.className = "badge";
      const figure = document.createElement("span");
      figure.setAttribute("aria-hidden", "true");
      const words = document.createElement("span");
      words.className = "visually-hidden";
      span.append(figure, words);
      link.append(span);
    }
    span.children[0].textContent = value.count > 99 ? "99+" : String(value.count);
    span.children[1].textContent = value.label;
  }

  function newPosts(value) {
    const link = document.getElementById("new-posts");
    if (!link || !value) return;
    link.hidden = value.count === 0;
    if (value.count > 0) link.textContent = value.label;
  }

  source.addEventListener("counts", (event) => {
    const counts = JSON.parse(event.data);
    badge("/notifications", counts.notifications);
    badge("/messages", counts.messages);
    newPosts(counts.newPosts);
  });
  // Leaving the page closes the stream at once (the browser would, a little later).
  window.addEventListener("pagehide", () => source.close());
})();
