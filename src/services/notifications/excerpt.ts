import { plainText, readAst } from "../../domain/posts/text.ts";
import { excerpt } from "../../domain/text/excerpt.ts";

/** A stored post's excerpt ("" for a post without text: only images, or a poll). */
export function postExcerpt(post: { body: string; body_ast: string }): string {
  return excerpt(plainText(readAst(post.body_ast, post.body)));
}
