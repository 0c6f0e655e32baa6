// The "@" suggestions of a post's or comment's text (src/web/views/composer.tsx), for the keyboard and
// the caret: ArrowDown goes from the text to the suggestions, the arrows move among them, Escape goes
// back; after a pick the server sends the field back completed, and the caret goes after the handle.
// Without JavaScript the field is a plain text area.
(() => {
  const suggestions = () => [...document.querySelectorAll("#mention-suggestions button")];
  const field = () => document.getElementById("field-body");

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const buttons = suggestions();
    if (buttons.length === 0) return;
    if (target.id === "field-body" && event.key === "ArrowDown") {
      event.preventDefault();
      buttons[0].focus();
      return;
    }
    const at = buttons.indexOf(target);
    if (at === -1) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) field()?.focus();
      else buttons[Math.min(next, buttons.length - 1)].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      field()?.focus();
    }
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    if (!(event.target instanceof HTMLElement) || event.target.id !== "body-field") return;
    const text = field();
    if (!(text instanceof HTMLTextAreaElement)) return;
    text.focus();
    text.setSelectionRange(text.value.length, text.value.length);
  });
})();
