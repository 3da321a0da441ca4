/**
 * Letterboxd's reviews are HTML (`<p>`, `<br />`, `<i>`, entities). Reelrank keeps reviews as
 * plain text, rendered escaped: paragraphs and line breaks become new lines, tags go, entities
 * are decoded.
 */
import { convert } from "html-to-text";

export function reviewToText(html: string): string {
  if (!html.trim()) return "";
  return convert(html, {
    wordwrap: false,
    preserveNewlines: true,
    selectors: [
      { selector: "a", options: { ignoreHref: true } },
      { selector: "img", format: "skip" },
      { selector: "h1", options: { uppercase: false } },
      { selector: "h2", options: { uppercase: false } },
      { selector: "h3", options: { uppercase: false } },
      { selector: "blockquote", options: { trimEmptyLines: true } },
    ],
  })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
