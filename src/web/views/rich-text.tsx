import { type Inline, parseRichText } from "../../domain/text/rich-text.ts";

function InlineToken({ token }: { token: Inline }) {
  if (token.kind === "break") return <br />;
  if (token.kind === "text") return <>{token.text}</>;
  return (
    <a href={token.href} rel="nofollow ugc noopener">
      {token.text}
    </a>
  );
}

/** Someone's text as paragraphs, with line breaks and safe links; every character escaped by JSX. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseRichText(text).map((paragraph) => (
        <p>
          {paragraph.map((token) => (
            <InlineToken token={token} />
          ))}
        </p>
      ))}
    </>
  );
}
